"""Fingerprints: SHA-256 for identity, PDQ for pictures, per-second PDQ sets (vPDQ-style) for video."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pdqhash  # type: ignore[import-untyped]
from numpy.typing import NDArray

PDQ_BITS = 256
PDQ_MIN_QUALITY = 50  # vPDQ drops frames below this quality (flat or nearly flat pictures)
VPDQ_DISTANCE = 31
VPDQ_QUERY_PERCENT = 80.0
VPDQ_TARGET_PERCENT = 0.0
CROP_KEEP = 0.9
# Parts of a frame hashed besides the whole frame, as (left, top, right, bottom) shares of its size.
# PDQ moves far (distance 90-100 on textured frames) when a picture shifts by 5% of its width, so a copy
# cropped by 10% only meets a hash of the same region of its original. Every scan hashes the centre
# (variant 1: a centre crop then matches from either side); a video enrolled in a bank also hashes the
# regions left by a 10% cut from each side and corner, so a copy cropped off-centre still meets its entry.
CROPS: dict[int, tuple[float, float, float, float]] = {
    1: (0.05, 0.05, 0.95, 0.95),  # centre
    2: (0.1, 0.1, 1.0, 1.0),  # cut from the top-left corner
    3: (0.0, 0.1, 0.9, 1.0),  # top-right corner
    4: (0.1, 0.0, 1.0, 0.9),  # bottom-left corner
    5: (0.0, 0.0, 0.9, 0.9),  # bottom-right corner
    6: (0.1, 0.0, 1.0, 1.0),  # left side
    7: (0.0, 0.0, 0.9, 1.0),  # right side
    8: (0.0, 0.1, 1.0, 1.0),  # top
    9: (0.0, 0.0, 1.0, 0.9),  # bottom
    10: (0.05, 0.0, 0.95, 1.0),  # both sides (pillarbox removed)
    11: (0.0, 0.05, 1.0, 0.95),  # top and bottom (letterbox removed)
}
QUERY_VARIANTS = (0, 1)  # what screening hashes per second of video (fast)
ENROL_VARIANTS = (0, *CROPS)  # what a bank entry holds per second
_PDQ_MAX_SIDE = 512  # PDQ reduces to 64x64 itself; pre-shrinking saves time and changes little


@dataclass(frozen=True, slots=True)
class PdqHash:
    """A 256-bit PDQ hash in the 64-digit hex form ThreatExchange uses, with its quality (0-100)."""

    hex: str
    quality: int


@dataclass(frozen=True, slots=True)
class FrameHash:
    """One vPDQ feature: the PDQ hash of the frame at the start of a second of video."""

    second: int
    timecode: float
    frame: int
    pdq: PdqHash
    variant: int = 0  # 0: the whole frame; otherwise the region CROPS[variant] of it


@dataclass(frozen=True, slots=True)
class VideoMatch:
    """How two videos' per-second hash sets overlap under the vPDQ rule."""

    query_percent: float
    target_percent: float
    best_distance: int

    def matches(self, query_percent: float = VPDQ_QUERY_PERCENT, target_percent: float = VPDQ_TARGET_PERCENT) -> bool:
        return self.query_percent >= query_percent and self.target_percent >= target_percent


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def pdq(rgb: NDArray[np.uint8]) -> PdqHash:
    """PDQ hash of an RGB picture."""
    height, width = rgb.shape[:2]
    scale = _PDQ_MAX_SIDE / max(height, width)
    if scale < 1:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        rgb = np.asarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    bits, quality = pdqhash.compute(np.ascontiguousarray(rgb))
    return PdqHash(hex=bits_to_hex(np.asarray(bits)), quality=int(quality))


def bits_to_hex(bits: NDArray[np.generic]) -> str:
    # pdqhash's vector already runs from bit 255 down to bit 0 (its hash_to_vector reverses the words'
    # bits), which is the order of the reference hex form (Hash256::format prints w[15] first, MSB first).
    packed = np.packbits(np.asarray(bits, dtype=np.uint8))
    return packed.tobytes().hex()


def hex_to_bytes(value: str) -> bytes:
    raw = bytes.fromhex(value)
    if len(raw) != PDQ_BITS // 8:
        raise ValueError(f"a PDQ hash has 64 hex digits, got {len(value)}")
    return raw


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def crop(rgb: NDArray[np.uint8], variant: int) -> NDArray[np.uint8]:
    """The part of `rgb` that hash variant `variant` covers (0: all of it)."""
    if variant == 0:
        return rgb
    left, top, right, bottom = CROPS[variant]
    h, w = rgb.shape[:2]
    return np.ascontiguousarray(rgb[round(h * top) : round(h * bottom), round(w * left) : round(w * right)])


def center_crop(rgb: NDArray[np.uint8], keep: float = CROP_KEEP) -> NDArray[np.uint8]:
    h, w = rgb.shape[:2]
    dy, dx = round(h * (1 - keep) / 2), round(w * (1 - keep) / 2)
    return np.ascontiguousarray(rgb[dy : h - dy, dx : w - dx])


def _usable(hashes: Iterable[FrameHash]) -> dict[int, list[str]]:
    """Good-quality hashes grouped by second (a second may carry several crop variants)."""
    out: dict[int, set[str]] = {}
    for h in hashes:
        if h.pdq.quality >= PDQ_MIN_QUALITY:
            out.setdefault(h.second, set()).add(h.pdq.hex)
    return {second: sorted(values) for second, values in out.items()}


def _as_matrix(values: Sequence[str]) -> NDArray[np.uint8]:
    return np.frombuffer(b"".join(bytes.fromhex(v) for v in values), dtype=np.uint8).reshape(-1, 32)


def _distances(query: Sequence[str], target: Sequence[str]) -> NDArray[np.int64]:
    q, t = _as_matrix(query), _as_matrix(target)
    xor = np.bitwise_xor(q[:, None, :], t[None, :, :])
    return np.unpackbits(xor, axis=2).sum(axis=2, dtype=np.int64)


def _owners(groups: dict[int, list[str]]) -> tuple[list[str], NDArray[np.int64]]:
    values = [v for vs in groups.values() for v in vs]
    owners = np.array([second for second, vs in groups.items() for _ in vs], dtype=np.int64)
    return values, owners


def compare_videos(
    query: Iterable[FrameHash], target: Iterable[FrameHash], distance: int = VPDQ_DISTANCE
) -> VideoMatch:
    """The vPDQ rule over seconds: share of each side's seconds with a hash within `distance` of the other side.

    vPDQ counts unique hashes; counting seconds instead lets each second carry crop variants without a
    variant that matches nothing diluting the share.
    """
    q_groups, t_groups = _usable(query), _usable(target)
    if not q_groups or not t_groups:
        return VideoMatch(0.0, 0.0, PDQ_BITS)
    (q_values, q_owner), (t_values, t_owner) = _owners(q_groups), _owners(t_groups)
    dist = _distances(q_values, t_values)
    close = dist <= distance
    dist_min = int(dist.min())
    q_hit = set(q_owner[close.any(axis=1)].tolist())
    t_hit = set(t_owner[close.any(axis=0)].tolist())
    return VideoMatch(
        query_percent=100.0 * len(q_hit) / len(q_groups),
        target_percent=100.0 * len(t_hit) / len(t_groups),
        best_distance=dist_min,
    )
