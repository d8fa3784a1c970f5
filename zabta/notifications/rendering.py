"""Render a notification template in the recipient's language.

A template key `K` is a folder `notifications/K/` in any app's templates holding `subject.<lang>.txt`,
`body.<lang>.txt` and optionally `sms.<lang>.txt` (short text for SMS; the body is used when absent).
A language without its own files falls back to English.
"""

from dataclasses import dataclass
from typing import Any

from django.template import Context, Engine, TemplateDoesNotExist
from django.utils import translation

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    sms: str
    language: str


def render(template: str, context: dict[str, Any], language: str) -> Rendered:
    lang = language if _exists(template, "subject", language) else FALLBACK_LANGUAGE
    with translation.override(lang):
        subject = " ".join(_render_part(template, "subject", lang, context).split())
        body = _render_part(template, "body", lang, context).strip()
        sms = _render_part(template, "sms", lang, context) if _exists(template, "sms", lang) else body
    return Rendered(subject=subject[:200], body=body, sms=" ".join(sms.split()), language=lang)


def _name(template: str, part: str, language: str) -> str:
    return f"notifications/{template}/{part}.{language}.txt"


def _exists(template: str, part: str, language: str) -> bool:
    try:
        Engine.get_default().get_template(_name(template, part, language))
    except TemplateDoesNotExist:
        return False
    return True


def _render_part(template: str, part: str, language: str, context: dict[str, Any]) -> str:
    # Plain text: no HTML escaping (e-mail bodies and SMS are not HTML).
    compiled = Engine.get_default().get_template(_name(template, part, language))
    return compiled.render(Context(context, autoescape=False))
