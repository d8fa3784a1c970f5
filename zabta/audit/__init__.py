"""Tamper-evident, append-only audit log: every state change, hash-chained."""
