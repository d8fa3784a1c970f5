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
    # The admin's own pages (Django's Urdu admin catalogue is misspelt in places: ین for یں, ھ for ہ).
    gettext_noop("Skip to main content"),
    gettext_noop("Welcome,"),
    gettext_noop("Change password"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Add"),
    gettext_noop("View"),
    gettext_noop("Change"),
    gettext_noop("Recent actions"),
    gettext_noop("My actions"),
    gettext_noop("None available"),
    gettext_noop("Select %s to view"),
    gettext_noop("Select %s to change"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Filter"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("All"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Unknown"),
    gettext_noop("Any date"),
    gettext_noop("Today"),
    gettext_noop("Past 7 days"),
    gettext_noop("This month"),
    gettext_noop("This year"),
    gettext_noop("No date"),
    gettext_noop("Has date"),
    gettext_noop("Action:"),
    gettext_noop("Run"),
    gettext_noop("Clear selection"),
    gettext_noop("Toggle sorting"),
    gettext_noop("Remove from sorting"),
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Clear all filters"),
    gettext_noop("Show all"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Save"),
    gettext_noop("Save and add another"),
    gettext_noop("Save and continue editing"),
    gettext_noop("Save and view"),
    gettext_noop("Close"),
    gettext_noop("History"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Page not found"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Items must be selected in order to perform actions on them. No items have been changed."),
    gettext_noop("No action selected."),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop(
        "Please enter the correct %(username)s and password for a staff account. Note that both fields may be case-sensitive."
    ),
    gettext_noop(
        "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to login to a different account?"
    ),
    gettext_noop("%(full_result_count)s total"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
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
    ngettext_lazy("%(counter)s result", "%(counter)s results"),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected"),
)
