"""Demo data: the Karachi Range unit tree and synthetic personnel, written through the audited import path.

Everything is deterministic: the i-th synthetic officer is the same on every run, so a second run adds
nothing and a run with a larger N only tops up.
"""

import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from zabta.org.actions import unit_create
from zabta.org.import_rows import PersonRow
from zabta.org.importing import ImportReport, apply_rows
from zabta.org.models import Personnel, PersonnelStatus, Posting, Rank, Unit, UnitKind

DATA_DIR = Path(__file__).resolve().parent / "data"
ESTABLISHED = date(2020, 1, 1)
LATEST_POSTING = date(2025, 10, 31)
ACTOR = "demo"
HEAD_RANK = {UnitKind.RANGE: "ADDL_IGP", UnitKind.ZONE: "DIG", UnitKind.RANGE_UNIT: "DIG", UnitKind.DISTRICT: "SSP",
             UnitKind.DIVISION: "SP", UnitKind.SUBDIVISION: "DSP", UnitKind.STATION: "INSPECTOR",
             UnitKind.SECTION: "DSP"}  # fmt: skip
# Share of the rank and file by rank: a pyramid with constables at the base.
RANK_WEIGHTS = {"CONSTABLE": 620, "DRIVER_CONSTABLE": 40, "HEAD_CONSTABLE": 140, "DRIVER_HEAD_CONSTABLE": 10,
                "ASI": 90, "SI": 60, "INSPECTOR": 30, "DSP": 6, "ASP": 1, "SP": 2, "SSP": 1}  # fmt: skip
CNIC_PREFIXES = ("42101", "42201", "42301", "42401", "42501")
HQ_GARDEN = "KHI-ADM-POLICE-HEADQUARTERS-GARDEN"


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    name_ur: str
    kind: str
    head_title: str
    parent: str | None
    synthetic: bool = False


def slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", text.upper()).strip("-")


@cache
def unit_specs() -> tuple[UnitSpec, ...]:
    """The Karachi Range tree from data/karachi_units.json, parents before children."""
    data = json.loads((DATA_DIR / "karachi_units.json").read_text(encoding="utf-8"))
    top = data["range"]
    specs = [UnitSpec(top["code"], top["name"], top["name_ur"], UnitKind.RANGE, top["head_title"], None)]
    for zone in data["zones"]:
        specs.append(UnitSpec(zone["code"], zone["name"], zone["name_ur"], UnitKind.ZONE, "DIG", top["code"]))
        for district in zone["districts"]:
            specs.extend(_district_specs(district, zone["code"]))
    for unit in data["range_units"]:
        specs.append(UnitSpec(unit["code"], unit["name"], unit["name_ur"], UnitKind.RANGE_UNIT, "DIG", top["code"]))
        specs.extend(UnitSpec(f"{unit['code']}-{slug(name)}", name, name_ur, UnitKind.SECTION, "In-charge", unit["code"])
                     for name, name_ur in unit["sections"])  # fmt: skip
    return tuple(specs)


def _district_specs(district: dict[str, Any], zone: str) -> list[UnitSpec]:
    specs = [UnitSpec(district["code"], district["name"], district["name_ur"], UnitKind.DISTRICT, "SSP", zone)]
    for division in district["divisions"]:
        kind = division.get("kind", UnitKind.DIVISION)
        short = division["name"].replace(" Sub-division", "").replace(" Division", "")
        code = f"{district['code']}-{slug(short)}"
        head = "SDPO" if kind == UnitKind.SUBDIVISION else "SP"
        specs.append(UnitSpec(code, division["name"], division["name_ur"], kind, head, district["code"]))
        for name, name_ur, *flags in division["stations"]:
            specs.append(UnitSpec(f"PS-{slug(name)}", f"PS {name}", f"تھانہ {name_ur}", UnitKind.STATION, "SHO", code,
                                  synthetic="synthetic" in flags))  # fmt: skip
    return specs


def build_structure() -> dict[str, Unit]:
    """Create the units that do not exist yet (each audited); return every unit by code."""
    units = {u.code: u for u in Unit.objects.all()}
    with transaction.atomic():
        for spec in unit_specs():
            if spec.code in units:
                continue
            parent = units[spec.parent] if spec.parent else None
            units[spec.code] = unit_create(code=spec.code, name=spec.name, name_ur=spec.name_ur, kind=spec.kind,
                                           head_title=spec.head_title, parent=parent, valid_from=ESTABLISHED,
                                           actor=ACTOR)  # fmt: skip
    return units


@cache
def _names() -> dict[str, list[list[str]]]:
    data: dict[str, list[list[str]]] = json.loads((DATA_DIR / "names.json").read_text(encoding="utf-8"))
    return data


