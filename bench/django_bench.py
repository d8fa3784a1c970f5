"""Start Django for a benchmark: a fresh SQLite file in a temporary folder, or the PostgreSQL named by URL."""

import os
import tempfile


def start_django(database_url: str = "") -> None:
    """Configure from the environment as an operator would, set Django up, migrate, and say which database."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["ZABTA_DATA_DIR"] = tempfile.mkdtemp(prefix="zabta-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zabta.settings")
    os.environ["ZABTA_DEBUG"] = "0"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
