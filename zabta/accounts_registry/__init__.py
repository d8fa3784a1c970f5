"""Social media accounts (not login accounts): official, declared personal and discovered ones."""
