"""OCR of Urdu, Sindhi and English captions, and police markings found in the text."""

from __future__ import annotations

import numpy as np
import pytest

from tests.media import factories as f
from zabta.screening.media import ocr
from zabta.screening.media.markings import find_markings, normalise

LANGS = "urd+snd+eng"


def _read(img: object) -> list[str]:
    return [line.text for line in ocr.read_picture(np.asarray(img), LANGS)]


def test_tesseract_languages_are_installed() -> None:
    assert ocr.available(LANGS) == (True, "")
    ok, why = ocr.available("eng+xyz")
    assert not ok and "xyz" in why


def test_reads_english_and_urdu_captions_in_one_picture() -> None:
    img = f.caption(f.scene(51, 800, 450), "SINDH POLICE", at=(60, 60))
    img = f.caption(img, "سندھ پولیس", at=(300, 250), urdu=True)
    texts = _read(img)
    assert "SINDH POLICE" in texts
    assert "سندھ پولیس" in texts


@pytest.mark.parametrize("size", [24, 40, 64, 100])
def test_urdu_naskh_is_read_at_sizes_where_unscaled_tesseract_returns_nothing(size: int) -> None:
    img = f.caption(f.scene(52, 1200, 400), "مددگار 15 کراچی پولیس", at=(100, 100), size=size, urdu=True)
    assert "مددگار 15 کراچی پولیس" in _read(img)


def test_sindhi_caption_gives_a_force_marking() -> None:
    img = f.caption(f.scene(53, 900, 300), "سنڌ پوليس", at=(200, 100), size=48, urdu=True)
    marks = [m for text in _read(img) for m in find_markings(text)]
    assert [m.kind for m in marks] == ["force"]


def test_white_outlined_caption_is_read() -> None:
    img = f.scene(54, 900, 300)
    from PIL import ImageDraw

    ImageDraw.Draw(img).text((60, 120), "Madadgar 15", fill="white", stroke_width=3, stroke_fill="black",
                             font=f.font(f.LATIN_FONT, 56))  # fmt: skip
    marks = [m.text for text in _read(img) for m in find_markings(text)]
    assert "MADADGAR 15" in marks


def test_picture_without_text_reads_nothing() -> None:
    assert _read(f.scene(55)) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("SINDH POLICE", [("SINDH POLICE", "force")]),
        ("sindh  police karachi", [("SINDH POLICE", "force")]),
        ("Call Madadgar-15 now", [("MADADGAR 15", "helpline")]),
        ("سندھ پولیس", [("سندھ پولیس", "force")]),
        ("سندھ پوليس", [("سندھ پولیس", "force")]),  # Arabic yeh from a Sindhi keyboard
        ("POLICE STATION Korangi", [("POLICE STATION", "unit"), ("KORANGI", "unit")]),
        ("policeman", []),
        ("Metropolice", []),
        ("nothing here", []),
    ],
)
def test_markings(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((m.text, m.kind) for m in find_markings(text)) == sorted(expected)


def test_generic_word_inside_a_force_name_is_not_counted_twice() -> None:
    marks = find_markings("SINDH POLICE")
    assert len(marks) == 1


def test_normalise_drops_harakat_and_joiners() -> None:
    assert normalise("پُولِیس\u200c") == normalise("پولیس")


def test_repeated_caption_is_reported_for_every_keyframe_and_distinct_captions_stay_apart() -> None:
    frames = [
        np.asarray(f.caption(f.scene(56 + i, 800, 450), "SINDH POLICE", at=(60 + 3 * i, 60))) for i in range(3)
    ] + [np.asarray(f.caption(f.scene(60, 800, 450), "KORANGI ZONE EAST", at=(60, 60)))]
    lines = ocr.read_regions(frames, [ocr.text_regions(p) for p in frames], LANGS)
    assert sorted((line.source, line.text) for line in lines) == [
        (0, "SINDH POLICE"), (1, "SINDH POLICE"), (2, "SINDH POLICE"), (3, "KORANGI ZONE EAST"),
    ]  # fmt: skip
