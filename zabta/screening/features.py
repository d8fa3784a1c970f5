"""Text features for the linear models: hashed word and character n-grams of the normalised key.

Hashing (no vocabulary) keeps a model to one weight matrix, makes training and inference
deterministic across machines, and lets a model be stored as plain numbers (``.npz``), so loading a
shipped model never unpickles code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from zabta.screening.normalise import normalise


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """How text becomes a feature vector; stored with each model so inference matches training."""

    n_features: int = 2**18
    char_ngrams: tuple[int, int] = (2, 5)
    word_ngrams: tuple[int, int] = (1, 2)

    def to_dict(self) -> dict[str, object]:
        return {
            "n_features": self.n_features,
            "char_ngrams": list(self.char_ngrams),
            "word_ngrams": list(self.word_ngrams),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> FeatureSpec:
        char = data.get("char_ngrams", [2, 5])
        word = data.get("word_ngrams", [1, 2])
        n = data.get("n_features", 2**18)
        if not (isinstance(char, list) and isinstance(word, list) and isinstance(n, int)):
            raise ValueError("invalid feature spec")
        return cls(n_features=n, char_ngrams=(int(char[0]), int(char[1])), word_ngrams=(int(word[0]), int(word[1])))


class Featuriser:
    """Turns texts (or already normalised keys) into L2-normalised sparse rows."""

    def __init__(self, spec: FeatureSpec) -> None:
        self.spec = spec
        common = {"n_features": spec.n_features, "alternate_sign": False, "norm": None, "lowercase": False}
        self._char = HashingVectorizer(analyzer="char_wb", ngram_range=spec.char_ngrams, **common)
        self._word = HashingVectorizer(
            analyzer="word",
            ngram_range=spec.word_ngrams,
            token_pattern=r"\S+",  # noqa: S106 - a regex, not a password
            **common,
        )

    def transform_keys(self, keys: Iterable[str]) -> sp.csr_matrix:
        keys = list(keys)
        # Word features are hashed into the same space with a prefix so they differ from char n-grams.
        words = self._word.transform(["w_" + k.replace(" ", " w_") for k in keys])
        chars = self._char.transform(keys)
        x = (chars + words).tocsr().astype(np.float32)
        x.data = np.log1p(x.data)
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ x)

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        return self.transform_keys(normalise(t).key for t in texts)
