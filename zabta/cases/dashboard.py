"""The accountability dashboard: per unit, rolled up the unit tree (station -> ... -> range), computed with a
handful of grouped queries so that the Range's view of 200,000 cases stays under a second."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from zabta.access.scopes import scope_unit_ids
from zabta.cases.models import Case, CaseStatus, Escalation, Notice
from zabta.org.models import Unit
from zabta.org.tree import UnitTree, load_tree

LIVE = Q(merged_into__isnull=True)
DONE = (CaseStatus.CLOSED, CaseStatus.MERGED, CaseStatus.REMOVED)  # every other case is still open


@dataclass
class UnitFigures:
    open_cases: int = 0
    overdue: int = 0
    escalated: int = 0
    lapses: int = 0  # escalations passed up because this unit's head did not act
    action_days: Counter[int] = field(default_factory=Counter)
    repeat: set[int] = field(default_factory=set)
    unacknowledged: set[int] = field(default_factory=set)

    def add(self, other: "UnitFigures") -> None:
        self.open_cases += other.open_cases
        self.overdue += other.overdue
        self.escalated += other.escalated
        self.lapses += other.lapses
        self.action_days.update(other.action_days)
        self.repeat |= other.repeat
        self.unacknowledged |= other.unacknowledged

    @property
    def median_days_to_action(self) -> float | None:
        total = sum(self.action_days.values())
        if not total:
            return None
        ordered = sorted(self.action_days.items())
        return (_nth(ordered, (total - 1) // 2) + _nth(ordered, total // 2)) / 2


def _nth(ordered: list[tuple[int, int]], index: int) -> int:
    seen = 0
    for value, count in ordered:
        seen += count
        if index < seen:
            return value
    return ordered[-1][0]


@dataclass
class Row:
    unit: Unit
    depth: int
    figures: UnitFigures


def own_figures(unit_ids: set[int] | None, now: datetime) -> dict[int, UnitFigures]:
    """Each unit's own figures (cases whose responsible unit it is), before rolling up: three grouped scans."""
    figures: dict[int, UnitFigures] = defaultdict(UnitFigures)
    cases = Case.objects.filter(LIVE).order_by()
    escalations = Escalation.objects.filter(lapsed_at__isnull=False).order_by()
    if unit_ids is not None:
        cases = cases.filter(responsible_unit_id__in=unit_ids)
        escalations = escalations.filter(unit_id__in=unit_ids)
    # Each grouping follows an index's column order, so SQLite and PostgreSQL aggregate without sorting.
    for unit_id, status, n in cases.values_list("responsible_unit_id", "status").annotate(n=Count("id")):
        f = figures[unit_id]
        f.open_cases += 0 if status in DONE else n
        f.escalated += n if status == CaseStatus.ESCALATED else 0
    late = cases.exclude(status__in=DONE).filter(removal_deadline__lte=now, content_removed_at__isnull=True)
    for unit_id, n in late.values_list("responsible_unit_id").annotate(n=Count("id")):
        figures[unit_id].overdue = n
    acted = cases.filter(action_hours__isnull=False).values_list("responsible_unit_id", "action_hours")
    for unit_id, hours, n in acted.annotate(n=Count("id")):
        figures[unit_id].action_days[int(hours) // 24] += n
    for unit_id, lapses in escalations.values_list("unit_id").annotate(n=Count("id")):
        figures[unit_id].lapses = lapses
    _officer_sets(cases, unit_ids, figures)
    return figures


def _officer_sets(cases: Any, unit_ids: set[int] | None, figures: dict[int, UnitFigures]) -> None:
    per_officer: dict[int, list[tuple[int, int]]] = defaultdict(list)
    pairs = cases.filter(officer__isnull=False).values_list("responsible_unit_id", "officer_id").annotate(n=Count("id"))
    for unit_id, officer_id, n in pairs:
        per_officer[officer_id].append((unit_id, n))
    for officer_id, places in per_officer.items():
        if sum(n for _unit, n in places) >= 2:
            for unit_id, _n in places:
                figures[unit_id].repeat.add(officer_id)
    waiting = Notice.objects.filter(acknowledged_at__isnull=True, case__merged_into__isnull=True).order_by()
    waiting = waiting.exclude(case__status__in=DONE)
    if unit_ids is not None:
        waiting = waiting.filter(case__responsible_unit_id__in=unit_ids)
    for unit_id, officer_id in waiting.values_list("case__responsible_unit_id", "case__officer_id").distinct():
        figures[unit_id].unacknowledged.add(officer_id)


def rolled_up(own: dict[int, UnitFigures], tree: UnitTree, unit_ids: set[int]) -> dict[int, UnitFigures]:
    """Each unit's figures plus those of every unit below it."""
    total: dict[int, UnitFigures] = defaultdict(UnitFigures)
    for unit_id, figures in own.items():
        total[unit_id].add(figures)
        for ancestor in tree.ancestors(unit_id):
            if ancestor in unit_ids:
                total[ancestor].add(figures)
    return total


def dashboard_for(user: Any, now: datetime | None = None, max_depth: int = 4) -> list[Row]:
    """The user's subtree, top units first, down to `max_depth` levels below each top unit."""
    now = now or timezone.now()
    tree = load_tree()
    scope = scope_unit_ids(user)
    units = {u.id: u for u in (Unit.objects.all() if scope is None else Unit.objects.filter(id__in=scope))}
    # A scope that covers every unit needs no unit filter (the Range head's view): the scans stay index-only.
    whole = scope is None or len(units) == Unit.objects.count()
    totals = rolled_up(own_figures(None if whole else scope, now), tree, set(units))
    roots = sorted((u for u in units.values() if tree.parent_of.get(u.id) not in units), key=lambda u: u.code)
    rows: list[Row] = []
    for root in roots:
        _walk(root.id, 0, max_depth, tree, units, totals, rows)
    return rows


def _walk(unit_id: int, depth: int, max_depth: int, tree: UnitTree, units: dict[int, Unit],
          totals: dict[int, UnitFigures], rows: list[Row]) -> None:  # fmt: skip
    rows.append(Row(units[unit_id], depth, totals.get(unit_id, UnitFigures())))
    if depth >= max_depth:
        return
    children = sorted((units[c] for c in tree.children_of.get(unit_id, ()) if c in units), key=lambda u: u.code)
    for child in children:
        _walk(child.id, depth + 1, max_depth, tree, units, totals, rows)
