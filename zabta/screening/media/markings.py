"""Find police markings (force names, helpline, unit names) in text read from a picture."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Arabic-script letters that OCR and keyboards swap freely: Urdu/Sindhi/Arabic forms of yeh, heh, kaf.
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ې": "ی", "ه": "ہ", "ھ": "ہ", "ة": "ہ", "ك": "ک", "ڪ": "ک", "ۃ": "ہ"})
_LATIN_GENERIC = {"POLICE"}


@dataclass(frozen=True, slots=True)
class Marking:
    """One police marking found in a text."""

    text: str
    kind: str
    start: int
    end: int


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    text = re.sub(r"[\u064b-\u065f\u0670\u200c\u200d\u200e\u200f]", "", text)  # harakat and joiners
    return re.sub(r"[\s\-_.:|]+", " ", text).strip()


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    raw = resources.files("zabta.screening.media").joinpath("data/police_markings.json").read_text("utf-8")
    entries = json.loads(raw)["markings"]
    out = []
    for entry in sorted(entries, key=lambda e: -len(e["text"])):
        body = re.escape(normalise(entry["text"])).replace(r"\ ", r"\s?")
        out.append((re.compile(rf"(?<!\w){body}(?!\w)"), str(entry["text"]), str(entry["kind"])))
    return tuple(out)


def find_markings(text: str) -> list[Marking]:
    """Markings in `text`, longest first; a generic word inside a longer marking is not repeated."""
    folded = normalise(text)
    found: list[Marking] = []
    taken: list[tuple[int, int]] = []
    for pattern, label, kind in _patterns():
        for m in pattern.finditer(folded):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Marking(label, kind, m.start(), m.end()))
    return found
