"""Jobdeck: a local-first desktop app for tracking job postings and applications."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jobdeck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"
