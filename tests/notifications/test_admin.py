"""The delivery log and circulation records in the admin: readable by range administrators, never editable there."""

import pytest
from django.test import Client

from tests.conftest import Cast
from zabta.notifications.actions import send

pytestmark = pytest.mark.django_db


def test_range_admin_reads_the_delivery_log_but_cannot_change_it(cast: Cast) -> None:
    [row] = send(recipient=cast.constable, template="notifications_test", context={}, channels=["in_app"])
    client = Client()
    client.force_login(cast.range_admin)
    for path in ("/admin/notifications/notification/", "/admin/circulation/circulation/",
                 "/admin/circulation/receipt/"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    assert client.get(f"/admin/notifications/notification/{row.pk}/change/").status_code == 200
    assert client.get("/admin/notifications/notification/add/").status_code == 403
    assert client.post(f"/admin/notifications/notification/{row.pk}/delete/").status_code == 403
    other = Client()
    other.force_login(cast.ssp)
    assert other.get("/admin/notifications/notification/").status_code == 302
