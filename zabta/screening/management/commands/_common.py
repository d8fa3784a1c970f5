"""Helpers shared by the screening commands: the rule sets to apply and how findings are shown."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from zabta.policy.documents import DirectiveDataError, read_document
from zabta.screening.directives import rule_sets_in_force
from zabta.screening.rules import RulesError, RuleSet
from zabta.screening.types import EvidenceSpan


def rule_sets(directive_file: Path | None) -> list[RuleSet]:
    """The rules of ``--directive FILE`` when given, else those of the directive versions in force."""
    try:
        if directive_file is not None:
            doc, _sha = read_document(directive_file)
            return [RuleSet.from_document(doc)]
        return rule_sets_in_force()
    except (DirectiveDataError, RulesError) as exc:
        raise CommandError(str(exc)) from exc
    except DatabaseError as exc:
        raise CommandError(
            _("cannot read the directives from the database (%(err)s): run `zabta migrate` or pass --directive FILE")
            % {"err": exc}
        ) from exc


def highlight(text: str, spans: tuple[EvidenceSpan, ...], start: str = "[[", end: str = "]]") -> str:
    """The text with the evidence words marked (overlapping spans are merged)."""
    marks = sorted((s.start, s.end) for s in spans if 0 <= s.start < s.end <= len(text))
    merged: list[list[int]] = []
    for a, b in marks:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out += [text[pos:a], start, text[a:b], end]
        pos = b
    out.append(text[pos:])
    return "".join(out)
