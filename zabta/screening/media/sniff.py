"""Recognise a file's real format from its first bytes and check that its extension does not lie."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zabta.screening.media.errors import EmptyMedia, TypeMismatch, UnsupportedMedia

# kind is provisional for containers that hold video or audio only ("av"): the probe decides.
_EXTENSIONS: dict[str, set[str]] = {
    ".jpg": {"jpeg"},
    ".jpeg": {"jpeg"},
    ".png": {"png"},
    ".gif": {"gif"},
    ".webp": {"webp"},
    ".mp4": {"isobmff"},
    ".m4v": {"isobmff"},
    ".mov": {"isobmff"},
    ".m4a": {"isobmff"},
    ".3gp": {"isobmff"},
    ".webm": {"matroska"},
    ".mkv": {"matroska"},
    ".mka": {"matroska"},
    ".wav": {"wav"},
    ".mp3": {"mp3"},
    ".ogg": {"ogg"},
    ".oga": {"ogg"},
    ".opus": {"ogg"},
    ".flac": {"flac"},
    ".aac": {"adts"},
}
IMAGE_FORMATS = frozenset({"jpeg", "png", "gif", "webp"})
AUDIO_FORMATS = frozenset({"wav", "mp3", "ogg", "flac", "adts"})
AV_FORMATS = frozenset({"isobmff", "matroska"})
_MOV_ATOMS = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The format read from the file's own bytes, and the broad kind it implies."""

    format: str
    kind: str  # "image", "audio" or "av" (video or audio; the probe decides)


def sniff_bytes(head: bytes) -> str | None:
    """The format whose signature starts `head`, or None."""
    checks: tuple[tuple[bool, str], ...] = (
        (head.startswith(b"\xff\xd8\xff"), "jpeg"),
        (head.startswith(b"\x89PNG\r\n\x1a\n"), "png"),
        (head[:6] in (b"GIF87a", b"GIF89a"), "gif"),
        (head[:4] == b"RIFF" and head[8:12] == b"WEBP", "webp"),
        (head[:4] == b"RIFF" and head[8:12] == b"WAVE", "wav"),
        (head[4:8] in _MOV_ATOMS, "isobmff"),
        (head.startswith(b"\x1a\x45\xdf\xa3"), "matroska"),
        (head.startswith(b"OggS"), "ogg"),
        (head.startswith(b"fLaC"), "flac"),
        (head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] in (0xFB, 0xF3, 0xF2)), "mp3"),
        (len(head) > 1 and head[0] == 0xFF and head[1] in (0xF1, 0xF9), "adts"),
    )
    return next((fmt for ok, fmt in checks if ok), None)


def _kind(fmt: str) -> str:
    if fmt in IMAGE_FORMATS:
        return "image"
    return "audio" if fmt in AUDIO_FORMATS else "av"


def claims_media(path: Path) -> bool:
    """Whether `path` is to be screened as media: its first bytes are an image, video or audio signature, or
    its name claims a media type (then `sniff_file` decides, and refuses a file whose content disagrees)."""
    if path.suffix.lower() in _EXTENSIONS:
        return True
    with path.open("rb") as handle:
        return sniff_bytes(handle.read(64)) is not None


def sniff_file(path: Path) -> Sniffed:
    """Sniff `path`; raise a typed error when it is empty, unknown, or its extension lies."""
    if not path.is_file():
        raise UnsupportedMedia(f"{path.name}: not a regular file")
    with path.open("rb") as handle:
        head = handle.read(64)
    if not head:
        raise EmptyMedia(f"{path.name}: the file is empty (0 bytes)")
    fmt = sniff_bytes(head)
    if fmt is None:
        raise UnsupportedMedia(f"{path.name}: not a recognised image, video or audio format")
    expected = _EXTENSIONS.get(path.suffix.lower())
    if expected is not None and fmt not in expected:
        claimed = "/".join(sorted(expected))
        raise TypeMismatch(f"{path.name}: the extension says {claimed} but the content is {fmt}")
    return Sniffed(format=fmt, kind=_kind(fmt))
