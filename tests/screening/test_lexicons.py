"""The curated term lists: every file parses, each language is covered, malformed lines are refused."""

from pathlib import Path

import pytest

from zabta.screening.lexicon import Lexicon, LexiconError, default_lexicon, parse_line
from zabta.screening.normalise import normalise

COVERED = {
    "slur": {"en", "ur", "sd", "roman_ur"},
    "party": {"ur", "sd", "roman_ur"},
    "leader": {"ur", "sd", "roman_ur"},
    "slogan": {"en", "ur", "sd", "roman_ur"},
    "insult": {"en", "ur", "sd", "roman_ur"},
    "profanity": {"en", "ur", "sd", "roman_ur"},
}


def test_every_category_that_needs_it_covers_all_its_languages() -> None:
    entries = default_lexicon().entries
    for category, langs in COVERED.items():
        assert {e.lang for e in entries if e.category == category} >= langs, category


@pytest.mark.parametrize(
    ("text", "category", "group"),
    [
        ("PPP", "party", ""),
        ("MQM-P", "party", ""),
        ("پی ٹی آئی", "party", ""),
        ("jeay bhutto", "slogan", ""),
        ("قادیانی", "slur", "religion_or_sect"),
    ],
)
def test_known_terms_are_listed(text: str, category: str, group: str) -> None:
    hits = default_lexicon().match(normalise(text))
    assert any(h.entry.category == category and (not group or h.entry.group == group) for h in hits), hits


def test_multi_word_terms_match_as_phrases_with_offsets() -> None:
    text = "Sab ko pata hai: JEAY   BHUTTO!"
    (hit,) = [h for h in default_lexicon().match(normalise(text)) if h.entry.category == "slogan"]
    assert text[hit.start : hit.end] == "JEAY   BHUTTO"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("kutta\tinsult\t", "expected 4 tab-separated columns"),
        ("kutta\tnonsense\t\troman_ur", "unknown category"),
        ("kutta\tinsult\t\tklingon", "unknown category or language"),
        ("\u200b\tinsult\t\ten", "folds to nothing"),
    ],
)
def test_malformed_lexicon_lines_are_refused(line: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_line(line, "test.tsv")


def test_a_lexicon_file_with_a_bad_line_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\nkutta\tinsult\t\troman_ur\nbroken line\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.tsv"):
        Lexicon.from_files([path])
