"""OCR with Tesseract (Urdu, Sindhi, English): find text lines, scale and pad them, read them in batches."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from numpy.typing import NDArray

from zabta.screening.media import tesseract

PAD = 40  # Tesseract reads nothing on some unpadded Urdu lines
# Tesseract's Urdu model reads Naskh reliably when the ink of a line is about 32 px high and returns ""
# at some other sizes (see STACK-NOTES); a line that comes back empty is tried again at the retry height.
INK_HEIGHT = 32
RETRY_INK_HEIGHT = 44
# Nastaliq slants its words down to the left, so its ink is about twice as tall as Naskh's at one font size:
# scaled to 32 px its letters are too small. An Arabic-script line no model read with confidence is read
# again at this height, by the language models and by Tesseract's Arabic script model (Debian's
# tesseract-ocr-script-arab, language "Arabic") when it is installed; the best fitting reading wins.
# Rendered Nastaliq captions (bench/media_ocr.py): character accuracy 0.52 -> 0.57 at 32 px, 0.61 -> 0.71 at
# 48 px (of which the script model 0.68 -> 0.71); Naskh captions, settled in the first reading, are unchanged.
TALL_INK_HEIGHT = 56
SCRIPT_MODEL = "Arabic"
_GAP = 24
_MAX_REGIONS = 24
_BATCH_TIMEOUT_S = 60
_MIN_CONFIDENCE = 45.0
_SETTLED = 75.0  # a reading this good in one script is not tried in the other
_SAME_STRIP = 0.3  # thumbnail difference, as a share of the ink, below which two strips are one caption

Box = tuple[int, int, int, int]  # x, y, w, h


@dataclass(frozen=True, slots=True)
class OcrLine:
    """Text read from one region of one picture."""

    source: int  # index of the picture in the batch
    text: str
    languages: str
    box: Box
    confidence: float


@dataclass(frozen=True, slots=True)
class _Strip:
    source: int
    region: int
    box: Box
    bw: NDArray[np.uint8]


@cache
def available(languages: str) -> tuple[bool, str]:
    """Whether Tesseract and each wanted language are installed; if not, a reason."""
    try:
        installed = tesseract.installed_languages()
    except tesseract.TesseractError as exc:
        return False, str(exc)
    missing = [lang for lang in languages.split("+") if lang not in installed]
    return (not missing, f"missing Tesseract language data: {', '.join(missing)}" if missing else "")


def describe(languages: str) -> str:
    """What reads text, for the report's OCR check: the models and the second reading of unsure lines."""
    tall = _tall_groups(languages)
    if not tall:
        return f"Tesseract {languages}"
    script = " and the Arabic script model" if SCRIPT_MODEL in tall else ""
    return f"Tesseract {languages}; unsure Arabic-script lines read again taller ({tall[0]}{script})"


def load(languages: str) -> None:
    """Load the Tesseract engines `languages` will use (otherwise the first picture read loads them)."""
    for group in dict.fromkeys(_script_groups(languages) + _tall_groups(languages)):
        tesseract.engine(group)


