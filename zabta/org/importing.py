"""HR personnel import: validate every row, write the good ones in bulk with their audit events, report the rest.

Re-importing a file is idempotent: unchanged rows write nothing; changed fields are updated and audited; a
changed unit is a transfer (the old posting is closed, the new one opened, history kept). A fatal file error
writes nothing. The demo generator feeds its synthetic rows through `apply_rows` too.
"""

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from zabta.audit.actions import Change, record_many, snapshot
from zabta.org.actions import PERSONNEL_FIELDS
from zabta.org.import_files import FatalImportError, RawRow, read_file
from zabta.org.import_rows import PersonRow, RowInvalid, RowValidator
from zabta.org.models import Personnel, Posting

BATCH = 2000
AUDIT_BATCH = 5000
ORDER_REF = "HR import"


@dataclass(frozen=True)
class RowIssue:
    line: int
    personnel_id: str
    message: str


@dataclass
class ImportReport:
    filename: str
    dry_run: bool = False
    fatal: str = ""
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    transferred: int = 0
    rejected: list[RowIssue] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()

    def reject(self, line: int, personnel_id: str, message: str) -> None:
        self.rejected.append(RowIssue(line=line, personnel_id=personnel_id, message=message))

    def summary(self) -> str:
        if self.fatal:
            return _("File refused, nothing imported: %(reason)s") % {"reason": self.fatal}
        return _("created %(c)d, updated %(u)d (of which transferred %(t)d), unchanged %(n)d, rejected %(r)d") % {
            "c": self.created, "u": self.updated, "t": self.transferred, "n": self.unchanged,
            "r": len(self.rejected),
        }  # fmt: skip


def import_personnel(
    *, data: bytes, filename: str, actor: Any, effective: date | None = None, dry_run: bool = False,
    progress: bool = False,
) -> ImportReport:  # fmt: skip
    """Import an HR file (CSV or XLSX bytes). A fatal error sets `report.fatal` and writes nothing."""
    report = ImportReport(filename=filename, dry_run=dry_run)
    try:
        raw = read_file(data, filename)
    except FatalImportError as exc:
        report.fatal = str(exc)
        return report
    report.total_rows, report.ignored_columns = len(raw.rows), raw.ignored_columns
    rows = validate_rows(raw.rows, report, progress=progress)
    reason = _("HR import of %(file)s") % {"file": filename[:100]}
    apply_rows(rows, actor=actor, effective=effective or timezone.localdate(), report=report, dry_run=dry_run,
               reason=reason, progress=progress)  # fmt: skip
    report.rejected.sort(key=lambda issue: issue.line)
    return report


def validate_rows(raw_rows: Sequence[RawRow], report: ImportReport, *, progress: bool = False) -> list[PersonRow]:
    """Valid rows in file order; bad and duplicate rows go to the report with their line."""
    validator = RowValidator()
    first_line: dict[str, int] = {}
    rows: list[PersonRow] = []
    for raw in _bar(raw_rows, progress, _("checking")):
        pid = str(raw.values.get("personnel_id", "")).strip()
        if pid and pid in first_line:
            report.reject(raw.line, pid, _("same personnel_id as line %(n)d") % {"n": first_line[pid]})
            continue
        first_line.setdefault(pid, raw.line)
        try:
            rows.append(validator.validate(raw))
        except RowInvalid as exc:
            report.reject(raw.line, pid[:30], str(exc))
    return rows


def apply_rows(
    rows: Sequence[PersonRow], *, actor: Any, effective: date, report: ImportReport, reason: str,
    dry_run: bool = False, progress: bool = False,
) -> None:  # fmt: skip
    """Plan every row against the registry, then write the plan and its audit events in one transaction."""
    plan = _Plan.load(rows, effective=effective)
    planned = 0
    for row in _bar(rows, progress, _("planning")):
        try:
            plan.add(row)
            planned += 1
        except RowInvalid as exc:
            report.reject(row.line, row.personnel_id, str(exc))
    plan.finish()
    report.created += len(plan.new_people)
    report.updated += len(plan.row_changed)
    report.transferred += plan.transfers
    report.unchanged += planned - len(plan.new_people) - len(plan.row_changed)
    if not dry_run:
        with transaction.atomic():
            plan.write(actor=actor, reason=reason, progress=progress)


@dataclass
class _Opening:
    posting: Posting
    before_unit: str | None  # None for an officer's first posting


