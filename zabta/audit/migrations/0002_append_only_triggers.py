"""Database triggers that refuse UPDATE (and on PostgreSQL DELETE) of audit events.

SQLite gets no DELETE trigger because Django's test flush deletes rows; deletions are still
caught by `zabta audit verify` (sequence gap or head mismatch).
"""

from typing import Any

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION zabta_audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER zabta_audit_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION zabta_audit_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS zabta_audit_no_change ON audit_auditevent;
DROP FUNCTION IF EXISTS zabta_audit_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER zabta_audit_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS zabta_audit_no_update;"


def forward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
