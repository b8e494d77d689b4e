"""Queries of the development tooling only (harness ownership and wipe, benchmark reads)."""
