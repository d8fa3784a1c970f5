"""Media of content a case ordered removed goes into the "removed" hash bank, so re-uploads are found.

A case orders removal when its notice is issued. ``bank_removed_media`` banks one case's media;
``removed_bank_sync`` (`zabta review sync-removed`, safe to run repeatedly) banks every such case not banked yet.
"""

import importlib
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps

from zabta.content.models import ContentItem
from zabta.evidence import store

REMOVED_BANK = "removed"
MEDIA_ROLES = ("media", "screenshot")


def _removed_bank(actor: Any) -> Any:
    bank_model = apps.get_model("banks", "Bank")
    bank = bank_model.objects.filter(kind="removed").order_by("id").first()
    if bank is None:
        actions = importlib.import_module("zabta.banks.actions")
        bank = actions.bank_create(name=REMOVED_BANK, kind="removed", actor=actor,
                                   description="Media of content ordered removed (from cases)")  # fmt: skip
    return bank


def bank_removed_media(*, case: Any, actor: Any) -> int:
    """Bank the media of the case's item(s) under the case reference; files already banked are skipped."""
    ids = [case.evidence.get("item")] if isinstance(case.evidence, dict) else []
    items = ContentItem.objects.filter(pk__in=[i for i in ids if isinstance(i, int)])
    bank = _removed_bank(actor)
    entries = apps.get_model("banks", "BankEntry").objects.filter(bank=bank)
    actions = importlib.import_module("zabta.banks.actions")
    fingerprinting = importlib.import_module("zabta.screening.media.fingerprint")
    errors = importlib.import_module("zabta.screening.media.errors")
    added = 0
    for item in items:
        for media in item.media.select_related("evidence").filter(role__in=MEDIA_ROLES, evidence__purged_at=None):
            if entries.filter(sha256=media.evidence.sha256).exists():
                continue
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / media.evidence.sha256
                path.write_bytes(store.read_bytes(media.evidence.storage_name))
                try:
                    fingerprint = fingerprinting.fingerprint_file(path)
                except errors.MediaError:
                    continue  # not decodable media: nothing a perceptual bank could match
            actions.bank_entry_add(bank=bank, fingerprint=fingerprint, actor=actor, case_ref=case.reference,
                                   label=f"item {item.pk}", metadata={"item": item.pk})  # fmt: skip
            added += 1
    return added


def removed_bank_sync(*, actor: Any) -> int:
    """Every case whose notice was issued (removal ordered) has its media banked."""
    if not (apps.is_installed("zabta.cases") and apps.is_installed("zabta.banks")):
        return 0
    cases = apps.get_model("cases", "Case").objects.filter(notices__isnull=False).distinct()
    return sum(bank_removed_media(case=case, actor=actor) for case in cases)
