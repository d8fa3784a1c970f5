"""Every URL of the project, for every persona of the cast: nobody reads outside his subtree.

The table URL_RULES classifies each URL name. A URL the table does not classify fails the test, so a
new page or endpoint cannot ship without saying who may read it and proving it here.
"""

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import Cast
from zabta.org.models import Personnel, Unit
from zabta.policy.models import DirectiveVersion

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


class Rule(Enum):
    PUBLIC = "anyone, signed in or not"
    SIGNED_IN = "every signed-in user, nothing scoped"
    UNIT_LIST = "lists units: only those in the reader's subtree"
    UNIT_DETAIL = "one unit: 404 outside the reader's subtree"
    PERSONNEL_LIST = "lists officers: only those posted in the reader's subtree (or himself)"
    PERSONNEL_DETAIL = "one officer: 404 outside the reader's subtree"
    DIRECTIVE_DETAIL = "one directive version: readable by every signed-in user"
    ADMINISTRATORS = "range administrators only"
    ADMIN_SITE = "the Django admin: range administrators only, redirect to its login for everyone else"
    POST_ONLY = "changes state by POST; GET is refused or redirects"
    SCOPED_ELSEWHERE = "proved by the owning app's own scope test, named in SCOPED_ELSEWHERE"


# URL name (namespace:name) -> rule. Unnamed patterns are keyed by their regex.
URL_RULES: dict[str, Rule] = {
    "home": Rule.SIGNED_IN,
    "login": Rule.PUBLIC,
    "logout": Rule.POST_ONLY,
    "set_language": Rule.POST_ONLY,
    "org:unit_list": Rule.UNIT_LIST,
    "org:unit_detail": Rule.UNIT_DETAIL,
    "org:personnel_list": Rule.PERSONNEL_LIST,
    "org:personnel_detail": Rule.PERSONNEL_DETAIL,
    "org:personnel_import": Rule.ADMINISTRATORS,
    "policy:directive_list": Rule.SIGNED_IN,
    "policy:directive_detail": Rule.DIRECTIVE_DETAIL,
    "api-me": Rule.SIGNED_IN,
    "api-root": Rule.SIGNED_IN,
    "unit-list": Rule.UNIT_LIST,
    "unit-detail": Rule.UNIT_DETAIL,
    "personnel-list": Rule.PERSONNEL_LIST,
    "personnel-detail": Rule.PERSONNEL_DETAIL,
    "directive-version-list": Rule.SIGNED_IN,
    "directive-version-detail": Rule.DIRECTIVE_DETAIL,
}
# URLs of later apps whose reads need fixtures of their own (cases, findings, approvals...): URL name -> the test
# module (relative to the repository) that walks the personas over it. That module must name the URL.
SCOPED_ELSEWHERE: dict[str, str] = {
    "content:intake": "tests/review/test_scope.py",
    "content:bulk_intake": "tests/review/test_scope.py",
    "content:item_list": "tests/review/test_scope.py",
    "content:item_detail": "tests/review/test_scope.py",
    "content:media_file": "tests/review/test_scope.py",
    "review:queue": "tests/review/test_scope.py",
    "review:bulk_decide": "tests/review/test_scope.py",
    "review:finding": "tests/review/test_scope.py",
    "review:claim": "tests/review/test_scope.py",
    "review:release": "tests/review/test_scope.py",
    "review:decide": "tests/review/test_scope.py",
    "content-item-list": "tests/review/test_scope.py",
    "content-item-detail": "tests/review/test_scope.py",
    "finding-list": "tests/review/test_scope.py",
    "finding-detail": "tests/review/test_scope.py",
    "finding-claim": "tests/review/test_scope.py",
    "finding-decide": "tests/review/test_scope.py",
}
# Enforcement (issue 7): cases, proceedings and the dashboard, walked over every persona in tests/cases/test_scope.py.
SCOPED_ELSEWHERE.update(
    dict.fromkeys(
        ["cases:case_list", "cases:case_new", "cases:case_detail", "cases:case_act", "cases:my_notices",
         "cases:dashboard", "discipline:proceeding_detail", "discipline:proceeding_act",
         "discipline:document_download", "case-list", "case-detail", "case-notice", "case-acknowledge",
         "case-mark-removed", "proceeding-list", "proceeding-detail", "proceeding-step", "api-dashboard"],
        "tests/cases/test_scope.py",
    )
)  # fmt: skip
# Circulation and notifications (issue 6): walked over every persona by their own scope tests.
SCOPED_ELSEWHERE.update(
    {
        "circulation:list": "tests/circulation/test_scope.py",
        "circulation:new": "tests/circulation/test_scope.py",
        "circulation:detail": "tests/circulation/test_scope.py",
        "circulation:close": "tests/circulation/test_scope.py",
        "circulation:outstanding": "tests/circulation/test_scope.py",
        "circulation:mine": "tests/circulation/test_scope.py",
        "circulation:read": "tests/circulation/test_scope.py",
        "circulation:paper": "tests/circulation/test_scope.py",
        "circulation_public:acknowledge": "tests/circulation/test_scope.py",
        "circulation-list": "tests/circulation/test_scope.py",
        "circulation-detail": "tests/circulation/test_scope.py",
        "circulation-rates": "tests/circulation/test_scope.py",
        "circulation-outstanding": "tests/circulation/test_scope.py",
        "circulation-close": "tests/circulation/test_scope.py",
        "directive-receipt-list": "tests/circulation/test_scope.py",
        "directive-receipt-detail": "tests/circulation/test_scope.py",
        "directive-receipt-acknowledge": "tests/circulation/test_scope.py",
        "api-sms-inbound": "tests/circulation/test_scope.py",
        "notifications:inbox": "tests/notifications/test_inbox.py",
        "notifications:open": "tests/notifications/test_inbox.py",
        "notification-list": "tests/notifications/test_inbox.py",
        "notification-detail": "tests/notifications/test_inbox.py",
        "notification-read": "tests/notifications/test_inbox.py",
    }
)
# Account registry, prior approvals and premises permits (issue 6): walked over every persona by their own tests.
# fmt: off
for _module, _names in {
    "tests/accounts_registry/test_scope.py": (
        "registry:account_list", "registry:account_detail", "registry:account_register", "registry:custodian_appoint",
        "registry:custodian_remove", "registry:my_accounts", "registry:personal_declare", "registry:personal_withdraw",
        "registry:declaration_confirm", "registry:undeclared", "registry:discovered_list", "registry:discovered_link",
        "registry:lookup", "official-account-list", "official-account-detail", "official-account-custodians",
        "official-account-remove-custodian", "personal-account-list", "personal-account-detail",
        "personal-account-withdraw", "discovered-account-list", "discovered-account-detail", "discovered-account-link",
        "api-account-lookup",
    ),
    "tests/approvals/test_scope.py": (
        "approvals:request_list", "approvals:request_new", "approvals:queue", "approvals:routing", "approvals:request_detail",
        "approvals:request_decide", "approvals:request_resubmit", "approvals:request_withdraw", "approvals:media_file",
        "approval-request-list", "approval-request-detail", "approval-request-decide", "approval-request-resubmit",
        "approval-request-withdraw", "approval-request-queue",
    ),
    "tests/permits/test_scope.py": (
        "permits:apply", "permits:status", "permits:verify", "permits:qr", "permits:mine", "permits:queue",
        "permits:detail", "permits:decide", "permits:revoke", "permits:assets", "permit-application-list",
        "permit-application-detail", "permit-application-queue", "permit-application-approve",
        "permit-application-reject", "permit-application-revoke", "api-permit-verify",
    ),
    "tests/permits/test_assets.py": ("permits:asset_edit",),
    "tests/banks/test_web.py": (
        "banks:list", "banks:match", "banks:detail", "banks:entry_add", "api-bank-list", "api-bank-match",
    ),
}.items():
    SCOPED_ELSEWHERE.update(dict.fromkeys(_names, _module))
