"""Pluggable ONNX object detector (YOLO-style outputs) for uniforms, weapons and police vehicles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort  # type: ignore[import-untyped]
from numpy.typing import NDArray

from zabta.screening.media.config import MediaConfigError

_IOU = 0.45


@dataclass(frozen=True, slots=True)
class Detection:
    """One object the detector saw: class name, confidence and box in picture pixels (x, y, w, h)."""

    label: str
    score: float
    box: tuple[float, float, float, float]


def load_class_map(path: Path) -> list[str]:
    """Class names by index, from a JSON list or an object {"0": "uniform", ...}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = [data[k] for k in sorted(data, key=int)]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError) as exc:
        raise MediaConfigError(f"detector class map {path} cannot be read: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise MediaConfigError(f"detector class map {path}: a non-empty JSON list or object of class names")
    return [str(v) for v in data]


class OnnxDetector:
    """Runs a YOLOv5/v8-style ONNX model on CPU and decodes its boxes."""

    def __init__(self, model: Path, classes: list[str], *, threshold: float = 0.4, input_size: int = 640) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        try:
            self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors for missing or corrupt files
            raise MediaConfigError(f"object detector model {model} cannot be loaded: {exc}") from exc
        self.input = self.session.get_inputs()[0]
        shape = self.input.shape
        self.size = shape[2] if isinstance(shape[2], int) else input_size
        self.classes, self.threshold = classes, threshold

    def detect(self, rgb: NDArray[np.uint8]) -> list[Detection]:
        tensor, scale, pad = letterbox(rgb, self.size)
        raw = np.asarray(self.session.run(None, {self.input.name: tensor})[0], dtype=np.float32)
        rows = decode_rows(raw, len(self.classes))
        return self._select(rows, scale, pad)

    def _select(self, rows: NDArray[np.float32], scale: float, pad: tuple[float, float]) -> list[Detection]:
        boxes, scores, labels = rows[:, :4], rows[:, 4], rows[:, 5].astype(int)
        keep = scores >= self.threshold
        boxes, scores, labels = boxes[keep], scores[keep], labels[keep]
        xywh = [_unletterbox(b, scale, pad) for b in boxes]
        chosen = cv2.dnn.NMSBoxesBatched(xywh, scores.tolist(), labels.tolist(), self.threshold, _IOU) if xywh else []
        return [Detection(self.classes[labels[i]], float(scores[i]), xywh[i]) for i in np.asarray(chosen).reshape(-1)]


def letterbox(rgb: NDArray[np.uint8], size: int) -> tuple[NDArray[np.float32], float, tuple[float, float]]:
    """Resize keeping the aspect ratio into a grey size x size square; NCHW float in [0, 1]."""
    h, w = rgb.shape[:2]
    scale = size / max(h, w)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    canvas = np.full((size, size, 3), 114, dtype=np.uint8)
    px, py = (size - nw) / 2, (size - nh) / 2
    canvas[int(py) : int(py) + nh, int(px) : int(px) + nw] = cv2.resize(rgb, (nw, nh))
    tensor = canvas.transpose(2, 0, 1)[None].astype(np.float32) / 255.0
    return tensor, scale, (float(int(px)), float(int(py)))


def decode_rows(raw: NDArray[np.float32], classes: int) -> NDArray[np.float32]:
    """Rows of (cx, cy, w, h, score, class) from YOLOv8 (4+nc) or YOLOv5 (5+nc, objectness) layouts."""
    out = raw.reshape(raw.shape[-2], raw.shape[-1]) if raw.ndim == 3 else raw
    if out.shape[0] in (4 + classes, 5 + classes) and out.shape[1] not in (4 + classes, 5 + classes):
        out = out.T
    if out.shape[1] == 4 + classes:
        cls = out[:, 4:]
    elif out.shape[1] == 5 + classes:
        cls = out[:, 5:] * out[:, 4:5]
    else:
        raise ValueError(f"detector output {raw.shape} does not fit {classes} classes (YOLOv5 or v8 layout)")
    best = cls.argmax(axis=1)
    score = cls[np.arange(len(cls)), best]
    return np.column_stack([out[:, :4], score, best]).astype(np.float32)


def _unletterbox(box: NDArray[np.float32], scale: float, pad: tuple[float, float]) -> tuple[float, float, float, float]:
    cx, cy, w, h = (float(v) for v in box)
    return ((cx - w / 2 - pad[0]) / scale, (cy - h / 2 - pad[1]) / scale, w / scale, h / scale)
