"""Failed logins are rate-limited by django-axes: five failures lock the username from that address."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, Cast


def attempt(client: Client, username: str, password: str) -> int:
    return client.post(reverse("login"), {"username": username, "password": password}).status_code


def test_correct_password_logs_in(cast: Cast) -> None:
    client = Client()
    assert attempt(client, "sho", PASSWORD) == 302
    assert client.get(reverse("home")).status_code == 200


def test_five_failures_lock_out_even_the_right_password(cast: Cast) -> None:
    client = Client()
    for _ in range(5):
        assert attempt(client, "sho", "wrong-password") in (200, 429)
    response = client.post(reverse("login"), {"username": "sho", "password": PASSWORD})
    assert response.status_code == 429
    assert b"locked-out" in response.content
    assert client.get(reverse("home")).status_code == 302  # still not signed in


def test_four_failures_do_not_lock(cast: Cast) -> None:
    client = Client()
    for _ in range(4):
        assert attempt(client, "sho", "wrong-password") == 200
    assert attempt(client, "sho", PASSWORD) == 302


def test_lock_is_per_username(cast: Cast) -> None:
    client = Client()
    for _ in range(5):
        attempt(client, "sho", "wrong-password")
    assert attempt(client, "dig", PASSWORD) == 302


@pytest.mark.django_db
def test_lock_lifts_after_the_cool_off(cast: Cast) -> None:
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            attempt(client, "sho", "wrong-password")
        assert attempt(client, "sho", PASSWORD) == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert attempt(client, "sho", PASSWORD) == 302