# fmt: on
ADMIN_NAMESPACE = "admin"  # every admin URL follows Rule.ADMIN_SITE (the site checks has_permission)

# What each persona may see, written out by hand from the cast (tests/conftest.py), not computed by the
# code under test: unit codes, and personnel ids (posted in scope, or the user's own record).
EAST_UNITS = {"KHI-E", "KHI-E-KOR", "KHI-E-KOR-D1", "PS-KIA", "PS-ZMN"}
KORANGI_UNITS = {"KHI-E-KOR", "KHI-E-KOR-D1", "PS-KIA", "PS-ZMN"}
ALL_UNITS = {*EAST_UNITS, "KHI", "KHI-W", "KHI-W-CEN", "PS-GLB"}
EAST_PEOPLE = {"P-1001", "P-1002", "P-1003", "P-1004", "P-1005", "P-1007"}
KORANGI_PEOPLE = {"P-1001", "P-1002", "P-1003", "P-1005", "P-1007"}
ALL_PEOPLE = {*EAST_PEOPLE, "P-1006", "P-1008"}
EXPECTED: dict[str, tuple[set[str], set[str]]] = {
    "constable": (set(), {"P-1001"}),
    "sho": ({"PS-KIA"}, {"P-1001", "P-1002"}),
    "ssp": (KORANGI_UNITS, KORANGI_PEOPLE),
    "dig": (EAST_UNITS, EAST_PEOPLE),
    "media": (KORANGI_UNITS, KORANGI_PEOPLE),
    "other_zone": ({"PS-GLB"}, {"P-1006", "P-1008"}),
    "monitor": (EAST_UNITS, EAST_PEOPLE),
    "inquiry": (EAST_UNITS, EAST_PEOPLE),
    "range_admin": (ALL_UNITS, ALL_PEOPLE),
    "auditor": (ALL_UNITS, ALL_PEOPLE),
    "applicant": (set(), set()),
}
ADMINISTRATORS = {"range_admin"}
PERSONAS = [*EXPECTED, "anonymous"]


