"""Benchmark: character accuracy of Urdu OCR on captions rendered in Nastaliq and in Naskh.

Usage:  .venv/bin/python bench/media_ocr.py [--sizes 32 48] [--languages urd+snd+eng] [--ablate] [--show]

Each of PHRASES is drawn as a burned-in caption (dark letters in a white box, as tests/media/factories does)
on a 1280x720 synthetic scene, in Noto Nastaliq Urdu and in Noto Naskh Arabic, at each size. The pictures go
through the screening OCR (text regions, scaling, padding, one Tesseract run per script group) once per
language setting. Character accuracy is 1 - (edit distance / length of the true text), counted over every
caption of a font (0 when nothing is read), after NFC and collapsing spaces; "folded" also maps Arabic letter
forms onto the Urdu ones (ي/ى -> ی, ك -> ک, ه -> ہ), which the script model sometimes writes. Also prints the
share of captions read exactly and the OCR time per picture. --ablate adds runs without the Arabic script
model and without the second, taller reading of unsure Arabic-script lines (ocr.TALL_INK_HEIGHT).
"""

import argparse
import contextlib
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.media import factories as f
from zabta.screening.media import ocr

FONTS = {"Nastaliq": f.NASTALIQ_FONT, "Naskh": f.NASKH_FONT}
PHRASES = list(f.URDU_PHRASES)
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ە": "ہ"})


def render(text: str, font_path: str, size: int, seed: int) -> np.ndarray:
    return f.urdu_caption(text, font_path, size, seed)


def clean(text: str, fold: bool) -> str:
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text.translate(_FOLD) if fold else text


def read(rgb: np.ndarray, languages: str) -> str:
    lines = ocr.read_picture(rgb, languages)
    arabic = [line for line in lines if line.languages != "eng"]
    return " ".join(line.text for line in sorted(arabic, key=lambda line: line.box[1]))


def score(pairs: list[tuple[str, str]], fold: bool) -> tuple[float, int]:
    errors = total = exact = 0
    for truth, got in pairs:
        t, g = clean(truth, fold), clean(got, fold)
        errors += min(len(t), f.edit_distance(t, g))
        total += len(t)
        exact += t == g
    return 1.0 - errors / total, exact


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 48])
    parser.add_argument("--languages", nargs="+", default=["urd+snd+eng"])
    parser.add_argument("--show", action="store_true", help="print every reading")
    parser.add_argument("--ablate", action="store_true", help="also without the script model / the tall pass")
    args = parser.parse_args()
    settings = [("", lambda: None)]
    if args.ablate:
        settings += [(" no script model", _no_script_model), (" no tall pass", _no_tall_pass)]
    for languages in args.languages:
        ocr.load(languages)
    for font_name, path in FONTS.items():
        for size in args.sizes:
            pictures = [render(p, path, size, 900 + i) for i, p in enumerate(PHRASES)]
            for languages in args.languages:
                for name, setting in settings:
                    with _patched(setting):
                        start = time.perf_counter()
                        got = [read(rgb, languages) for rgb in pictures]
                        took = (time.perf_counter() - start) / len(pictures)
                    pairs = list(zip(PHRASES, got, strict=True))
                    (raw, exact), (folded, _) = score(pairs, False), score(pairs, True)
                    print(f"{font_name:8} {size:3} px  {languages + name:38} character accuracy {raw:.3f} "
                          f"(folded {folded:.3f}); exact {exact}/{len(PHRASES)}; {took * 1000:.0f} ms a picture")  # fmt: skip
                    if args.show:
                        for truth, reading in pairs:
                            print(f"    {truth} | {reading}")


def _no_script_model() -> None:
    ocr._has_script_model = lambda: False  # type: ignore[assignment]


def _no_tall_pass() -> None:
    ocr._tall_groups = lambda languages: []


@contextlib.contextmanager
def _patched(setting: Callable[[], None]) -> Iterator[None]:
    saved = ocr._has_script_model, ocr._tall_groups
    setting()
    try:
        yield
    finally:
        ocr._has_script_model, ocr._tall_groups = saved


if __name__ == "__main__":
    Image.init()
    main()
