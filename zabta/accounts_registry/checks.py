"""Clause-4 checks used by screening: official-looking accounts outside the registry, and non-custodian posters."""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from zabta.accounts_registry.lookup import AccountKind, lookup_account
from zabta.accounts_registry.normalise import fold
from zabta.org.models import Personnel

# Words that present an account as the police's own (English, Roman Urdu, Urdu, Sindhi), matched on folded text.
OFFICIAL_TERMS = (
    "sindh police", "sindhpolice", "karachi police", "karachipolice", "police", "official",
    "ssp", "dig", "digp", "sho", "igp", "thana", "پولیس", "پولیس", "سندھ پولیس", "آفیشل", "سرکاری", "پوليس",
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")


class Clause4Code(StrEnum):
    UNREGISTERED_OFFICIAL = "clause4.unregistered_official"
    NOT_A_CUSTODIAN = "clause4.not_a_custodian"


@dataclass(frozen=True)
class Clause4Finding:
    code: Clause4Code
    platform: str
    handle_key: str
    detail: str
    terms: tuple[str, ...] = ()


def official_terms_in(*texts: str) -> tuple[str, ...]:
    """The official-sounding terms in an account's name, bio or caption (folded, homoglyph-proof)."""
    folded = " ".join(fold(t) for t in texts if t)
    squeezed = "".join(_WORD.findall(folded))
    words = set(_WORD.findall(folded))
    found = [t for t in OFFICIAL_TERMS if (t in words if len(t) <= 4 else t.replace(" ", "") in squeezed)]
    return tuple(dict.fromkeys(found))


def check_presented_as_official(
    platform: str, handle_or_url: str, *, display_name: str = "", bio: str = "", avatar_has_emblem: bool = False
) -> Clause4Finding | None:
    """Police name/emblem or an 'official' claim on an account that is not a registered official account."""
    found = lookup_account(platform, handle_or_url)
    if found.kind == AccountKind.OFFICIAL:
        return None
    terms = official_terms_in(found.handle_key, display_name, bio)
    if avatar_has_emblem:
        terms = (*terms, "emblem")
    if not terms:
        return None
    detail = f"presented as official ({', '.join(terms)}) but not in the official registry ({found.kind})"
    return Clause4Finding(Clause4Code.UNREGISTERED_OFFICIAL, platform, found.handle_key, detail, terms)


def check_poster_is_custodian(
    platform: str, handle_or_url: str, *, poster: Personnel | None, on: date | None = None
) -> Clause4Finding | None:
    """Content on an official account posted by someone who was not its custodian that day."""
    found = lookup_account(platform, handle_or_url, on=on)
    if found.kind != AccountKind.OFFICIAL:
        return None
    if poster is not None and any(c.pk == poster.pk for c in found.custodians):
        return None
    who = poster.personnel_id if poster is not None else "an unidentified poster"
    detail = f"posted to the official account of {found.unit} by {who}, who is not among its custodians"
    return Clause4Finding(Clause4Code.NOT_A_CUSTODIAN, platform, found.handle_key, detail)
