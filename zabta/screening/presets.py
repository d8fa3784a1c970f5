"""Recipes that rebuild the shipped models from their (permissively licensed) sources.

``zabta train --preset NAME`` runs one; the model card written with it names the data, the licence
and this command. Training is deterministic (fixed solver, no shuffling), so a rebuild gives the
same weights up to float rounding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from zabta.screening import datasets as ds
from zabta.screening.embedding import Embedder, default_embedder
from zabta.screening.linear import LinearModel
from zabta.screening.training import VIEW_LABELS, TrainingDataError, fit, second_stage

# C of each linear SVM, chosen on training data only: RUHSOLD task 2 by its 5-fold CV, harm_en on the HateXplain
# validation ids with a model trained on the train ids, the views by 5-fold CV on the clause-3 set.
RU_C, EN_C, VIEWS_C = 0.3, 0.1, 30.0
# The second stages (n-grams + scaled sentence embedding), chosen like the first: the views by the same 5-fold CV on
# the clause-3 set, harm_en on the HateXplain validation ids (macro-F1 0.648 without, 0.667 with the embedding).
# Every second stage weighs its n-grams naive-Bayes style (``training._NbSvm``), chosen on the HateXplain
# validation ids through the pipeline (train ids only): 0.639 without, 0.645 with at C 0.1, 0.650 at C 0.3.
# harm_roman_ur's single stage too (RUHSOLD task 1 held out 0.860 -> 0.881, task 2 5-fold 0.720 -> 0.728).
VIEWS_C2, VIEWS_SCALE = 30.0, 1.0
# With the encoder reading the text rather than the key (``embedding.encoder_input``), harm_en's embedding scale was
# chosen again the same way (through the pipeline, HateXplain's offensive = abusive): at C 0.3, scale 0.25 / 0.5 / 1 /
# 2 gave 0.667 / 0.674 / 0.664 / 0.662; C 0.1 and 1 at scale 0.5 gave 0.660.
EN_C2, EN_SCALE = 0.3, 0.5
RU_DATA = "RUHSOLD task_2_train.tsv (all 7,209 rows) + the clause-3 set's Roman Urdu posts as normal"
EN_DATA = "HateXplain official train+val ids (test ids held out) + the clause-3 set's English posts as normal"
RU_OUTPUTS = {"abusive": ["abusive"], "identity_attack": ["religious_hate", "sexism"], "profane": ["profane"]}
RU_TARGETS = {"religion_or_sect": ["religious_hate"], "gender": ["sexism"]}
EN_OUTPUTS = {"identity_attack": ["hatespeech"], "abusive": ["offensive"]}


def _card(data: str, licence: str, rows: int, preset: str) -> dict[str, object]:
    return {"data": data, "licence": licence, "rows": rows, "command": f"zabta train --preset {preset}",
            "trained_at": datetime.now(UTC).date().isoformat(),
            "scores": "measured by `zabta eval`; figures and model card in docs/screening-text.md"}  # fmt: skip


def own_normal(language: str, rows: Sequence[ds.Row] | None = None) -> list[ds.Row]:
    """The clause-3 set's posts in ``language`` as "normal" examples for a harm model (CC BY 4.0, the project's own).

    Police posts about Muharram duty, a Hindu festival or a party rally are rare in the public harm datasets,
    whose posts that name a religion or a group are mostly hate: without these a harm model read religious or
    ethnic words as hate (docs/screening-text.md gives the false alarms on held-out clause-3 posts).
    The clause-3 set holds no slur or hate content by construction (its README).
    """
    own = ds.clause3() if rows is None else rows
    return [ds.Row(r.id, r.text, "normal", r.language) for r in own if r.language == language]


def harm_roman_ur_from(rows: Sequence[ds.Row], card: dict[str, object] | None = None) -> list[LinearModel]:
    """The Roman Urdu harm model. It has no second stage: on RUHSOLD task 1 (5-fold CV) the sentence embedding
    added nothing (macro-F1 0.880 without, 0.879 with): the encoder knows little Roman Urdu abuse."""
    rows = [*rows, *own_normal("roman_ur")]
    return [fit([r.text for r in rows], [r.label for r in rows], name="harm_roman_ur", outputs=RU_OUTPUTS,
               targets=RU_TARGETS, languages=["roman_ur"], c=RU_C, card=card, calibrated=list(RU_OUTPUTS),
               nb=True)]  # fmt: skip


def harm_en_from(
    rows: Sequence[ds.Row], card: dict[str, object] | None = None, embedder: Embedder | None = None
) -> list[LinearModel]:
    """The English harm model and its second stage over sentence embeddings."""
    rows = [*rows, *own_normal("en")]
    texts, labels = [r.text for r in rows], [r.label for r in rows]
    first = fit(texts, labels, name="harm_en", outputs=EN_OUTPUTS, languages=["en"], c=EN_C, card=card,
                calibrated=list(EN_OUTPUTS))  # fmt: skip
    return [first, second_stage(first, texts, labels, embedder or required_embedder(), c=EN_C2, scale=EN_SCALE,
                                card=card, nb=True)]  # fmt: skip


def views_from(
    rows: Sequence[ds.Row], card: dict[str, object] | None = None, embedder: Embedder | None = None
) -> list[LinearModel]:
    """One model per view label (its posts against the other views and the rest, ``view_classes``), each followed by
    its second stage over sentence embeddings."""
    texts = [r.text for r in rows]
    encoder = embedder or required_embedder()
    out = []
    for label in VIEW_LABELS:
        y = view_classes(rows, label)
        first = fit(texts, y, name=f"views_{label.removesuffix('_view')}", outputs={label: ["1"]},
                    languages=["any"], c=VIEWS_C, card=card)  # fmt: skip
        out += [first, second_stage(first, texts, y, encoder, c=VIEWS_C2, scale=VIEWS_SCALE, card=card, nb=True)]
    return out


def view_classes(rows: Sequence[ds.Row], label: str) -> list[str]:
    """The class of each post for ``label``'s model: "1" with the label; without it, the first other view it holds
    ("political_view", ...), else "0".

    A party slogan, a sectarian ruling and a pay grievance are all opinions: with the first two in one "no" class
    with duty notices and family news, the personal model learnt "an opinion" rather than "a grievance" and flagged
    political and religious views. As classes of their own they are rivals the model must tell apart. 5-fold CV on
    the clause-3 set (1,466 posts), F1 of the label: personal_view 0.843 -> 0.859, political_view 0.864 -> 0.879,
    religious_view 0.869 -> 0.883.
    """
    return ["1" if label in r.labels else next((v for v in VIEW_LABELS if v in r.labels), "0") for r in rows]


def required_embedder() -> Embedder:
    """The sentence encoder the second-stage presets are built with; training stops with the reason without it."""
    encoder = default_embedder()
    if isinstance(encoder, str):
        raise TrainingDataError(f"second-stage models need the sentence encoder: {encoder}")
    return encoder


def _harm_roman_ur(root: Path) -> list[LinearModel]:
    rows = ds.ruhsold(root, "task_2_train.tsv")
    return harm_roman_ur_from(
        rows, _card(RU_DATA, "MIT; CC BY 4.0", len(rows) + len(own_normal("roman_ur")), "harm_roman_ur")
    )


def _harm_en(root: Path) -> list[LinearModel]:
    split = ds.hatexplain(root)
    rows = split["train"] + split["val"]
    return harm_en_from(rows, _card(EN_DATA, "MIT / CC BY 4.0", len(rows) + len(own_normal("en")), "harm_en"))


def _views(root: Path) -> list[LinearModel]:
    rows = ds.clause3()
    return views_from(
        rows, _card("Zabta clause-3 set (all rows; scores come from 5-fold CV)", "CC BY 4.0", len(rows), "views")
    )


PRESETS: dict[str, Callable[[Path], list[LinearModel]]] = {
    "harm_roman_ur": _harm_roman_ur,
    "harm_en": _harm_en,
    "views": _views,
}
