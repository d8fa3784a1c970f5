"""Media screening: safe intake, keyframes, fingerprints, OCR, reference marks, models (framework-free)."""
