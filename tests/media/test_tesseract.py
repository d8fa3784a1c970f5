"""Tesseract through its C API: words with boxes and confidences, errors for missing data, use from threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tests.media import factories as f
from zabta.screening.media import ocr, tesseract


def _line(text: str, size: int = 40) -> np.ndarray:
    img = Image.new("L", (40 + size * len(text), 2 * size + 40), 255)
    ImageDraw.Draw(img).text((20, 20), text, fill=0, font=f.font(f.LATIN_FONT, size))
    return np.asarray(img)


def test_reads_words_with_boxes_and_confidence() -> None:
    words = tesseract.engine("eng").words(_line("SINDH POLICE"))
    assert [w.text for w in words] == ["SINDH", "POLICE"]
    assert all(w.confidence > 80 for w in words)
    first, second = (w.box for w in words)
    assert 10 <= first[0] < second[0] and first[2] > 0 and first[3] > 0


def test_blank_picture_gives_no_words() -> None:
    assert tesseract.engine("eng").words(np.full((80, 300), 255, dtype=np.uint8)) == []


def test_missing_language_data_is_an_error_not_an_empty_reading() -> None:
    with pytest.raises(tesseract.TesseractError, match="xyz"):
        tesseract.Engine("xyz")
    assert "xyz" in ocr.available("eng+xyz")[1]


def test_colour_or_empty_pictures_are_refused() -> None:
    engine = tesseract.engine("eng")
    with pytest.raises(ValueError):
        engine.words(np.zeros((10, 10, 3), dtype=np.uint8))
    with pytest.raises(ValueError):
        engine.words(np.zeros((0, 10), dtype=np.uint8))


def test_one_engine_used_from_several_threads_reads_each_picture_right() -> None:
    texts = ["SINDH POLICE", "MADADGAR 15", "KORANGI ZONE"] * 3
    with ThreadPoolExecutor(3) as pool:
        read = list(pool.map(lambda t: " ".join(w.text for w in tesseract.engine("eng").words(_line(t))), texts))
    assert read == texts


def test_installed_languages_include_the_debian_packages() -> None:
    assert {"eng", "urd", "snd"} <= tesseract.installed_languages()
