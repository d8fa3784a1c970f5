"""premises_use: a post that tells of filming for social media on police premises or in police vehicles (clause 5).

Filming words ("vlog", "tiktok", "shooting ki", "ویڈیو بنائی") within a few words of a police place or vehicle
("thane ke andar", "police station", "پولیس موبائل") make the signal. Whether the person had a premises permit
is not in the text: the rule's rationale asks the reviewer to check the permit register. A negated mention
("thane mein vlog nahi") counts for less; either word alone is no signal.
"""

from __future__ import annotations

from zabta.screening.analysis import Analysed
from zabta.screening.detectors._common import make_signal, negated, pairs_near, spans
from zabta.screening.types import Signal


class PremisesUseDetector:
    name = "premises_use"
    version = "1.0"
    labels: tuple[str, ...] = ("premises_use",)
    threshold = 0.5

    def detect(self, doc: Analysed) -> list[Signal]:
        filming, places = doc.hits_of("filming"), doc.hits_of("premises")
        pairs = pairs_near(filming, places)
        if pairs and all(negated(doc, f) for f, _place in pairs):
            score, note = 0.3, "filming on police premises, negated"
        elif pairs:
            score, note = 0.75, "filming on police premises"
        else:
            score, note = (0.1, "a police place or vehicle, no filming") if places else (0.0, "")
        hits = [h for pair in pairs for h in pair]
        return [
            make_signal(
                self.name, self.version, "premises_use", score, self.threshold, spans(doc, hits, note),
                [note] if note else [],
            )
        ]  # fmt: skip
