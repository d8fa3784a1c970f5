"""Keys that make the same item recognisable however it reaches us: normalised URL and content hash."""

import hashlib
import unicodedata
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from zabta.content.models import Platform

TRACKING_PREFIXES = ("utm_", "fbclid", "igshid", "si", "_r", "mibextid", "is_from_webapp", "sender_device")
PLATFORM_HOSTS = {
    "tiktok.com": Platform.TIKTOK,
    "facebook.com": Platform.FACEBOOK,
    "fb.watch": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "whatsapp.com": Platform.WHATSAPP,
}
MAX_URL = 2000


def url_key(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith(TRACKING_PREFIXES)]
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), host + port, path, urlencode(sorted(query)), ""))


def platform_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    for suffix, platform in PLATFORM_HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return str(platform)
    return str(Platform.WEB) if host else str(Platform.UNKNOWN)


def content_hash(text: str, media_hashes: Iterable[str]) -> str:
    """SHA-256 over the NFC, whitespace-collapsed text and the sorted media hashes."""
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    joined = clean + "\n" + "\n".join(sorted(set(media_hashes)))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
