"""The penalty schedule, the competent authorities and the recommendation ladder, read from data/penalties.json."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

from zabta.org.models import Rank

SCHEDULE_PATH = Path(__file__).resolve().parent / "data" / "penalties.json"
EXONERATED = "exonerated"


@dataclass(frozen=True)
class Penalty:
    code: str
    kind: str  # "minor" or "major"
    en: str
    ur: str

    @property
    def is_major(self) -> bool:
        return self.kind == "major"

    @property
    def label(self) -> str:
        return self.ur if (get_language() or "").startswith("ur") else self.en


@cache
def schedule() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEDULE_PATH.read_text(encoding="utf-8"))
    return data


def penalties() -> dict[str, Penalty]:
    return {row["code"]: Penalty(**row) for row in schedule()["penalties"]}


def penalty(code: str) -> Penalty | None:
    return penalties().get(code)


def appeal_days() -> int:
    return int(schedule()["appeal_days"])


def may_impose(authority_rank: Rank | None, officer_rank: Rank, kind: str) -> bool:
    """Whether an authority of this rank may impose a penalty of this kind on an officer of that rank."""
    if authority_rank is None:
        return False
    seniority = dict(Rank.objects.values_list("code", "seniority"))
    for rule in schedule()["competence"]:
        if (authority_rank.seniority >= seniority.get(rule["authority_rank"], 10**6)
                and officer_rank.seniority <= seniority.get(rule["officers_up_to"], -1)
                and kind in rule["kinds"]):  # fmt: skip
            return True
    return False
