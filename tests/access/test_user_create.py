"""user_create: passwords follow Django's validators, and the new user is audited."""

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import Cast
from zabta.access.actions import user_create
from zabta.audit.models import AuditEvent


@pytest.mark.parametrize(
    "password",
    [
        "short1!",  # shorter than 10 characters
        "password123",  # a common password
        "4821937465",  # entirely numeric
        "nadeem.korangi",  # too similar to the username
    ],
)
def test_weak_password_is_refused(cast: Cast, password: str) -> None:
    with pytest.raises(ValidationError):
        user_create(username="nadeem.korangi", password=password, actor=cast.range_admin)
    assert not AuditEvent.objects.filter(action="access.user.created", after__username="nadeem.korangi").exists()


def test_strong_password_creates_an_audited_user(cast: Cast) -> None:
    user = user_create(username="nadeem.korangi", password="Gulshan-e-Iqbal#2024", actor=cast.range_admin)
    assert user.check_password("Gulshan-e-Iqbal#2024")
    event = AuditEvent.objects.get(action="access.user.created", object_id=str(user.pk))
    assert event.actor_label == "range_admin"
    assert "Gulshan" not in str(event.after)  # the password never enters the log