@dataclass
class _Plan:
    """Everything one import will write, built row by row before anything is written."""

    effective: date
    existing: dict[str, Personnel]
    current: dict[int, Posting]  # personnel pk -> open posting
    heads: dict[int, tuple[str, int]]  # unit id -> (personnel_id, line; 0 = held before this file)
    head_postings: dict[int, Posting]  # unit id -> open head posting in the registry
    new_people: list[tuple[Personnel, PersonRow]] = field(default_factory=list)
    changed_people: dict[int, tuple[Personnel, dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    closes: dict[int, date] = field(default_factory=dict)
    openings: list[_Opening] = field(default_factory=list)
    reliefs: dict[int, tuple[Posting, date]] = field(default_factory=dict)
    row_changed: set[str] = field(default_factory=set)  # existing officers whose row changed something
    transfers: int = 0

    @classmethod
    def load(cls, rows: Sequence[PersonRow], *, effective: date) -> "_Plan":
        pids = [row.personnel_id for row in rows]
        existing = {p.personnel_id: p for chunk in _chunks(pids, 500)
                    for p in Personnel.objects.filter(personnel_id__in=chunk).select_related("rank")}  # fmt: skip
        ids = [p.pk for p in existing.values()]
        current = {p.personnel_id: p for chunk in _chunks(ids, 500)
                   for p in Posting.objects.filter(personnel_id__in=chunk, valid_to__isnull=True).select_related("unit")}  # fmt: skip
        head_postings = {p.unit_id: p for p in Posting.objects.filter(valid_to__isnull=True, is_head=True)
                         .select_related("unit", "personnel")}  # fmt: skip
        heads = {unit_id: (p.personnel.personnel_id, 0) for unit_id, p in head_postings.items()}
        return cls(effective=effective, existing=existing, current=current, heads=heads, head_postings=head_postings)

    def add(self, row: PersonRow) -> None:
        """Plan one row; RowInvalid leaves the plan as it was."""
        person = self.existing.get(row.personnel_id)
        current = self.current.get(person.pk) if person is not None else None
        opening = self._posting_change(row, current)
        if opening is None and row.is_head:
            self._check_head(row, row.unit.id)
        if opening is not None and opening.posting.is_head:
            self._check_head(row, row.unit.id)
            self._check_relief(row, opening.posting.valid_from)
        self._commit(row, person, current, opening)

    def _posting_change(self, row: PersonRow, current: Posting | None) -> _Opening | None:
        same_unit = current is not None and current.unit_id == row.unit.id
        designation = (
            row.designation if row.designation is not None else (current.designation if same_unit and current else "")
        )
        is_head = row.is_head if row.is_head is not None else bool(same_unit and current and current.is_head)
        if same_unit and current and current.designation == designation and current.is_head == is_head:
            return None
        start = row.posting_from or self.effective
        if current is not None and start < current.valid_from:
            raise RowInvalid(_("the new posting from %(d)s cannot start before the current one began (%(c)s)")
                             % {"d": start.isoformat(), "c": current.valid_from.isoformat()})  # fmt: skip
        posting = Posting(
            unit=row.unit, designation=designation, is_head=is_head, valid_from=start, order_ref=ORDER_REF
        )
        return _Opening(posting=posting, before_unit=current.unit.code if current else None)

    def _check_head(self, row: PersonRow, unit_id: int) -> None:
        holder = self.heads.get(unit_id)
        if holder is not None and holder[0] != row.personnel_id and holder[1] > 0:
            raise RowInvalid(_("%(unit)s already has a head at line %(n)d") % {"unit": row.unit.code, "n": holder[1]})

    def _check_relief(self, row: PersonRow, start: date) -> None:
        old = self.head_postings.get(row.unit.id)
        if old is not None and old.personnel.personnel_id != row.personnel_id and start < old.valid_from:
            raise RowInvalid(_("cannot become head of %(unit)s before the current head's posting began (%(d)s)")
                             % {"unit": row.unit.code, "d": old.valid_from.isoformat()})  # fmt: skip

    def _commit(
        self, row: PersonRow, person: Personnel | None, current: Posting | None, opening: _Opening | None
    ) -> None:
        if person is None:
            person = Personnel(personnel_id=row.personnel_id, **row.fields)
            self.new_people.append((person, row))
        elif self._update_fields(person, row) or opening is not None:
            self.row_changed.add(row.personnel_id)
        if row.is_head and opening is None:
            self.heads[row.unit.id] = (row.personnel_id, row.line)
        if opening is None:
            return
        opening.posting.personnel = person
        self.openings.append(opening)
        if current is not None:
            self.closes[current.pk] = opening.posting.valid_from
            self.transfers += int(current.unit_id != row.unit.id)
            if current.is_head and self.heads.get(current.unit_id, ("", 0))[0] == row.personnel_id:
                del self.heads[current.unit_id]
        if opening.posting.is_head:
            self._take_head(row, opening.posting.valid_from)

    def _take_head(self, row: PersonRow, start: date) -> None:
        old = self.head_postings.get(row.unit.id)
        if old is not None and old.personnel.personnel_id != row.personnel_id:
            self.reliefs[row.unit.id] = (old, start)
        self.heads[row.unit.id] = (row.personnel_id, row.line)

    def _update_fields(self, person: Personnel, row: PersonRow) -> bool:
        before = snapshot(person, PERSONNEL_FIELDS)
        for name, value in row.fields.items():
            setattr(person, name, value)
        after = snapshot(person, PERSONNEL_FIELDS)
        diff = {k: v for k, v in after.items() if before.get(k) != v}
        if diff:
            self.changed_people[person.pk] = (person, {k: before[k] for k in diff}, diff)
        return bool(diff)

    def finish(self) -> None:
        """Relieve replaced heads who are not moved by their own row: they stay in the unit without the post."""
        for old, start in self.reliefs.values():
            if old.pk in self.closes:
                continue
            self.closes[old.pk] = start
            plain = Posting(personnel=old.personnel, unit=old.unit, designation="", is_head=False, valid_from=start,
                            order_ref=old.order_ref)  # fmt: skip
            self.openings.append(_Opening(posting=plain, before_unit=old.unit.code))
        # A person counted as changed only for his posting still counts once as updated.
        for opening in self.openings:
            person = opening.posting.personnel
            if person.pk is not None and person.pk not in self.changed_people:
                self.changed_people[person.pk] = (person, {}, {})

    def write(self, *, actor: Any, reason: str, progress: bool) -> None:
        new_people = [person for person, _row in self.new_people]
        for people in _bar(list(_chunks(new_people, BATCH)), progress, _("officers")):
            Personnel.objects.bulk_create(people)
        updated = [person for person, _before, diff in self.changed_people.values() if diff]
        if updated:
            names = sorted({k for _p, _b, diff in self.changed_people.values() for k in diff})
            Personnel.objects.bulk_update(updated, names, batch_size=500)
        self._close_postings()
        for opening in self.openings:
            opening.posting.personnel_id = opening.posting.personnel.pk
        openings = [o.posting for o in self.openings]
        for postings in _bar(list(_chunks(openings, BATCH)), progress, _("postings")):
            Posting.objects.bulk_create(postings)
        for changes in _chunks(self.audit_changes(reason), AUDIT_BATCH):
            record_many(actor=actor, changes=changes)

    def _close_postings(self) -> None:
        by_day: dict[date, list[int]] = defaultdict(list)
        for posting_id, day in self.closes.items():
            by_day[day].append(posting_id)
        for day, posting_ids in by_day.items():
            for chunk in _chunks(posting_ids, 500):
                Posting.objects.filter(pk__in=chunk).update(valid_to=day)

    def audit_changes(self, reason: str) -> list[Change]:
        changes: list[Change] = []
        first_posting = {o.posting.personnel.personnel_id: o.posting for o in self.openings if o.before_unit is None}
        for person, _row in self.new_people:
            after = snapshot(person, PERSONNEL_FIELDS)
            posting = first_posting.pop(person.personnel_id, None)
            if posting is not None:
                after["posting"] = _posting_values(posting)
            changes.append(Change(action="org.personnel.created", obj=person, after=after, reason=reason))
        for person, before, diff in self.changed_people.values():
            if diff:
                changes.append(
                    Change(action="org.personnel.updated", obj=person, before=before, after=diff, reason=reason)
                )
        for opening in self.openings:
            if opening.before_unit is not None or opening.posting.personnel.personnel_id in first_posting:
                changes.append(Change(action="org.posting.transferred", obj=opening.posting.personnel,
                                      before={"unit": opening.before_unit}, after=_posting_values(opening.posting),
                                      reason=reason))  # fmt: skip
        for old, _start in self.reliefs.values():
            changes.append(Change(action="org.unit.head_relieved", obj=old.unit,
                                  before={"head": old.personnel.personnel_id}, reason=reason))  # fmt: skip
        return changes


def _posting_values(posting: Posting) -> dict[str, Any]:
    return {"unit": posting.unit.code, "designation": posting.designation, "is_head": posting.is_head,
            "effective": posting.valid_from, "order_ref": posting.order_ref}  # fmt: skip


def _chunks[T](items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _bar[T](items: Sequence[T], enabled: bool, label: str) -> Iterable[T]:
    if not enabled:
        return items
    return tqdm(items, desc=label, file=sys.stderr, unit=_("rows"), leave=False)
