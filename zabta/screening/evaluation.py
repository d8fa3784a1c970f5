"""``zabta eval``: score the detectors on every dataset that fits a label and write a markdown report.

Each section names the protocol. Models are scored only on rows they never saw (RUHSOLD
task_1_validation by a model rebuilt without the validation posts that its training file also holds,
HateXplain official test ids, Davidson and Urdu sets that no shipped model used). Where a target needs cross-validation (RUHSOLD task_2 5-fold, ETHOS 10-fold, the clause-3 set
5-fold by id hash), the same preset code retrains on each training fold inside this run; those fold
models are thrown away, so evaluation-only data never reaches a shipped model.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zabta.screening import datasets as ds
from zabta.screening.analysis import ModelBank, default_model_bank
from zabta.screening.linear import LinearModel
from zabta.screening.normalise import normalise
from zabta.screening.pipeline import Pipeline
from zabta.screening.presets import harm_roman_ur_from, required_embedder, views_from
from zabta.screening.training import VIEW_LABELS, TrainingDataError, fit, fold_of, second_stage
from zabta.screening.types import Content, ScreeningResult

HARM = ("identity_attack", "abusive", "profane")
# ETHOS fold models: the first stage at fit's default C, the second with the views' embedding scale; neither was
# tuned on ETHOS.
ETHOS_C2, ETHOS_SCALE = 1.0, 1.0


@dataclass
class Metrics:
    """Per-class precision/recall/F1, macro-F1 and the confusion matrix (rows true, columns predicted)."""

    classes: list[str]
    per_class: dict[str, tuple[float, float, float, int]]
    macro_f1: float
    confusion: list[list[int]]
    n: int


def metrics(y_true: Sequence[str], y_pred: Sequence[str], classes: Sequence[str]) -> Metrics:
    idx = {c: i for i, c in enumerate(classes)}
    conf = [[0] * len(classes) for _ in classes]
    for truth, pred in zip(y_true, y_pred, strict=True):
        conf[idx[truth]][idx[pred]] += 1
    per: dict[str, tuple[float, float, float, int]] = {}
    for c, i in idx.items():
        tp = conf[i][i]
        predicted = sum(row[i] for row in conf)
        support = sum(conf[i])
        p = tp / predicted if predicted else 0.0
        r = tp / support if support else 0.0
        per[c] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, support)
    return Metrics(list(classes), per, sum(v[2] for v in per.values()) / len(per), conf, len(y_true))


@dataclass
class Section:
    title: str
    protocol: str
    results: list[tuple[str, Metrics]] = field(default_factory=list)
    target: str = ""
    headline: float | None = None
    seconds: float = 0.0
    note: str = ""


def _decided(r: ScreeningResult, label: str) -> float:
    s = r.signal(label)
    return s.score if s is not None and s.decision else 0.0


def coarse(r: ScreeningResult) -> str:
    return "abusive" if any(_decided(r, lab) for lab in HARM) else "normal"


def fine5(r: ScreeningResult) -> str:
    """RUHSOLD task_2 classes from our labels: identity attack by target, else abusive or profane."""
    sig = r.signal("identity_attack")
    t = sig.targets if sig else {}
    ident = "religious_hate" if t.get("religion_or_sect", 0) >= t.get("gender", 0) else "sexism"
    cands = {
        ident: _decided(r, "identity_attack"),
        "abusive": _decided(r, "abusive"),
        "profane": _decided(r, "profane"),
    }
    best = max(cands, key=lambda k: cands[k])
    return best if cands[best] > 0 else "normal"


def hatexplain3(r: ScreeningResult) -> str:
    """HateXplain's classes from our labels: hate speech = identity_attack, offensive = abusive.

    ``profane`` (vulgar words aimed at nobody) has no HateXplain class: its annotators mostly called casual
    vulgarity normal. Chosen on the validation ids, with harm_en rebuilt on the train ids only: of the 84 posts
    that the vulgar-word list alone made "offensive", 50 were labelled normal, 18 hate speech and 16 offensive
    (macro-F1 0.650 with profane counted, 0.668 without). Davidson's "offensive" is mostly such vulgarity, and
    RUHSOLD has a class of its own for it: there ``profane`` still counts.
    """
    hate, off = _decided(r, "identity_attack"), _decided(r, "abusive")
    if hate == off == 0:
        return "normal"
    return "hatespeech" if hate >= off else "offensive"


def hate_offensive3(none: str) -> Callable[[ScreeningResult], str]:
    """Davidson's and the Urdu YouTube set's classes: hate = identity_attack; offensive = abusive or profane; else
    ``none`` (their name for the rest)."""

    def classify(r: ScreeningResult) -> str:
        if _decided(r, "identity_attack"):
            return "hate"
        return "offensive" if _decided(r, "abusive") or _decided(r, "profane") else none

    return classify


def binary(label: str) -> Callable[[ScreeningResult], str]:
    return lambda r: "yes" if _decided(r, label) else "no"


def _bank_with(models: Sequence[LinearModel]) -> ModelBank:
    names = {m.name for m in models}
    return ModelBank([m for m in default_model_bank().models if m.name not in names] + list(models))


def _run(rows: Sequence[ds.Row], bank: ModelBank | None = None) -> list[ScreeningResult]:
    pipe = Pipeline(models=bank or default_model_bank())
    return list(pipe.screen_stream(Content(text=r.text, id=r.id) for r in rows))


def _timed(fn: Callable[[], Section]) -> Section:
    start = time.perf_counter()
    sec = fn()
    sec.seconds = time.perf_counter() - start
    return sec


def eval_ruhsold_task1(root: Path) -> Section:
    rows = ds.ruhsold(root, "task_1_validation.tsv")
    # 576 of the 801 validation posts are also in task_2_train.tsv, the shipped model's data: score a model
    # rebuilt by the same recipe without them (the shipped one scored 0.93 here, mostly on posts it was trained on).
    seen = {normalise(r.text).key for r in rows}
    train = [r for r in ds.ruhsold(root, "task_2_train.tsv") if normalise(r.text).key not in seen]
    res = _run(rows, _bank_with(harm_roman_ur_from(train)))
    m = metrics([r.label for r in rows], [coarse(x) for x in res], ["abusive", "normal"])
    # The split as the dataset gives it (the shipped model, trained on the whole training file), for comparison.
    shipped = metrics([r.label for r in rows], [coarse(x) for x in _run(rows)], ["abusive", "normal"])
    seen_in_training = len(seen & {normalise(r.text).key for r in ds.ruhsold(root, "task_2_train.tsv")})
    return Section("RUHSOLD task 1 (Roman Urdu, coarse)", f"task_1_validation.tsv (801 rows); harm_roman_ur rebuilt by its preset on the {len(train)} task_2_train posts that are not validation posts; abusive = any of identity_attack / abusive / profane decided. Second line, for comparison only: the shipped model on the split as the dataset gives it ({seen_in_training} of the validation texts are in its training file)",
                   [("coarse", m), ("coarse, shipped model, split as given", shipped)], "macro-F1 >= 0.92", m.macro_f1)  # fmt: skip


def eval_ruhsold_task2(root: Path, k: int = 5) -> Section:
    rows = ds.ruhsold(root, "task_2_train.tsv")
    truth: list[str] = []
    pred: list[str] = []
    for fold in range(k):
        train = [r for i, r in enumerate(rows) if i % k != fold]
        test = [r for i, r in enumerate(rows) if i % k == fold]
        res = _run(test, _bank_with(harm_roman_ur_from(train)))
        truth += [r.label for r in test]
        pred += [fine5(x) for x in res]
    m = metrics(truth, pred, list(ds.RUHSOLD_FINE))
    return Section("RUHSOLD task 2 (Roman Urdu, fine-grained)", f"{k}-fold CV (fold = row index mod {k}); model retrained per fold; classes mapped from our labels (identity_attack by target -> religious_hate / sexism)",
                   [("fine", m)], "macro-F1 >= 0.78", m.macro_f1)  # fmt: skip


def eval_hatexplain(root: Path) -> Section:
    rows = ds.hatexplain(root)["test"]
    res = _run(rows)
    m = metrics([r.label for r in rows], [hatexplain3(x) for x in res], ["normal", "hatespeech", "offensive"])
    return Section("HateXplain (English, 3 classes)", "shipped harm_en (trained on official train+val ids); official test ids, undecided dropped",
                   [("3-class", m)], "macro-F1 >= 0.68", m.macro_f1)  # fmt: skip


def eval_ethos(root: Path, k: int = 10) -> Section:
    rows = ds.ethos(root)
    truth: list[str] = []
    pred: list[str] = []
    for fold in range(k):
        train = [r for i, r in enumerate(rows) if i % k != fold]
        test = [r for i, r in enumerate(rows) if i % k == fold]
        texts, labels = [r.text for r in train], [r.label for r in train]
        fold_model = fit(texts, labels, name="ethos_fold", outputs={"identity_attack": ["hate"]}, languages=["any"])
        refined = second_stage(fold_model, texts, labels, required_embedder(), c=ETHOS_C2, scale=ETHOS_SCALE, nb=True)
        res = _run(test, _bank_with([fold_model, refined]))
        truth += [r.label for r in test]
        pred += ["hate" if _decided(x, "identity_attack") or _decided(x, "abusive") else "normal" for x in res]
    m = metrics(truth, pred, ["hate", "normal"])
    return Section("ETHOS binary (English)", f"{k}-fold CV (fold = row index mod {k}); a fold model and its second stage (GPL data, never saved) next to shipped models; hate = identity_attack or abusive decided",
                   [("binary", m)], "F1(hate) >= 0.80", m.per_class["hate"][2])  # fmt: skip


def eval_davidson(root: Path) -> Section:
    rows = ds.davidson(root)
    classify = hate_offensive3("neither")
    pred = [classify(x) for x in _run(rows)]
    m = metrics([r.label for r in rows], pred, ["hate", "offensive", "neither"])
    return Section(
        "Davidson (English tweets)",
        "shipped models, all rows (not used in training)",
        [("3-class", m)],
        "report only",
        m.macro_f1,
    )


def eval_urdu(root: Path) -> Section:
    sets = ds.urdu_youtube(root)
    hs = sets["hs_urdu"]
    classify = hate_offensive3("normal")
    pred = [classify(x) for x in _run(hs)]
    m1 = metrics([r.label for r in hs], pred, ["hate", "offensive", "normal"])
    ab = sets["urdu_abusive"]
    m2 = metrics([r.label for r in ab], [coarse(x) for x in _run(ab)], ["abusive", "normal"])
    return Section("Urdu script YouTube comments", "shipped models and lexicons (no Urdu-script training data may be shipped); evaluation only",
                   [("hs_urdu 3-class", m1), ("urdu_abusive binary", m2)], "report only", m2.macro_f1)  # fmt: skip


def eval_clause3(k: int = 5) -> Section:
    rows = ds.clause3()
    results: dict[str, ScreeningResult] = {}
    for fold in range(k):
        train = [r for r in rows if fold_of(r.id, k) != fold]
        test = [r for r in rows if fold_of(r.id, k) == fold]
        for r, x in zip(test, _run(test, _bank_with(views_from(train))), strict=True):
            results[r.id] = x
    sec = Section(
        "Clause-3 own set (views)",
        f"{k}-fold CV, fold = crc32(id) mod {k}; views models retrained per fold",
        target="F1 >= 0.85 per label",
    )
    langs = sorted({r.language for r in rows})
    worst = 1.0
    for label in VIEW_LABELS:
        for lang in ["all", *langs]:
            sub = [r for r in rows if lang in ("all", r.language)]
            m = metrics(
                ["yes" if label in r.labels else "no" for r in sub],
                [binary(label)(results[r.id]) for r in sub],
                ["yes", "no"],
            )
            sec.results.append((f"{label} / {lang}", m))
            if lang == "all":
                worst = min(worst, m.per_class["yes"][2])
    sec.headline = worst
    return sec


SECTIONS: dict[str, Callable[[Path], Section]] = {
    "ruhsold_task1": eval_ruhsold_task1,
    "ruhsold_task2": eval_ruhsold_task2,
    "hatexplain": eval_hatexplain,
    "ethos": eval_ethos,
    "davidson": eval_davidson,
    "urdu": eval_urdu,
    "clause3": lambda root: eval_clause3(),
}


def run_section(name: str, root: Path) -> Section:
    """One section, timed; a missing or unreadable dataset gives a section that says so (never a score)."""
    try:
        return _timed(lambda: SECTIONS[name](root))
    except (OSError, TrainingDataError, KeyError, ValueError) as exc:
        return Section(name, "not run", note=f"not run: dataset missing or malformed ({exc})")


def render(sections: Sequence[Section], header: str) -> str:
    lines = [header, "", "| section | headline | target | seconds |", "|---|---|---|---|"]
    for s in sections:
        lines.append(
            f"| {s.title} | {s.headline:.3f} | {s.target} | {s.seconds:.0f} |"
            if s.headline is not None
            else f"| {s.title} | - | {s.target or s.note} | |"
        )
    for s in sections:
        lines += ["", f"## {s.title}", "", f"Protocol: {s.protocol}.", ""]
        for name, m in s.results:
            lines += [
                f"**{name}** (n={m.n}) macro-F1 **{m.macro_f1:.3f}**",
                "",
                "| class | precision | recall | F1 | support |",
                "|---|---|---|---|---|",
            ]
            lines += [f"| {c} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |" for c, (p, r, f, n) in m.per_class.items()]
            lines += [
                "",
                "Confusion (rows true, columns predicted: " + ", ".join(m.classes) + "): `" + str(m.confusion) + "`",
                "",
            ]
    return "\n".join(lines) + "\n"
