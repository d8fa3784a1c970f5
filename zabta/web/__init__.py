"""The web shell: login, navigation, language switch, home; and the serve/worker/openapi commands."""
