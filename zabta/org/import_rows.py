"""Validating one row of an HR personnel file into the values the registry will hold."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from zabta.org.cnic import normalise_cnic
from zabta.org.import_files import Cell, RawRow
from zabta.org.models import Personnel, PersonnelStatus, Rank, Unit

_PERSONNEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._-]*$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,19}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
_TRUE = {"yes", "y", "true", "1", "head", "ہاں"}
_FALSE = {"", "no", "n", "false", "0", "نہیں"}
# Text columns copied to the officer record, with the model's own length limits.
TEXT_FIELDS = ("name", "name_ur", "father_name", "belt_no", "service_card_no", "phone")


class RowInvalid(Exception):
    """A row cannot be imported; the message lists every reason."""


@dataclass
class PersonRow:
    """A valid row: officer fields (only the columns the file has) and the posting it asks for."""

    line: int
    personnel_id: str
    fields: dict[str, Any]
    unit: Unit
    designation: str | None  # None: the file has no such column, keep what the registry holds
    is_head: bool | None
    posting_from: date | None


class RowValidator:
    """Checks rows against the rank and unit registries, loaded once per file."""

    def __init__(self) -> None:
        self.ranks: dict[str, Rank] = {}
        for rank in Rank.objects.all():
            for key in (rank.code, rank.name, rank.name_ur):
                self.ranks[key.strip().casefold()] = rank
        self.units = {u.code.casefold(): u for u in Unit.objects.filter(abolished_on__isnull=True)}
        self.statuses = {s.value: s.value for s in PersonnelStatus}
        self.statuses.update({str(s.label).casefold(): s.value for s in PersonnelStatus})

    def validate(self, raw: RawRow) -> PersonRow:
        errors: list[str] = []
        values = raw.values
        fields: dict[str, Any] = {}
        pid = _check(errors, _personnel_id, values.get("personnel_id", ""))
        for name in TEXT_FIELDS:
            if name in values:
                fields[name] = _check(errors, _text_field, values[name], name)
        if "phone" in fields and fields["phone"] and not _PHONE.match(fields["phone"]):
            errors.append(_("phone %(v)r is not a phone number") % {"v": fields["phone"]})
        fields["rank"] = _check(errors, self._rank, values.get("rank", ""))
        unit = _check(errors, self._unit, values.get("unit", ""))
        self._optional(values, fields, errors)
        designation = _check(errors, _designation, values["designation"]) if "designation" in values else None
        is_head = _check(errors, _flag, values["is_head"]) if "is_head" in values else None
        posting_from = _check(errors, _date, values.get("posting_from", ""), "posting_from")
        if errors:
            raise RowInvalid("; ".join(errors))
        return PersonRow(line=raw.line, personnel_id=pid, fields=fields, unit=unit, designation=designation,
                         is_head=is_head, posting_from=posting_from)  # fmt: skip

    def _optional(self, values: dict[str, Cell], fields: dict[str, Any], errors: list[str]) -> None:
        if "cnic" in values:
            fields["cnic"] = _check(errors, _cnic, values["cnic"])
        if "status" in values:
            fields["status"] = _check(errors, self._status, values["status"])
        if "email" in values:
            fields["email"] = _check(errors, _email, values["email"])

    def _rank(self, value: Cell) -> Rank:
        text = _text(value)
        rank = self.ranks.get(text.casefold())
        if rank is None:
            raise RowInvalid(_("unknown rank %(v)r") % {"v": text[:60]} if text else _("rank is missing"))
        return rank

    def _unit(self, value: Cell) -> Unit:
        text = _text(value)
        unit = self.units.get(text.casefold())
        if unit is None:
            raise RowInvalid(_("unknown unit code %(v)r") % {"v": text[:60]} if text else _("unit is missing"))
        return unit

    def _status(self, value: Cell) -> str:
        text = _text(value).casefold()
        if not text:
            return PersonnelStatus.SERVING.value
        if text not in self.statuses:
            raise RowInvalid(_("unknown status %(v)r (serving, suspended, retired, dismissed)") % {"v": text[:30]})
        return self.statuses[text]


def _check(errors: list[str], func: Any, *args: Any) -> Any:
    """Run one check; collect its message instead of stopping at the first bad cell."""
    try:
        return func(*args)
    except RowInvalid as exc:
        errors.append(str(exc))
    except ValidationError as exc:
        errors.append("; ".join(str(m) for m in exc.messages))
    return None


def _text(value: Cell) -> str:
    return value.isoformat() if isinstance(value, date) else str(value).strip()


def _text_field(value: Cell, name: str) -> str:
    text = _text(value)
    max_length = int(getattr(Personnel._meta.get_field(name), "max_length", 0) or 0)
    if len(text) > max_length:
        raise RowInvalid(_("%(f)s is longer than %(n)d characters") % {"f": name, "n": max_length})
    if _CONTROL.search(text):
        raise RowInvalid(_("%(f)s contains control characters") % {"f": name})
    if name == "name" and not text:
        raise RowInvalid(_("name is missing"))
    return text


def _personnel_id(value: Cell) -> str:
    text = _text(value)
    if not text:
        raise RowInvalid(_("personnel_id is missing"))
    if len(text) > 30 or not _PERSONNEL_ID.match(text):
        raise RowInvalid(_("personnel_id %(v)r must be up to 30 letters, digits or / . _ -") % {"v": text[:40]})
    return text


def _designation(value: Cell) -> str:
    text = _text(value)
    if len(text) > 80 or _CONTROL.search(text):
        raise RowInvalid(_("designation is longer than 80 characters or contains control characters"))
    return text


def _cnic(value: Cell) -> str:
    return normalise_cnic(_text(value))


def _email(value: Cell) -> str:
    text = _text(value)
    if text:
        if len(text) > 254:
            raise RowInvalid(_("email is longer than 254 characters"))
        validate_email(text)
    return text.lower()


def _flag(value: Cell) -> bool:
    text = _text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowInvalid(_("is_head must be yes or no, not %(v)r") % {"v": text[:20]})


def _date(value: Cell, name: str) -> date | None:
    if isinstance(value, date):
        day = value
    elif not value.strip():
        return None
    else:
        day = _parse_date(value.strip(), name)
    if day < date(1947, 8, 14) or day > timezone.localdate() + timedelta(days=366):
        raise RowInvalid(_("%(f)s %(d)s is out of range") % {"f": name, "d": day.isoformat()})
    return day


def _parse_date(text: str, name: str) -> date:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.split(" ")[0], fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise RowInvalid(_("%(f)s %(v)r is not a date (YYYY-MM-DD or DD-MM-YYYY)") % {"f": name, "v": text[:20]})
