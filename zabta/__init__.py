"""Zabta (ضابطہ): a police force runs its social media policy for its own personnel."""

__version__ = "0.1.0"
