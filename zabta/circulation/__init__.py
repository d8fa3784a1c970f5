"""Circulation of directives to every officer, with per-officer acknowledgement, reminders and escalation."""
