"""Benchmarks of loopbook on synthetic handbooks of 100 to 5,000 entries: `make bench` or `python -m bench`."""
