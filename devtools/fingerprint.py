"""A fingerprint of the whole domain graph, to tell whether two loads left the same graph."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from graph.driver import Graph
from graph.queries.loads import FINGERPRINT_NODES, FINGERPRINT_RELS

#: Provenance that names a run rather than the data: which load last changed a record, and when.
RUN_FIELDS = frozenset({"load_id", "loaded_at"})
_PAGE = 10_000


def graph_fingerprint(graph: Graph, *, run_fields: bool = True) -> str:
    """SHA-256 over every domain node (labels, all properties) and every relationship between them
    (type, endpoint ids, all properties), in a canonical order. `(:Load)` records of the loads
    themselves are left out: each run adds one. With `run_fields=False`, `load_id` and `loaded_at`
    are left out too, to compare graphs built by different runs (an interrupted load and its rerun)."""
    digest = hashlib.sha256()
    for line in _lines(graph, run_fields):
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _lines(graph: Graph, run_fields: bool) -> list[str]:
    lines: list[str] = []
    for query, render in ((FINGERPRINT_NODES, _node), (FINGERPRINT_RELS, _rels)):
        after = ""
        while True:
            rows = graph.read(query, {"after": after, "limit": _PAGE})
            lines.extend(line for row in rows for line in render(row, run_fields))
            if len(rows) < _PAGE:
                break
            after = rows[-1]["id"]
    return lines


def _node(row: dict[str, Any], run_fields: bool) -> list[str]:
    return [_canonical({"labels": sorted(row["labels"]), "props": _props(row["props"], run_fields)})]


def _rels(row: dict[str, Any], run_fields: bool) -> list[str]:
    rels = [
        _canonical(
            {"src": row["id"], "type": r["type"], "dst": r["dst"], "props": _props(r["props"], run_fields)}
        )
        for r in row["rels"]
        if r["type"] is not None
    ]
    return sorted(rels)


def _props(props: dict[str, Any], run_fields: bool) -> dict[str, Any]:
    return {k: v for k, v in props.items() if run_fields or k not in RUN_FIELDS}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
