"""profane: obscene or vulgar language aimed at nobody in particular.

Vulgar words aimed at someone (a second-person word, a group, a party or leader nearby) are abuse, which the
abusive detector scores; here they count only weakly, so one post is not reported twice for one word.
"""

from __future__ import annotations

from zabta.screening.analysis import Analysed
from zabta.screening.detectors._common import TARGETED, combine, make_signal, pairs_near, spans
from zabta.screening.types import Signal


class ProfaneDetector:
    name = "profane"
    version = "1.1"
    labels: tuple[str, ...] = ("profane",)
    threshold = 0.5

    def detect(self, doc: Analysed) -> list[Signal]:
        hits = doc.hits_of("profanity")
        aimed = pairs_near(hits, doc.hits_of(*TARGETED))
        lexical = (0.45 if aimed else 0.85) if hits else 0.0
        score = combine(lexical, doc.model_scores.get("profane"), calibrated="profane" in doc.calibrated)
        notes = (["vulgar word aimed at someone"] if aimed else ["vulgar word"]) if hits else []
        return [
            make_signal(
                self.name, self.version, "profane", score, self.threshold, spans(doc, hits, "vulgar word"), notes
            )
        ]
