"""Export quality (issue #12): XLSX cells typed and laid out for Excel, GraphML and GEXF that networkx
(and so Gephi) read back with the node type and a party org's type as two attributes."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from graph.driver import Graph
from graph.graphview import GraphEdge, GraphNode, GraphView
from reports import catalog
from reports.catalog import STATS
from reports.columns import Cell, Column, Report
from reports.graph_files import to_gexf, to_graphml
from reports.writers import MAX_WIDTH, MIN_WIDTH, to_xlsx
from tests.fixtures import world_gaps

COLUMNS = [
    Column("area", "区域"),
    Column("units", "驻区单位", cell=Cell.INTEGER),
    Column("share", "协议覆盖率", cell=Cell.PERCENT),
    Column("expires", "到期日", cell=Cell.DATE),
    Column("note", "说明"),
    Column("n", "n"),
]
ROWS: list[dict[str, Any]] = [
    {"area": "昆明市", "units": 7, "share": 0.1661, "expires": "2025-12-31", "note": "长" * 200, "n": ""},
    {"area": "官渡区", "units": "=1", "share": "n/a", "expires": "not a date", "note": "", "n": None},
    {"area": "西山区", "units": 12345, "share": 1.0, "expires": dt.date(2026, 6, 20), "note": "", "n": None},
]


def _sheet(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_header_is_frozen_and_widths_fit_the_content_within_bounds() -> None:
    sheet = _sheet(to_xlsx(COLUMNS, ROWS))
    assert sheet.freeze_panes == "A2"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEF"}
    # Width = widest text + 2, a Chinese character counting two: 昆明市 → 6; 驻区单位 → 8; 协议覆盖率 → 10
    # (wider than 16.6%); 2025-12-31 → 10; 200 × 长 → capped; an empty column → the minimum.
    assert widths == {"A": 8, "B": 10, "C": 12, "D": 12, "E": MAX_WIDTH, "F": MIN_WIDTH}


def test_xlsx_cells_are_numbers_percentages_and_dates() -> None:
    sheet = _sheet(to_xlsx(COLUMNS, ROWS))
    assert (sheet["B2"].value, sheet["B2"].data_type) == (7, "n")
    assert (sheet["B4"].value, sheet["B4"].data_type) == (12345, "n")
    assert (sheet["C2"].value, sheet["C2"].number_format) == (0.1661, "0.0%")
    assert (sheet["C4"].value, sheet["C4"].number_format) == (1.0, "0.0%")
    assert (sheet["D2"].value, sheet["D2"].number_format) == (dt.datetime(2025, 12, 31), "yyyy-mm-dd")
    assert sheet["D4"].value == dt.datetime(2026, 6, 20)
    # What is not a number or a date stays (neutralized) text.
    assert [sheet["B3"].value, sheet["C3"].value, sheet["D3"].value] == ["'=1", "n/a", "not a date"]
    assert sheet["C3"].number_format == "General"


def test_xlsx_text_columns_keep_iso_dates_and_shares_as_they_are() -> None:
    plain = [Column(c.key, c.header) for c in COLUMNS]
    sheet = _sheet(to_xlsx(plain, ROWS))
    assert (sheet["C2"].value, sheet["C2"].number_format) == (0.1661, "General")
    assert sheet["D2"].value == "2025-12-31"


def test_a_report_leaves_out_only_columns_it_has() -> None:
    assert [c.key for c in STATS.without("area_id")][:2] == ["area_name", "units"]
    with pytest.raises(KeyError, match="nope"):
        Report((Column("a", "甲"),)).without("nope")


# --- GraphML and GEXF, read back by networkx ---------------------------------------------------------

MIXED = GraphView(
    nodes=[
        GraphNode(id="P1", label="党委", type="PartyOrg", properties={"type": "committee", "members": 30}),
        GraphNode(id="P2", label="支部", type="PartyOrg", properties={"type": "branch", "members": "约20"}),
        GraphNode(id="J1", label="项目", type="Project", properties={"start": "2026-01-01", "end": None}),
    ],
    edges=[
        GraphEdge(source="P2", target="P1", type="REPORTS_TO", properties={}),
        GraphEdge(source="J1", target="P1", type="DELIVERED_BY", properties={"start": "2026-02-01"}),
    ],
)


def _read(fmt: str, data: bytes) -> Any:
    return nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))


@pytest.mark.parametrize(("fmt", "writer"), [("graphml", to_graphml), ("gexf", to_gexf)])
def test_node_type_and_org_type_are_two_attributes(fmt: str, writer: Any) -> None:
    graph = _read(fmt, writer(MIXED))
    assert {n: d["node_type"] for n, d in graph.nodes(data=True)} == {
        "P1": "PartyOrg",
        "P2": "PartyOrg",
        "J1": "Project",
    }
    assert {n: d.get("org_type") for n, d in graph.nodes(data=True)} == {
        "P1": "committee",
        "P2": "branch",
        "J1": None,
    }
    # A key with values of two types is text throughout: one declaration, one type.
    assert [graph.nodes["P1"]["members"], graph.nodes["P2"]["members"]] == ["30", "约20"]
    # start / end are plain attributes, not GEXF time spells.
    assert graph.nodes["J1"]["start_date"] == "2026-01-01"
    assert "end_date" not in graph.nodes["J1"]
    assert {(u, v, d["edge_type"]) for u, v, d in graph.edges(data=True)} == {
        ("P2", "P1", "REPORTS_TO"),
        ("J1", "P1", "DELIVERED_BY"),
    }


def test_graphml_declares_each_attribute_once() -> None:
    root = ET.fromstring(to_graphml(MIXED))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    names = [(k.get("for"), k.get("attr.name")) for k in root.findall("g:key", ns)]
    assert len(names) == len(set(names))
    assert ("node", "node_type") in names
    assert ("node", "org_type") in names


# The subgraph of 金马社区 (A-M2) in tests/fixtures/world_gaps.py, worked out by hand: the area; its units
# U3 and U4; P-M2 (based there) and P-U4 (belongs to U4); the contracts those are party to (K3: U3, P-M2;
# K4: P-M2, P-U4); what is raised by or offered to them (N2 raised by A-M2, R3 offered by U4).
NODE_TYPES = {
    "A-M2": "Area",
    "U3": "Unit",
    "U4": "Unit",
    "P-M2": "PartyOrg",
    "P-U4": "PartyOrg",
    "K3": "Contract",
    "K4": "Contract",
    "N2": "Need",
    "R3": "Resource",
}
ORG_TYPES = {"P-M2": "committee", "P-U4": "branch"}
EDGES = {
    ("U3", "A-M2", "LOCATED_IN"),
    ("U4", "A-M2", "LOCATED_IN"),
    ("P-U4", "U4", "BELONGS_TO"),
    ("P-M2", "A-M2", "BASED_IN"),
    ("U3", "K3", "PARTY_TO"),
    ("P-M2", "K3", "PARTY_TO"),
    ("P-M2", "K4", "PARTY_TO"),
    ("P-U4", "K4", "PARTY_TO"),
    ("N2", "A-M2", "RAISED_BY"),
    ("R3", "U4", "OFFERED_BY"),
}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_an_areas_export_reads_back_with_types(graph: Graph, client: TestClient, fmt: str) -> None:
    world_gaps.build(graph)
    response = client.get(f"/api/export/{fmt}", params={"area": "A-M2"})
    assert response.status_code == 200
    back = _read(fmt, response.content)
    assert {n: d["node_type"] for n, d in back.nodes(data=True)} == NODE_TYPES
    assert {n: d["org_type"] for n, d in back.nodes(data=True) if "org_type" in d} == ORG_TYPES
    assert {(u, v, d["edge_type"]) for u, v, d in back.edges(data=True)} == EDGES
    assert back.nodes["U3"]["label"] == "=云南某科技有限公司"
    assert back.nodes["U4"]["kind"] == "property"
    k3 = back.nodes["K3"]
    assert (k3["status"], k3["signed"], k3["expires"]) == ("active", "2024-01-01", "2025-12-31")


def test_every_catalog_column_has_both_headers() -> None:
    reports = [v for v in vars(catalog).values() if isinstance(v, Report)]
    assert len(reports) == 11  # eight lists, the claim hall, the warnings, the projects (reports/catalog.py)
    for report in reports:
        for column in report.columns:
            assert column.heading("zh") == column.header
            assert column.heading("en") != column.header, column
    assert Column("a", "甲").heading("en") == "甲"  # no English header: the Chinese one
