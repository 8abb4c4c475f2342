"""Tests of the downloads (generator/export)."""
