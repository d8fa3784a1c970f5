"""Reads of circulation: acknowledgement rates rolled up the unit tree, who is outstanding, evidence of receipt."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Prefetch, Q, QuerySet

from zabta.circulation.models import Circulation, Receipt
from zabta.org.models import Personnel, PersonnelStatus, Posting, Unit
from zabta.org.tree import UnitTree, load_tree
from zabta.policy.models import DirectiveVersion


@dataclass
class UnitRate:
    """Officers now serving in a unit and everything below it, and how many have acknowledged."""

    unit: Unit
    depth: int
    total: int = 0
    delivered: int = 0
    acknowledged: int = 0

    @property
    def outstanding(self) -> int:
        return self.total - self.acknowledged

    @property
    def rate(self) -> float | None:
        return self.acknowledged / self.total if self.total else None

    @property
    def percent(self) -> str:
        return "–" if self.rate is None else f"{100 * self.rate:.1f}%"


def serving_postings(unit_ids: set[int]) -> QuerySet[Posting]:
    return Posting.objects.filter(
        valid_to__isnull=True, unit_id__in=unit_ids, personnel__status=PersonnelStatus.SERVING
    )


def _receipt_of(version_id: int, acknowledged: bool | None = None) -> Exists:
    receipts = Receipt.objects.filter(version_id=version_id, personnel_id=OuterRef("personnel_id"))
    if acknowledged is not None:
        receipts = receipts.filter(acknowledged_at__isnull=not acknowledged)
    return Exists(receipts)


def acknowledgement_rates(circulation: Circulation, *, root: Unit, visible: set[int]) -> list[UnitRate]:
    """Per-unit rates for `root` and the units below it that the reader may see, in tree order with depth.

    Counted by where officers serve now, so a transferred officer counts at his new unit; the acknowledgement
    is his, whichever circulation reached him.
    """
    tree = load_tree()
    units_in = tree.subtree_ids([root.id]) & visible
    # One LEFT JOIN on the officer's copy of this version (unique per officer and version): a single pass over
    # the zone's postings, faster than a correlated EXISTS per row (see bench/circulation_rates.py).
    copy = FilteredRelation("personnel__directive_receipts",
                            condition=Q(personnel__directive_receipts__version_id=circulation.version_id))  # fmt: skip
    counts = (
        serving_postings(units_in).annotate(copy=copy).values("unit_id")
        .annotate(total=Count("id"), delivered=Count("copy__id"), acknowledged=Count("copy__acknowledged_at"))
    )  # fmt: skip
    own = {
        row["unit_id"]: {"total": row["total"], "delivered": row["delivered"], "acknowledged": row["acknowledged"]}
        for row in counts
    }
    units = {u.id: u for u in Unit.objects.filter(id__in=units_in)}
    rows: list[UnitRate] = []
    _roll_up(root.id, 0, tree, units, own, rows)
    return rows


def _roll_up(
    unit_id: int, depth: int, tree: UnitTree, units: dict[int, Unit], own: dict[int, dict[str, int]],
    rows: list[UnitRate],
) -> UnitRate:  # fmt: skip
    mine = own.get(unit_id, {})
    rate = UnitRate(units[unit_id], depth, mine.get("total", 0), mine.get("delivered", 0), mine.get("acknowledged", 0))
    rows.append(rate)
    kids = sorted((c for c in tree.children_of.get(unit_id, ()) if c in units), key=lambda c: units[c].code)
    for child in kids:
        below = _roll_up(child, depth + 1, tree, units, own, rows)
        rate.total += below.total
        rate.delivered += below.delivered
        rate.acknowledged += below.acknowledged
    return rate


def outstanding_personnel(circulation: Circulation, *, unit: Unit, visible: set[int]) -> QuerySet[Personnel]:
    """Serving officers under `unit` (as far as the reader sees) who have not acknowledged this version."""
    unit_ids = load_tree().subtree_ids([unit.id]) & visible
    posted = serving_postings(unit_ids).values("personnel_id")
    acknowledged = Receipt.objects.filter(version_id=circulation.version_id, acknowledged_at__isnull=False)
    receipts = Prefetch("directive_receipts", Receipt.objects.filter(version_id=circulation.version_id),
                        to_attr="version_receipts")  # fmt: skip
    current = Prefetch("postings", Posting.objects.filter(valid_to__isnull=True).select_related("unit"),
                       to_attr="current_postings")  # fmt: skip
    return (
        Personnel.objects.filter(id__in=posted)
        .exclude(id__in=acknowledged.values("personnel_id"))
        .select_related("rank")
        .prefetch_related(receipts, current)
        .order_by("name", "id")
    )


def undelivered_targets(circulation: Circulation, limit: int) -> list[tuple[int, int]]:
    """(officer id, unit id) of serving officers now under the circulation's unit who have no copy of the version."""
    unit_ids = load_tree().subtree_ids([circulation.unit_id])
    postings = serving_postings(unit_ids).exclude(_receipt_of(circulation.version_id)).order_by("personnel_id")
    return list(postings.values_list("personnel_id", "unit_id")[:limit])


@dataclass(frozen=True)
class AcknowledgementEvidence:
    """What enforcement may rely on: when the officer got the directive and whether and how he acknowledged it."""

    receipt_id: int
    version: str
    delivered_at: datetime
    acknowledged_at: datetime | None
    method: str
    reference: str
    reminders_sent: int


def acknowledgement_evidence(*, personnel: Personnel, version: DirectiveVersion) -> AcknowledgementEvidence | None:
    """None when the version never reached the officer (he cannot be shown to have received it)."""
    receipt = Receipt.objects.filter(personnel=personnel, version=version).first()
    if receipt is None:
        return None
    return AcknowledgementEvidence(
        receipt_id=receipt.pk, version=str(version), delivered_at=receipt.delivered_at,
        acknowledged_at=receipt.acknowledged_at, method=receipt.method, reference=receipt.reference,
        reminders_sent=receipt.reminders_sent,
    )  # fmt: skip


def acknowledged_at(*, personnel_id: int, version_id: int) -> datetime | None:
    """When the officer acknowledged the version, or None (not acknowledged, or never delivered)."""
    found = Receipt.objects.filter(personnel_id=personnel_id, version_id=version_id).values_list(
        "acknowledged_at", flat=True
    )
    return next(iter(found), None)


def current_units(personnel_ids: list[int]) -> dict[int, int]:
    """Officer id -> the unit he is posted to now."""
    rows = Posting.objects.filter(valid_to__isnull=True, personnel_id__in=personnel_ids)
    return dict(rows.values_list("personnel_id", "unit_id"))


def heads_by_unit() -> dict[int, int]:
    """Unit id -> the officer heading it now."""
    rows = Posting.objects.filter(valid_to__isnull=True, is_head=True).values_list("unit_id", "personnel_id")
    return dict(rows)


def head_for(unit_id: int, *, tree: UnitTree, heads: dict[int, int], exclude: int | None = None) -> int | None:
    """The officer heading the unit, or the nearest unit above with a head; never the officer himself."""
    for candidate in [unit_id, *tree.ancestors(unit_id)]:
        head = heads.get(candidate)
        if head is not None and head != exclude:
            return head
    return None
