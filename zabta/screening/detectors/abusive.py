"""abusive: insults or degrading language aimed at a person or group.

An insult or a vulgar word aimed at someone (second person, a group, a party or a leader nearby) is strong
lexical evidence; an insult alone is weaker. The model for the item's language adds recall; negation and counter-speech
lower the score.
"""

from __future__ import annotations

from zabta.screening.analysis import Analysed
from zabta.screening.detectors._common import (
    TARGETED,
    combine,
    dampen,
    is_counter_speech,
    make_signal,
    negated,
    pairs_near,
    spans,
)
from zabta.screening.types import Signal


class AbusiveDetector:
    name = "abusive"
    version = "1.2"
    labels: tuple[str, ...] = ("abusive",)
    threshold = 0.5

    def detect(self, doc: Analysed) -> list[Signal]:
        insults = [h for h in doc.hits_of("insult", "dehumanising") if not negated(doc, h)]
        vulgar = [h for h in doc.hits_of("profanity") if not negated(doc, h)]
        aimed = pairs_near(insults + vulgar, doc.hits_of(*TARGETED))
        lexical = 0.82 if aimed else (0.62 if insults else 0.0)
        notes = ["insult aimed at someone"] if aimed else (["insult"] if insults else [])
        model = doc.model_scores.get("abusive")
        calibrated = "abusive" in doc.calibrated
        score = combine(lexical, model, calibrated=calibrated)
        if is_counter_speech(doc):
            score = dampen(score, model, calibrated)
            notes.append("counter-speech or reporting cue")
        ev = spans(doc, [h for p in aimed for h in p] or insults, notes[0] if notes else "model")
        return [make_signal(self.name, self.version, "abusive", score, self.threshold, ev, notes)]
