"""Validate and publish a school-led peer review handbook from YAML and Markdown sources."""

from __future__ import annotations

__version__ = "0.1.0"
