"""personal_view: personal opinion on public or departmental matters (postings, pay, seniors, the
department), e.g. "mera khayal hai ke transfer policy ghalat hai"."""

from __future__ import annotations

from zabta.screening.analysis import Analysed
from zabta.screening.detectors._common import cap_group_only, combine, make_signal, spans, view_model_score, view_notes
from zabta.screening.types import Signal


class PersonalViewDetector:
    name = "personal_view"
    version = "1.1"
    labels: tuple[str, ...] = ("personal_view",)
    threshold = 0.5

    def detect(self, doc: Analysed) -> list[Signal]:
        opinion = doc.hits_of("opinion")
        matters = doc.hits_of("grievance")
        if opinion and matters:
            lexical, note = 0.82, "opinion on a departmental or public matter"
        elif opinion:
            lexical, note = 0.45, "opinion marker"
        elif matters:
            lexical, note = 0.25, "departmental or public matter"
        else:
            lexical, note = 0.0, ""
        model = view_model_score(doc, "personal_view")
        score = cap_group_only(doc, combine(lexical, model, model_weight=0.4), opinion + matters)
        return [
            make_signal(
                self.name,
                self.version,
                "personal_view",
                score,
                self.threshold,
                spans(doc, opinion + matters, note),
                view_notes(doc, note),
            )
        ]
