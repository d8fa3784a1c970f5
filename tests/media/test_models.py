"""Pluggable visual models: a YOLO-style detector and a CLIP-style zero-shot backend, with ONNX models built here."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from tests.media import factories as f
from zabta.screening.media.analyse import analyse_media
from zabta.screening.media.config import MediaConfig, MediaConfigError
from zabta.screening.media.objects import OnnxDetector, decode_rows, load_class_map
from zabta.screening.media.zeroshot import ClipOnnxBackend

CLASSES = ["uniform", "weapon", "police_vehicle"]


def constant_model(path: Path, output: np.ndarray, size: int = 64) -> Path:
    """A valid ONNX graph whose output is `output` whatever the picture (0 * sum(input) + constant)."""
    const = numpy_helper.from_array(output.astype(np.float32), "const")
    zero = numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero")
    nodes = [
        helper.make_node("ReduceSum", ["images"], ["total"], keepdims=0),
        helper.make_node("Mul", ["total", "zero"], ["nothing"]),
        helper.make_node("Add", ["const", "nothing"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, size, size])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, list(output.shape))],
        initializer=[const, zero],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def yolov8_output() -> np.ndarray:
    """Two candidate boxes in the 64 px letterboxed input: a confident weapon and a weak uniform."""
    rows = np.array(
        [
            [32, 32, 16, 16, 0.05, 0.90, 0.01],  # cx, cy, w, h, uniform, weapon, vehicle
            [10, 10, 8, 8, 0.20, 0.01, 0.01],
        ],
        dtype=np.float32,
    )
    return rows.T[None]  # YOLOv8: [1, 4 + classes, boxes]


def test_detector_decodes_yolov8_output_into_picture_coordinates(tmp_path: Path) -> None:
    model = constant_model(tmp_path / "det.onnx", yolov8_output())
    detector = OnnxDetector(model, CLASSES, threshold=0.4)
    [det] = detector.detect(np.zeros((128, 256, 3), dtype=np.uint8))  # letterboxed: scale 0.25, 16 px top pad
    assert det.label == "weapon" and det.score == pytest.approx(0.9)
    x, y, w, h = det.box
    assert (x, y, w, h) == pytest.approx((96.0, 32.0, 64.0, 64.0))


def test_yolov5_layout_multiplies_objectness() -> None:
    rows = np.array([[5, 5, 2, 2, 0.5, 0.2, 0.9, 0.1]], dtype=np.float32)[None]  # [1, boxes, 5 + classes]
    decoded = decode_rows(rows, 3)
    assert decoded[0, 5] == 1 and decoded[0, 4] == pytest.approx(0.45)


def test_output_that_fits_no_layout_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="does not fit 3 classes"):
        decode_rows(np.zeros((1, 10, 9), dtype=np.float32), 3)


def test_broken_model_and_class_map_are_configuration_errors(tmp_path: Path) -> None:
    junk = tmp_path / "model.onnx"
    junk.write_bytes(b"<html>not a model</html>")
    with pytest.raises(MediaConfigError, match="cannot be loaded"):
        OnnxDetector(junk, CLASSES)
    bad_map = tmp_path / "classes.json"
    bad_map.write_text("{oops")
    with pytest.raises(MediaConfigError, match="cannot be read"):
        load_class_map(bad_map)
    bad_map.write_text(json.dumps({"1": "weapon", "0": "uniform"}))
    assert load_class_map(bad_map) == ["uniform", "weapon"]


def test_configured_detector_gives_police_identifier_signal_with_timecode(tmp_path: Path) -> None:
    model = constant_model(tmp_path / "det.onnx", yolov8_output())
    classes = tmp_path / "classes.json"
    classes.write_text(json.dumps(CLASSES))
    video = f.write_video(tmp_path / "v.mp4", f.slideshow([f.scene(121)], 1.0), frames=25)
    config = dataclasses.replace(MediaConfig(), detector_model=model, detector_classes=classes, nudity_enabled=False)
    report = analyse_media(video, config)
    assert report.checks["object_detector"].ran
    assert "police_identifiers" not in report.checks  # a visual check ran: no "not run" warning
    [signal] = [s for s in report.signals() if s.label == "police_identifier"]
    assert signal.evidence[0].text == "weapon" and signal.evidence[0].timecode == 0.0


def clip_files(tmp_path: Path) -> tuple[Path, Path]:
    model = constant_model(tmp_path / "clip.onnx", np.array([[1.0, 0.1, 0.0]]), size=224)
    labels = tmp_path / "labels.npz"
    np.savez(labels, labels=np.array(["police uniform", "other: street scene"]),
             embeddings=np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))  # fmt: skip
    return model, labels


def test_zero_shot_backend_scores_labels(tmp_path: Path) -> None:
    model, labels = clip_files(tmp_path)
    scores = ClipOnnxBackend(model, labels).classify(np.zeros((300, 400, 3), dtype=np.uint8))
    best = max(scores, key=lambda s: s.score)
    assert best.label == "police uniform" and best.score > 0.99


def test_zero_shot_labels_file_must_match_embeddings(tmp_path: Path) -> None:
    model, _ = clip_files(tmp_path)
    bad = tmp_path / "bad.npz"
    np.savez(bad, labels=np.array(["a", "b", "c"]), embeddings=np.eye(2))
    with pytest.raises(MediaConfigError, match="one embedding row per label"):
        ClipOnnxBackend(model, bad)


def test_broken_model_is_reported_by_its_check_and_the_rest_still_runs(tmp_path: Path) -> None:
    junk = tmp_path / "det.onnx"
    junk.write_bytes(b"not a model")
    classes = tmp_path / "classes.json"
    classes.write_text(json.dumps(CLASSES))
    img = f.save(f.caption(f.scene(122, 800, 450), "SINDH POLICE", at=(60, 60)), tmp_path / "p.png")
    config = dataclasses.replace(MediaConfig(), detector_model=junk, detector_classes=classes, nudity_enabled=False,
                                 reference_dir=tmp_path / "missing")  # fmt: skip
    report = analyse_media(img, config)
    assert not report.checks["object_detector"].ran
    assert "cannot be loaded" in report.checks["object_detector"].detail
    assert "does not exist" in report.checks["reference_marks"].detail
    assert "NOT a finding" in report.checks["police_identifiers"].detail
    assert [s.label for s in report.signals()] == ["police_marking"]
