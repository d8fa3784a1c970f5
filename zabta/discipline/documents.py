"""Proceeding documents (show-cause notice, charge sheet, order) as PDF in English and Urdu, with reference numbers.

Rendered offline by WeasyPrint with Debian's Noto fonts (Noto Nastaliq Urdu for Urdu, installed by setup.sh).
"""

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from zabta.discipline.models import DocumentKind, Proceeding, ProceedingDocument
from zabta.discipline.schedule import penalty

KIND_CODES = {DocumentKind.SHOW_CAUSE: "SCN", DocumentKind.CHARGE_SHEET: "CS", DocumentKind.ORDER: "ORD"}
LANGUAGES = ("en", "ur")


def render_pdf(proceeding: Proceeding, kind: DocumentKind, language: str, reference: str) -> bytes:
    # Imported here: loading pango is slow and only document generation needs it.
    from weasyprint import HTML  # type: ignore[import-untyped]

    with translation.override(language):
        chosen = penalty(proceeding.penalty)
        html = render_to_string("discipline/pdf/document.html", {
            "p": proceeding, "kind": kind, "kind_label": kind.label, "reference": reference, "language": language,
            "rtl": language == "ur", "penalty": chosen.label if chosen else "", "officer": proceeding.officer,
            "issued": timezone.localtime(timezone.now()),
        })  # fmt: skip
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def documents_generate(proceeding: Proceeding, kind: DocumentKind, at: datetime) -> list[ProceedingDocument]:
    """Both languages of one document; called inside the action's transaction."""
    made = []
    for language in LANGUAGES:
        reference = f"{proceeding.reference}/{KIND_CODES[kind]}/{language.upper()}"
        pdf = render_pdf(proceeding, kind, language, reference)
        document = ProceedingDocument(proceeding=proceeding, kind=kind, language=language, reference=reference,
                                      sha256=hashlib.sha256(pdf).hexdigest(), created_at=at)  # fmt: skip
        document.pdf.save(reference.replace("/", "_") + ".pdf", ContentFile(pdf), save=False)
        document.save()
        made.append(document)
    return made
