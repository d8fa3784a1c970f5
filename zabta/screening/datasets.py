"""Readers for the public labelled datasets under ``<repo>/../shared/datasets`` (never copied into
the repo) and for the project's own clause-3 set. Each reader returns (id, text, label) rows.

Licences decide use: RUHSOLD (MIT), HateXplain (MIT / CC BY 4.0), Davidson (MIT) and MLMA (MIT)
may train shipped models; ETHOS (GPL-3.0), urdu_hs_youtube (no licence), USC (no licence) and BABE
(GPL-3.0 / NC) are evaluation only: they are used inside ``zabta eval`` and never saved into a model.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

from zabta.screening.training import CLAUSE3_DIR, TrainingDataError

REPO_ROOT = Path(__file__).resolve().parents[2]
RUHSOLD_FINE = ("abusive", "normal", "religious_hate", "sexism", "profane")
HATEXPLAIN_CLASSES = {"0": "normal", "1": "hatespeech", "2": "offensive"}


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    text: str
    label: str
    language: str = ""
    labels: tuple[str, ...] = ()


def datasets_dir(explicit: str | Path | None = None) -> Path:
    """``--datasets`` option, else ``ZABTA_DATASETS_DIR``, else ``<repo>/../shared/datasets``."""
    chosen = explicit or os.environ.get("ZABTA_DATASETS_DIR") or REPO_ROOT.parent / "shared" / "datasets"
    return Path(chosen)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TrainingDataError(f"{path}: cannot read ({exc})") from exc


def ruhsold(root: Path, file: str) -> list[Row]:
    rows = []
    for n, line in enumerate(_read(root / "ruhsold_train" / file).splitlines()):
        text, _, label = line.rpartition("\t")
        if not label.strip().isdigit():
            raise TrainingDataError(f"{file}:{n + 1}: bad label {label!r}")
        name = RUHSOLD_FINE[int(label)] if file.startswith("task_2") else ("abusive" if label == "0" else "normal")
        rows.append(Row(f"{file}:{n}", text, name, "roman_ur"))
    return rows


def hatexplain(root: Path) -> dict[str, list[Row]]:
    """HateXplain rows by official split (train / val / test), undecided posts dropped."""
    base = root / "hatexplain_mbib"
    splits = json.loads(_read(base / "post_id_divisions.json"))
    where = {pid: split for split, ids in splits.items() for pid in ids}
    out: dict[str, list[Row]] = {"train": [], "val": [], "test": []}
    with (base / "092-HateXplain.csv").open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            cls = HATEXPLAIN_CLASSES.get(rec["category"])
            pid = rec[""]
            if cls and pid in where:
                out[where[pid]].append(Row(pid, rec["text"], cls, "en"))
    return out


def ethos(root: Path) -> list[Row]:
    with (root / "ethos" / "Ethos_Dataset_Binary.csv").open(encoding="utf-8", newline="") as fh:
        recs = list(csv.DictReader(fh, delimiter=";"))
    return [
        Row(f"ethos:{i}", r["comment"], "hate" if float(r["isHate"]) >= 0.5 else "normal", "en")
        for i, r in enumerate(recs)
    ]


def davidson(root: Path) -> list[Row]:
    names = {"0": "hate", "1": "offensive", "2": "neither"}
    with (root / "davidson_hate_offensive" / "labeled_data.csv").open(encoding="utf-8", newline="") as fh:
        return [Row(f"davidson:{r['']}", r["tweet"], names[r["class"]], "en") for r in csv.DictReader(fh)]


def urdu_youtube(root: Path) -> dict[str, list[Row]]:
    base = root / "urdu_hs_youtube"
    names = {"h": "hate", "o": "offensive", "n": "normal"}
    with (base / "hs_urdu.csv").open(encoding="utf-8", newline="") as fh:
        hs = [
            Row(f"hs:{i}", r["Text"], names.get(r["Label"].strip(), "?"), "ur")
            for i, r in enumerate(csv.DictReader(fh))
        ]
    with (base / "urdu_abusive_dataset.csv").open(encoding="utf-8", newline="") as fh:
        ab = [Row(f"ab:{i}", r["comment_text"], "abusive" if r["comment_class"].strip() == "True" else "normal", "ur")
              for i, r in enumerate(csv.DictReader(fh))]  # fmt: skip
    return {"hs_urdu": [r for r in hs if r.label != "?"], "urdu_abusive": ab}


def usc(root: Path) -> list[Row]:
    rows = []
    for i, line in enumerate(_read(root / "urdu_sentiment_corpus" / "urdu-sentiment-corpus-v1.tsv").splitlines()[1:]):
        text, _, label = line.rpartition("\t")
        if label.strip() in ("P", "N", "O"):
            rows.append(Row(f"usc:{i}", text, label.strip(), "ur"))
    return rows


def clause3(directory: Path = CLAUSE3_DIR) -> list[Row]:
    rows = []
    for path in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(_read(path).splitlines(), 1):
            if line.strip():
                try:
                    d = json.loads(line)
                    rows.append(Row(str(d["id"]), str(d["text"]), "", str(d["language"]), tuple(d["labels"])))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise TrainingDataError(f"{path}:{n}: {exc}") from exc
    return rows
