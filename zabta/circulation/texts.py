"""The directive's text in the officer's language (Urdu where the directive has it, English otherwise)."""

from dataclasses import dataclass

from zabta.policy.models import DirectiveVersion


@dataclass(frozen=True)
class ClauseText:
    number: str
    text: str
    language: str


def title_in(version: DirectiveVersion, language: str) -> str:
    directive = version.directive
    return directive.title_ur if language == "ur" and directive.title_ur else directive.title


def clauses_in(version: DirectiveVersion, language: str) -> list[ClauseText]:
    rows = []
    for clause in version.clauses.order_by("id"):
        urdu = language == "ur" and bool(clause.text_ur)
        rows.append(ClauseText(number=clause.number, text=clause.text_ur if urdu else clause.text,
                               language="ur" if urdu else "en"))  # fmt: skip
    return rows
