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

from zabta.screening.language import LanguageInfo, detect_language
from zabta.screening.lexicon import Hit, Lexicon, default_lexicon
from zabta.screening.linear import LinearModel
from zabta.screening.normalise import Normalised, normalise
from zabta.screening.types import Content

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

    def hits_of(self, *categories: str) -> list[Hit]:
        return [h for h in self.hits if h.entry.category in categories]


class ModelBank:
    """The linear models in use, and which language each one serves."""

    def __init__(self, models: Sequence[LinearModel]) -> None:
        self.models = list(models)

    @classmethod
    def from_directory(cls, directory: Path = MODEL_DIR) -> ModelBank:
        dirs = sorted(p.parent for p in directory.glob("*/model.json")) if directory.is_dir() else []
        return cls([LinearModel.load(d) for d in dirs])

    def applies(self, model: LinearModel, doc: Analysed) -> bool:
        if not model.languages or "any" in model.languages:
            return True
        if doc.language.language in model.languages:
            return True
        return any(doc.language.uses(lang, 0.25) for lang in model.languages)

    def score(self, docs: Sequence[Analysed]) -> None:
        """Fill ``model_scores`` of each doc with the max over the models that apply to it."""
        for model in self.models:
            chosen = [d for d in docs if self.applies(model, d)]
            if not chosen:
                continue
            probs = model.predict_proba_keys([d.norm.key for d in chosen])
            for doc, row in zip(chosen, probs, strict=True):
                _merge_max(doc.model_scores, model.label_scores(row))
                _merge_max(doc.model_targets, model.target_scores(row))
                doc.models_used.append(f"{model.name}@{model.version}")
                doc.calibrated.update(model.calibrated)


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
