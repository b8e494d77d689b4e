"""The whole load: strict versus --skip-invalid, idempotency, updates, explicit deletion,
provenance, the load record, dry runs, and the same package as CSV (GBK, BOM), XLSX and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from devtools.fingerprint import graph_fingerprint
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.errors import Invalid
from graph.migrate import migrate
from graph.queries.loads import COUNT_LOADS, GET_LOAD, NODE_PROPS, RELS_FROM
from graph.schema import relationship_id
from loaders.pipeline import load_path
from loaders.tables import column_named, table_named
from loaders.templates import write_template
from tests.loaders_support import BASIC_NODES, BASIC_RELS, copy_basic, edit, node_counts, rel_counts


def props(graph: Graph, entity_id: str) -> dict[str, object]:
    rows = graph.read(NODE_PROPS, {"id": entity_id})
    return dict(rows[0]["props"]) if rows else {}


def rels(graph: Graph, entity_id: str) -> list[tuple[str, str]]:
    return [(r["type"], r["dst"]) for r in graph.read(RELS_FROM, {"id": entity_id})]


def test_basic_package_loads_every_node_and_relationship(graph: Graph, tmp_path: Path) -> None:
    result = load_path(graph, copy_basic(tmp_path))
    assert result.outcome == "ok"
    assert result.problems == []
    assert node_counts(graph) == BASIC_NODES
    assert rel_counts(graph) == BASIC_RELS
    assert result.counts["areas"] == {"added": 5, "updated": 0, "unchanged": 0, "invalid": 0}
    unit = props(graph, "U1")
    assert unit["aliases"] == ["市三院", "三院"]
    assert unit["initials"] == "kmsdsrmyy"
    assert "ssy" in str(unit["keys_text"]).split()
    assert props(graph, "A1")["founded"] == dt.date(2019, 3, 1)
    assert props(graph, "P1")["party_member"] is True
    assert props(graph, "PO-EJW")["members"] == 120
    assert props(graph, "TH")["joint_meeting"] is True
    assert "joint_meeting" not in props(graph, "EJW")
    assert props(graph, "C1")["name"] == "佴家湾社区与市三院共建协议"
    seat = next(r for r in graph.read(RELS_FROM, {"id": "P2"}) if r["type"] == "SEATED_ON")
    # A seat's id is made from its person, its committee and its start (graph.schema.RELATIONSHIP_KEYS).
    assert seat["props"]["id"] == relationship_id(["P2", "PO-EJW", "2020-01-01"])
    assert seat["props"]["title"] == "兼职委员"  # the default
    assert seat["props"]["end"] == dt.date(2022, 12, 31)


def test_strict_by_default_writes_nothing_and_reports_every_problem(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(
        pkg,
        "单位.csv",
        "U2,云南电网有限责任公司昆明供电局,国有企业",
        "U2,云南电网有限责任公司昆明供电局,央企",
    )
    edit(pkg, "needs.csv", "已认领", "认领了")
    result = load_path(graph, pkg)
    assert result.outcome == "rejected"
    assert [(p.file, p.sheet, p.row, p.column, p.value) for p in result.problems] == [
        ("needs.csv", None, 2, "status", "认领了"),
        ("单位.csv", None, 3, "类型", "央企"),
    ]
    assert node_counts(graph) == {}
    assert rel_counts(graph) == {}
    load = graph.read(GET_LOAD, {"id": result.load_id})[0]["load"]
    assert (load["outcome"], load["problems"]) == ("rejected", 2)


def test_skip_invalid_writes_valid_rows_not_depending_on_invalid_ones(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(
        pkg,
        "单位.csv",
        "U2,云南电网有限责任公司昆明供电局,国有企业",
        "U2,云南电网有限责任公司昆明供电局,央企",
    )
    result = load_path(graph, pkg, skip_invalid=True)
    assert result.outcome == "partial"
    # U2 is invalid; PO-U2 (its party org) and P2 (works there) depend on it, and P2's seat on P2.
    assert [(p.file, p.row, p.value, p.reason[:8]) for p in result.problems] == [
        ("committee_seats.csv", 3, "P2", "skipped:"),
        ("party_orgs.csv", 5, "U2", "skipped:"),
        ("people.csv", 3, "U2", "skipped:"),
        ("单位.csv", 3, "央企", "unknown "),
    ]
    assert node_counts(graph) == {**BASIC_NODES, "Unit": 2, "PartyOrg": 3, "Person": 1}
    assert rel_counts(graph) == {
        **BASIC_RELS,
        "LOCATED_IN": 2,
        "BELONGS_TO": 1,
        "WORKS_AT": 1,
        "SEATED_ON": 1,
    }
    assert result.counts["units"] == {"added": 2, "updated": 0, "unchanged": 0, "invalid": 1}
    assert result.counts["committee_seats"] == {"added": 1, "updated": 0, "unchanged": 0, "invalid": 1}


def test_loading_twice_leaves_the_graph_identical(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    first = load_path(graph, pkg)
    before = graph_fingerprint(graph)
    second = load_path(graph, pkg)
    assert graph_fingerprint(graph) == before  # provenance included: nothing was touched
    assert second.load_id != first.load_id
    for table, counts in second.counts.items():
        assert counts["added"] == counts["updated"] == 0, table
        assert counts["unchanged"] == first.counts[table]["added"], table
    assert graph.read(COUNT_LOADS)[0]["n"] == 2


def test_an_updated_package_reports_added_updated_unchanged(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    load_path(graph, pkg)
    before = graph_fingerprint(graph, run_fields=False)
    edit(pkg, "单位.csv", "昆明怡宁房地产开发有限公司,非公企业", "昆明怡宁房地产有限公司,非公企业")
    edit(pkg, "单位.csv", "市供电局,TH,", "市供电局,EJW,")  # moves to another area
    edit(pkg, "people.csv", ",13800000000", ",")  # clears the phone
    (pkg / "areas.csv").write_text(
        (pkg / "areas.csv").read_text("utf-8") + "G2,佴家湾第二网格,网格,EJW\n", encoding="utf-8"
    )
    result = load_path(graph, pkg)
    assert result.counts["areas"] == {"added": 1, "updated": 0, "unchanged": 5, "invalid": 0}
    assert result.counts["units"] == {"added": 0, "updated": 2, "unchanged": 1, "invalid": 0}
    assert result.counts["people"] == {"added": 0, "updated": 1, "unchanged": 1, "invalid": 0}
    assert result.counts["projects"] == {"added": 0, "updated": 0, "unchanged": 1, "invalid": 0}
    assert props(graph, "U3")["name"] == "昆明怡宁房地产有限公司"
    assert props(graph, "U3")["load_id"] == result.load_id
    assert props(graph, "U1")["load_id"] != result.load_id  # unchanged, so untouched
    assert rels(graph, "U2") == [("LOCATED_IN", "EJW")]  # the old LOCATED_IN TH is replaced
    assert "phone" not in props(graph, "P1")
    assert rel_counts(graph) == {**BASIC_RELS, "PART_OF": 5}
    assert graph_fingerprint(graph, run_fields=False) != before


def test_a_missing_column_leaves_its_property_an_empty_cell_clears_it(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    load_path(graph, pkg)
    units = tmp_path / "units-only"
    units.mkdir()
    (units / "units.csv").write_text(
        "id,name,kind,area_id,industry\nU1,昆明市第三人民医院,事业单位,TH,\n", "utf-8"
    )
    result = load_path(graph, units)
    assert result.counts["units"] == {"added": 0, "updated": 1, "unchanged": 0, "invalid": 0}
    unit = props(graph, "U1")
    assert unit["uscc"] == "12530100431200123U"  # no uscc column: kept
    assert unit["address"] == "昆明市官渡区吴井路"
    assert "industry" not in unit  # an empty cell: cleared
    assert unit["aliases"] == []  # aliases feed the search keys, so no column means none
    (units / "party_orgs.csv").write_text("id,name,type,area_id\nPO-EJW,佴家湾社区党委,党委,EJW\n", "utf-8")
    assert load_path(graph, units).counts["party_orgs"]["unchanged"] == 1
    # the parent_id column is absent, so REPORTS_TO stays; PARTY_TO belongs to the contract row
    assert rels(graph, "PO-EJW") == [("BASED_IN", "EJW"), ("PARTY_TO", "C1"), ("REPORTS_TO", "PO-TH")]
    assert props(graph, "PO-EJW")["members"] == 120


def test_deleting_is_explicit_and_scoped_to_one_source_file(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    load_path(graph, pkg)
    edit(pkg, "areas.csv", "G1,佴家湾第一网格,网格,EJW,\n", "")
    edit(pkg, "committee_seats.csv", "P2,PO-EJW,,2020-01-01,2022-12-31\n", "")
    kept = load_path(graph, pkg)
    assert kept.deleted == {}
    assert node_counts(graph)["Area"] == 5  # never deleted implicitly
    replaced = load_path(graph, pkg, replace_source_file="areas.csv")
    assert replaced.deleted == {"areas": 1}
    assert node_counts(graph)["Area"] == 4
    assert rel_counts(graph)["SEATED_ON"] == 2  # another file's records stay
    seats = load_path(graph, pkg, replace_source_file=str(pkg / "committee_seats.csv"))
    assert seats.deleted == {"committee_seats": 1}
    assert rel_counts(graph)["SEATED_ON"] == 1


def test_provenance_on_nodes_and_relationships(graph: Graph, tmp_path: Path) -> None:
    result = load_path(graph, copy_basic(tmp_path))
    unit = props(graph, "U1")
    assert (unit["src_file"], unit.get("src_sheet"), unit["src_row"]) == ("单位.csv", None, 2)
    assert unit["load_id"] == result.load_id
    assert unit["loaded_at"] is not None
    seat = next(r for r in graph.read(RELS_FROM, {"id": "P1"}) if r["type"] == "SEATED_ON")["props"]
    assert (seat["src_file"], seat["src_row"], seat["load_id"]) == ("committee_seats.csv", 2, result.load_id)
    part_of = next(r for r in graph.read(RELS_FROM, {"id": "G1"}) if r["type"] == "PART_OF")["props"]
    assert (part_of["src_file"], part_of["src_row"]) == ("areas.csv", 6)


def test_each_load_is_recorded(graph: Graph, tmp_path: Path) -> None:
    result = load_path(graph, copy_basic(tmp_path), user="组织部 王")
    load = graph.read(GET_LOAD, {"id": result.load_id})[0]["load"]
    assert load["user"] == "组织部 王"
    assert load["outcome"] == "ok"
    assert "单位.csv" in load["files"]
    assert len(load["files"]) == 11
    assert json.loads(load["counts"]) == result.counts
    assert load["finished"] >= load["started"]


def test_dry_run_writes_nothing(graph: Graph, tmp_path: Path) -> None:
    result = load_path(graph, copy_basic(tmp_path), dry_run=True)
    assert (result.outcome, result.dry_run, result.load_id) == ("ok", True, None)
    assert result.counts["areas"] == {"valid": 5, "invalid": 0}
    assert node_counts(graph) == {}
    assert graph.read(COUNT_LOADS)[0]["n"] == 0


def test_gbk_and_bom_csv_package(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    for index, path in enumerate(sorted(pkg.glob("*.csv"))):
        text = path.read_text("utf-8")
        path.write_bytes(text.encode("gbk" if index % 2 else "utf-8-sig"))
    assert load_path(graph, pkg).outcome == "ok"
    assert props(graph, "EJW")["name"] == "佴家湾社区"
    assert node_counts(graph) == BASIC_NODES


def _fill_template(tmp_path: Path) -> Path:
    """The template filled with the basic package's rows; dates as Excel date cells."""
    book_path = tmp_path / "台账.xlsx"
    write_template(book_path)
    book = load_workbook(book_path)
    for path in sorted(copy_basic(tmp_path).glob("*.csv")):
        table = table_named(path.stem)
        assert table is not None
        sheet = book[table.zh]
        headers = [cell.value for cell in sheet[1]]
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                cells: dict[str, object] = {}
                for header, value in row.items():
                    column = column_named(table, header)
                    assert column is not None
                    if column.kind == "date" and value and "-" in value:
                        value = dt.datetime.fromisoformat(value)  # type: ignore[assignment]
                    cells[column.zh] = value or None
                sheet.append([cells.get(str(h)) for h in headers])
    book.save(book_path)
    return book_path