class OfficerMaker:
    """Synthetic officers: names in English and Urdu, CNIC, belt and card numbers, all from one seeded RNG."""

    def __init__(self, seed: int, units: dict[str, Unit], ranks: dict[str, Rank]) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
        self.units, self.ranks = units, ranks

    def row(self, pid: str, rank: str, unit: Unit, *, is_head: bool = False, designation: str = "",
            status: str = PersonnelStatus.SERVING, name: tuple[str, str] | None = None) -> PersonRow:  # fmt: skip
        rng = self.rng
        female = rng.random() < 0.05 and not is_head
        given = rng.choice(_names()["female" if female else "male"])
        family, father = rng.choice(_names()["family"]), rng.choice(_names()["male"])
        english, urdu = name or (f"{given[0]} {family[0]}", f"{given[1]} {family[1]}")
        fields = {"name": english, "name_ur": urdu, "father_name": f"{father[0]} {family[0]}",
                  "rank": self.ranks[rank], "belt_no": self._belt(rank), "cnic": self._cnic(female),
                  "service_card_no": f"SPK-{rng.randrange(10**7):07d}", "status": status, "phone": self._phone(),
                  "email": ""}  # fmt: skip
        start = ESTABLISHED + timedelta(days=rng.randrange((LATEST_POSTING - ESTABLISHED).days))
        return PersonRow(line=0, personnel_id=pid, fields=fields, unit=unit, designation=designation, is_head=is_head,
                         posting_from=start)  # fmt: skip

    def _belt(self, rank: str) -> str:
        return str(self.rng.randrange(1000, 99999)) if self.ranks[rank].bps <= 11 else ""

    def _cnic(self, female: bool) -> str:
        last = self.rng.choice("02468" if female else "13579")
        return f"{self.rng.choice(CNIC_PREFIXES)}{self.rng.randrange(10**7):07d}{last}"

    def _phone(self) -> str:
        return f"03{self.rng.randrange(0, 5)}{self.rng.randrange(10)}-{self.rng.randrange(10**7):07d}"


def head_rows(maker: OfficerMaker) -> list[PersonRow]:
    """One head per unit, ids KR-H-0001... in tree order."""
    rows = []
    for index, spec in enumerate(unit_specs(), start=1):
        unit = maker.units[spec.code]
        rows.append(maker.row(f"KR-H-{index:04d}", HEAD_RANK[UnitKind(spec.kind)], unit, is_head=True,
                              designation=spec.head_title))  # fmt: skip
    return rows


def rank_and_file_rows(maker: OfficerMaker, count: int) -> list[PersonRow]:
    pools = _unit_pools(maker.units)
    ranks, weights = zip(*RANK_WEIGHTS.items(), strict=True)
    rows = []
    for index in range(1, count + 1):
        rank = maker.rng.choices(ranks, weights)[0]
        suspended = maker.rng.random() < 0.015
        unit = maker.units[HQ_GARDEN] if suspended else maker.rng.choice(pools[_pool_for(rank, maker.rng.random())])
        status = PersonnelStatus.SUSPENDED if suspended else PersonnelStatus.SERVING
        rows.append(maker.row(f"KR-{index:06d}", rank, unit, status=status))
    return rows


def _pool_for(rank: str, draw: float) -> str:
    if rank in ("SP", "SSP"):
        return "senior"
    if rank in ("DSP", "ASP"):
        return "middle"
    return "station" if draw < 0.78 else "section"


def _unit_pools(units: dict[str, Unit]) -> dict[str, list[Unit]]:
    kinds = {spec.code: spec.kind for spec in unit_specs()}
    by_kind: dict[str, list[Unit]] = {}
    for code, kind in kinds.items():
        by_kind.setdefault(kind, []).append(units[code])
    return {"station": by_kind[UnitKind.STATION], "section": by_kind[UnitKind.SECTION],
            "middle": by_kind[UnitKind.DIVISION] + by_kind[UnitKind.SUBDIVISION] + by_kind[UnitKind.DISTRICT],
            "senior": by_kind[UnitKind.ZONE] + by_kind[UnitKind.RANGE_UNIT] + by_kind[UnitKind.DISTRICT]}  # fmt: skip


def load_personnel(
    *, count: int, units: dict[str, Unit], extra: list[PersonRow], progress: bool = False
) -> ImportReport:
    """Heads, the demo users' officers (`extra`) and rank and file up to `count` in all; existing ids are skipped."""
    ranks = {r.code: r for r in Rank.objects.all()}
    heads = head_rows(OfficerMaker(1, units, ranks))
    rest = max(count - len(heads) - len(extra), 0)
    rows = heads + extra + rank_and_file_rows(OfficerMaker(2024, units, ranks), rest)
    existing = set(Personnel.objects.filter(personnel_id__startswith="KR-").values_list("personnel_id", flat=True))
    headed = set(Posting.objects.filter(valid_to__isnull=True, is_head=True).values_list("unit_id", flat=True))
    todo = [r for r in rows if r.personnel_id not in existing and not (r.is_head and r.unit.id in headed)]
    report = ImportReport(filename="demo")
    apply_rows(todo, actor=ACTOR, effective=LATEST_POSTING, report=report, reason="demo data", progress=progress)
    return report
