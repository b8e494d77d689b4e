"""Export writers (pure functions) and the export endpoints: CSV with BOM, XLSX, GraphML, GEXF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from graph.driver import Graph
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from reports.graph_files import to_gexf, to_graphml
from reports.writers import Column, neutralize, to_csv, to_xlsx
from tests.fixtures import world_gaps

COLUMNS = [Column("name", "名称"), Column("n", "数量"), Column("tags", "标签"), Column("day", "日期")]
ROWS: list[dict[str, Any]] = [
    {"name": '=HYPERLINK("http://x")', "n": 3, "tags": ["甲", "乙"], "day": dt.date(2026, 6, 1)},
    {"name": "+1", "n": -2, "tags": [], "day": None},
    {"name": "-cmd", "n": 0.5, "tags": ["@SUM(A1)"], "day": None},
    {"name": "@x", "n": None, "tags": None, "day": None},
    {"name": "\tTAB", "n": 1, "tags": None, "day": None},
    {"name": "\rCR", "n": 1, "tags": None, "day": None},
    {"name": "市三院 = ok", "n": 1, "tags": None, "day": None},
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralize(text: str, expected: str) -> None:
    assert neutralize(text) == expected


def test_csv_has_bom_chinese_headers_and_no_live_formula() -> None:
    data = to_csv(COLUMNS, ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["名称", "数量", "标签", "日期"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', "3", "甲、乙", "2026-06-01"]
    assert rows[2] == ["'+1", "-2", "", ""]  # a number stays a number, even a negative one
    assert rows[3] == ["'-cmd", "0.5", "'@SUM(A1)", ""]
    assert [r[0] for r in rows[4:]] == ["'@x", "'\tTAB", "'\rCR", "市三院 = ok"]


def test_xlsx_round_trip() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(COLUMNS, ROWS, sheet="gaps/units")), read_only=True)
    sheet = workbook.active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("名称", "数量", "标签", "日期")
    assert values[1] == ('\'=HYPERLINK("http://x")', 3, "甲、乙", "2026-06-01")
    assert values[2][:2] == ("'+1", -2)
    assert values[3][2] == "'@SUM(A1)"
    assert workbook.sheetnames == ["gaps_units"]


VIEW = GraphView(
    nodes=[
        GraphNode(id="U1", label='市三院 <b>&"x"', type="Unit", properties={"kind": "institution"}),
        GraphNode(id="A&1", label="社区\x01", type="Area", properties={"level": "community"}),
    ],
    edges=[GraphEdge(source="U1", target="A&1", type="LOCATED_IN", properties={"since": "2020"})],
)


def test_graphml_is_well_formed_and_escaped() -> None:
    data = to_graphml(VIEW)
    root = ET.fromstring(data)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    assert [n.get("id") for n in nodes] == ["U1", "A&1"]
    (label_key,) = [k.get("id") for k in root.findall("g:key[@for='node'][@attr.name='label']", ns)]
    labels = [d.text for d in root.findall(f".//g:node/g:data[@key='{label_key}']", ns)]
    assert labels == ['市三院 <b>&"x"', "社区"]  # the control character is dropped
    edge = root.find(".//g:edge", ns)
    assert edge is not None
    assert (edge.get("source"), edge.get("target")) == ("U1", "A&1")
    assert b"&lt;b&gt;&amp;" in data


def test_gexf_is_well_formed() -> None:
    root = ET.fromstring(to_gexf(VIEW))
    ns = {"x": "http://www.gexf.net/1.2draft"}
    assert [n.get("label") for n in root.findall(".//x:node", ns)] == ['市三院 <b>&"x"', "社区"]
    assert [e.get("label") for e in root.findall(".//x:edge", ns)] == ["LOCATED_IN"]


# --- through the API -----------------------------------------------------------------------------------


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    world_gaps.build(graph)
    return client


def test_unit_gaps_csv_export(world: TestClient) -> None:
    params = {"area": "A-C", "by": "contract", "as_of": "2026-06-01", "format": "csv", "page_size": 1}
    response = world.get("/api/gaps/units", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["编号", "单位名称", "单位类型", "县(市)区", "街道", "社区", "已有联系", "建议结对"]
    # The whole list, not one page: U3 U4 U5 U6 U7.
    assert [r[0] for r in rows[1:]] == ["U3", "U4", "U5", "U6", "U7"]
    # U3's name starts with '=' in the fixture: neutralized.
    assert rows[1][:3] == ["U3", "'=云南某科技有限公司", "非公企业"]
    assert rows[1][6] == "党建联盟"
    assert rows[2][7] == "佴家湾社区党委（残疾人免费体检）"


def test_list_xlsx_exports(world: TestClient) -> None:
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("/api/gaps/units", {"area": "A-C", "by": "any"}, "编号"),
        ("/api/gaps/areas", {"area": "A-C", "as_of": "2026-06-01"}, "问题"),
        ("/api/matches", {"area": "A-C", "as_of": "2026-06-01"}, "推荐分"),
        ("/api/alliances/AL1/members", {}, "编号"),
        ("/api/committees/P-M2/seats", {"include_past": True}, "职务"),
        ("/api/stats", {"area": "A-C"}, "区域编号"),
    ]
    for path, params, header in cases:
        response = world.get(path, params={**params, "format": "xlsx"})
        assert response.status_code == 200, path
        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        assert sheet is not None
        values = list(sheet.iter_rows(values_only=True))
        assert values[0][0] == header, path
        assert all(not (isinstance(v, str) and v.startswith("=")) for row in values for v in row), path
    members = load_workbook(
        io.BytesIO(world.get("/api/alliances/AL1/members", params={"format": "xlsx"}).content), read_only=True
    ).active
    assert members is not None
    assert [r[1] for r in members.iter_rows(min_row=2, values_only=True)] == [
        "市三院党委",
        "太和街道机关党支部",
        "'=云南某科技有限公司",
    ]


def test_graphml_and_gexf_of_an_area(graph: Graph, world: TestClient) -> None:
    prov = {"src_file": "test"}
    graph.write(
        merge_nodes(Label.UNIT), {"rows": [{"id": "U9", "props": {"name": "<script>&"}, "prov": prov}]}
    )
    graph.write(
        merge_rels(Rel.LOCATED_IN, Label.UNIT, Label.AREA),
        {"rows": [{"src": "U9", "dst": "A-M4", "props": {}, "prov": prov}]},
    )
    response = world.get("/api/export/graphml", params={"area": "A-D2"})
    assert response.status_code == 200
    assert response.headers["x-orglinks-truncated"] == "false"
    root = ET.fromstring(response.content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = sorted(n.get("id") or "" for n in root.findall(".//g:node", ns))
    # 西山区's subtree: A-D2 A-S3 A-M4, units U6 U9, U6's need N4 and resource R5.
    assert ids == ["A-D2", "A-M4", "A-S3", "N4", "R5", "U6", "U9"]
    edges = {(e.get("source"), e.get("target")) for e in root.findall(".//g:edge", ns)}
    assert edges == {
        ("A-S3", "A-D2"),
        ("A-M4", "A-S3"),
        ("U6", "A-M4"),
        ("U9", "A-M4"),
        ("N4", "U6"),
        ("R5", "U6"),
    }
    assert b"&lt;script&gt;&amp;" in response.content
    city = ET.fromstring(world.get("/api/export/gexf", params={"area": "A-C"}).content)
    gexf_ids = {n.get("id") for n in city.findall(".//{http://www.gexf.net/1.2draft}node")}
    assert {"U1", "B-U2", "K1", "J1", "AL1"} <= gexf_ids
    assert not {"H1", "H3", "H4"} & gexf_ids  # persons are personal data: never exported
    assert world.get("/api/export/gexf", params={"area": "nowhere"}).status_code == 404
