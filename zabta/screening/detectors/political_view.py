"""political_view: opinion for or against parties, leaders, governments, elections, political causes.

A slogan is a view on its own; a party or leader with a stance word ("zindabad", "chor", "must
resign") is a view; a bare mention (news of a rally) is not, and stays below the threshold unless
the clause-3 model, trained on the project's own labelled set, says otherwise.
"""

from __future__ import annotations

from zabta.screening.analysis import Analysed
from zabta.screening.detectors._common import cap_group_only, combine, make_signal, spans, view_model_score, view_notes
from zabta.screening.types import Signal


class PoliticalViewDetector:
    name = "political_view"
    version = "1.1"
    labels: tuple[str, ...] = ("political_view",)
    threshold = 0.5

    def detect(self, doc: Analysed) -> list[Signal]:
        slogans = doc.hits_of("slogan")
        actors = doc.hits_of("party", "leader")
        stance = doc.hits_of("stance")
        terms = doc.hits_of("political_term")
        if slogans:
            lexical, used, note = 0.9, slogans, "political slogan"
        elif actors and stance:
            lexical, used, note = 0.85, actors + stance, "stance on a party or leader"
        elif stance and terms:
            lexical, used, note = 0.7, stance + terms, "stance on a political matter"
        elif actors or terms:
            lexical, used, note = 0.3, actors + terms, "political mention"
        else:
            lexical, used, note = 0.0, [], ""
        score = cap_group_only(doc, combine(lexical, view_model_score(doc, "political_view"), model_weight=0.4), used)
        return [
            make_signal(
                self.name,
                self.version,
                "political_view",
                score,
                self.threshold,
                spans(doc, used, note),
                view_notes(doc, note),
            )
        ]
