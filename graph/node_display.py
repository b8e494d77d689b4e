"""How nodes and relationships read from Neo4j are shown to users: JSON-safe values, the few
properties worth displaying, and personal data kept out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from graph.graphview import GraphEdge, GraphNode
from graph.masking import mask_name, mask_phone
from graph.schema import Label

#: Written by search_keys for the full-text indexes; not information about the entity.
SEARCH_KEY_PROPS = frozenset({"aliases_text", "pinyin", "initials", "keys_text"})
#: What a node in a network or a path carries besides its name: enough to colour and filter it.
DISPLAY_PROPS = (
    "level",
    "kind",
    "type",
    "status",
    "category",
    "signed",
    "expires",
    "founded",
    "members",
    "start",
    "end",
)
#: What a relationship in a network or a path carries.
EDGE_PROPS = ("role", "joined", "title", "start", "end")
#: A person's node shows only these; the name is the label.
PERSON_PROPS = ("title", "party_member")


def jsonable(value: Any) -> Any:
    """Dates, datetimes, times and durations become ISO strings; lists and maps item by item."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # a Neo4j duration, the one temporal type the driver layer keeps
        return value.iso_format()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


#: A person's personal data, masked unless the caller may see it (see accounts.masking).
PERSON_MASKS = {"name": mask_name, "phone": mask_phone}


def entity_type(labels: Iterable[str]) -> str:
    """The schema label of a node other than `Entity` (Unit, Area, …)."""
    return next((label for label in labels if label != Label.ENTITY), str(Label.ENTITY))


def public_properties(node_type: str, props: Mapping[str, Any], *, reveal: bool = False) -> dict[str, Any]:
    """Every property except the search keys, values JSON-safe, a person's name and phone masked unless
    `reveal` (for a caller with the `pii` permission, whose read the API audits)."""
    masks = PERSON_MASKS if node_type == Label.PERSON and not reveal else {}
    shown: dict[str, Any] = {}
    for key, value in props.items():
        if key in SEARCH_KEY_PROPS:
            continue
        shown[key] = masks[key](value) if key in masks else jsonable(value)
    return shown


def graph_node(node_id: str, node_type: str, props: Mapping[str, Any], **extra: Any) -> GraphNode:
    """A GraphNode with the node's name as label (a person's masked) and only its display properties."""
    person = node_type == Label.PERSON
    keep = PERSON_PROPS if person else DISPLAY_PROPS
    shown = {k: jsonable(props[k]) for k in keep if props.get(k) is not None}
    shown.update(extra)
    name = str(props.get("name") or node_id)
    return GraphNode(
        id=node_id, label=(mask_name(name) or "") if person else name, type=node_type, properties=shown
    )


def graph_edge(source: str, target: str, rel_type: str, props: Mapping[str, Any]) -> GraphEdge:
    """A GraphEdge with only the relationship's display properties."""
    shown = {k: jsonable(props[k]) for k in EDGE_PROPS if props.get(k) is not None}
    return GraphEdge(source=source, target=target, type=rel_type, properties=shown)
