"""The circulation pages and API: circulate, dashboard, outstanding, read and acknowledge, the public link, SMS replies."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.circulation.conftest import T0
from tests.circulation.helpers import circulate_east, code_and_token, give_phones, receipt_of
from tests.conftest import Cast
from zabta.circulation.models import AckMethod, Circulation
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_ssp_circulates_from_the_form_and_delivery_follows(
    cast: Cast, version: DirectiveVersion, immediate_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(cast.ssp)
    form = client.get(reverse("circulation:new"))
    assert {u.code for u in form.context["form"].fields["unit"].queryset} == {
        "KHI-E-KOR",
        "KHI-E-KOR-D1",
        "PS-KIA",
        "PS-ZMN",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("circulation:new"), {"version": version.pk, "unit": cast.korangi.pk,
                               "note": "<script>alert(1)</script>", "remind_after_days": 3, "escalate_after_days": 7})  # fmt: skip
    circulation = Circulation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("circulation:detail", args=[circulation.pk])
    page = client.get(response["Location"])
    assert b"<script>alert(1)</script>" not in page.content and b"&lt;script&gt;" in page.content
    assert b"unconfigured-channels" in page.content and b"ZABTA_SMS_GATEWAY_URL" in page.content  # said, not hidden
    rates = {r.unit.code: r for r in page.context["tables"][0]}
    assert rates["KHI-E-KOR"].total == 5 and rates["KHI-E-KOR"].delivered == 5


def test_sho_cannot_circulate_to_the_district(cast: Cast, version: DirectiveVersion) -> None:
    response = _client(cast.sho).post(reverse("circulation:new"), {"version": version.pk, "unit": cast.korangi.pk,
                                      "remind_after_days": 3, "escalate_after_days": 7})  # fmt: skip
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Circulation.objects.exists()


def test_constable_has_no_circulate_form(cast: Cast) -> None:
    assert _client(cast.constable).get(reverse("circulation:new")).status_code == 404


def test_officer_reads_in_urdu_and_acknowledges(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    receipt = receipt_of("P-1001", version)
    client = _client(cast.constable)
    page = client.get(reverse("circulation:read", args=[receipt.pk]))
    assert page.context["clauses"][0].language == "en" and b"urdu-missing" in page.content  # said, not hidden
    version.clauses.filter(key="KHI-2024-SM-1").update(
        text_ur="پولیس کی وردی والی ویڈیوز کے لیے پیشگی منظوری لازمی ہے۔"
    )
    page = client.get(reverse("circulation:read", args=[receipt.pk]))
    assert page.status_code == 200 and page.context["clauses"][0].language == "ur"
    assert "پیشگی منظوری" in page.content.decode()
    client.post(reverse("circulation:read", args=[receipt.pk]))
    receipt.refresh_from_db()
    assert receipt.method == AckMethod.WEB
    assert _client(cast.sho).get(reverse("circulation:read", args=[receipt.pk])).status_code == 404


def test_public_link_page_acknowledges_without_login(cast: Cast, version: DirectiveVersion) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    _code, token = code_and_token("P-1001")
    url = reverse("circulation_public:acknowledge", args=[token])
    page = Client().get(url)
    assert page.status_code == 200 and b"ack-confirm" in page.content and b"<script" not in page.content
    done = Client().post(url)
    assert b"ack-done" in done.content
    assert receipt_of("P-1001", version).method == AckMethod.LINK
    assert Client().get(reverse("circulation_public:acknowledge", args=["A" * 22])).status_code == 404


def test_sms_reply_webhook(cast: Cast, version: DirectiveVersion, settings: Any) -> None:
    give_phones()
    circulate_east(cast, version, T0)
    code, _token = code_and_token("P-1002")
    url = reverse("api-sms-inbound")
    body = {"from": "03001110002", "message": f"ACK {code}"}
    settings.ZABTA_SMS_INBOUND_TOKEN = ""
    assert Client().post(url, body, content_type="application/json").status_code == 503
    settings.ZABTA_SMS_INBOUND_TOKEN = "inbound-secret"
    assert (
        Client().post(url, body, content_type="application/json", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    )
    bad = Client().post(url, {"from": "03001110002", "message": "ACK 0000 0000"}, content_type="application/json",
                        HTTP_AUTHORIZATION="Bearer inbound-secret")  # fmt: skip
    assert bad.status_code == 422
    huge = Client().post(url, {"from": "0" * 5000, "message": "A" * 100_000}, content_type="application/json",
                         HTTP_AUTHORIZATION="Bearer inbound-secret")  # fmt: skip
    assert huge.status_code == 400 and set(huge.json()) == {"sender", "message"}
    junk = Client().post(url, "not json", content_type="application/json", HTTP_AUTHORIZATION="Bearer inbound-secret")
    assert junk.status_code == 400
    ok = Client().post(url, body, content_type="application/json", HTTP_AUTHORIZATION="Bearer inbound-secret")
    assert ok.status_code == 200 and ok.json()["method"] == "sms_reply"


def test_api_circulate_rates_outstanding_and_acknowledge(cast: Cast, version: DirectiveVersion) -> None:
    dig = _client(cast.dig)
    created = dig.post(
        "/api/v1/circulations/", {"version": version.pk, "unit": cast.east.pk}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    from zabta.circulation.actions import circulation_deliver

    circulation_deliver(circulation=Circulation.objects.get(pk=created.json()["id"]))
    pk = created.json()["id"]
    rates = dig.get(f"/api/v1/circulations/{pk}/rates/").json()
    assert rates[0]["unit_code"] == "KHI-E" and rates[0]["total"] == 6 and rates[0]["acknowledged"] == 0
    receipt = receipt_of("P-1001", version)
    own = _client(cast.constable).post(f"/api/v1/directive-receipts/{receipt.pk}/acknowledge/")
    assert own.status_code == 200 and own.json()["acknowledged_at"]
    again = _client(cast.constable).post(f"/api/v1/directive-receipts/{receipt.pk}/acknowledge/")
    assert again.status_code == 400
    outstanding = dig.get(f"/api/v1/circulations/{pk}/outstanding/?unit={cast.ps_kia.pk}").json()
    assert [o["personnel_id"] for o in outstanding["results"]] == ["P-1002"]
    sho = _client(cast.sho)
    assert sho.get(f"/api/v1/circulations/{pk}/outstanding/?unit={cast.east.pk}").status_code == 404
    assert sho.post("/api/v1/circulations/", {"version": version.pk, "unit": cast.east.pk},
                    content_type="application/json").status_code == 400  # fmt: skip
    assert _client(cast.other_zone).get(f"/api/v1/circulations/{pk}/").status_code == 404


def test_pages_render_in_urdu(cast: Cast, version: DirectiveVersion) -> None:
    from django.utils import translation

    circulation = circulate_east(cast, version, T0)
    client = _client(cast.dig)
    client.cookies["django_language"] = "ur"
    try:
        for url in (reverse("circulation:list"), reverse("circulation:detail", args=[circulation.pk]),
                    reverse("circulation:outstanding", args=[circulation.pk, cast.east.pk]),
                    reverse("circulation:mine"), reverse("notifications:inbox")):  # fmt: skip
            page = client.get(url)
            assert page.status_code == 200 and 'dir="rtl"' in page.content.decode(), url
        assert "ہدایت ناموں کی سرکولیشن" in client.get(reverse("circulation:list")).content.decode()
    finally:
        translation.deactivate()
