"""The project's Urdu catalogue (zabta/locale): complete, placeholders intact, and used by the right-to-left pages."""

import ast
import gettext
import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.conftest import Cast
from zabta.access.models import User
from zabta.web import django_messages

CATALOGUE = Path(__file__).resolve().parents[2] / "zabta" / "locale" / "ur" / "LC_MESSAGES" / "django.po"
# The project catalogue covers the foundation only; every other app keeps its own catalogue.
FOUNDATION = ("access/", "audit/", "org/", "policy/", "web/", "templates/", "settings.py", "screening/apps.py")
_PERCENT = re.compile(r"%(?:\((\w+)\))?[#0 +-]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])")
_BRACE = re.compile(r"\{(\w*)\}")
_URDU = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    """LocaleMiddleware leaves Urdu active in the thread after a request: later tests must not inherit it."""
    yield
    translation.deactivate()


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")


def parse_po(text: str) -> list[Entry]:
    """Entries of a .po file (obsolete `#~` entries are skipped: they are not compiled)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            entry = None if not line else entry
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry.references.extend(ref.rsplit(":", 1)[0] for ref in line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry.fields[key] = ast.literal_eval(value)
    return entries


def _placeholders(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for name, conversion in _PERCENT.findall(text):
        if conversion != "%":
            found[f"%({name}){conversion}" if name else f"%{conversion}"] += 1
    found.update(f"{{{name}}}" for name in _BRACE.findall(text))
    return found


def catalogue_problems(entries: list[Entry]) -> list[str]:
    """Why a catalogue is not ready to ship: fuzzy, empty or untranslated entries, placeholders that differ."""
    problems: list[str] = []
    header = entries[0] if entries and entries[0].msgid == "" else None
    if header is None:
        return ["no header entry"]
    for wanted in ("Language: ur\n", "charset=UTF-8", "Plural-Forms: nplurals=2; plural=(n != 1);"):
        if wanted not in header.fields.get("msgstr", ""):
            problems.append(f"header lacks {wanted.strip()!r}")
    for entry in entries:
        where = f"line {entry.line} ({entry.msgid[:40]!r})"
        if "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy")
        if entry is header:
            continue
        plural = "msgid_plural" in entry.fields
        sources = {"msgstr[0]": entry.msgid, "msgstr[1]": entry.fields.get("msgid_plural", "")}
        for key, source in sources.items() if plural else {"msgstr": entry.msgid}.items():
            translated = entry.fields.get(key, "")
            if not translated.strip():
                problems.append(f"{where}: {key} is empty")
            elif _placeholders(translated) != _placeholders(source):
                problems.append(f"{where}: {key} placeholders {dict(_placeholders(translated))} differ")
            elif not _URDU.search(translated):
                problems.append(f"{where}: {key} is not Urdu")
    return problems


def test_project_catalogue_is_complete_with_placeholders_intact() -> None:
    entries = parse_po(CATALOGUE.read_text(encoding="utf-8"))
    assert len(entries) > 300  # the foundation's strings, not an empty file that trivially passes
    assert catalogue_problems(entries) == []


def test_checker_rejects_fuzzy_empty_and_mismatched_entries() -> None:
    bad = (
        'msgid ""\nmsgstr ""\n"Language: ur\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy\nmsgid "Units"\nmsgstr "یونٹس"\n\n'
        'msgid "Home"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "since %(date)s"\nmsgstr "%(data)s سے"\n\n'
        'msgid "{n} rows"\nmsgstr "قطاریں"\n\n'
        'msgid "Next"\nmsgstr "Next"\n\n'
        'msgid "%(n)d day"\nmsgid_plural "%(n)d days"\nmsgstr[0] "%(n)d دن"\nmsgstr[1] ""\n'
    )
    problems = catalogue_problems(parse_po(bad))
    assert [p.split(": ", 1)[1].split(" ")[0:2] for p in problems] == [
        ["fuzzy"],
        ["msgstr", "is"],
        ["msgstr", "placeholders"],
        ["msgstr", "placeholders"],
        ["msgstr", "is"],
        ["msgstr[1]", "is"],
    ]
    assert "not Urdu" in problems[4]


def test_catalogue_holds_only_foundation_strings() -> None:
    references = {ref for entry in parse_po(CATALOGUE.read_text(encoding="utf-8")) for ref in entry.references}
    assert references
    assert sorted(ref for ref in references if not ref.startswith(FOUNDATION)) == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_accepts_the_catalogue() -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr
    assert "warning" not in result.stderr


def _django_msgids() -> set[str]:
    root = Path(django.__file__).resolve().parent
    texts = [
        (root / part / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
        for part in ("conf", "contrib/admin", "contrib/auth")
    ]
    return {entry.msgid for text in texts for entry in parse_po(text)}


def _marked_django_messages() -> tuple[list[str], list[tuple[str, str]]]:
    """The string literals of zabta/web/django_messages.py: singular ones and (singular, plural) pairs."""
    tree = ast.parse(Path(django_messages.__file__).read_text(encoding="utf-8"))
    singular: list[str] = []
    plural: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if node.func.id == "gettext_noop":
                singular.extend(texts)
            elif node.func.id == "ngettext_lazy":
                plural.append((texts[0], texts[1]))
    return singular, plural


def test_django_messages_we_translate_are_djangos_wording_and_come_out_in_urdu() -> None:
    singular, plural = _marked_django_messages()
    assert len(singular) == len(django_messages.MESSAGES) and len(plural) == len(django_messages.PLURAL_MESSAGES)
    known = _django_msgids()
    assert sorted({*singular, *(pair[0] for pair in plural)} - known) == []
    with translation.override("ur"):
        for message in singular:
            assert _URDU.search(translation.gettext(message)), message
        for one, many in plural:
            for n in (1, 2):
                assert _URDU.search(translation.ngettext(one, many, n)), (one, n)


def _assert_catalogue_compiled() -> None:
    """The .mo (not committed; scripts/setup.sh compiles it) says what the .po says."""
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "compile the catalogues first: cd zabta && ../.venv/bin/zabta compilemessages"
    with compiled.open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    stale = []
    for entry in parse_po(CATALOGUE.read_text(encoding="utf-8"))[1:]:
        context, msgid, fields = entry.fields.get("msgctxt"), entry.msgid, entry.fields
        if "msgid_plural" in fields:
            found = [mo.ngettext(msgid, fields["msgid_plural"], n) for n in (1, 2)]
            wanted = [fields["msgstr[0]"], fields["msgstr[1]"]]
        else:
            found = [mo.pgettext(context, msgid) if context else mo.gettext(msgid)]
            wanted = [fields["msgstr"]]
        if found != wanted:
            stale.append(msgid)
    assert stale == [], "django.mo differs from django.po: cd zabta && ../.venv/bin/zabta compilemessages"


def _urdu_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "ur", "next": reverse("home")})
    assert response.status_code == 302
    return client


def test_home_and_unit_list_are_right_to_left_in_urdu(cast: Cast) -> None:
    _assert_catalogue_compiled()
    english = Client()
    english.force_login(cast.ssp)
    assert 'dir="ltr"' in english.get(reverse("home")).content.decode()
    client = _urdu_client(cast.ssp)
    home = client.get(reverse("home")).content.decode()
    assert '<html lang="ur" dir="rtl">' in home
    for text in (
        "خوش آمدید، ssp",
        "آپ کے کردار",
        "مجاز اتھارٹی",
        "صفحہ اول",
        "ہدایت نامے",
        "لاگ آؤٹ",
        "سندھ پولیس، کراچی رینج",
    ):
        assert text in home, text
    assert "Welcome" not in home and "Your roles" not in home
    units = client.get(reverse("org:unit_list")).content.decode()
    assert '<html lang="ur" dir="rtl">' in units
    assert "آپ کے دائرہ کار میں 4 یونٹس" in units  # Korangi district, its division and two stations
    assert "تھانہ" in units and "ضلع" in units
    assert "in your scope" not in units and "Police station" not in units


def test_import_errors_are_reported_in_urdu(cast: Cast) -> None:
    _assert_catalogue_compiled()
    client = _urdu_client(cast.range_admin)
    rows = "personnel_id,name,rank,unit,email\nP-2001,Ali,CONSTABLE,PS-KIA,not-an-email\nP-2002,Bilal,NOPE,PS-KIA,\n"
    upload = io.BytesIO(rows.encode())
    upload.name = "hr.csv"
    page = client.post(reverse("org:personnel_import"), {"file": upload, "dry_run": "on"}).content.decode()
    assert 'dir="rtl"' in page
    assert "درست ای میل پتہ درج کریں۔" in page  # Django's own message, from the project catalogue
    assert "نامعلوم عہدہ" in page
    assert "صرف جانچ: کچھ محفوظ نہیں کیا گیا۔" in page
    empty = io.BytesIO(b"")
    empty.name = "hr.csv"
    refused = client.post(reverse("org:personnel_import"), {"file": empty}).content.decode()
    assert "Enter a valid" not in refused and "The submitted file is empty" not in refused
    assert "خالی" in refused


@pytest.mark.django_db
def test_demo_command_speaks_urdu_when_the_language_is_urdu() -> None:
    out = io.StringIO()
    with translation.override("ur"):
        call_command("demo", personnel=0, stdout=out)
    text = out.getvalue()
    assert "نمونہ ڈیٹا:" in text and "لاگ ان کریں" in text
    assert "رینج ایڈمنسٹریٹر" in text and "ایس ایس پی کورنگی" in text
    assert "ڈی ایس پی عدنان قریشی (KR-U-01)" in text  # the admin's officer: Urdu rank and name
    assert "Adnan Qureshi" not in text and "Deputy Superintendent" not in text
    assert "Demo data" not in text and "Log in at" not in text and "Range administrator" not in text


@pytest.mark.django_db
def test_directive_and_audit_commands_speak_urdu() -> None:
    directives, audit = io.StringIO(), io.StringIO()
    with translation.override("ur"):
        call_command("directive", "list", stdout=directives)
        call_command("audit", "verify", stdout=audit)
    listing = directives.getvalue()
    assert "(نافذ العمل)" in listing and "[ذاتی، سیاسی یا مذہبی خیالات، " in listing
    assert "in force" not in listing
    assert "آڈٹ زنجیر درست ہے" in audit.getvalue() and "intact" not in audit.getvalue()


def test_not_found_and_forbidden_pages_are_urdu_in_the_shell(cast: Cast) -> None:
    client = _urdu_client(cast.sho)
    outside = client.get(reverse("org:unit_detail", args=[cast.ps_gulberg.pk]))  # another zone's station
    page = outside.content.decode()
    assert outside.status_code == 404 and '<html lang="ur" dir="rtl">' in page
    assert "آپ کے دائرہ کار سے باہر" in page and "Gulberg" not in page
    forbidden = client.get(reverse("org:personnel_import"))
    assert forbidden.status_code == 403 and "اجازت نہیں" in forbidden.content.decode()


def _zabta(*args: str, language: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZABTA_LANGUAGE": language}
    return subprocess.run(
        [sys.executable, "-m", "zabta.cli", *args], capture_output=True, text=True, env=env, check=False, timeout=120
    )


def test_zabta_language_sets_the_language_of_command_output(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.csv")
    urdu = _zabta("import-personnel", missing, language="ur")
    assert urdu.returncode != 0 and "فائل مسترد، کچھ درآمد نہیں ہوا" in urdu.stderr
    english = _zabta("import-personnel", missing, language="en")
    assert "File refused, nothing imported" in english.stderr
    bad = _zabta("import-personnel", missing, language="fr")
    assert bad.returncode != 0 and "ZABTA_LANGUAGE='fr' is not one of ['en', 'ur']" in bad.stderr
