"""Prior approval of content showing police identifiers (clause 1 of the directive)."""
