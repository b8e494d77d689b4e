"""Every Cypher query of orglinks, grouped by purpose."""
