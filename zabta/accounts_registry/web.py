"""Shared by the registry, approval and permit pages: run one action, show its refusal as a message."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.http import HttpRequest

from zabta.access.models import User
from zabta.org.actions import InvalidTransition


def attempt[T](request: HttpRequest, call: Callable[[], T]) -> T | None:
    """The action's result, or None after putting its validation or state error on the page.
    PermissionDenied is not caught: it becomes a 403."""
    try:
        return call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    return None


def form_errors(request: HttpRequest, errors: ErrorDict) -> None:
    for field, problems in errors.items():
        for problem in problems:
            messages.error(request, f"{field}: {problem}" if field != "__all__" else str(problem))


def signed_in(request: Any) -> User:
    """The signed-in user of a page or API request (the views require login; anyone else is refused)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
