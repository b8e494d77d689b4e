"""The `orglinks` command line."""
