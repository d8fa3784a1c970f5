"""Benchmarks: scripts that print figures and ratios (never run by the tests); see README.md."""
