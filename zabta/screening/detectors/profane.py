"""profane: obscene or vulgar language, whether or not it is aimed at anybody."""

from __future__ import annotations

from zabta.screening.analysis import Analysed
from zabta.screening.detectors._common import combine, make_signal, spans
from zabta.screening.types import Signal


class ProfaneDetector:
    name = "profane"
    version = "1.0"
    labels: tuple[str, ...] = ("profane",)
    threshold = 0.5

    def detect(self, doc: Analysed) -> list[Signal]:
        hits = doc.hits_of("profanity")
        lexical = 0.85 if hits else 0.0
        score = combine(lexical, doc.model_scores.get("profane"))
        notes = ["vulgar word"] if hits else []
        return [
            make_signal(
                self.name, self.version, "profane", score, self.threshold, spans(doc, hits, "vulgar word"), notes
            )
        ]
