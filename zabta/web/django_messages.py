"""Django's own messages that Zabta's pages and admin show but Django's Urdu catalogues leave untranslated.

Listing them here makes `makemessages` put them in the project catalogue (zabta/locale), whose translations
take precedence over Django's; tests/web/test_urdu_catalogue.py checks that each one is still Django's wording.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = (
    # Form and model validation (import rows, admin forms).
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid integer."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Value %(value)r is not a valid choice."),
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
    gettext_noop("Constraint “%(name)s” is violated."),
    # Login users in the admin.
    gettext_noop("username"),
    gettext_noop("email address"),
    gettext_noop("active"),
    gettext_noop("superuser status"),
    gettext_noop("last login"),
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    gettext_noop("A user with that username already exists."),
    gettext_noop("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."),
    gettext_noop(
        "Designates whether this user should be treated as active. Unselect this instead of deleting accounts."
    ),
    # Password validators (settings.AUTH_PASSWORD_VALIDATORS).
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    # The admin's own pages.
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
)

PLURAL_MESSAGES = (
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below."),
)
