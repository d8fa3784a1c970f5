"""Helpers shared by the text detectors: proximity, negation and counter-speech, evidence, signals.

Scores combine two sources. The lexicon gives precise, explainable evidence (which words); the
linear model for the item's language gives recall on wording no list foresaw. Context cues then
lower the score where the words are used to condemn, report, deny or celebrate rather than attack:
these are the hard negatives of issue 3 (counter-speech, quoted hate, negated statements, identity
terms in positive use).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from zabta.screening.analysis import Analysed
from zabta.screening.lexicon import Hit
from zabta.screening.types import EvidenceSpan, Signal

WINDOW = 6  # tokens: how far apart a group name and an insult may be and still be read together
DAMPEN = 0.35
# Hits that make an insult or a vulgar word "aimed": at the reader, at a group, at a party or a leader.
TARGETED = (
    "second_person",
    "identity",
    "slur",
    "leader",
    "party",
)  # factor for scores in counter-speech, quoted, negated or celebratory use


def near(a: Hit, b: Hit, window: int = WINDOW) -> bool:
    return abs(a.first - b.first) <= window or abs(a.last - b.last) <= window


def pairs_near(xs: Iterable[Hit], ys: Iterable[Hit], window: int = WINDOW) -> list[tuple[Hit, Hit]]:
    ys = list(ys)
    return [(x, y) for x in xs for y in ys if near(x, y, window)]


def negated(doc: Analysed, hit: Hit) -> bool:
    """A negation word within three tokens of the hit ("X kutte nahi hain", "not animals")."""
    return any(abs(n.first - hit.first) <= 3 or abs(n.first - hit.last) <= 3 for n in doc.hits_of("negation"))


def names_only(doc: Analysed) -> bool:
    """The text is nothing but names of institutions (a police caption, a signboard, a badge: "SINDH POLICE",
    "سندھ پولیس", "Madadgar 15"): every word is part of an institution name, the rest digits or punctuation.

    Such a text expresses no view whatever a view model says: the models were trained on posts, and a
    name that often appears in opinionated posts pulls their score up on its own.
    """
    names = doc.hits_of("institution")
    if not names:
        return False
    covered = {i for h in names for i in range(h.first, h.last + 1)}
    words = doc.norm.words()
    return all(i in covered or not any(ch.isalpha() for ch in w) for i, w in enumerate(words))


NAMES_ONLY_NOTE = "names of institutions only (a caption or marking): no view expressed"


def view_model_score(doc: Analysed, label: str) -> float | None:
    """The view model's score, or None (lexicon only) when the text is nothing but institution names."""
    return None if names_only(doc) else doc.model_scores.get(label)


def view_notes(doc: Analysed, note: str) -> list[str]:
    """The detector's note, plus the names-only note when the model was not used for that reason."""
    return [n for n in (note, NAMES_ONLY_NOTE if names_only(doc) else "") if n]


GROUP_ONLY_CAP = 0.45


def cap_group_only(doc: Analysed, score: float, terms: Sequence[Hit]) -> float:
    """A view on a post that names a community but none of the view's own terms stays below the bar.

    The view models learnt from few posts about communities and read "Sindhi log bohat mehman nawaz hote hain"
    or "Hazara log kutte nahi, insaan hain" as views; with no party, leader, grievance or opinion word in the
    post their score alone does not make one. 5-fold CV on the clause-3 set: political_view P 0.783 -> 0.809 at
    recall 0.812; personal_view P 0.741 -> 0.752, R 0.813 -> 0.807. Capping every post without a term instead
    cost political_view recall (0.812 -> 0.594), so the cap needs the named community. A community word inside an
    institution's name ("Women police station mein sirf 2 constables") names no community.
    """
    institutions = doc.hits_of("institution")
    communities = [h for h in doc.hits_of("identity") if not any(_inside(h, i) for i in institutions)]
    return min(score, GROUP_ONLY_CAP) if not terms and communities else score


def _inside(hit: Hit, outer: Hit) -> bool:
    """``hit`` lies within the longer ``outer``."""
    return outer.start <= hit.start and hit.end <= outer.end and outer.end - outer.start > hit.end - hit.start


def is_counter_speech(doc: Analysed) -> bool:
    return bool(doc.hits_of("counter"))


def spans(doc: Analysed, hits: Iterable[Hit], reason: str) -> list[EvidenceSpan]:
    """Evidence spans with the words as the author wrote them."""
    original = doc.norm.original
    seen: set[tuple[int, int]] = set()
    out: list[EvidenceSpan] = []
    for h in hits:
        if (h.start, h.end) in seen:
            continue
        seen.add((h.start, h.end))
        out.append(EvidenceSpan(h.start, h.end, original[h.start : h.end], reason))
    return out


def combine(
    lexical: float, model: float | None, model_weight: float = 0.5, *, calibrated: bool = False, decisive: bool = False
) -> float:
    """Lexicon and model: strong lexical evidence stands; weaker evidence is blended with the model; with no
    listed word the model's own probability is the score (it is trained for that language's posts).

    A calibrated model (``Analysed.calibrated``: trained for this language and label, its decision at 0.5 is
    its multi-class decision) decides: listed words are shown as evidence but do not raise its score, unless the
    detector calls them ``decisive``. Letting a bare slur or insult override it is what cost the English layer
    0.09 macro-F1 on HateXplain: on posts scored by a model that never saw them, every band of model scores
    where the lexicon was allowed to raise the score lost F1 (docs/screening-text.md).
    """
    if model is None:
        return lexical
    if calibrated and not decisive:
        return model
    if lexical >= 0.8:
        return max(lexical, model)
    return max(model, model_weight * lexical + (1 - model_weight) * model)


def dampen(score: float, model: float | None, calibrated: bool, factor: float = DAMPEN) -> float:
    """Lower a score for a counter-speech, reporting, negation or positive-use cue. The cue takes back what the
    lexicon added; it does not overturn a calibrated model's own "yes" (the word lists that find the cues, such
    as "racist", are as common in hate posts as in counter-speech)."""
    lowered = score * factor
    return max(lowered, model) if calibrated and model is not None else lowered


def make_signal(
    detector: str,
    version: str,
    label: str,
    score: float,
    threshold: float,
    ev: list[EvidenceSpan],
    notes: list[str],
    targets: dict[str, float] | None = None,
) -> Signal:
    score = min(1.0, max(0.0, score))
    return Signal(
        detector=detector,
        version=version,
        label=label,
        score=score,
        decision=score >= threshold,
        threshold=threshold,
        evidence=tuple(ev),
        targets=targets or {},
        notes=tuple(notes),
    )