def text_regions(rgb: NDArray[np.uint8]) -> list[Box]:
    """Boxes that look like lines of text: dense edges closed into wide, short blobs, box borders removed."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    grad = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    _, edges = cv2.threshold(grad, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bw = np.asarray(edges, dtype=np.uint8)
    bw = np.asarray(cv2.subtract(bw, _long_lines(bw)), dtype=np.uint8)  # a box's frame swallows the lines inside it
    bw = np.asarray(cv2.dilate(bw, np.ones((3, 3), np.uint8)), dtype=np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, rgb.shape[1] // 40), 5))
    closed = np.asarray(cv2.morphologyEx(bw, cv2.MORPH_CLOSE, kernel), dtype=np.uint8)
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    height = rgb.shape[0]
    boxes = [_as_box(cv2.boundingRect(c)) for c in contours]
    keep = [b for b in boxes if b[2] >= 24 and 10 <= b[3] <= height * 0.3 and _fill(closed, b) >= 0.2]
    # Lines are wide; a Nastaliq word alone is about as tall as it is wide, so the shape is judged once the
    # words of a line are joined.
    keep = [b for b in _merge_words(keep) if b[2] >= 1.2 * b[3]]
    keep.sort(key=lambda b: -b[2] * b[3])
    return [_grow(b, rgb.shape) for b in keep[:_MAX_REGIONS]]


def _long_lines(bw: NDArray[np.uint8]) -> NDArray[np.uint8]:
    h, w = bw.shape
    across = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, w // 6), 1)))
    down = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(40, h // 6))))
    lines = cv2.bitwise_or(across, down)
    return np.asarray(cv2.dilate(lines, np.ones((3, 3), np.uint8)), dtype=np.uint8)


def _merge_words(boxes: list[Box]) -> list[Box]:
    """Join boxes on one line separated by less than a line height (words of one caption)."""
    boxes = sorted(boxes)
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                if _same_line(a, boxes[j]):
                    boxes[i] = _union(a, boxes.pop(j))
                    merged = True
                    break
            if merged:
                break
    return boxes


def _same_line(a: Box, b: Box) -> bool:
    overlap = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    gap = max(a[0], b[0]) - min(a[0] + a[2], b[0] + b[2])
    return overlap >= 0.6 * min(a[3], b[3]) and gap <= max(a[3], b[3])


def _union(a: Box, b: Box) -> Box:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    return x0, y0, max(a[0] + a[2], b[0] + b[2]) - x0, max(a[1] + a[3], b[1] + b[3]) - y0


def _as_box(rect: Sequence[int]) -> Box:
    return int(rect[0]), int(rect[1]), int(rect[2]), int(rect[3])


def _fill(mask: NDArray[np.uint8], box: Box) -> float:
    x, y, w, h = box
    return float(mask[y : y + h, x : x + w].mean()) / 255.0


def _grow(box: Box, shape: tuple[int, ...]) -> Box:
    x, y, w, h = box
    m = max(4, h // 4)
    x0, y0 = max(0, x - m), max(0, y - m)
    return x0, y0, min(shape[1], x + w + m) - x0, min(shape[0], y + h + m) - y0


def binarise(gray: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Dark text on white: Otsu, the majority class made white, dark blobs hugging the edges removed.

    The majority is counted in the middle of the strip: its margin (a quarter of the line height on each
    side) is the picture around a caption box, which is often dark and can outweigh the box itself.
    """
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    h, w = bw.shape
    if float(bw[h // 5 : h - h // 5, w // 10 : w - w // 10].mean()) < 128:
        bw = 255 - bw
    return _clear_frame(np.asarray(bw, dtype=np.uint8))


def bright_text(gray: NDArray[np.uint8]) -> NDArray[np.uint8] | None:
    """Burned-in captions are often white letters with a dark outline: keep only the brightest pixels."""
    share = float((gray >= 200).mean())
    if not 0.05 <= share <= 0.5:
        return None
    bw = _clear_frame(np.where(gray >= 200, 0, 255).astype(np.uint8))
    rows, cols = np.nonzero(bw < 128)
    if rows.size and float((bw[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1] < 128).mean()) > 0.5:
        return None  # a solid white box with dark letters (binarise reads it), not white letters
    return bw


def prepare(bw: NDArray[np.uint8], ink_height: int = INK_HEIGHT) -> NDArray[np.uint8]:
    """A binarised line cut to its ink, scaled so the ink is `ink_height` px high, with a white border."""
    rows, cols = np.nonzero(bw < 128)
    if rows.size:
        bw = bw[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    factor = min(8.0, ink_height / max(1, bw.shape[0]))
    if abs(factor - 1.0) > 0.05:
        interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
        bw = np.asarray(cv2.resize(bw, None, fx=factor, fy=factor, interpolation=interpolation), dtype=np.uint8)
    return np.asarray(cv2.copyMakeBorder(bw, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255), dtype=np.uint8)


def _clear_frame(bw: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Whiten dark blobs touching the edge (a caption box's surround, a cut-off neighbour), which derail Tesseract.

    Regions are grown by a quarter of their height, so the letters of the line itself do not touch the edge.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(255 - bw, connectivity=8)
    h, w = bw.shape
    out = bw.copy()
    for i in range(1, count):
        x, y, cw, ch = stats[i, :4]
        touches = x == 0 or y == 0 or x + cw == w or y + ch == h
        if touches:
            out[labels == i] = 255
    return out


def read_regions(
    pictures: Sequence[NDArray[np.uint8]], boxes: Sequence[Sequence[Box]], languages: str
) -> list[OcrLine]:
    """OCR every box of every picture, one Tesseract call per script group over all the distinct strips."""
    return OcrReader(languages).read(pictures, boxes)


class OcrReader:
    """Reads the pictures of one media file, in one batch or a few at a time (keyframes as a video decodes).

    A caption repeated over many keyframes is read once: each strip that looks like one read before
    takes that reading (per ink height, as a retry at another height reads different pixels).
    """

    def __init__(self, languages: str) -> None:
        self.languages = languages
        self.pictures = 0
        self.regions: list[int] = []  # text regions found per picture
        self._groups = _script_groups(languages)
        self._tall_groups = _tall_groups(languages)
        self._memory: dict[int, list[_Known]] = {INK_HEIGHT: [], RETRY_INK_HEIGHT: [], TALL_INK_HEIGHT: []}

    def read(self, pictures: Sequence[NDArray[np.uint8]], boxes: Sequence[Sequence[Box]]) -> list[OcrLine]:
        """Lines of `pictures` (sources numbered on from the pictures read before), in source order."""
        first = self.pictures
        self.pictures += len(pictures)
        self.regions.extend(len(b) for b in boxes)
        strips = [s for i, (rgb, regions) in enumerate(zip(pictures, boxes, strict=True))
                  for s in _strips(first + i, rgb, regions)]  # fmt: skip
        best = _best_per_region(self._read(strips, INK_HEIGHT, self._groups))
        empty = [s for s in strips if (s.source, s.region) not in best]
        if empty:
            best.update(_best_per_region(self._read(empty, RETRY_INK_HEIGHT, self._groups)))
        unsure = [s for s in strips if _unsure(best.get((s.source, s.region)))]
        if unsure and self._tall_groups:
            earlier = [(s, best[(s.source, s.region)]) for s in unsure if (s.source, s.region) in best]
            best.update(_best_per_region(earlier + self._read(unsure, TALL_INK_HEIGHT, self._tall_groups)))
        return [best[key] for key in sorted(best)]

    def read_picture(self, rgb: NDArray[np.uint8]) -> list[OcrLine]:
        """One more picture: its text regions found and read."""
        return self.read([rgb], [text_regions(rgb)])

    def _read(self, strips: Sequence[_Strip], ink_height: int, groups: Sequence[str]) -> list[tuple[_Strip, OcrLine]]:
        """Plausible readings of the strips: one Tesseract call per script group over the new distinct strips.

        Groups run in order (Latin first: it is several times faster); a strip read confidently in one script
        is not sent to the next group, so a page of English captions never pays for the Urdu model.
        """
        if not strips:
            return []
        memory = self._memory[ink_height]
        known = len(memory)
        heads = [_match(memory, prepare(s.bw, ink_height)) for s in strips]
        self._read_new(memory[known:], groups)
        return [(strip, OcrLine(strip.source, text, group, strip.box, conf))
                for strip, head in zip(strips, heads, strict=True)
                for group, text, conf in memory[head].readings]  # fmt: skip

    def _read_new(self, new: Sequence[_Known], groups: Sequence[str]) -> None:
        pending = list(new)
        for group in groups:
            if not pending:
                break
            sheet, offsets = _stack([k.prepared for k in pending])
            settled: set[int] = set()
            for slot, text, conf in _ocr_sheet(sheet, offsets, group):
                fit = _fit(OcrLine(0, text, group, (0, 0, 0, 0), conf))
                if fit >= _MIN_CONFIDENCE:
                    pending[slot].readings.append((group, text, conf))
                    if fit >= _SETTLED:
                        settled.add(slot)
            pending = [k for slot, k in enumerate(pending) if slot not in settled]


@dataclass(slots=True)
class _Known:
    """A distinct strip (scaled and padded as Tesseract reads it) and its plausible readings."""

    prepared: NDArray[np.uint8]
    thumb: NDArray[np.float32]
    readings: list[tuple[str, str, float]]  # (script group, text, confidence)


def _strips(source: int, rgb: NDArray[np.uint8], regions: Sequence[Box]) -> list[_Strip]:
    gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    out: list[_Strip] = []
    for region, box in enumerate(regions):
        x, y, w, h = box
        crop = gray[y : y + h, x : x + w]
        variants = (binarise(crop), bright_text(crop))
        out.extend(_Strip(source, region, box, bw) for bw in variants if bw is not None)
    return out


def _best_per_region(lines: Sequence[tuple[_Strip, OcrLine]]) -> dict[tuple[int, int], OcrLine]:
    best: dict[tuple[int, int], OcrLine] = {}
    for strip, line in lines:
        key = (strip.source, strip.region)
        if key not in best or _fit(line) > _fit(best[key]):
            best[key] = line
    return best


def _match(memory: list[_Known], prepared: NDArray[np.uint8]) -> int:
    """The index in `memory` of a strip that looks the same as `prepared`, which is added if there is none."""
    thumb = cv2.resize(prepared, (96, 16), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    for index, known in enumerate(memory):
        if _same_strip(known.prepared, prepared, known.thumb, thumb):
            return index
    memory.append(_Known(prepared, thumb, []))
    return len(memory) - 1


def _same_strip(a: NDArray[np.uint8], b: NDArray[np.uint8], ta: NDArray[np.float32], tb: NDArray[np.float32]) -> bool:
    if abs(a.shape[1] / a.shape[0] - b.shape[1] / b.shape[0]) > 0.1 * a.shape[1] / a.shape[0]:
        return False
    ink = max(float((1.0 - ta).mean()), float((1.0 - tb).mean()), 1e-3)
    return float(np.abs(ta - tb).mean()) < _SAME_STRIP * ink


def _fit(line: OcrLine) -> float:
    """Confidence weighted by how much of the text is in the script its models read."""
    letters = [c for c in line.text if c.isalpha()]
    if not letters:
        return line.confidence * 0.5 if any(c.isdigit() for c in line.text) else 0.0
    latin = line.languages == "eng"
    fitting = sum(1 for c in letters if ("LATIN" in unicodedata.name(c, "")) == latin)
    return line.confidence * fitting / len(letters)


def _unsure(line: OcrLine | None) -> bool:
    """No reading, or an Arabic-script one below the confidence that settles a line."""
    return line is None or (line.languages != "eng" and _fit(line) < _SETTLED)


def _tall_groups(languages: str) -> list[str]:
    """The Arabic-script models that read unsure lines again at TALL_INK_HEIGHT: the wanted languages, then
    the Arabic script model when it is installed (it is not required: without it OCR still runs)."""
    arabic = [group for group in _script_groups(languages) if group != "eng"]
    if arabic and SCRIPT_MODEL not in languages.split("+") and _has_script_model():
        arabic.append(SCRIPT_MODEL)
    return arabic


@cache
def _has_script_model() -> bool:
    try:
        return SCRIPT_MODEL in tesseract.installed_languages()
    except tesseract.TesseractError:
        return False


def _script_groups(languages: str) -> list[str]:
    """Latin and Arabic-script models read each other's letters as garbage when mixed: run them apart."""
    wanted = [lang for lang in languages.split("+") if lang]
    latin = [lang for lang in wanted if lang == "eng"]
    arabic = [lang for lang in wanted if lang != "eng"]
    return ["+".join(g) for g in (latin, arabic) if g]


def _stack(images: Sequence[NDArray[np.uint8]]) -> tuple[NDArray[np.uint8], list[int]]:
    width = max(i.shape[1] for i in images)
    rows, offsets, y = [], [], 0
    for img in images:
        offsets.append(y)
        rows.append(cv2.copyMakeBorder(img, 0, _GAP, 0, width - img.shape[1], cv2.BORDER_CONSTANT, value=255))
        y += img.shape[0] + _GAP
    return np.vstack(rows), offsets


def _ocr_sheet(sheet: NDArray[np.uint8], offsets: list[int], languages: str) -> list[tuple[int, str, float]]:
    """(strip index, text, mean word confidence) for each strip Tesseract read on the sheet."""
    words: dict[int, list[tuple[int, str, float]]] = {}
    for word in tesseract.engine(languages).words(sheet, timeout_s=_BATCH_TIMEOUT_S):
        centre = word.box[1] + word.box[3] // 2
        slot = max((j for j, off in enumerate(offsets) if off <= centre), default=0)
        words.setdefault(slot, []).append((word.box[0], word.text, word.confidence))
    return [(slot, _join(items, languages), sum(w[2] for w in items) / len(items)) for slot, items in words.items()]


def _join(words: list[tuple[int, str, float]], languages: str) -> str:
    # Tesseract lists words in reading order within a line; across lines of one strip sort by x
    # (right to left for Arabic script) so a split strip still reads in order.
    rtl = languages != "eng"
    ordered = sorted(words, key=lambda w: -w[0] if rtl else w[0])
    return " ".join(w[1] for w in ordered)


def read_picture(rgb: NDArray[np.uint8], languages: str) -> list[OcrLine]:
    """OCR a still picture: its text regions, or the whole picture when none stands out."""
    return read_regions([rgb], [text_regions(rgb) or [whole(rgb)]], languages)


def whole(rgb: NDArray[np.uint8]) -> Box:
    return 0, 0, rgb.shape[1], rgb.shape[0]
