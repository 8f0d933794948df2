"""Benchmarks that print numbers (``make eval``): search recall, NLU cross-validation, triage."""
