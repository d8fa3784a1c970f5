"""Demo login users, one per role, linked to officers of the demo registry."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zabta.access.actions import role_grant, user_create
from zabta.access.models import Role, User
from zabta.audit.actions import record
from zabta.org.demo import ACTOR, OfficerMaker
from zabta.org.import_rows import PersonRow
from zabta.org.models import Personnel, Posting, Rank, Unit

# Passes Django's validators (length, not common, not numeric, unlike the user names). Demo only.
DEMO_PASSWORD = "Zabta-Demo-2024!"  # noqa: S105


@dataclass(frozen=True)
class DemoUser:
    username: str
    label: object  # lazy translation
    grants: tuple[tuple[Role, str | None], ...]
    head_of: str = ""  # linked to the head of this unit
    officer: tuple[str, str, str, str, str, str] | None = None  # id, rank, unit, designation, name, name_ur
    staff: bool = False


KIA = "PS-KORANGI-INDUSTRIAL-AREA"
DEMO_USERS = (
    DemoUser("admin", _("Range administrator"), ((Role.RANGE_ADMIN, "KHI"),), staff=True,
             officer=("KR-U-01", "DSP", "KHI-ADM-ESTABLISHMENT-BRANCH", "Registry administrator", "Adnan Qureshi", "عدنان قریشی")),
    DemoUser("auditor", _("Auditor (read-only)"), ((Role.AUDITOR, "KHI"),),
             officer=("KR-U-02", "SP", "KHI-ADM-LEGAL-BRANCH", "Internal audit", "Saima Abbasi", "صائمہ عباسی")),
    DemoUser("dig.east", _("DIG East Zone"), ((Role.UNIT_HEAD, "KHI-E"), (Role.COMPETENT_AUTHORITY, "KHI-E")),
             head_of="KHI-E"),
    DemoUser("ssp.korangi", _("SSP Korangi"), ((Role.UNIT_HEAD, "KHI-E-KOR"), (Role.COMPETENT_AUTHORITY, "KHI-E-KOR")),
             head_of="KHI-E-KOR"),
    DemoUser("sho.kia", _("SHO Korangi Industrial Area"), ((Role.UNIT_HEAD, KIA),), head_of=KIA),
    DemoUser("media", _("Media team, Korangi"), ((Role.MEDIA_TEAM, "KHI-E-KOR"),),
             officer=("KR-U-03", "ASI", "KHI-E-KOR", "Media team", "Sana Baloch", "ثناء بلوچ")),
    DemoUser("monitor", _("Monitoring cell (whole range)"), ((Role.MONITOR, "KHI"),),
             officer=("KR-U-04", "SI", "KHI-ADM-SOCIAL-MEDIA-MONITORING-CELL", "Monitor", "Farhan Siddiqui", "فرحان صدیقی")),
    DemoUser("inquiry", _("Inquiry officer, East Zone"), ((Role.INQUIRY_OFFICER, "KHI-E"),),
             officer=("KR-U-05", "DSP", "KHI-E", "Inquiry officer", "Ghulam Mustafa Jatoi", "غلام مصطفیٰ جتوئی")),
    DemoUser("constable", _("Constable (own records)"), ((Role.PERSONNEL, None),),
             officer=("KR-U-06", "CONSTABLE", KIA, "", "Imran Ali Magsi", "عمران علی مگسی")),
)  # fmt: skip


def officer_rows(units: dict[str, Unit]) -> list[PersonRow]:
    """The officers behind the demo users who are not unit heads."""
    maker = OfficerMaker(7, units, {r.code: r for r in Rank.objects.all()})
    rows = []
    for user in DEMO_USERS:
        if user.officer is not None:
            pid, rank, unit, designation, name, name_ur = user.officer
            rows.append(maker.row(pid, rank, units[unit], designation=designation, name=(name, name_ur)))
    return rows


def create_users(units: dict[str, Unit]) -> list[tuple[DemoUser, User]]:
    """Create the demo users that do not exist yet; return every demo user."""
    result = []
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first() or _create(spec, units)
        result.append((spec, user))
    return result


def _create(spec: DemoUser, units: dict[str, Unit]) -> User:
    with transaction.atomic():
        user = user_create(username=spec.username, password=DEMO_PASSWORD, personnel=_officer(spec, units), actor=ACTOR)
        for role, code in spec.grants:
            role_grant(user=user, role=role, unit=units[code] if code else None, actor=ACTOR)
        if spec.staff:
            User.objects.filter(pk=user.pk).update(is_staff=True)
            record(actor=ACTOR, action="access.user.staff_granted", obj=user, after={"is_staff": True})
    return user


def _officer(spec: DemoUser, units: dict[str, Unit]) -> Personnel | None:
    officer: Personnel | None
    if spec.officer is not None:
        officer = Personnel.objects.filter(personnel_id=spec.officer[0]).first()
    else:
        head = Posting.objects.filter(unit=units[spec.head_of], is_head=True, valid_to__isnull=True).first()
        officer = head.personnel if head else None
    if officer is None or User.objects.filter(personnel=officer).exists():
        return None
    return officer
