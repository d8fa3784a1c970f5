"""Hash banks: removed, approved and reference media, matched by SHA-256, PDQ and video fingerprints."""
