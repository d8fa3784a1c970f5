"""Detectors: one small protocol, one registry dict, one module per label.

A detector takes an ``Analysed`` item and returns ``Signal`` values. Text detectors read the shared
analysis (lexicon hits, language, linear-model scores); a media detector (issue 4) implements the
same protocol, reads the media it needs from ``Content.context`` (e.g. a file path or a storage key)
and returns signals whose evidence carries ``timecode``/``frame``. Text it extracts (OCR, speech)
goes back through ``Pipeline.screen`` as new ``Content`` with ``context["source"]`` set, so the text
detectors judge it too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from zabta.screening.analysis import Analysed
from zabta.screening.detectors.abusive import AbusiveDetector
from zabta.screening.detectors.identity_attack import IdentityAttackDetector
from zabta.screening.detectors.personal_view import PersonalViewDetector
from zabta.screening.detectors.political_view import PoliticalViewDetector
from zabta.screening.detectors.premises_use import PremisesUseDetector
from zabta.screening.detectors.profane import ProfaneDetector
from zabta.screening.detectors.religious_view import ReligiousViewDetector
from zabta.screening.types import Signal


class Detector(Protocol):
    """What the pipeline needs from a detector."""

    name: str
    version: str
    labels: tuple[str, ...]

    def detect(self, doc: Analysed) -> list[Signal]: ...


REGISTRY: dict[str, Callable[[], Detector]] = {
    "identity_attack": IdentityAttackDetector,
    "abusive": AbusiveDetector,
    "profane": ProfaneDetector,
    "political_view": PoliticalViewDetector,
    "religious_view": ReligiousViewDetector,
    "personal_view": PersonalViewDetector,
    "premises_use": PremisesUseDetector,
}


def default_detectors() -> list[Detector]:
    return [factory() for factory in REGISTRY.values()]
