"""The permit pages and API as an applicant and an authority use them: public form, rate limit, hostile input."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.permits.factories import applied, in_days
from zabta.permits.actions import permit_approve, permit_revoke
from zabta.permits.models import PermitApplication

pytestmark = pytest.mark.django_db


def _form(cast: Cast, **extra: Any) -> dict[str, Any]:
    return {"applicant_name": "Ayesha Khan", "cnic": "42101-1234567-3", "phone": "03001234567",
            "purpose": "Vlog", "platform": "youtube", "unit": cast.ps_kia.pk, "starts_on": in_days(1).isoformat(),
            "ends_on": in_days(2).isoformat(), "crew_size": 2, **extra}  # fmt: skip


def test_public_form_applies_and_redirects_to_the_status_page(cast: Cast) -> None:
    response = Client().post(reverse("permits:apply"), _form(cast))
    application = PermitApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "permits:status", args=[application.status_token]
    )
    assert application.applicant_user is None


def test_signed_in_applicant_is_linked_to_his_application(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.applicant)
    client.post(reverse("permits:apply"), _form(cast))
    assert PermitApplication.objects.get().applicant_user == cast.applicant
    assert "My permit applications" in client.get(reverse("permits:mine")).content.decode()


@pytest.mark.parametrize(
    "bad",
    [{"cnic": "abc"}, {"unit": 999999}, {"asset": 999999}, {"starts_on": "not-a-date"}, {"crew_size": 500},
     {"applicant_name": "x" * 500}, {"purpose": "<script>" * 500}, {"platform": "javascript:alert(1)"}],
)  # fmt: skip
def test_bad_input_on_the_public_form_is_refused_with_a_message(cast: Cast, bad: dict[str, Any]) -> None:
    response = Client().post(reverse("permits:apply"), _form(cast, **bad))
    assert response.status_code == 400 and 'class="alert alert-error"' in response.content.decode()
    assert not PermitApplication.objects.exists()


def test_public_form_is_rate_limited_per_address(cast: Cast, settings: Any) -> None:
    settings.ZABTA_PERMIT_APPLICATIONS_PER_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.5")
    assert [client.post(reverse("permits:apply"), _form(cast)).status_code for _ in range(3)] == [302, 302, 429]
    assert Client(REMOTE_ADDR="203.0.113.6").post(reverse("permits:apply"), _form(cast)).status_code == 302
    api = Client(REMOTE_ADDR="203.0.113.5").post(reverse("permit-application-list"), {
        **_form(cast), "unit_id": cast.ps_kia.pk}, content_type="application/json")  # fmt: skip
    assert api.status_code == 429


def test_api_apply_is_public_and_returns_only_the_status_token(cast: Cast) -> None:
    response = Client().post(reverse("permit-application-list"), {**_form(cast), "unit_id": cast.ps_kia.pk},
                             content_type="application/json")  # fmt: skip
    assert response.status_code == 201 and set(response.json()) == {"id", "status", "status_token", "submitted_at"}


def test_verify_api_tells_validity_and_nothing_personal(cast: Cast) -> None:
    permit = permit_approve(application=applied(cast), actor=cast.ssp, conditions="")
    data = Client().get(reverse("api-permit-verify", args=[permit.verify_token])).json()
    assert data["validity"] == "not_yet" and data["number"] == permit.number and set(data) == {
        "number", "validity", "premises", "starts_on", "ends_on"}  # fmt: skip
    permit_revoke(application=permit, actor=cast.ssp, reason="r")
    assert Client().get(reverse("api-permit-verify", args=[permit.verify_token])).json()["validity"] == "revoked"


def test_public_form_and_verification_speak_urdu(cast: Cast) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="ur")
    assert "پولیس کی جگہوں پر فلم بندی کی اجازت" in client.get(reverse("permits:apply")).content.decode()
    permit = permit_approve(application=applied(cast), actor=cast.ssp, conditions="")
    page = client.get(reverse("permits:verify", args=[permit.verify_token])).content.decode()
    assert "ابھی نافذ نہیں" in page and 'dir="rtl"' in page
