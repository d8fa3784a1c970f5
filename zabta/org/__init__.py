"""Organisation: the unit tree with effective dates, ranks, personnel and their postings."""
