"""The Urdu catalogues of circulation and notifications: every string translated, placeholders kept, Urdu script."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "zabta"
CATALOGUES = [
    ROOT / "circulation/locale/ur/LC_MESSAGES/django.po",
    ROOT / "notifications/locale/ur/LC_MESSAGES/django.po",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def entries(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
        parts: dict[str, list[str]] = {}
        key = ""
        for line in block.splitlines():
            if line.startswith(("msgid ", "msgstr ")):
                key, _space, rest = line.partition(" ")
                parts[key] = [json.loads(rest)]
            elif line.startswith('"') and key:
                parts[key].append(json.loads(line))
        if "msgid" in parts:
            pairs.append(("".join(parts["msgid"]), "".join(parts.get("msgstr", []))))
    return pairs


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parts[-4])
def test_every_string_is_translated_into_urdu(catalogue: Path) -> None:
    pairs = entries(catalogue)
    assert len(pairs) > 25
    for msgid, msgstr in pairs:
        assert msgstr, f"untranslated: {msgid!r}"
        assert re.search(r"[\u0600-\u06FF]", msgstr), f"not Urdu: {msgstr!r}"
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid
    assert "#, fuzzy" not in catalogue.read_text(encoding="utf-8")
