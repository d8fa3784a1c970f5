"""Notifications: one `send()` interface over pluggable channels (in-app, e-mail, SMS)."""
