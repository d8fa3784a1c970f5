"""Login users, the roles they hold over unit subtrees, and the access helpers every read goes through."""
