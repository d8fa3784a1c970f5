"""Linear text models stored as plain numbers: a JSON card plus an ``.npz`` of weights.

A model maps hashed n-gram features (``features.FeatureSpec``) to class probabilities (softmax, or
a sigmoid for two classes). Its JSON says which classes add up to which screening label
(``outputs``) and to which identity target (``targets``), so one multi-class model (e.g. trained
on normal / abusive / religious hate / sexism / profane) feeds several detectors. Loading never
unpickles code: only arrays and JSON are read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from zabta.screening.features import FeatureSpec, Featuriser

FloatArray = npt.NDArray[np.float32]


class ModelError(ValueError):
    """A model file is missing or malformed."""


@dataclass
class LinearModel:
    """Weights (classes x features) with the card that says what the classes mean."""

    name: str
    version: str
    classes: list[str]
    coef: FloatArray
    intercept: FloatArray
    spec: FeatureSpec
    outputs: dict[str, list[str]]
    targets: dict[str, list[str]] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    card: dict[str, Any] = field(default_factory=dict)
    # Labels scored against their strongest rival class (decision at 0.5 = the model's multi-class decision):
    # the detectors let such a model decide, the lexicon giving evidence (detectors/_common.combine).
    calibrated: list[str] = field(default_factory=list)
    # label -> the score that decides, found on out-of-fold training data; ``label_scores`` maps it to 0.5,
    # the threshold every detector uses, so a detector needs no per-model setting.
    thresholds: dict[str, float] = field(default_factory=dict)
    # A second-stage model (``embedding.py``): its weights also cover ``dense_dim`` columns of sentence embedding
    # from ``embedder``, scaled by ``dense_scale`` and appended to the hashed n-grams. ``gate`` names the
    # first-stage model it refines and, per label, the first-stage score from which it runs (lower scores stand).
    dense_dim: int = 0
    dense_scale: float = 1.0
    embedder: str = ""
    gate: dict[str, Any] = field(default_factory=dict)
    _featuriser: Featuriser | None = None
    # Out-of-fold label scores on the training rows, kept from calibration (training only; never saved).
    oof_scores: dict[str, FloatArray] = field(default_factory=dict, repr=False)

    @property
    def featuriser(self) -> Featuriser:
        if self._featuriser is None:
            self._featuriser = Featuriser(self.spec)
        return self._featuriser

    def predict_proba_keys(self, keys: list[str], dense: FloatArray | None = None) -> FloatArray:
        """Class probabilities for already normalised keys (rows follow ``keys``); a second-stage model also
        needs their sentence embeddings (``dense``, one row per key)."""
        x = self.design(keys, dense)
        z = np.asarray(x @ self.coef.T, dtype=np.float32) + self.intercept
        if len(self.classes) == 2 and z.shape[1] == 1:
            p1 = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.stack([1.0 - p1, p1], axis=1).astype(np.float32)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)

    def design(self, keys: list[str], dense: FloatArray | None = None) -> sp.csr_matrix:
        """The feature rows the weights apply to: hashed n-grams, then the scaled embedding if the model has one."""
        x = self.featuriser.transform_keys(keys)
        if not self.dense_dim:
            return x
        if dense is None or dense.shape != (len(keys), self.dense_dim):
            raise ModelError(f"{self.name} needs {self.dense_dim}-dim embeddings from {self.embedder or 'an encoder'}")
        return sp.csr_matrix(sp.hstack([x, sp.csr_matrix(dense.astype(np.float32) * self.dense_scale)]))

    def label_scores(self, probs: FloatArray) -> dict[str, float]:
        """One row of class probabilities -> score per screening label named in ``outputs``.

        A label in ``calibrated`` scores against its strongest rival class, P(label) / (P(label) + P(rival)),
        which is >= 0.5 exactly when the label's classes beat every other class: the decision at 0.5 is then
        the model's own multi-class decision, not a 50 % bar that a three-class model rarely clears.
        """
        idx = {c: i for i, c in enumerate(self.classes)}
        out = {}
        for label, cls in self.outputs.items():
            p = float(sum(probs[idx[c]] for c in cls if c in idx))  # a class missing from the data scores 0
            if label in self.calibrated:
                rival = max((float(probs[i]) for c, i in idx.items() if c not in cls), default=0.0)
                p = p / (p + rival) if p + rival > 0 else 0.0
            out[label] = _rescale(p, self.thresholds.get(label, 0.5))
        return out

    def target_scores(self, probs: FloatArray) -> dict[str, float]:
        idx = {c: i for i, c in enumerate(self.classes)}
        return {t: float(sum(probs[idx[c]] for c in cls if c in idx)) for t, cls in self.targets.items()}

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        # float16 keeps a 2^18-feature model around 1 MB per class with no measurable loss of F1.
        np.savez_compressed(
            directory / "weights.npz", coef=self.coef.astype(np.float16), intercept=self.intercept.astype(np.float32)
        )
        dense = {"dim": self.dense_dim, "scale": self.dense_scale, "embedder": self.embedder}
        meta = {
            "name": self.name,
            "version": self.version,
            "classes": self.classes,
            "features": self.spec.to_dict(),
            "outputs": self.outputs,
            "targets": self.targets,
            "languages": self.languages,
            "calibrated": self.calibrated,
            "thresholds": self.thresholds,
            **({"dense": dense, "gate": self.gate} if self.dense_dim else {}),
            "card": self.card,
        }
        (directory / "model.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LinearModel:
        try:
            meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
            with np.load(directory / "weights.npz", allow_pickle=False) as w:
                coef = w["coef"].astype(np.float32)
                intercept = w["intercept"].astype(np.float32)
            dense = dict(meta.get("dense", {}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot load model from {directory}: {exc}") from exc
        return cls(
            name=str(meta["name"]),
            version=str(meta["version"]),
            classes=[str(c) for c in meta["classes"]],
            coef=coef,
            intercept=intercept,
            spec=FeatureSpec.from_dict(meta["features"]),
            outputs={str(k): [str(c) for c in v] for k, v in meta["outputs"].items()},
            targets={str(k): [str(c) for c in v] for k, v in meta.get("targets", {}).items()},
            languages=[str(x) for x in meta.get("languages", [])],
            card=dict(meta.get("card", {})),
            calibrated=[str(x) for x in meta.get("calibrated", [])],
            thresholds={str(k): float(v) for k, v in meta.get("thresholds", {}).items()},
            dense_dim=int(dense.get("dim", 0)),
            dense_scale=float(dense.get("scale", 1.0)),
            embedder=str(dense.get("embedder", "")),
            gate=dict(meta.get("gate", {})),
        )


def _rescale(score: float, threshold: float) -> float:
    """Piecewise-linear map of [0, 1] onto itself that sends ``threshold`` to 0.5 (order kept, ends fixed)."""
    if threshold == 0.5 or not 0.0 < threshold < 1.0:
        return score
    if score < threshold:
        return 0.5 * score / threshold
    return 0.5 + 0.5 * (score - threshold) / (1.0 - threshold)
