"""Tests of users, roles, scopes and login protection."""
