"""Validation: every contract rule and every kind of problem, each from a small edit of the basic
package, located to file, row and column."""

from __future__ import annotations

from pathlib import Path

from graph.driver import Graph
from loaders.pipeline import load_path
from loaders.problems import Problem
from loaders.read import read_package
from loaders.validate import validate
from tests.loaders_support import copy_basic, edit


def problems(graph: Graph | None, package: Path) -> list[Problem]:
    return validate(read_package(package), graph).all_problems()


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, found
    return found[0]


def test_the_basic_package_is_valid(graph: Graph, tmp_path: Path) -> None:
    assert problems(graph, copy_basic(tmp_path)) == []


def test_missing_required_column(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    (pkg / "needs.csv").write_text("id,owner_id,title\nN1,PO-EJW,残疾人免费体检\n", encoding="utf-8")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column, p.reason) == ("needs.csv", 1, "类别", "missing column category/类别")


def test_column_given_twice(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    (pkg / "resources.csv").write_text("id,编号,owner_id,category,title\nR1,R1,PO-U1,health,义诊\n", "utf-8")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column) == ("resources.csv", 1, "编号")
    assert "twice" in p.reason


def test_unknown_table(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    (pkg / "unit.csv").write_text("id,name\nX,x\n", encoding="utf-8")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.value) == ("unit.csv", None, "unit")
    assert p.reason.startswith("unknown table")


def test_required_value_missing(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "people.csv", "P2,李四,", "P2,,")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column, p.value, p.reason) == (
        "people.csv",
        3,
        "name",
        None,
        "required value missing",
    )


def test_unknown_value(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(
        pkg,
        "单位.csv",
        "U2,云南电网有限责任公司昆明供电局,国有企业",
        "U2,云南电网有限责任公司昆明供电局,央企",
    )
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column, p.value) == ("单位.csv", 3, "类型", "央企")
    assert p.reason.startswith("unknown value; use one of: agency 机关")


def test_bad_date(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "alliances.csv", "2019/3/1", "2019/2/30")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column, p.value, p.reason) == (
        "alliances.csv",
        2,
        "founded",
        "2019/2/30",
        "no such date: 2019/2/30",
    )


def test_bad_boolean_and_bad_number(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "people.csv", "党委书记,1,", "党委书记,也许,")
    edit(
        pkg, "party_orgs.csv", "PO-EJW,佴家湾社区党委,党委,PO-TH,120", "PO-EJW,佴家湾社区党委,党委,PO-TH,一百"
    )
    found = problems(graph, pkg)
    assert [(p.file, p.row, p.column, p.value) for p in found] == [
        ("party_orgs.csv", 3, "members", "一百"),
        ("people.csv", 3, "party_member", "也许"),
    ]


def test_bad_uscc_check_character(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "单位.csv", "12530100431200123U", "12530100431200123T")
    p = only(problems(graph, pkg))
    assert (p.row, p.column, p.value) == (2, "统一社会信用代码", "12530100431200123T")
    assert p.reason == "wrong USCC check character: T (expected U)"


def test_duplicate_uscc(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "单位.csv", "市供电局,TH,", "市供电局,TH,12530100431200123U")
    p = only(problems(graph, pkg))
    assert (p.row, p.column, p.reason) == (3, "统一社会信用代码", "USCC already given on 单位.csv row 2")


def test_duplicate_id_in_a_table(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "people.csv", "P2,李四", "P1,李四")
    seat, person = problems(graph, pkg)
    assert (person.file, person.row, person.column, person.value) == ("people.csv", 3, "id", "P1")
    assert person.reason == "duplicate id: first used on people.csv row 2"
    # and P2, whose row now says P1, is gone: its committee seat refers to nothing
    assert (seat.file, seat.row, seat.column, seat.value) == ("committee_seats.csv", 3, "person_id", "P2")


def test_id_used_in_two_tables(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "resources.csv", "R1,", "N1,")
    edit(pkg, "projects.csv", ",R1,", ",N1,")
    found = problems(graph, pkg)
    assert (found[0].file, found[0].row, found[0].value) == ("projects.csv", 2, "N1")
    assert "this id is a 需求 (Need), expected 资源 (Resource)" in found[0].reason
    assert (found[1].file, found[1].row, found[1].column) == ("resources.csv", 2, "id")
    assert found[1].reason == "id already used in table needs/需求清单 (needs.csv row 2)"


def test_duplicate_link_row(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "联盟成员.csv", "A1,U3,2019年4月2日", "A1,PO-U1,2019年4月2日")
    p = only(problems(graph, pkg))
    assert (p.file, p.row) == ("联盟成员.csv", 3)
    assert p.reason == "duplicate row: the same link is on 联盟成员.csv row 2"


def test_reference_to_an_unknown_id(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "projects.csv", ",C1,", ",C9,")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column, p.value) == ("projects.csv", 2, "contract_id", "C9")
    assert p.reason == "no 共建协议 (Contract) with this id in the package or the database"