def test_template_has_a_sheet_per_table_and_loads_empty(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames[:3] == ["说明", "区域", "单位"]
    assert [c.value for c in next(book["区域"].iter_rows(max_row=1))] == [
        "编号",
        "名称",
        "层级",
        "上级编号",
        "联席会议",
    ]
    result = load_path(graph, path)
    assert (result.outcome, result.rows, result.problems) == ("ok", 0, [])


def test_xlsx_package_with_chinese_headers_and_date_cells(graph: Graph, tmp_path: Path) -> None:
    result = load_path(graph, _fill_template(tmp_path))
    assert result.outcome == "ok", result.problems
    assert node_counts(graph) == BASIC_NODES
    assert rel_counts(graph) == BASIC_RELS
    unit = props(graph, "U1")
    assert (unit["src_file"], unit["src_sheet"], unit["src_row"]) == ("台账.xlsx", "单位", 2)
    assert props(graph, "PR1")["start"] == dt.date(2019, 6, 1)


def test_xlsx_problems_name_the_sheet(graph: Graph, tmp_path: Path) -> None:
    path = _fill_template(tmp_path)
    book = load_workbook(path)
    book["需求清单"]["C2"] = "看病"
    book.save(path)
    [problem] = load_path(graph, path).problems
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.value) == (
        "台账.xlsx",
        "需求清单",
        2,
        "类别",
        "看病",
    )