@dataclass(frozen=True)
class Route:
    key: str  # the URL name, or the regex of an unnamed pattern
    params: tuple[str, ...]
    is_api: bool


def walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> Iterator[Route]:
    """Every pattern of the URL configuration, with its namespaced name and its parameters."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}:{entry.namespace}" if entry.namespace and namespace else (entry.namespace or namespace)
            yield from walk(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}".lstrip(":") if entry.name else prefix + str(entry.pattern)
            params = tuple(re.findall(r"\(\?P<(\w+)>|<(?:\w+:)?(\w+)>", prefix + str(entry.pattern)))
            flat = tuple(p[0] or p[1] for p in params)
            yield Route(name, flat, (prefix + str(entry.pattern)).startswith(("api/", "^api/")))


def all_routes() -> list[Route]:
    return sorted(set(walk(get_resolver().url_patterns)), key=lambda r: (r.key, r.params))


def rule_for(route: Route) -> Rule | None:
    if route.key.split(":")[0] == ADMIN_NAMESPACE or route.key.startswith("admin/"):
        return Rule.ADMIN_SITE
    if route.key in SCOPED_ELSEWHERE:
        return Rule.SCOPED_ELSEWHERE
    return URL_RULES.get(route.key)


def test_every_url_is_classified() -> None:
    unclassified = sorted({r.key for r in all_routes() if rule_for(r) is None})
    assert not unclassified, (
        f"URLs without a scope rule: {unclassified}. Add each to URL_RULES in {__file__} "
        "and make sure the matrix below proves who may read it, or to SCOPED_ELSEWHERE with the test module "
        "that walks every persona over it."
    )


def test_scope_tests_elsewhere_exist_and_name_their_urls() -> None:
    root = Path(__file__).resolve().parents[2]
    for name, module in SCOPED_ELSEWHERE.items():
        source = root / module
        assert source.is_file(), f"{name}: {module} does not exist"
        short = name.split(":")[-1]
        assert f'"{name}"' in source.read_text() or f'"{short}"' in source.read_text(), f"{module} never names {name}"


def test_the_table_names_no_url_that_is_gone() -> None:
    existing = {r.key for r in all_routes()}
    assert set(URL_RULES) | set(SCOPED_ELSEWHERE) <= existing, (set(URL_RULES) | set(SCOPED_ELSEWHERE)) - existing


# --- the matrix ------------------------------------------------------------------------------------------


def client_for(cast: Cast, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(cast, persona))
    return client


def url_for(route: Route, value: object | None = None) -> str:
    kwargs: dict[str, object] = {}
    for param in route.params:
        if param == "format":
            kwargs[param] = "json"
        elif param == "pk":
            kwargs[param] = value
        else:
            raise AssertionError(f"{route.key}: no test value for URL parameter {param!r}; teach the matrix")
    return reverse(route.key, kwargs=kwargs)


def ids_in(response: "Response", route: Route) -> list[int]:
    """The object ids a list page or endpoint returned."""
    if route.is_api:
        return [row["id"] for row in json.loads(response.content)["results"]]
    context = response.context
    if "rows" in context:
        return [unit.id for _depth, unit in context["rows"]]
    return [officer.id for officer in context["page"].object_list]


def assert_refused(response: "Response", persona: str, route: Route) -> None:
    """Anonymous: login redirect (web) or 401/403 (API). Signed-in outsiders: 403 or 404."""
    where = f"{persona} {route.key}"
    if persona == "anonymous":
        if route.is_api:
            assert response.status_code in (401, 403), where
        else:
            assert response.status_code == 302 and "/login/" in response["Location"], where
    else:
        assert response.status_code in (403, 404), f"{where}: {response.status_code}"


def check_signed_in(client: Client, persona: str, route: Route, cast: Cast) -> None:
    response = client.get(url_for(route))
    if persona == "anonymous":
        assert_refused(response, persona, route)
    else:
        assert response.status_code == 200, f"{persona} {route.key}: {response.status_code}"


def check_list(client: Client, persona: str, route: Route, cast: Cast) -> None:
    response = client.get(url_for(route))
    if persona == "anonymous":
        return assert_refused(response, persona, route)
    assert response.status_code == 200, f"{persona} {route.key}"
    units, people = EXPECTED[persona]
    if route.key.endswith("unit_list") or route.key == "unit-list":
        got = set(Unit.objects.filter(id__in=ids_in(response, route)).values_list("code", flat=True))
        assert got == units, f"{persona} {route.key}"
    else:
        got = set(Personnel.objects.filter(id__in=ids_in(response, route)).values_list("personnel_id", flat=True))
        assert got == people, f"{persona} {route.key}"


def check_unit_detail(client: Client, persona: str, route: Route, cast: Cast) -> None:
    allowed = EXPECTED.get(persona, (set(), set()))[0]
    for unit in Unit.objects.all():
        response = client.get(url_for(route, unit.pk))
        if unit.code in allowed:
            assert response.status_code == 200, f"{persona} {route.key} {unit.code}"
        else:
            assert_refused(response, persona, route)


def check_personnel_detail(client: Client, persona: str, route: Route, cast: Cast) -> None:
    allowed = EXPECTED.get(persona, (set(), set()))[1]
    for officer in Personnel.objects.all():
        response = client.get(url_for(route, officer.pk))
        if officer.personnel_id in allowed:
            assert response.status_code == 200, f"{persona} {route.key} {officer.personnel_id}"
        else:
            assert_refused(response, persona, route)


def check_directive_detail(client: Client, persona: str, route: Route, cast: Cast) -> None:
    for version in DirectiveVersion.objects.all():
        response = client.get(url_for(route, version.pk))
        if persona == "anonymous":
            assert_refused(response, persona, route)
        else:
            assert response.status_code == 200, f"{persona} {route.key}"


def check_administrators(client: Client, persona: str, route: Route, cast: Cast) -> None:
    response = client.get(url_for(route))
    if persona in ADMINISTRATORS:
        assert response.status_code == 200, f"{persona} {route.key}"
    else:
        assert_refused(response, persona, route)


def check_admin_site(client: Client, persona: str, route: Route, cast: Cast) -> None:
    if route.key == "admin:login" or persona in ADMINISTRATORS:
        return  # the login page is public; what administrators can do is tested in tests/web/test_admin.py
    path = admin_path(route)
    response = client.get(path)
    assert response.status_code == 302, f"{persona} {path}: {response.status_code}"
    # Django sends admin:logout to the index first, which in turn asks for the admin login.
    assert response["Location"].startswith((reverse("admin:login"), reverse("admin:index"))), f"{persona} {path}"


def admin_path(route: Route) -> str:
    """A concrete admin URL; object ids point at real rows so a missing permission check could leak them."""
    values = {"app_label": "org", "object_id": "1", "content_type_id": "1", "url": "org/unit/1/change/"}
    if route.key.startswith("admin/"):
        return "/admin/org/unit/1/change/"
    return reverse(route.key, kwargs={p: values[p] for p in route.params})


def check_post_only(client: Client, persona: str, route: Route, cast: Cast) -> None:
    response = client.get(url_for(route))
    assert response.status_code in (302, 405), f"{persona} {route.key}: {response.status_code}"


CHECKS: dict[Rule, Callable[[Client, str, Route, Cast], None]] = {
    Rule.PUBLIC: lambda client, persona, route, cast: None,
    Rule.SIGNED_IN: check_signed_in,
    Rule.UNIT_LIST: check_list,
    Rule.PERSONNEL_LIST: check_list,
    Rule.UNIT_DETAIL: check_unit_detail,
    Rule.PERSONNEL_DETAIL: check_personnel_detail,
    Rule.DIRECTIVE_DETAIL: check_directive_detail,
    Rule.ADMINISTRATORS: check_administrators,
    Rule.ADMIN_SITE: check_admin_site,
    Rule.POST_ONLY: check_post_only,
    Rule.SCOPED_ELSEWHERE: lambda client, persona, route, cast: None,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_reads_nothing_outside_his_subtree(cast: Cast, persona: str) -> None:
    client = client_for(cast, persona)
    routes = [r for r in all_routes() if rule_for(r) is not None]
    assert len(routes) > 20  # the walk found the project's URLs
    for route in routes:
        rule = rule_for(route)
        assert rule is not None
        CHECKS[rule](client, persona, route, cast)


def test_public_login_page_is_readable_by_anyone(cast: Cast) -> None:
    assert Client().get(reverse("login")).status_code == 200
    assert Client().get(reverse("admin:login")).status_code == 200


def test_home_counts_match_the_scope(cast: Cast) -> None:
    for persona, (units, people) in EXPECTED.items():
        response = client_for(cast, persona).get(reverse("home"))
        assert response.context["unit_count"] == len(units), persona
        assert response.context["personnel_count"] == len(people), persona