def test_reference_resolved_from_the_database(graph: Graph, tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (base / "areas.csv").write_bytes((copy_basic(tmp_path) / "areas.csv").read_bytes())
    assert load_path(graph, base).outcome == "ok"
    units = tmp_path / "units"
    units.mkdir()
    (units / "units.csv").write_text("id,name,kind,area_id\nU9,新单位,机关,EJW\nU8,坏单位,机关,G1\n", "utf-8")
    p = only(problems(graph, units))  # EJW (a community in the database) is fine; G1 is a grid
    assert (p.row, p.column, p.value, p.reason) == (
        3,
        "area_id",
        "G1",
        "must be a community 社区 or street 街道, not grid 网格",
    )


def test_id_already_naming_another_kind_in_the_database(graph: Graph, tmp_path: Path) -> None:
    assert load_path(graph, copy_basic(tmp_path)).outcome == "ok"
    other = tmp_path / "other"
    other.mkdir()
    (other / "people.csv").write_text("id,name\nU1,王五\n", encoding="utf-8")
    p = only(problems(graph, other))
    assert (p.row, p.column, p.value) == (2, "id", "U1")
    assert p.reason == "id already names a 单位 (Unit) in the database"


def test_uscc_of_another_unit_in_the_database(graph: Graph, tmp_path: Path) -> None:
    assert load_path(graph, copy_basic(tmp_path)).outcome == "ok"
    other = tmp_path / "other"
    other.mkdir()
    (other / "units.csv").write_text(
        "id,name,kind,area_id,uscc\nU7,重名,机关,TH,12530100431200123U\n", "utf-8"
    )
    p = only(problems(graph, other))
    assert p.reason == "this USCC already belongs to unit U1 in the database"


def test_parent_at_the_wrong_level(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "areas.csv", "EJW,佴家湾社区,社区,TH", "EJW,佴家湾社区,社区,GD")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column, p.value) == ("areas.csv", 5, "parent_id", "GD")
    assert p.reason == (
        "parent at the wrong level: a community 社区 belongs to a street 街道, not a district 县(市)区"
    )


def test_parent_required_except_for_a_city(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "areas.csv", "GD,官渡区,区,KM", "GD,官渡区,区,")
    edit(pkg, "areas.csv", "KM,昆明市,市,", "KM,昆明市,市,GD")
    found = problems(graph, pkg)
    assert [(p.row, p.column, p.reason) for p in found] == [
        (2, "parent_id", "a city has no parent area"),
        (3, "parent_id", "parent_id is required except for a city"),
    ]


def test_alliance_street_must_be_a_street(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "alliances.csv", "太和街道党建联盟,TH", "太和街道党建联盟,EJW")
    p = only(problems(graph, pkg))
    assert (p.column, p.value, p.reason) == ("street_id", "EJW", "must be a street 街道, not community 社区")


def test_party_org_needs_a_unit_or_an_area(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "party_orgs.csv", "PO-U2,市供电局党委,党委,,500,U2,", "PO-U2,市供电局党委,党委,,500,,")
    p = only(problems(graph, pkg))
    assert (p.row, p.column) == (5, "unit_id")
    assert "unit (所在单位) or the area (所在区域)" in p.reason


def test_contract_needs_two_parties_of_the_right_kind(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "contracts.csv", "PO-EJW、PO-U1", "PO-EJW")
    p = only(problems(graph, pkg))
    assert (p.column, p.reason) == ("parties", "a contract needs two or more parties")
    edit(pkg, "contracts.csv", "PO-EJW,履行中", "PO-EJW；EJW,履行中")
    p = only(problems(graph, pkg))
    assert (p.column, p.value) == ("parties", "EJW")
    assert p.reason == "this id is a 区域 (Area), expected 党组织 (PartyOrg) or 单位 (Unit)"


def test_seat_must_be_on_a_community_party_org(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "committee_seats.csv", "P2,PO-EJW", "P2,PO-TH")
    p = only(problems(graph, pkg))
    assert (p.file, p.row, p.column, p.value) == ("committee_seats.csv", 3, "org_id", "PO-TH")
    assert p.reason.startswith("a committee seat must be on a community party org")


def test_every_problem_is_collected_not_just_the_first(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    edit(pkg, "alliances.csv", "2019/3/1", "someday")
    edit(pkg, "needs.csv", "医疗健康", "看病")
    edit(pkg, "projects.csv", ",R1,", ",R404,")
    found = problems(graph, pkg)
    assert [(p.file, p.column) for p in found] == [
        ("alliances.csv", "founded"),
        ("needs.csv", "category"),
        ("projects.csv", "resource_id"),
    ]


def test_defaults_and_ignored_columns(graph: Graph, tmp_path: Path) -> None:
    pkg = copy_basic(tmp_path)
    (pkg / "needs.csv").write_text(
        "id,owner_id,category,title,备注\nN1,PO-EJW,医疗健康,体检,随便写\n", "utf-8"
    )
    package = validate(read_package(pkg), graph)
    assert package.all_problems() == []
    [need] = package.records["needs"]
    assert need.props["status"] == "open"  # the default status of a need
    assert package.warnings == ["needs.csv: column 备注 is not part of 需求清单; ignored"]


def test_english_and_chinese_names_full_width_and_separators(graph: Graph, tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "Areas.csv").write_text("ＩＤ,名称,Level,parent_id\nKM,昆明市,city,\n", encoding="utf-8")
    (pkg / "单位.csv").write_text("编号,名称,类型,所在区域,别名\nU1,市三院,事业单位,KM,\n", encoding="utf-8")
    package = validate(read_package(pkg), graph)
    assert [p.reason for p in package.all_problems()] == [
        "must be a community 社区 or street 街道, not city 市"
    ]
    [area] = package.records["areas"]
    assert (area.id, area.props["level"]) == ("KM", "city")
    [unit] = package.records["units"]
    assert unit.props["aliases"] == []


def test_an_empty_package_warns(graph: Graph, tmp_path: Path) -> None:
    package = validate(read_package(tmp_path), graph)
    assert (package.rows, package.warnings) == (0, ["the package holds no data rows"])
