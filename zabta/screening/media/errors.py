"""Typed errors for media that cannot be screened safely; each names the problem in plain words."""


class MediaError(Exception):
    """Base class: the file was not analysed, and the message says why."""

    code = "media_error"


class EmptyMedia(MediaError):
    code = "empty"


class UnsupportedMedia(MediaError):
    code = "unsupported"


class TypeMismatch(MediaError):
    code = "type_mismatch"


class MediaTooLarge(MediaError):
    code = "too_large"


class DecompressionBomb(MediaTooLarge):
    code = "decompression_bomb"


class MalformedMedia(MediaError):
    code = "malformed"


class DecodeTimeout(MediaError):
    code = "timeout"
