"""Language identification: English, Urdu script, Sindhi script, Roman Urdu and mixtures."""

import pytest

from zabta.screening.language import (
    _ENGLISH_WORDS,
    ROMAN_URDU_WORDS_FILE,
    detect_language,
    read_words,
    roman_urdu_words,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I am a proud police officer and I love my city", "en"),
        ("mein bohat khush hun aaj, duty khatam ho gayi", "roman_ur"),
        ("yaar kya scene hai aaj kal", "roman_ur"),
        ("Is hukumat ne mulk loot liya, agli dafa inko vote mat dena", "roman_ur"),  # "is" is Roman Urdu too
        # no Roman Urdu function word: the learnt content words decide (it was English, on "and")
        ("makkar jhotay haramkhur corrupt besharm and beghairt kutti kee nasal", "roman_ur"),
        ("یہ بہت اچھا کام ہے", "ur"),
        ("سنڌي ماڻهو ڏاڍا سٺا آهن", "sd"),
        ("yaar this is so unfair, transfer kar diya bina wajah", "mixed"),
        ("", "unknown"),
        ("12345 !!!", "unknown"),
    ],
)
def test_identifies_language(text: str, language: str) -> None:
    assert detect_language(text).language == language


def test_a_single_sindhi_letter_in_long_urdu_is_a_typo_not_sindhi() -> None:
    text = "یہ بہت اچھا کام ہے اور ہم سب اس پر خوش ہیں کہ پولیس نے محنت کی" + "ڪ"
    assert detect_language(text).language == "ur"


def test_mixed_script_keeps_both_shares() -> None:
    info = detect_language("PTI zindabad عمران خان زندہ باد")
    assert info.uses("ur") and info.uses("roman_ur")


def test_roman_urdu_words_are_frequent_there_and_absent_from_english() -> None:
    roman = ["yaar besharm banda", "besharm log", "ye besharm", "yaar chalo", "yaar kal", "the yaar"]
    english = ["the film was great", "we chalo together"]
    # "besharm" and "yaar" are in 3+ Roman Urdu posts and no English one; "chalo" is English here, "the" a
    # function word, "ye" too short, "log" in only one post.
    assert roman_urdu_words(roman, english) == ["besharm", "yaar"]
    assert roman_urdu_words(roman, english, min_posts=4) == ["yaar"]


def test_the_shipped_roman_urdu_words_are_plain_lowercase_words_and_no_english_function_words() -> None:
    words = read_words(ROMAN_URDU_WORDS_FILE)
    assert len(words) > 1000
    assert all(w.isascii() and w.isalpha() and w.islower() and len(w) >= 3 for w in words)
    assert not words & _ENGLISH_WORDS
    assert {"besharm", "hukumat", "zaroor"} <= words
