"""Browser test: Playwright drives Debian's Chromium against a live server.

Two roles log in through the real login form (with django-axes in the path), read the unit and personnel pages,
switch the interface to Urdu and see it right-to-left in the Nastaliq font served by this site. Screenshots go to
test-output/ for a human to look at.
"""

from collections.abc import Iterator

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser import OUTPUT, chromium, new_page
from tests.conftest import PASSWORD, Cast, build_cast
from zabta.org.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URDU_NAMES = {"PS-KIA": "کورنگی انڈسٹریل ایریا", "PS-ZMN": "زمان ٹاؤن", "PS-GLB": "گلبرگ"}

LOADED_FONTS = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.status === "loaded").map(f => f.family);
}"""


@pytest.fixture
def browser_cast(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Cast:
    # Playwright's sync API runs an event loop in this thread; the ORM calls below happen before it starts and
    # the live server answers in its own thread, so Django's async guard can be relaxed for this test only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    cast = build_cast()
    for code, name_ur in URDU_NAMES.items():
        Unit.objects.filter(code=code).update(name_ur=name_ur)
    return cast


@pytest.fixture
def page(browser_cast: Cast) -> Iterator[Page]:
    with chromium() as browser:
        yield new_page(browser)


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_selector("#whoami")
    assert page.inner_text("#whoami") == username


def _unit_codes(page: Page, base: str) -> set[str]:
    page.goto(f"{base}/org/units/")
    return set(page.eval_on_selector_all("#unit-tree [data-code]", "els => els.map(e => e.dataset.code)"))


def _log_out(page: Page) -> None:
    page.click("nav form[action$='/logout/'] button")
    page.wait_for_selector("#id_username")


def test_two_roles_see_their_scope_and_urdu_is_right_to_left(page: Page, live_server: LiveServer) -> None:
    base = str(live_server.url)

    _log_in(page, base, "sho")
    assert _unit_codes(page, base) == {"PS-KIA"}
    page.goto(f"{base}/org/personnel/")
    listed = page.inner_text("main")
    assert "Imran Ali" in listed and "Bilal Khan" not in listed  # Zaman Town is not the SHO's station
    page.screenshot(path=str(OUTPUT / "browser-sho-personnel-en.png"), full_page=True)
    _log_out(page)

    _log_in(page, base, "dig")
    assert _unit_codes(page, base) == {"KHI-E", "KHI-E-KOR", "KHI-E-KOR-D1", "PS-KIA", "PS-ZMN"}
    page.select_option("#language-form select", "ur")  # submits on change
    page.wait_for_selector("html[dir=rtl]")
    assert page.get_attribute("html", "lang") == "ur"
    with translation.override("ur"):
        units_ur = gettext("Units")
    assert units_ur != "Units", "the Urdu catalogue has no translation for the navigation"
    assert units_ur in page.inner_text("nav")
    tree = page.inner_text("#unit-tree")
    assert URDU_NAMES["PS-KIA"] in tree and URDU_NAMES["PS-GLB"] not in tree
    font = page.eval_on_selector(".name-ur", "el => getComputedStyle(el).fontFamily")
    assert "Nastaliq" in font or "Naskh" in font
    loaded = page.evaluate(LOADED_FONTS)
    assert any("Nastaliq" in family for family in loaded), loaded  # fetched from this server, not a CDN
    page.screenshot(path=str(OUTPUT / "browser-dig-units-ur.png"), full_page=True)
    assert (OUTPUT / "browser-dig-units-ur.png").stat().st_size > 10_000
