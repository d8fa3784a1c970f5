"""Pluggable zero-shot (CLIP-style) image classifier: operator-provided ONNX image encoder + label embeddings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
import onnxruntime as ort  # type: ignore[import-untyped]
from numpy.typing import NDArray

from zabta.screening.media.config import MediaConfigError

_MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
_STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)


@dataclass(frozen=True, slots=True)
class ZeroShotScore:
    label: str
    score: float


class ZeroShotBackend(Protocol):
    """What any zero-shot backend offers: label probabilities for one picture."""

    def classify(self, rgb: NDArray[np.uint8]) -> list[ZeroShotScore]: ...


class ClipOnnxBackend:
    """CLIP image tower exported to ONNX; prompts pre-embedded by the operator into an .npz (labels, embeddings)."""

    def __init__(self, image_model: Path, label_embeddings: Path, *, input_size: int = 224) -> None:
        try:
            self.session = ort.InferenceSession(str(image_model), providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors for missing or corrupt files
            raise MediaConfigError(f"zero-shot image model {image_model} cannot be loaded: {exc}") from exc
        try:
            with np.load(label_embeddings, allow_pickle=False) as data:
                self.labels = [str(v) for v in data["labels"]]
                emb = np.asarray(data["embeddings"], dtype=np.float32)
        except (OSError, KeyError, ValueError) as exc:
            raise MediaConfigError(
                f"zero-shot labels {label_embeddings}: an .npz with labels and embeddings ({exc})"
            ) from exc
        if emb.ndim != 2 or len(self.labels) != emb.shape[0]:
            raise MediaConfigError(f"zero-shot labels {label_embeddings}: one embedding row per label")
        self.text = emb / np.linalg.norm(emb, axis=1, keepdims=True)
        self.size = input_size

    def classify(self, rgb: NDArray[np.uint8]) -> list[ZeroShotScore]:
        name = self.session.get_inputs()[0].name
        image = np.asarray(self.session.run(None, {name: self._tensor(rgb)})[0], dtype=np.float32).reshape(-1)
        logits = 100.0 * self.text @ (image / np.linalg.norm(image))
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        return [ZeroShotScore(label, float(p)) for label, p in zip(self.labels, probs, strict=True)]

    def _tensor(self, rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
        h, w = rgb.shape[:2]
        scale = self.size / min(h, w)
        resized = cv2.resize(rgb, (max(self.size, round(w * scale)), max(self.size, round(h * scale))))
        y, x = (resized.shape[0] - self.size) // 2, (resized.shape[1] - self.size) // 2
        crop = resized[y : y + self.size, x : x + self.size].astype(np.float32) / 255.0
        return np.asarray(((crop - _MEAN) / _STD).transpose(2, 0, 1)[None], dtype=np.float32)
