"""Admin forms that save through an action function, so every change made in the admin is audited.

The admin reports errors only through its form, so the action runs at the end of the form's validation
(after Django's own model checks, inside the admin's transaction) and an InvalidTransition or a
ValidationError raised by the action is shown on the form instead of a server error.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from zabta.org.actions import InvalidTransition


class ActionForm(forms.ModelForm[Any]):
    """A model form whose `perform` calls one action; `result` is the object the action returned."""

    actor: Any = None
    result: models.Model | None = None

    def perform(self, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # private in the stubs, public behaviour in Django
        if self.errors:
            return
        try:
            self.result = self.perform(self.cleaned_data)
        except InvalidTransition as exc:
            self.add_error(None, str(exc))
        except ValidationError as exc:
            self.add_error(None, exc.messages)


def bind_actor(form_class: type[ActionForm], actor: Any) -> type[ActionForm]:
    """A subclass of the form that acts on behalf of the signed-in user."""
    return type(form_class.__name__, (form_class,), {"actor": actor})
