"""Normalisation before detection: undo the tricks people use to slip words past filters.

``normalise(text)`` returns a ``Normalised`` value whose ``key`` is the folded form every detector and
lexicon matches on, and whose ``tokens`` carry offsets into the ORIGINAL text, so evidence can
highlight exactly what the author wrote. What it folds, and why:

* Unicode compatibility forms (NFKC/NFKD), zero-width and bidi control characters, other controls;
* homoglyphs (Cyrillic/Greek letters that look Latin: "kаmina" with a Cyrillic a);
* leetspeak inside words ("b1tch", "k@mina", "ch00tiya") and separators inside words ("g.a.n.d.u",
  "k u t t a");
* elongation: any doubled Latin letter becomes one ("kuttaaaa" -> "kuta"), so Roman Urdu spelling
  variation ("kutta"/"kuta") meets in one key; three or more repeated Arabic-script letters become one;
* Urdu and Sindhi script: diacritics (harakat), tatweel, Arabic/Urdu/Sindhi letter variants
  (ي ى ے -> ی, ك ڪ -> ک, ه ھ ة ۃ -> ہ, hamza carriers -> bare letters), Eastern digits -> ASCII;
* Roman Urdu spelling variants from ``lexicons/roman_urdu_variants.tsv`` ("nahin/nai/nhi" -> "nahi");
* emoji are kept as one-character tokens so lexicons can list them (a pig emoji next to a group name).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zabta.screening.types import MAX_TEXT_CHARS

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"

_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ѕ": "s", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "ԁ": "d", "ɡ": "g", "ı": "i",
        "α": "a", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "ι": "i", "κ": "k", "ε": "e", "υ": "u",
        "β": "b", "η": "n", "μ": "u", "ѵ": "v", "ӏ": "l", "ℓ": "l",
    }
)  # fmt: skip
_ARABIC_FOLD = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ے": "ی", "ۓ": "ی", "ئ": "ی", "ك": "ک", "ڪ": "ک", "ه": "ہ", "ھ": "ہ",
        "ة": "ہ", "ۃ": "ہ", "ۀ": "ہ", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ـ": "",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    }
)  # fmt: skip
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "8": "b"}
_IN_WORD_SEPARATORS = frozenset(".-_*'`~^+|")
_TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    """A normalised token and where it came from in the original text."""

    key: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Normalised:
    """The original text, its folded key form, and tokens with offsets into the original."""

    original: str
    key: str
    tokens: tuple[Token, ...]

    def words(self) -> list[str]:
        return [t.key for t in self.tokens]


_MIXED_SCRIPT_WORD = re.compile(r"\w*[A-Za-z]\w*")


def unmask_homoglyphs(text: str) -> str:
    """Cyrillic and Greek look-alikes back to Latin, only in words that also hold Latin letters ("kаmina" with a
    Cyrillic a): a word wholly in another script is left as it is."""
    return _MIXED_SCRIPT_WORD.sub(lambda m: m.group().translate(_HOMOGLYPHS), text)


def _is_removable(ch: str) -> bool:
    cat = unicodedata.category(ch)
    # Cf: zero-width joiners, bidi overrides, soft hyphen; Mn: diacritics (harakat, accents).
    return cat in ("Cf", "Mn", "Me") or (cat == "Cc" and ch not in "\n\t")


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if not _is_removable(c):
            out.append(c)
    folded = "".join(out).translate(_HOMOGLYPHS).translate(_ARABIC_FOLD)
    return folded.lower()


def _fold(text: str) -> tuple[list[str], list[int]]:
    """Per-character folding; keeps, for every output character, the index of its source character."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in "\r\x0b\x0c":
            ch = " "
        for c in _fold_char(ch):
            chars.append(c)
            index.append(i)
    return chars, index


def _is_letter(c: str) -> bool:
    return c.isalpha()


