"""One entity as users see it: its properties (personal data masked), its type, its area path and the
number of ties of each kind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.errors import NotFound
from graph.node_display import entity_type, public_properties
from graph.queries.entities import AREA_PATHS, GET_ENTITY, GET_ENTITY_SCOPED


@dataclass(frozen=True)
class AreaRef:
    """One level of an area path: 昆明市, 官渡区, 太和街道, 佴家湾社区 …"""

    id: str
    name: str
    level: str | None


@dataclass(frozen=True)
class EntityDetail:
    """An entity with everything `/api/entities/{id}` shows."""

    id: str
    type: str
    properties: dict[str, Any]
    area_path: list[AreaRef] = field(default_factory=list)
    ties: dict[str, int] = field(default_factory=dict)


def area_paths(tx: ManagedTransaction, ids: Sequence[str]) -> dict[str, list[AreaRef]]:
    """The area path of each entity, from the top (the city) down to its own area; [] if it has none."""
    if not ids:
        return {}
    paths: dict[str, list[AreaRef]] = {entity_id: [] for entity_id in ids}
    for row in run(tx, AREA_PATHS, {"ids": list(ids)}):
        paths[row["id"]] = [
            AreaRef(id=a["id"], name=str(a.get("name") or a["id"]), level=a.get("level")) for a in row["path"]
        ]
    return paths


def entity_detail(
    graph: Graph, entity_id: str, scope: list[str] | None = None, *, reveal: bool = False
) -> EntityDetail:
    """The entity with this id if it lies in `scope` (root area ids, None for all), else NotFound.
    A person's name and phone are masked unless `reveal`."""

    def work(tx: ManagedTransaction) -> EntityDetail:
        query = GET_ENTITY if scope is None else GET_ENTITY_SCOPED
        rows = run(tx, query, {"id": entity_id, "scope": scope})
        if not rows:
            raise NotFound(f"no entity with id {entity_id!r}")
        row = rows[0]
        ties = row["ties"] if scope is None else dict(row["tie_counts"])
        node_type = entity_type(row["labels"])
        return EntityDetail(
            id=entity_id,
            type=node_type,
            properties=public_properties(node_type, row["props"], reveal=reveal),
            area_path=area_paths(tx, [entity_id])[entity_id],
            ties={kind: int(n) for kind, n in ties.items() if n},
        )

    return graph.read_tx(work)
