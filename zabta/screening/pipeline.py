"""The screening pipeline: content in, signals and findings out (no Django).

``Pipeline.screen_batch`` analyses a batch (normalise, identify language, match lexicons), runs
each linear model once over the batch, asks every detector for its signals, and lets each rule set
(one per directive version in force) turn the signals into findings. Media detectors plug in as
further detectors; text they extract is screened by calling ``screen`` again with
``context["source"]`` set to "ocr" or "speech".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from zabta.screening.analysis import Analysed, ModelBank, analyse, default_model_bank
from zabta.screening.detectors import Detector, default_detectors
from zabta.screening.lexicon import Lexicon, default_lexicon
from zabta.screening.rules import RuleSet
from zabta.screening.types import LABELS, MAX_TEXT_CHARS, Content, Finding, ScreeningResult, Signal


class Pipeline:
    """Detectors, models and the rule sets of the directives in force."""

    def __init__(
        self,
        rule_sets: Sequence[RuleSet] = (),
        detectors: Sequence[Detector] | None = None,
        models: ModelBank | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.rule_sets = list(rule_sets)
        self.detectors = list(detectors) if detectors is not None else default_detectors()
        self.models = models if models is not None else default_model_bank()
        self.lexicon = lexicon or default_lexicon()

    def screen(self, content: Content | str) -> ScreeningResult:
        item = Content(text=content) if isinstance(content, str) else content
        return self.screen_batch([item])[0]

    def screen_batch(self, contents: Sequence[Content]) -> list[ScreeningResult]:
        docs = [analyse(_clean(c), self.lexicon) for c in contents]
        self.models.score(docs)
        results: list[ScreeningResult] = []
        for doc in docs:
            signals: list[Signal] = []
            for det in self.detectors:
                signals.extend(_say_if_unrefined(_say_if_lexicon_only(s, doc), doc) for s in det.detect(doc))
            findings: list[Finding] = []
            for rs in self.rule_sets:
                findings.extend(rs.apply(doc.content, signals))
            results.append(
                ScreeningResult(
                    doc.content.id, doc.language.language, tuple(signals), tuple(findings), tuple(doc.models_used)
                )
            )
        return results

    def screen_stream(self, contents: Iterable[Content], batch_size: int = 256) -> Iterator[ScreeningResult]:
        """Screen an unbounded stream in constant memory."""
        batch: list[Content] = []
        for c in contents:
            batch.append(c)
            if len(batch) >= batch_size:
                yield from self.screen_batch(batch)
                batch = []
        if batch:
            yield from self.screen_batch(batch)


def _clean(content: Content) -> Content:
    """Cut hostile sizes and replace lone surrogates, which cannot be encoded, before analysis."""
    text = content.text if isinstance(content.text, str) else str(content.text)
    text = text[:MAX_TEXT_CHARS].encode("utf-8", "replace").decode("utf-8")
    return Content(text=text, id=content.id, context=content.context)


def _say_if_lexicon_only(sig: Signal, doc: Analysed) -> Signal:
    """A text label that no model scored for this language says so: its score rests on the lexicons alone."""
    if sig.label not in LABELS or sig.label in doc.model_scores:
        return sig
    return replace(sig, notes=(*sig.notes, f"no model for language '{doc.language.language}': lexicons only"))


def _say_if_unrefined(sig: Signal, doc: Analysed) -> Signal:
    """A label whose second stage should have run but could not (no encoder) says so in its notes."""
    reason = doc.unrefined.get(sig.label)
    return replace(sig, notes=(*sig.notes, reason)) if reason else sig