def test_json_package(graph: Graph, tmp_path: Path) -> None:
    doc: dict[str, list[dict[str, str]]] = {}
    for path in sorted(copy_basic(tmp_path).glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            doc[path.stem] = [{k: v for k, v in row.items() if v} for row in csv.DictReader(fh)]
    doc["contracts"][0]["parties"] = ["PO-EJW", "PO-U1"]  # type: ignore[assignment]  # a JSON array
    (tmp_path / "pkg.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = load_path(graph, tmp_path / "pkg.json")
    assert result.outcome == "ok", result.problems
    assert node_counts(graph) == BASIC_NODES
    assert rel_counts(graph) == BASIC_RELS


def test_a_refused_file_stops_the_load_and_is_recorded(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    (pkg / "people.csv").write_bytes(b"\x00\x01binary" * 50)
    with pytest.raises(Invalid, match=r"people\.csv: this is a binary file"):
        load_path(graph, pkg)
    assert node_counts(graph) == {}
    assert graph.read(COUNT_LOADS)[0]["n"] == 1


def test_new_rows_beside_stored_ones_are_added_then_unchanged(graph: Graph, tmp_path: Path) -> None:
    """A second package whose new party org (of the stored unit U3) joins the stored alliance A1 and
    signs a new contract with the stored PO-EJW: each of these relationships has an end the database
    did not hold, so none can exist yet; loaded again, all of it is unchanged."""
    load_path(graph, copy_basic(tmp_path))
    more = tmp_path / "more"
    more.mkdir()
    (more / "party_orgs.csv").write_text(
        "id,name,type,unit_id\nPO-U3,昆明怡宁房地产开发有限公司党支部,党支部,U3\n", encoding="utf-8"
    )
    (more / "alliance_members.csv").write_text(
        "alliance_id,member_id,joined,role\nA1,PO-U3,2020-01-01,成员单位\n", encoding="utf-8"
    )
    (more / "contracts.csv").write_text(
        "id,title,signed,expires,parties,status\nC2,佴家湾社区与怡宁共建协议,2020-01-01,2030-12-31,PO-EJW、PO-U3,履行中\n",
        encoding="utf-8",
    )
    first = load_path(graph, more)
    added = {"added": 1, "updated": 0, "unchanged": 0, "invalid": 0}
    assert first.counts == {"party_orgs": added, "alliance_members": added, "contracts": added}
    # By hand: PO-U3 -[BELONGS_TO]-> U3, PO-U3 -[MEMBER_OF]-> A1, PO-EJW and PO-U3 -[PARTY_TO]-> C2.
    assert rel_counts(graph) == {**BASIC_RELS, "BELONGS_TO": 3, "MEMBER_OF": 3, "PARTY_TO": 4}
    assert node_counts(graph) == {**BASIC_NODES, "PartyOrg": 5, "Contract": 2}
    assert sorted(rels(graph, "PO-U3")) == [("BELONGS_TO", "U3"), ("MEMBER_OF", "A1"), ("PARTY_TO", "C2")]
    fingerprint = graph_fingerprint(graph, run_fields=False)

    again = load_path(graph, more)
    unchanged = {"added": 0, "updated": 0, "unchanged": 1, "invalid": 0}
    assert again.counts == {"party_orgs": unchanged, "alliance_members": unchanged, "contracts": unchanged}
    assert graph_fingerprint(graph, run_fields=False) == fingerprint


OLD_STYLE_IDS = NamedQuery(
    "test_old_style_ids",
    """
    MATCH (:Person {id: 'P2'})-[s:SEATED_ON]->(:PartyOrg {id: 'PO-EJW'}) SET s.id = 'P2|PO-EJW|2020-01-01'
    WITH count(*) AS seats
    MATCH (:Unit {id: 'U3'})-[m:MEMBER_OF]->(:Alliance {id: 'A1'}) SET m.id = 'A1|U3'
    RETURN seats, count(*) AS members
    """,
)
PIPE_IDS = NamedQuery("test_pipe_ids", "MATCH ()-[r]->() WHERE r.id CONTAINS '|' RETURN count(r) AS n")


def test_relationships_keyed_before_version_4_are_rekeyed_and_a_reload_finds_them(
    graph: Graph, tmp_path: Path
) -> None:
    """A database loaded when a seat's id was `person|org|start` is migrated to hashed ids, so that
    reloading the same ledger updates those relationships instead of adding a second copy."""
    package = copy_basic(tmp_path)
    assert load_path(graph, package).outcome == "ok"
    assert graph.write(OLD_STYLE_IDS) == [{"seats": 1, "members": 1}]
    assert migrate(graph).rekeyed == 2
    assert graph.read(PIPE_IDS) == [{"n": 0}]
    assert migrate(graph).rekeyed == 0
    assert load_path(graph, package).outcome == "ok"
    assert rel_counts(graph) == BASIC_RELS


def test_relationship_ids_of_keys_that_join_alike_differ() -> None:
    """Joined with `|`, the keys (`P|1`, `X`) and (`P`, `1|X`) gave one id for two different rows."""
    assert relationship_id(["P|1", "X"]) != relationship_id(["P", "1|X"])
    assert relationship_id(["P", "X", ""]) != relationship_id(["P", "X"])
