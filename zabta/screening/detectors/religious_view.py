"""religious_view: preaching, sectarian claims, religious opinion.

Greetings and blessings ("Jumma Mubarak", "InshaAllah") are no view: their words are removed
before counting religious claims. Two or more claims, or a claim with a sectarian slur, make a view.
"""

from __future__ import annotations

from zabta.screening.analysis import Analysed
from zabta.screening.detectors._common import combine, make_signal, spans
from zabta.screening.types import Signal


class ReligiousViewDetector:
    name = "religious_view"
    version = "1.0"
    labels: tuple[str, ...] = ("religious_view",)
    threshold = 0.5

    def detect(self, doc: Analysed) -> list[Signal]:
        greetings = doc.hits_of("greeting")
        claims = [h for h in doc.hits_of("religious_claim") if not any(g.first <= h.first <= g.last for g in greetings)]
        sect = [h for h in doc.hits_of("slur") if h.entry.group == "religion_or_sect"]
        if claims and sect:
            lexical, note = 0.85, "sectarian claim"
        elif len(claims) >= 2:
            lexical, note = 0.72, "religious claims"
        elif claims:
            lexical, note = 0.4, "religious term"
        else:
            lexical, note = 0.0, ""
        model = doc.model_scores.get("religious_view")
        score = combine(lexical, model, model_weight=0.4)
        if greetings and not claims:
            score = min(score, 0.2)  # a greeting is not a view, whatever the model thinks
            note = "greeting only"
        return [
            make_signal(
                self.name,
                self.version,
                "religious_view",
                score,
                self.threshold,
                spans(doc, claims + sect, note),
                [note] if note else [],
            )
        ]
