"""Language identification: English, Urdu script, Sindhi script, Roman Urdu and mixtures."""

import pytest

from zabta.screening.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I am a proud police officer and I love my city", "en"),
        ("mein bohat khush hun aaj, duty khatam ho gayi", "roman_ur"),
        ("yaar kya scene hai aaj kal", "roman_ur"),
        ("Is hukumat ne mulk loot liya, agli dafa inko vote mat dena", "roman_ur"),  # "is" is Roman Urdu too
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
