"""Urdu in Nastaliq: caption regions are found, boxes keep their polarity, unsure lines are read again taller."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.media import factories as f
from zabta.screening.media import ocr, tesseract
from zabta.screening.media.analyse import analyse_media
from zabta.screening.media.config import MediaConfig

LANGS = "urd+snd+eng"


def _nastaliq_caption(text: str, seed: int, size: int = 48) -> np.ndarray:
    return f.urdu_caption(text, f.NASTALIQ_FONT, size, seed)


def _accuracy(pictures: list[np.ndarray]) -> float:
    errors = total = 0
    for truth, rgb in zip(f.URDU_PHRASES, pictures, strict=True):
        got = " ".join(line.text for line in ocr.read_picture(rgb, LANGS) if line.languages != "eng")
        errors += min(len(truth), f.edit_distance(truth, " ".join(got.split())))
        total += len(truth)
    return 1.0 - errors / total


def test_the_arabic_script_model_joins_the_tall_reading_when_installed() -> None:
    assert "Arabic" in tesseract.installed_languages()  # Debian tesseract-ocr-script-arab: tessdata/Arabic
    assert ocr._tall_groups(LANGS) == ["urd+snd", "Arabic"]
    assert ocr._tall_groups("eng") == []  # English alone never needs it


def test_the_report_says_which_models_read_text(tmp_path: Path) -> None:
    picture = f.save(f.scene(61), tmp_path / "p.png")
    report = analyse_media(picture, MediaConfig(nudity_enabled=False))
    assert report.checks["ocr"].ran
    assert report.checks["ocr"].detail == (
        "Tesseract urd+snd+eng; unsure Arabic-script lines read again taller (urd+snd and the Arabic script model)"
    )
    assert ocr.describe("eng") == "Tesseract eng"


def test_nastaliq_captions_read_better_with_the_tall_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # the 20 captions of bench/media_ocr.py at 48 px; there: 0.61 without the second reading, 0.71 with it
    pictures = [_nastaliq_caption(text, 900 + i) for i, text in enumerate(f.URDU_PHRASES)]
    with_tall = _accuracy(pictures)
    monkeypatch.setattr(ocr, "_tall_groups", lambda languages: [])
    without = _accuracy(pictures)
    assert with_tall >= 0.65, with_tall
    assert with_tall > without + 0.05, (with_tall, without)


def test_a_two_word_nastaliq_caption_is_found_as_one_line() -> None:
    # each Nastaliq word is about as tall as it is wide: only the joined line has the shape of a line
    rgb = _nastaliq_caption("کراچی پولیس", 901)
    boxes = ocr.text_regions(rgb)
    assert len(boxes) == 1
    x, y, w, h = boxes[0]
    assert x < 200 < x + w and y < 330 < y + h and w > 1.2 * h


def test_caption_box_in_a_dark_surround_stays_dark_text_on_white() -> None:
    gray = np.full((100, 300), 30, dtype=np.uint8)  # the picture around the box: two thirds of the strip
    gray[25:75, 50:250] = 250  # the caption box
    gray[40:60, 80:220:10] = 20  # letters
    bw = ocr.binarise(gray)
    assert bw[30, 60] == 255 and bw[50, 80] == 0  # box white, letters black
    assert bw[5, 5] == 255  # the dark surround touches the edge and is cleared


def test_white_box_is_not_taken_for_white_letters() -> None:
    box = np.full((100, 300), 30, dtype=np.uint8)
    box[30:70, 80:220] = 250
    box[45:55, 100:200:8] = 20
    assert ocr.bright_text(box) is None
    letters = np.full((100, 300), 40, dtype=np.uint8)
    for x in range(60, 240, 20):
        letters[30:70, x : x + 6] = 250  # white strokes
    bw = ocr.bright_text(letters)
    assert bw is not None and bw[50, 61] == 0
