"""Where evidence is stored, from the environment: local files by default, an S3-compatible bucket when named.

Read by settings.py (``STORAGES["evidence"]``); see docs/configuration.md. Fails loudly on half a configuration.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from zabta.env import ConfigError, env_str

PREFIX = "ZABTA_EVIDENCE_S3_"
ADDRESSING_STYLES = ("auto", "path", "virtual")


def _get(name: str) -> str:
    return env_str(PREFIX + name, "").strip()


def _endpoint() -> str | None:
    url = _get("ENDPOINT_URL")
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{PREFIX}ENDPOINT_URL={url!r} is not an http(s) URL")
    return url


def _credentials() -> dict[str, str]:
    access, secret = _get("ACCESS_KEY"), _get("SECRET_KEY")
    if bool(access) != bool(secret):
        raise ConfigError(f"set both {PREFIX}ACCESS_KEY and {PREFIX}SECRET_KEY (or _FILE variants), or neither")
    return {"access_key": access, "secret_key": secret} if access else {}


def _tls() -> dict[str, Any]:
    bundle = _get("CA_BUNDLE")
    if not bundle:
        return {}
    if not Path(bundle).is_file():
        raise ConfigError(f"{PREFIX}CA_BUNDLE={bundle!r} is not a file")
    return {"verify": bundle}


def s3_storage_from_env() -> dict[str, Any] | None:
    """The ``STORAGES["evidence"]`` entry for an S3 bucket, or None for the local default."""
    bucket = _get("BUCKET")
    if not bucket:
        stray = [n for n in ("ENDPOINT_URL", "REGION", "ACCESS_KEY", "SECRET_KEY", "PREFIX") if _get(n)]
        if stray:
            raise ConfigError(f"{PREFIX}{stray[0]} is set but {PREFIX}BUCKET is not")
        return None
    style = _get("ADDRESSING_STYLE") or "auto"
    if style not in ADDRESSING_STYLES:
        raise ConfigError(f"{PREFIX}ADDRESSING_STYLE={style!r} is not one of {', '.join(ADDRESSING_STYLES)}")
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": _get("PREFIX").strip("/") or "evidence",
        "endpoint_url": _endpoint(),
        "region_name": _get("REGION") or None,
        "addressing_style": None if style == "auto" else style,
        **_credentials(),
        **_tls(),
    }
    return {"BACKEND": "zabta.evidence.s3.EvidenceS3Storage", "OPTIONS": options}


def describe(storage_settings: dict[str, Any] | None, local_dir: Path) -> str:
    """One line for operators: where evidence goes (never the secret)."""
    if storage_settings is None:
        return f"local files under {local_dir}"
    options = storage_settings.get("OPTIONS", {})
    if "bucket_name" not in options:
        return f"storage {storage_settings.get('BACKEND')}"
    where = options.get("endpoint_url") or "AWS S3"
    return f"S3 bucket {options.get('bucket_name')} (prefix {options.get('location', '')}/) at {where}"
