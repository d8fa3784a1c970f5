"""Template helpers: names in the reader's language, with Urdu set right-to-left in Nastaliq."""

from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


def _wants_urdu() -> bool:
    return (get_language() or "").startswith("ur")


@register.simple_tag
def local_name(obj: Any) -> SafeString:
    """The object's Urdu name on Urdu pages (when it has one), else its English name; marked up for the font."""
    name_ur = getattr(obj, "name_ur", "")
    if _wants_urdu() and name_ur:
        return format_html('<span class="name-ur" lang="ur" dir="rtl">{}</span>', name_ur)
    return conditional_escape(getattr(obj, "name", obj))


@register.simple_tag
def urdu_name(obj: Any) -> SafeString:
    """The Urdu name alone (shown beside the English one on detail pages), or nothing."""
    name_ur = getattr(obj, "name_ur", "")
    if not name_ur:
        return mark_safe("")
    return format_html('<span class="name-ur" lang="ur" dir="rtl">{}</span>', name_ur)


@register.simple_tag
def rank_name(rank: Any) -> str:
    """A rank's name in the reader's language."""
    if rank is None:
        return ""
    return str(rank.name_ur if _wants_urdu() and rank.name_ur else rank.name)
