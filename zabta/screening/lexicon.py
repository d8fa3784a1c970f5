"""Curated term lists (``lexicons/*.tsv``) loaded once and matched against normalised tokens.

Every term is folded with the same normaliser as the text, so one spelling in the file matches its
elongated, leetspeak, homoglyph, diacritic and letter-variant forms in posts. Multi-word terms match
as contiguous token phrases. See ``lexicons/README.md`` for the file format and categories.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zabta.screening.normalise import LEXICON_DIR, Normalised, normalise

CATEGORIES: frozenset[str] = frozenset(
    {
        "identity", "slur", "insult", "profanity", "dehumanising", "party", "leader", "slogan",
        "political_term", "stance", "religious_claim", "greeting", "grievance", "opinion",
        "negation", "counter", "positive", "joke", "second_person", "institution", "premises", "filming",
    }
)  # fmt: skip
LANGS: frozenset[str] = frozenset({"en", "ur", "sd", "roman_ur", "any"})


class LexiconError(ValueError):
    """A lexicon file has a malformed line."""


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    category: str
    group: str
    lang: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon entry found at tokens [first, last] and characters [start, end) of the original."""

    entry: Entry
    first: int
    last: int
    start: int
    end: int


def parse_line(line: str, source: str) -> Entry | None:
    """One TSV line -> Entry (None for comments and blank lines); raises LexiconError when malformed."""
    if not line.strip() or line.startswith("#"):
        return None
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 4:
        raise LexiconError(f"{source}: expected 4 tab-separated columns, got {len(parts)}: {line!r}")
    term, category, group, lang = (p.strip() for p in parts)
    if category not in CATEGORIES or lang not in LANGS:
        raise LexiconError(f"{source}: unknown category or language in {line!r}")
    words = tuple(normalise(term).words())
    if not words:
        raise LexiconError(f"{source}: term folds to nothing: {line!r}")
    return Entry(term=term, category=category, group=group, lang=lang, words=words)


class Lexicon:
    """An index of entries by first folded word, for phrase matching over a token sequence."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._index: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            self._index[e.words[0]].append(e)
        for bucket in self._index.values():
            bucket.sort(key=lambda e: -len(e.words))

    def match(self, doc: Normalised) -> list[Hit]:
        words = doc.words()
        hits: list[Hit] = []
        for i, w in enumerate(words):
            for e in self._index.get(w, ()):
                n = len(e.words)
                if tuple(words[i : i + n]) == e.words:
                    hits.append(Hit(e, i, i + n - 1, doc.tokens[i].start, doc.tokens[i + n - 1].end))
        return hits

    @classmethod
    def from_files(cls, paths: list[Path]) -> Lexicon:
        entries: list[Entry] = []
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = parse_line(line, path.name)
                if entry is not None:
                    entries.append(entry)
        return cls(entries)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    paths = sorted(p for p in LEXICON_DIR.glob("*.tsv") if p.name != "roman_urdu_variants.tsv")
    return Lexicon.from_files(paths)
