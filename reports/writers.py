"""Export writers, pure functions from rows and columns (or a GraphView) to file bytes.

Spreadsheet cells are neutralized against formula injection (CWE-1236): a text cell that starts with
= + - @, a tab or a carriage return gets a leading single quote, so Excel shows it as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from graph.graphview import GraphView

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters that XML 1.0 cannot carry at all, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LIST_SEPARATOR = "、"
#: The most rows one exported list holds, whether the API or the CLI writes it.
EXPORT_LIMIT = 50_000


@dataclass(frozen=True)
class Column:
    """One exported column: the row key it reads and its (Chinese) header."""

    key: str
    header: str


def neutralize(text: str) -> str:
    """Prefix a single quote to text that a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def cell_value(value: Any) -> str | int | float:
    """A row value as a spreadsheet cell: numbers stay numbers, everything else becomes safe text."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return value
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    if isinstance(value, list | tuple):
        return neutralize(LIST_SEPARATOR.join(str(cell_value(v)) for v in value))
    return neutralize(str(value))


def _cells(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> Iterable[list[str | int | float]]:
    yield [neutralize(c.header) for c in columns]
    for row in rows:
        yield [cell_value(row.get(c.key)) for c in columns]


def to_csv(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """CSV in UTF-8 with a BOM (so Excel shows Chinese), CRLF line ends, every cell neutralized."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(_cells(columns, rows))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], sheet: str = "Sheet1") -> bytes:
    """An XLSX workbook (openpyxl write-only mode) with a header row and every text cell neutralized."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=_sheet_title(sheet))
    for line in _cells(columns, rows):
        worksheet.append([_XML_INVALID.sub("", v) if isinstance(v, str) else v for v in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet1"
    return cleaned[:31]


def _xml_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif hasattr(value, "iso_format"):
        value = value.iso_format()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return _XML_INVALID.sub("", str(value))


def _attribute_keys(view: GraphView) -> tuple[list[str], list[str]]:
    node_keys = sorted({k for n in view.nodes for k in n.properties})
    edge_keys = sorted({k for e in view.edges for k in e.properties})
    return node_keys, edge_keys


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def to_graphml(view: GraphView) -> bytes:
    """GraphML for Gephi or yEd: nodes with label and type, edges with type, properties as string keys."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    node_keys, edge_keys = _attribute_keys(view)
    for key in ("label", "type", *node_keys):
        ET.SubElement(root, "key", {"id": f"n_{key}", "for": "node", "attr.name": key, "attr.type": "string"})
    for key in ("type", *edge_keys):
        ET.SubElement(root, "key", {"id": f"e_{key}", "for": "edge", "attr.name": key, "attr.type": "string"})
    graph = ET.SubElement(root, "graph", {"id": "orglinks", "edgedefault": "directed"})
    for node in view.nodes:
        element = ET.SubElement(graph, "node", {"id": _xml_text(node.id)})
        for key, value in (("label", node.label), ("type", node.type), *node.properties.items()):
            ET.SubElement(element, "data", {"key": f"n_{key}"}).text = _xml_text(value)
    for i, edge in enumerate(view.edges):
        attrs = {"id": f"e{i}", "source": _xml_text(edge.source), "target": _xml_text(edge.target)}
        element = ET.SubElement(graph, "edge", attrs)
        for key, value in (("type", edge.type), *edge.properties.items()):
            ET.SubElement(element, "data", {"key": f"e_{key}"}).text = _xml_text(value)
    return _serialize(root)


def to_gexf(view: GraphView) -> bytes:
    """GEXF 1.3 for Gephi: node labels, the node type and properties as attributes, typed edges."""
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "orglinks"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_keys, edge_keys = _attribute_keys(view)
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    for i, key in enumerate(("type", *node_keys)):
        ET.SubElement(node_attrs, "attribute", {"id": str(i), "title": key, "type": "string"})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    for i, key in enumerate(edge_keys):
        ET.SubElement(edge_attrs, "attribute", {"id": str(i), "title": key, "type": "string"})
    nodes = ET.SubElement(graph, "nodes")
    for node in view.nodes:
        element = ET.SubElement(nodes, "node", {"id": _xml_text(node.id), "label": _xml_text(node.label)})
        values = ET.SubElement(element, "attvalues")
        for i, (_, value) in enumerate(
            (("type", node.type), *((k, node.properties.get(k)) for k in node_keys))
        ):
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": str(i), "value": _xml_text(value)})
    edges = ET.SubElement(graph, "edges")
    for n, edge in enumerate(view.edges):
        attrs = {
            "id": str(n),
            "source": _xml_text(edge.source),
            "target": _xml_text(edge.target),
            "label": _xml_text(edge.type),
        }
        element = ET.SubElement(edges, "edge", attrs)
        if edge_keys:
            values = ET.SubElement(element, "attvalues")
            for i, key in enumerate(edge_keys):
                if edge.properties.get(key) is not None:
                    ET.SubElement(
                        values, "attvalue", {"for": str(i), "value": _xml_text(edge.properties[key])}
                    )
    return _serialize(root)
