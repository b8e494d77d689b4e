"""Queries behind the health check."""

from __future__ import annotations

from graph.cypher import NamedQuery

PING = NamedQuery("ping", "RETURN 1 AS ok")
