"""Jobdeck: a local-first desktop app for tracking job postings and applications."""

# Written here rather than read with importlib.metadata, which costs 30 ms at every start;
# tests/packaging/test_resources.py keeps it equal to the version in pyproject.toml.
__version__ = "0.1.0"
