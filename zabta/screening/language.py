"""Language identification for the four languages personnel write in, and their mixtures.

Script decides first: Arabic-script text is Sindhi when it uses letters that Urdu lacks (ٻ ڀ ٿ ڃ ڄ ڇ
ڊ ڌ ڍ ڏ ڙ ڦ ڪ ڳ ڱ ڻ ٺ ٽ ڍ ...), otherwise Urdu. Latin-script text is Roman Urdu or English by the
share of words found in small function-word lists (general-purpose identifiers tag Roman Urdu as
Hindi or English), plus a list of Roman Urdu content words learnt from data (``ROMAN_URDU_WORDS_FILE``), so
that "makkar jhotay haramkhur corrupt besharm and beghairt" is not English on "and" alone. Text with
substantial shares of two languages is ``mixed``; ``shares`` keeps the detail so a detector may use both its
Roman Urdu and English models.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_SINDHI_ONLY = frozenset("ٻڀٿٺٽڃڄڇڊڌڍڎڏڙڦڪڳڱڻ")
_WORD_RE = re.compile(r"[a-z]+")
ROMAN_URDU_WORDS_FILE = Path(__file__).resolve().parent / "lexicons" / "roman_urdu_words.txt"

_ROMAN_URDU_WORDS = frozenset(
    [
        # verbs, pronouns and particles that are no English words ("is hukumat ne mulk loot liya, agli dafa inko
        # vote mat dena" was English on "is" alone); "mat" and "tab" are English words too and stay out
        "ne",
        "liya",
        "diya",
        "kiye",
        "inko",
        "unko",
        "isko",
        "usko",
        "inka",
        "dena",
        "lena",
        "agli",
        "pichli",
        "dafa",
        "mujhe",
        "humein",
        "kab",
        "gaye",
        "hoga",
        "hogi",
        "honge",
        "hai",
        "hain",
        "hay",
        "hy",
        "ha",
        "tha",
        "thi",
        "thay",
        "the",
        "ka",
        "ki",
        "ke",
        "ko",
        "se",
        "mein",
        "main",
        "mai",
        "me",
        "nahi",
        "nahin",
        "nai",
        "nhi",
        "na",
        "kya",
        "kyun",
        "kyon",
        "kyu",
        "ye",
        "yeh",
        "wo",
        "woh",
        "aur",
        "or",
        "bhi",
        "bht",
        "bohat",
        "bohot",
        "bahut",
        "apna",
        "apni",
        "apne",
        "hum",
        "ham",
        "tum",
        "aap",
        "ap",
        "mera",
        "meri",
        "mere",
        "tera",
        "teri",
        "tere",
        "unka",
        "unki",
        "uska",
        "uski",
        "iska",
        "iski",
        "jo",
        "jab",
        "tak",
        "sab",
        "koi",
        "kuch",
        "hota",
        "hoti",
        "hote",
        "karo",
        "kar",
        "karna",
        "karte",
        "kiya",
        "gaya",
        "gayi",
        "raha",
        "rahi",
        "rahe",
        "wala",
        "wali",
        "wale",
        "ho",
        "hona",
        "lekin",
        "magar",
        "phir",
        "abhi",
        "agar",
        "to",
        "tou",
        "hi",
        "sirf",
        "bas",
        "yaar",
        "yar",
        "bhai",
        "bhi",
        "ji",
        "jee",
        "acha",
        "achha",
        "theek",
        "thik",
        "log",
        "logon",
        "sath",
        "saath",
        "liye",
        "liay",
        "wala",
        "pe",
        "par",
        "kabhi",
        "kaise",
        "kaisay",
        "kaun",
        "kon",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "from",
        "by",
        "about",
        "as",
        "into",
        "through",
        "over",
        "after",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "them",
        "their",
        "we",
        "our",
        "you",
        "your",
        "he",
        "she",
        "his",
        "her",
        "i",
        "my",
        "me",
        "and",
        "or",
        "but",
        "not",
        "no",
        "if",
        "then",
        "than",
        "so",
        "very",
        "just",
        "what",
        "which",
        "who",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "there",
        "here",
        "also",
        "only",
        "because",
        "like",
        "people",
        "today",
        "good",
        "great",
        "proud",
        "celebrate",
    ]
)


def roman_urdu_words(roman_urdu: Iterable[str], english: Iterable[str], min_posts: int = 3) -> list[str]:
    """Content words of Roman Urdu posts that English posts never use: words of three letters or more found in at
    least ``min_posts`` of the Roman Urdu posts and in none of the English ones (``zabta train --words``)."""
    ru: Counter[str] = Counter()
    for text in roman_urdu:
        ru.update(set(_WORD_RE.findall(text.lower())))
    en: set[str] = set()
    for text in english:
        en.update(_WORD_RE.findall(text.lower()))
    return sorted(
        w for w, n in ru.items() if n >= min_posts and len(w) >= 3 and w not in en and w not in _ENGLISH_WORDS
    )


def read_words(path: Path) -> frozenset[str]:
    """One word per line; lines starting with ``#`` are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if (w := line.strip().lower()) and not w.startswith("#"))


_ROMAN_URDU_CONTENT = read_words(ROMAN_URDU_WORDS_FILE)


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """The dominant language and the share of each language's evidence."""

    language: str
    shares: dict[str, float] = field(default_factory=dict)

    def uses(self, language: str, minimum: float = 0.2) -> bool:
        return self.shares.get(language, 0.0) >= minimum


def _script_counts(text: str) -> tuple[int, int, int]:
    arabic = latin = sindhi = 0
    for ch in text:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc":
            arabic += 1
            if ch in _SINDHI_ONLY:
                sindhi += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    return arabic, latin, sindhi


def _latin_split(text: str) -> tuple[float, float]:
    """Shares of Roman Urdu words (function words and the learnt content words) and English function words among
    Latin words."""
    words = _WORD_RE.findall(text.lower())
    ru = sum(1 for w in words if w in _ROMAN_URDU_WORDS or w in _ROMAN_URDU_CONTENT)
    en = sum(1 for w in words if w in _ENGLISH_WORDS)
    if ru + en == 0:
        # No function words: short slogans and name lists. Roman Urdu is what most posts are.
        return 0.75, 0.25
    return ru / (ru + en), en / (ru + en)


def detect_language(text: str) -> LanguageInfo:
    """Identify en / ur / sd / roman_ur, or ``mixed`` when two have a substantial share."""
    arabic, latin, sindhi = _script_counts(text)
    total = arabic + latin
    if total == 0:
        return LanguageInfo("unknown", {})
    shares: dict[str, float] = {}
    if arabic:
        # A single Sindhi letter among many can be a typo; two or more or 3% mark Sindhi.
        is_sindhi = sindhi >= 2 or (sindhi and sindhi / arabic >= 0.03)
        shares["sd" if is_sindhi else "ur"] = arabic / total
    if latin:
        ru, en = _latin_split(text)
        shares["roman_ur"] = latin / total * ru
        shares["en"] = latin / total * en
    shares = {k: round(v, 3) for k, v in shares.items() if v > 0}
    top = max(shares, key=lambda k: shares[k])
    second = sorted(shares.values(), reverse=True)[1] if len(shares) > 1 else 0.0
    language = "mixed" if second >= 0.3 else top
    return LanguageInfo(language, shares)
