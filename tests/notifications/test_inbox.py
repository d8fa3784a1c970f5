"""The in-app inbox: each persona reads only his own notifications, on the page and through the API.

Named in tests/access/test_scope_matrix.py SCOPED_ELSEWHERE for "notifications:inbox", "notifications:open",
"notification-list", "notification-detail" and "notification-read".
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.test_scope_matrix import PERSONAS
from tests.conftest import Cast
from zabta.notifications.actions import send
from zabta.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _notify_everyone(cast: Cast) -> dict[str, int]:
    """One in-app notification per login of the cast; returns username -> notification id."""
    ids = {}
    for persona in PERSONAS:
        if persona == "anonymous":
            continue
        user = getattr(cast, persona)
        [row] = send(recipient=user, template="notifications_test", context={"what": persona}, channels=["in_app"],
                     link="http://testserver/circulation/mine/")  # fmt: skip
        ids[persona] = row.pk
    return ids


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_reads_only_his_own_notifications(cast: Cast, persona: str) -> None:
    ids = _notify_everyone(cast)
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(cast, persona))
    page = client.get(reverse("notifications:inbox"))
    api = client.get(reverse("notification-list"))
    if persona == "anonymous":
        assert page.status_code == 302 and api.status_code in (401, 403)
        return
    assert [n.pk for n in page.context["page"].object_list] == [ids[persona]]
    assert [n["id"] for n in api.json()["results"]] == [ids[persona]]
    for other, pk in ids.items():
        detail = client.get(reverse("notification-detail", args=[pk]))
        assert detail.status_code == (200 if other == persona else 404)
        if other != persona:
            assert client.post(reverse("notifications:open", args=[pk])).status_code == 404
            assert client.post(reverse("notification-read", args=[pk])).status_code == 404
    assert not Notification.objects.exclude(pk=ids[persona]).filter(read_at__isnull=False).exists()


def test_opening_marks_read_and_follows_only_local_links(cast: Cast) -> None:
    [local] = send(recipient=cast.constable, template="notifications_test", context={}, channels=["in_app"],
                   link="http://testserver/circulation/mine/")  # fmt: skip
    [foreign] = send(recipient=cast.constable, template="notifications_test", context={}, channels=["in_app"],
                     link="https://evil.example/phish")  # fmt: skip
    client = Client()
    client.force_login(cast.constable)
    assert (
        client.post(reverse("notifications:open", args=[local.pk]))["Location"] == "http://testserver/circulation/mine/"
    )
    assert client.post(reverse("notifications:open", args=[foreign.pk]))["Location"] == reverse("notifications:inbox")
    assert Notification.objects.filter(read_at__isnull=False).count() == 2
    assert client.get(reverse("notifications:open", args=[local.pk])).status_code == 405


def test_officer_sees_notices_sent_to_his_officer_record(cast: Cast) -> None:
    officer = cast.constable.personnel
    [row] = send(recipient=officer, template="notifications_test", context={}, channels=["in_app"])
    assert row.address == f"user:{cast.constable.pk}"
    client = Client()
    client.force_login(cast.constable)
    assert [n["id"] for n in client.get(reverse("notification-list")).json()["results"]] == [row.pk]
    read = client.post(reverse("notification-read", args=[row.pk]))
    assert read.status_code == 200 and read.json()["read_at"]
