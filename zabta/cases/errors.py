"""Errors of the enforcement workflow, with messages fit to show the user."""


class InvalidTransition(ValueError):
    """The requested change does not fit the case's (or proceeding's) current state."""


class CaseInputError(ValueError):
    """The data given to open or change a case is not acceptable."""
