"""The directive as versioned data: directives, their versions and numbered clauses."""
