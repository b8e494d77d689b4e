"""Graph files for Gephi, yEd or networkx: a GraphView as GraphML or GEXF, both written by networkx."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.graphview import GraphView
from reports.writers import LIST_SEPARATOR, XML_INVALID

#: Attribute names that GEXF (or networkx's GEXF writer) reserves, and what a property of that name is
#: called instead: a party org's `type` is its org type, distinct from the node type (Unit, PartyOrg, …);
#: `start` / `end` would be read as GEXF time spells.
_RENAMED = {"type": "org_type", "start": "start_date", "end": "end_date", "label": "label_", "id": "id_"}
_EDGE_RENAMED = {**_RENAMED, "type": "type_", "weight": "weight_"}


def _attribute(value: Any) -> str | int | float | bool | None:
    """A property as a GraphML/GEXF attribute value: numbers and booleans stay, the rest is text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return XML_INVALID.sub("", LIST_SEPARATOR.join(str(_attribute(v)) for v in value))
    if hasattr(value, "iso_format"):
        value = value.iso_format()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return XML_INVALID.sub("", str(value))


def _attributes(props: Mapping[str, Any], renamed: Mapping[str, str]) -> dict[str, Any]:
    shown = {renamed.get(k, k): _attribute(v) for k, v in props.items()}
    return {k: v for k, v in shown.items() if v is not None}


def _one_type_per_key(items: Iterable[dict[str, Any]]) -> None:
    """An attribute key with values of more than one type becomes text everywhere: GraphML and GEXF
    declare one type per key."""
    items = list(items)
    types: dict[str, set[type]] = {}
    for attrs in items:
        for key, value in attrs.items():
            types.setdefault(key, set()).add(type(value))
    mixed = {k for k, t in types.items() if len(t) > 1}
    for attrs in items:
        for key in mixed & attrs.keys():
            attrs[key] = str(attrs[key])


def to_networkx(view: GraphView) -> nx.MultiDiGraph:
    """The view as a networkx multigraph: each node with `label` (its name), `node_type` (Area, Unit,
    PartyOrg, …) and its properties (a party org's type as `org_type`); each edge with `label`
    and `edge_type` holding its relationship type, and its properties."""
    graph = nx.MultiDiGraph()
    for node in view.nodes:
        attrs = {"label": _attribute(node.label) or "", "node_type": node.type}
        graph.add_node(_attribute(node.id), **attrs, **_attributes(node.properties, _RENAMED))
    for index, edge in enumerate(view.edges):
        source, target = _attribute(edge.source), _attribute(edge.target)
        attrs = {"label": edge.type, "edge_type": edge.type, **_attributes(edge.properties, _EDGE_RENAMED)}
        graph.add_edge(source, target, key=f"e{index}", **attrs)
    _one_type_per_key(data for _, data in graph.nodes(data=True))
    _one_type_per_key(data for _, _, data in graph.edges(data=True))
    return graph


def to_graphml(view: GraphView) -> bytes:
    """GraphML for Gephi, yEd or networkx (written by networkx)."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(view), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(view: GraphView) -> bytes:
    """GEXF 1.2 for Gephi or networkx (written by networkx)."""
    buffer = io.BytesIO()
    nx.write_gexf(to_networkx(view), buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()
