"""loopbook: an interview-prep and runbook handbook kept as YAML data, built into a static site."""

__version__ = "0.1.0"
