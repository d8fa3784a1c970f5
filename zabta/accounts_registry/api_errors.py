"""How the registry, approval and permit endpoints report an action's refusal: 400 invalid, 409 wrong state."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from rest_framework import serializers
from rest_framework.exceptions import APIException

from zabta.org.actions import InvalidTransition


class Conflict(APIException):
    status_code = 409
    default_detail = "The object is not in a state that allows this."
    default_code = "conflict"


def run[T](call: Callable[[], T]) -> T:
    """The action's result; its ValidationError becomes 400 and InvalidTransition 409 (PermissionDenied: 403)."""
    try:
        return call()
    except ValidationError as exc:
        raise serializers.ValidationError({"detail": exc.messages}) from exc
    except InvalidTransition as exc:
        raise Conflict(str(exc)) from exc