def _deleet_chunk(chars: list[str]) -> list[str]:
    """Leet and in-word separators, only in chunks that hold letters (so "2024" and "100%" stay)."""
    if not any(_is_letter(c) for c in chars) or all(c in _LEET or c.isdigit() for c in chars):
        return chars
    out = list(chars)
    n = len(out)
    for j, c in enumerate(out):
        if c == "!" and not (0 < j < n - 1 and _is_letter(out[j - 1]) and _is_letter(out[j + 1])):
            continue  # "zindabad!" is emphasis; only "sh!t" is leet
        if c in _LEET:
            prev_letter = j > 0 and (_is_letter(out[j - 1]) or out[j - 1] in _LEET)
            next_letter = j + 1 < n and (_is_letter(out[j + 1]) or out[j + 1] in _LEET)
            if prev_letter or next_letter:
                out[j] = _LEET[c]
    for j, c in enumerate(out):
        if c in _IN_WORD_SEPARATORS and 0 < j < n - 1 and _is_letter(out[j - 1]) and _is_letter(out[j + 1]):
            out[j] = ""
    return out


def _deleet(chars: list[str]) -> list[str]:
    out: list[str] = []
    chunk: list[str] = []
    for c in [*chars, " "]:
        if c.isspace():
            out.extend(_deleet_chunk(chunk))
            out.append(c)
            chunk = []
        else:
            chunk.append(c)
    return out[:-1]


def _collapse(chars: list[str], index: list[int]) -> tuple[str, list[int]]:
    """Drop emptied characters and collapse elongation (doubled Latin, tripled other letters)."""
    keep_c: list[str] = []
    keep_i: list[int] = []
    run = 0
    for c, i in zip(chars, index, strict=True):
        if not c:
            continue
        if keep_c and c == keep_c[-1] and _is_letter(c):
            run += 1
            limit = 1 if c.isascii() else 2
            if run >= limit:
                continue
        else:
            run = 0
        keep_c.append(c)
        keep_i.append(i)
    return "".join(keep_c), keep_i


@lru_cache(maxsize=1)
def roman_urdu_variants() -> dict[str, str]:
    """Spelling variant -> canonical Roman Urdu spelling (already folded)."""
    table: dict[str, str] = {}
    path = LEXICON_DIR / "roman_urdu_variants.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, variants = line.partition("\t")
        canon_key = fold_word(canonical)
        for variant in variants.split(","):
            if variant.strip():
                table[fold_word(variant.strip())] = canon_key
    return table


def fold_word(word: str) -> str:
    """The key form of one word, without the variant table (used to build the tables themselves)."""
    chars, index = _fold(word)
    key, _ = _collapse(_deleet(chars), index)
    return key.strip()


def _join_spaced_letters(tokens: list[Token]) -> list[Token]:
    """ "k u t t a" -> one token: runs of three or more single letters are one obfuscated word."""
    out: list[Token] = []
    run: list[Token] = []
    for tok in [*tokens, Token("", 0, 0)]:
        if len(tok.key) == 1 and tok.key.isalpha() and tok.key.isascii():
            run.append(tok)
            continue
        if len(run) >= 3:
            joined = re.sub(r"(.)\1+", r"\1", "".join(t.key for t in run))
            out.append(Token(joined, run[0].start, run[-1].end))
        else:
            out.extend(run)
        run = []
        if tok.key:
            out.append(tok)
    return out


def normalise(text: str) -> Normalised:
    """Fold ``text`` for matching; see the module docstring for what is undone."""
    text = text[:MAX_TEXT_CHARS]
    chars, index = _fold(text)
    key, key_index = _collapse(_deleet(chars), index)
    variants = roman_urdu_variants()
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(key):
        word = m.group()
        if word.isspace():
            continue
        start = key_index[m.start()]
        end = key_index[m.end() - 1] + 1
        tokens.append(Token(variants.get(word, word), start, end))
    tokens = _join_spaced_letters(tokens)
    return Normalised(original=text, key=" ".join(t.key for t in tokens), tokens=tuple(tokens))
