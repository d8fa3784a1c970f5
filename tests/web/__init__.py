"""Tests of the web shell: pages, language, admin and the browser."""
