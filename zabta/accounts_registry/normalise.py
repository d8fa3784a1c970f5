"""Handle and URL normalisation, so that a lookup matches however a handle was written (no Django)."""

import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

# Invisible characters used to make two handles look alike but compare unequal.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")  # fmt: skip
# Letters from other scripts that render like Latin ones (Unicode confusables, the ones seen in practice).
_CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "г": "r", "ɡ": "g", "ɩ": "i", "ı": "i", "ʟ": "l", "ⅼ": "l", "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k",
    "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "β": "b", "ү": "y", "һ": "h", "ԍ": "g", "ɑ": "a",
})  # fmt: skip
_HOST_PREFIXES = ("www.", "m.", "mobile.", "web.", "mbasic.", "touch.", "vm.", "vt.")
_PLATFORM_HOSTS = {
    "tiktok": ("tiktok.com",),
    "facebook": ("facebook.com", "fb.com", "fb.me"),
    "whatsapp": ("whatsapp.com",),
    "instagram": ("instagram.com", "instagr.am"),
    "youtube": ("youtube.com", "youtu.be"),
    "x": ("x.com", "twitter.com"),
}
_SKIP_SEGMENTS = {"channel", "c", "user", "pages", "people", "pg", "profile.php"}
_HANDLE_CHARS = re.compile(r"[^0-9a-z._\-\u0600-\u06ff]")
MAX_INPUT = 500
MAX_URL = 300


def fold(text: str) -> str:
    """Unicode-fold text for comparison: NFKC, no invisible characters, lower case, confusables to Latin."""
    text = unicodedata.normalize("NFKC", text[:MAX_INPUT])
    text = _INVISIBLE.sub("", text)
    return text.casefold().translate(_CONFUSABLES).strip()


def looks_like_url(value: str) -> bool:
    if "://" in value:
        return True
    host = value.split("/", 1)[0]
    return any(host.endswith(h) for hosts in _PLATFORM_HOSTS.values() for h in hosts)


def platform_of_url(value: str) -> str | None:
    """Which platform a URL belongs to, if any."""
    host = _host(value)
    for platform, hosts in _PLATFORM_HOSTS.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            return platform
    return None


def _host(value: str) -> str:
    parts = urlsplit(value if "://" in value else f"https://{value}")
    host = (parts.hostname or "").rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def _handle_from_url(platform: str, value: str) -> str:
    parts = urlsplit(value if "://" in value else f"https://{value}")
    segments = [s for s in parts.path.split("/") if s]
    if platform == "facebook" and segments[:1] == ["profile.php"]:
        ids = parse_qs(parts.query).get("id", [""])
        return f"id:{ids[0]}"
    if platform == "facebook" and segments[:1] == ["pages"] and len(segments) >= 3:
        return segments[2] if segments[2].isdigit() else segments[1]
    for segment in segments:
        if segment.startswith("@") or segment not in _SKIP_SEGMENTS:
            return segment
    return ""


def normalise_handle(platform: str, handle_or_url: str) -> str:
    """The comparison key of an account: 'SindhPolice', '@sindhpolice', 'https://m.facebook.com/SindhPolice/?ref=x'
    and 'ѕindhpolice' (Cyrillic s) all give 'sindhpolice'. '' when nothing usable remains."""
    value = fold(handle_or_url)
    value = re.sub(r"\s+", "", value)
    if looks_like_url(value):
        value = _handle_from_url(platform, value)
    value = value.split("?", 1)[0].split("#", 1)[0].strip("/").lstrip("@")
    if value.startswith("id:"):
        return "id:" + re.sub(r"\D", "", value[3:])
    return _HANDLE_CHARS.sub("", value).strip(".")


class BadAccountUrl(ValueError):
    """A URL given for an account that is not an http(s) link to that account on that platform."""


def checked_account_url(platform: str, key: str, url: str) -> str:
    """The URL if it is a plain http(s) link on the platform's own site naming the same account, else raises.

    Rejected: other schemes (javascript:, data:, file:), credentials in the link, other hosts, over-long links and
    links to a different account than the handle given."""
    url = url.strip()
    if len(url) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise BadAccountUrl("too long or contains spaces or control characters")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        raise BadAccountUrl("not an http(s) link")
    if platform_of_url(url) != platform:
        raise BadAccountUrl("not a link on this platform")
    if normalise_handle(platform, url) != key:
        raise BadAccountUrl("the link names a different account than the handle")
    return url


def canonical_url(platform: str, key: str) -> str:
    """A clean URL for a normalised handle (for display and links)."""
    if key.startswith("id:"):
        return f"https://www.facebook.com/profile.php?id={key[3:]}"
    templates = {
        "tiktok": "https://www.tiktok.com/@{}", "facebook": "https://www.facebook.com/{}",
        "whatsapp": "https://whatsapp.com/channel/{}", "instagram": "https://www.instagram.com/{}/",
        "youtube": "https://www.youtube.com/@{}", "x": "https://x.com/{}",
    }  # fmt: skip
    return templates.get(platform, "{}").format(key)
