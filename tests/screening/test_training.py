"""Training from files (`zabta train --label`): readers are strict, and a trained model changes the scores."""

import json
from pathlib import Path

import numpy as np
import pytest

from zabta.screening.analysis import ModelBank
from zabta.screening.linear import LinearModel, ModelError
from zabta.screening.pipeline import Pipeline
from zabta.screening.training import TrainingDataError, read_examples, train_label

POSITIVE = [
    "traffic jam zindabad koi nahi",
    "wardi ka rang neela ho",
    "blue uniform should come back",
    "neeli wardi wapis lao",
]
NEGATIVE = ["duty roster jari", "shift starts at 8", "roster for monday", "aaj ki duty list"]


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "train.jsonl"
    rows = [{"id": f"p{i}", "text": t, "labels": ["personal_view"]} for i, t in enumerate(POSITIVE * 3)]
    rows += [{"id": f"n{i}", "text": t, "labels": []} for i, t in enumerate(NEGATIVE * 3)]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_trains_from_a_small_jsonl_file_and_the_model_round_trips(tmp_path: Path) -> None:
    model = train_label("personal_view", [_jsonl(tmp_path)])
    assert model.classes == ["0", "1"]
    assert model.card["rows"] == 24
    model.save(tmp_path / "m")
    loaded = LinearModel.load(tmp_path / "m")
    keys = ["neeli wardi wapis lao", "duty roster jari"]
    before = model.predict_proba_keys(keys)
    np.testing.assert_allclose(loaded.predict_proba_keys(keys), before, atol=0.02)  # float16 storage
    assert before[0, 1] > 0.5 > before[1, 1]


def test_a_trained_model_feeds_its_label_in_the_pipeline(tmp_path: Path) -> None:
    model = train_label("personal_view", [_jsonl(tmp_path)], name="views_personal")
    pipe = Pipeline(models=ModelBank([model]))
    assert pipe.screen("neeli wardi wapis lao yaar").signal("personal_view").decision  # type: ignore[union-attr]
    assert not pipe.screen("aaj ki duty list").signal("personal_view").decision  # type: ignore[union-attr]


def test_reads_csv_and_tsv_with_a_label_column(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text('text,abusive\nhello,0\n"tu kutta hai",yes\n', encoding="utf-8")
    (tmp_path / "a.tsv").write_text("text\tlabel\nhello\tnormal\ntu kutta hai\tabusive\n", encoding="utf-8")
    assert [e.label for e in read_examples(tmp_path / "a.csv", "abusive")] == ["0", "1"]
    assert [e.label for e in read_examples(tmp_path / "a.tsv", "abusive")] == ["0", "1"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.jsonl", b'{"text": "a", "labels": []}\n{not json\n', "bad.jsonl:2: invalid JSON"),
        ("bad.jsonl", b'["a list"]\n', "must be a JSON object"),
        ("bad.jsonl", b'{"labels": []}\n', "missing 'text'"),
        ("bad.csv", b"text,abusive\nhello,perhaps\n", "cannot read 'perhaps'"),
        ("bad.csv", b"text,other\nhello,1\n", "no 'abusive', 'labels' or 'label' field"),
        ("bad.csv", b"text,abusive\n\xff\xfe,1\n", "not valid UTF-8"),
        ("bad.xlsx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_malformed_training_files_are_refused_with_file_and_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TrainingDataError, match=message):
        train_label("abusive", [path])


def test_one_class_only_cannot_train(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text('{"text": "a", "abusive": 1}\n{"text": "b", "abusive": 1}\n', encoding="utf-8")
    with pytest.raises(TrainingDataError, match="at least two classes"):
        train_label("abusive", [path])


def test_a_corrupt_model_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")
    (tmp_path / "weights.npz").write_bytes(b"not an npz")
    with pytest.raises(ModelError, match="cannot load model"):
        LinearModel.load(tmp_path)


def test_models_in_the_local_model_dir_join_and_replace_shipped_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zabta.screening.analysis import default_model_bank

    train_label("personal_view", [_jsonl(tmp_path)], name="views_personal").save(tmp_path / "m" / "views_personal")
    monkeypatch.setenv("ZABTA_SCREENING_MODEL_DIR", str(tmp_path / "m"))
    default_model_bank.cache_clear()
    try:
        models = {m.name: m for m in default_model_bank().models}
        assert models["views_personal"].card["rows"] == 24  # the local one, not the shipped one
        assert "harm_roman_ur" in models
    finally:
        monkeypatch.delenv("ZABTA_SCREENING_MODEL_DIR")
        default_model_bank.cache_clear()


def test_nb_svm_folds_its_feature_weighting_into_the_saved_weights(tmp_path: Path) -> None:
    """NB-SVM scales the n-grams by their log-count ratio before the SVM: the saved model holds the product, so
    raw features give the margins the SVM learnt on scaled ones; an appended embedding is left unscaled."""
    import scipy.sparse as sp
    from sklearn.svm import LinearSVC

    from zabta.screening.training import _NbSvm

    rng = np.random.default_rng(0)
    x = sp.csr_matrix((rng.random((60, 12)) < 0.3).astype(float))
    x = sp.hstack([x, sp.csr_matrix(rng.random((60, 3)))]).tocsr()  # 12 n-gram columns, 3 dense ones
    y = np.array(["a", "b", "c"] * 20)
    y[x[:, 0].toarray().ravel() > 0] = "a"
    nb = _NbSvm(1.0, nb_cols=12).fit(x, y)
    assert nb.coef_.shape == (3, 15) and list(nb.classes_) == ["a", "b", "c"]
    present = x[:, :12].copy()
    present.data[:] = 1.0
    inside = np.asarray(present[y == "a"].sum(axis=0)).ravel() + 1
    outside = np.asarray(present[y != "a"].sum(axis=0)).ravel() + 1
    r = np.concatenate([np.log((inside / inside.sum()) / (outside / outside.sum())), np.ones(3)])
    svm = LinearSVC(C=1.0, class_weight="balanced", random_state=0, max_iter=5000)
    svm.fit(sp.csr_matrix(x @ sp.diags(r)), (y == "a").astype(int))
    np.testing.assert_allclose(nb.decision_function(x)[:, 0], svm.decision_function(x @ sp.diags(r)), atol=1e-6)
    binary = _NbSvm(1.0, nb_cols=12).fit(x, np.where(y == "a", "a", "z"))
    assert binary.coef_.shape == (1, 15) and binary.decision_function(x).shape == (60,)


def test_a_model_trained_with_nb_weighting_differs_and_round_trips(tmp_path: Path) -> None:
    from zabta.screening.training import fit, read_examples

    examples = read_examples(_jsonl(tmp_path), "personal_view")
    texts, y = [e.text for e in examples], [e.label for e in examples]
    plain = fit(texts, y, name="m", outputs={"personal_view": ["1"]})
    nb = fit(texts, y, name="m", outputs={"personal_view": ["1"]}, nb=True)
    assert not np.array_equal(plain.coef, nb.coef)
    nb.save(tmp_path / "nb")
    again = LinearModel.load(tmp_path / "nb")
    keys = ["neeli wardi wapis lao yaar", "aaj ki duty roster jari"]
    np.testing.assert_allclose(again.predict_proba_keys(keys), nb.predict_proba_keys(keys), atol=1e-6)
    scores = [again.label_scores(p)["personal_view"] for p in again.predict_proba_keys(keys)]
    assert scores[0] > scores[1]
