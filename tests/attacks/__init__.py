"""Hostile inputs, kept readable as documentation of the content policy (docs/security.md)."""
