"""Permits for private persons to film at police premises (clause 5 of the directive)."""
