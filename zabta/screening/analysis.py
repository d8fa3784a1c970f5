"""The shared analysis of one content item that every text detector reads.

Normalisation, language identification, lexicon matching and the linear models run once per item
(the models once per batch), and detectors only combine the results: that is what keeps all six
text detectors together above 500 posts/s per core.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from zabta.screening.embedding import Embedder, FloatArray, default_embedder, encoder_input
from zabta.screening.language import LanguageInfo, detect_language
from zabta.screening.lexicon import Hit, Lexicon, default_lexicon
from zabta.screening.linear import LinearModel
from zabta.screening.normalise import Normalised, normalise
from zabta.screening.types import Content

# Lexicon categories whose terms carry their language's abuse into a post written in another (``ModelBank.applies``).
CODE_MIX_CATEGORIES = frozenset({"slur", "insult", "profanity", "dehumanising"})
MODEL_DIR = Path(__file__).resolve().parent / "models"


@dataclass
class Analysed:
    """One content item after normalisation, language identification and lexicon matching."""

    content: Content
    norm: Normalised
    language: LanguageInfo
    hits: list[Hit]
    # label -> score from the linear models that apply to this item's language(s)
    model_scores: dict[str, float] = field(default_factory=dict)
    model_targets: dict[str, float] = field(default_factory=dict)
    models_used: list[str] = field(default_factory=list)
    # labels scored by a calibrated model (``LinearModel.calibrated``): the lexicon does not override its decision
    calibrated: set[str] = field(default_factory=set)
    # label -> why its first-stage score was not refined by the second stage (no encoder here)
    unrefined: dict[str, str] = field(default_factory=dict)
    embedding: FloatArray | None = None

    def hits_of(self, *categories: str) -> list[Hit]:
        return [h for h in self.hits if h.entry.category in categories]


class ModelBank:
    """The linear models in use, and which language each one serves.

    First-stage models read hashed n-grams. A second-stage model (``LinearModel.dense_dim``) also reads a
    sentence embedding and replaces its first-stage model's scores, but only on the items whose first-stage
    score reached its gate: the encoder costs some fifty times the rest of the screening.
    """

    def __init__(self, models: Sequence[LinearModel], embedder: Embedder | str | None = None) -> None:
        self.models = list(models)
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder | str:
        """The encoder for second-stage models, or the reason there is none."""
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    @classmethod
    def from_directory(cls, directory: Path = MODEL_DIR) -> ModelBank:
        dirs = sorted(p.parent for p in directory.glob("*/model.json")) if directory.is_dir() else []
        return cls([LinearModel.load(d) for d in dirs])

    def applies(self, model: LinearModel, doc: Analysed) -> bool:
        if not model.languages or "any" in model.languages:
            return True
        if doc.language.language in model.languages:
            return True
        if any(doc.language.uses(lang, 0.25) for lang in model.languages):
            return True
        # Code-mixing: "ignore and mute than bhen chod" reads as English (its function words are), yet its abuse is
        # what only the Roman Urdu model knows. A slur, curse or insult from a model's language's lexicon lets it
        # score the post too (the max over models then stands). RUHSOLD task 2, 5-fold: macro-F1 0.700 -> 0.711;
        # HateXplain and the English clause-3 posts unchanged.
        return any(h.entry.lang in model.languages and h.entry.category in CODE_MIX_CATEGORIES for h in doc.hits)

    def score(self, docs: Sequence[Analysed]) -> None:
        """Fill ``model_scores`` of each doc with the max over the models that apply to it, each first-stage
        model's scores replaced by its second stage's where the gate let the item through."""
        staged: list[dict[str, tuple[dict[str, float], dict[str, float]]]] = [{} for _ in docs]
        for model in self.models:
            if model.dense_dim:
                continue
            chosen = [i for i, d in enumerate(docs) if self.applies(model, d)]
            if not chosen:
                continue
            probs = model.predict_proba_keys([docs[i].norm.key for i in chosen])
            for i, row in zip(chosen, probs, strict=True):
                staged[i][model.name] = (model.label_scores(row), model.target_scores(row))
                docs[i].models_used.append(f"{model.name}@{model.version}")
                docs[i].calibrated.update(model.calibrated)
        for model in self.models:
            if model.dense_dim:
                self._refine(model, docs, staged)
        for doc, scores in zip(docs, staged, strict=True):
            for labels, targets in scores.values():
                _merge_max(doc.model_scores, labels)
                _merge_max(doc.model_targets, targets)

    def _refine(
        self,
        model: LinearModel,
        docs: Sequence[Analysed],
        staged: list[dict[str, tuple[dict[str, float], dict[str, float]]]],
    ) -> None:
        first = str(model.gate.get("model", ""))
        floors = {str(k): float(v) for k, v in dict(model.gate.get("from", {})).items()}
        chosen = [
            i
            for i, d in enumerate(docs)
            if first in staged[i]
            and self.applies(model, d)
            and any(staged[i][first][0].get(label, 0.0) >= floor for label, floor in floors.items())
        ]
        if not chosen:
            return
        encoder = self.embedder
        if isinstance(encoder, str) or encoder.name != model.embedder:
            reason = encoder if isinstance(encoder, str) else f"{model.embedder} needed, {encoder.name} configured"
            for i in chosen:
                for label in model.outputs:
                    docs[i].unrefined[label] = f"second stage ({model.name}) not run: {reason}"
            return
        pending = [i for i in chosen if docs[i].embedding is None]
        if pending:
            vectors = encoder.embed([encoder_input(docs[i].norm.original) for i in pending])
            for i, vec in zip(pending, vectors, strict=True):
                docs[i].embedding = vec
        dense = np.stack([vec for i in chosen if (vec := docs[i].embedding) is not None])
        probs = model.predict_proba_keys([docs[i].norm.key for i in chosen], dense)
        for i, row in zip(chosen, probs, strict=True):
            staged[i][first] = (model.label_scores(row), model.target_scores(row))
            docs[i].models_used.append(f"{model.name}@{model.version}")


def _merge_max(into: dict[str, float], new: dict[str, float]) -> None:
    for k, v in new.items():
        into[k] = max(into.get(k, 0.0), v)


@lru_cache(maxsize=1)
def default_model_bank() -> ModelBank:
    """The shipped models, plus those in ``ZABTA_SCREENING_MODEL_DIR`` (``zabta train`` output), which replace
    shipped models of the same name."""
    bank = ModelBank.from_directory(MODEL_DIR)
    extra = os.environ.get("ZABTA_SCREENING_MODEL_DIR")
    if extra:
        local = ModelBank.from_directory(Path(extra))
        names = {m.name for m in local.models}
        bank = ModelBank([m for m in bank.models if m.name not in names] + local.models)
    return bank


def analyse(content: Content, lexicon: Lexicon | None = None) -> Analysed:
    lex = lexicon or default_lexicon()
    norm = normalise(content.text)
    return Analysed(content=content, norm=norm, language=detect_language(norm.original), hits=lex.match(norm))
