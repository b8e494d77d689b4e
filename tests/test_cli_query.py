"""`orglinks search` and `orglinks path` over tests/fixtures/world_links.py."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.driver import Graph
from graph.settings import Neo4jSettings
from tests.fixtures.world_links import build_world


@pytest.fixture
def runner(graph: Graph, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    build_world(graph)
    monkeypatch.setenv("NEO4J_URI", test_neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(test_neo4j_settings.password_file))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return CliRunner()


def _csv(output: bytes) -> list[list[str]]:
    assert output.startswith("\ufeff".encode())  # BOM, for Excel
    return list(csv.reader(io.StringIO(output.decode("utf-8-sig"))))


def test_search_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "ssy"])
    assert result.exit_code == 0, result.output
    assert "市三院" in result.output
    assert "U-SSY" in result.output


def test_search_csv_with_type(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "市三院", "--type", "PartyOrg", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert _csv(result.stdout_bytes) == [
        ["编号", "名称", "类型", "匹配", "所在区域"],
        ["P-SSY", "市三院党委", "PartyOrg", "partial", "昆明市/官渡区/太和街道/佴家湾社区"],
    ]


def test_search_bad_type_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["search", "市三院", "--type", "Person"]).exit_code == 2


def test_path_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, ["path", "U-SSY", "U-GDJ", "-k", "1", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert _csv(result.stdout_bytes)[1:] == [
        ["1", "0", "", "U-SSY", "市三院", "Unit"],
        ["1", "1", "← BELONGS_TO", "P-SSY", "市三院党委", "PartyOrg"],
        ["1", "2", "→ MEMBER_OF", "AL-TH", "太和街道党建联盟", "Alliance"],
        ["1", "3", "← MEMBER_OF", "P-GDJ", "市供电局党委", "PartyOrg"],
        ["1", "4", "→ BELONGS_TO", "U-GDJ", "市供电局", "Unit"],
    ]


def test_path_via_and_no_path(runner: CliRunner) -> None:
    none = runner.invoke(app, ["path", "U-YN", "U-SSY"])
    assert none.exit_code == 0
    assert "No path" in none.output
    via_all = runner.invoke(app, ["path", "U-YN", "U-SSY", "--via", "all", "--max-length", "2", "-f", "csv"])
    assert [row[3] for row in _csv(via_all.stdout_bytes)[1:]] == ["U-YN", "A-EJW", "U-SSY"]


def test_path_unknown_id_and_bounds(runner: CliRunner) -> None:
    unknown = runner.invoke(app, ["path", "NOPE", "U-SSY"])
    assert unknown.exit_code == 1
    assert "NOPE" in unknown.output
    assert "Traceback" not in unknown.output
    assert runner.invoke(app, ["path", "U-SSY", "U-GDJ", "--max-length", "9"]).exit_code == 2


def test_path_told_as_the_path_page_tells_it(runner: CliRunner) -> None:
    """The table format prints the path page's title and sentences (worked out from the fixture: 市三院's
    party committee and 市供电局's are both members of 太和街道党建联盟, a co-building tie in force)."""
    zh = runner.invoke(app, ["path", "U-SSY", "U-GDJ", "-k", "1"])
    assert zh.exit_code == 0, zh.output
    assert zh.output.splitlines() == [
        "市三院 → 市供电局 的联系路径",
        "1. 【共建联系（有效）】市三院党委是市三院的党组织；市三院党委（成员）与市供电局党委（成员）同在"
        "太和街道党建联盟；市供电局党委是市供电局的党组织。",
    ]
    en = runner.invoke(app, ["path", "U-SSY", "U-GDJ", "-k", "1", "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert en.output.splitlines() == [
        "Paths from 市三院 to 市供电局",
        "1. [Co-building ties in force] 市三院党委 is the party organization of 市三院; 市三院党委 (member) "
        "and 市供电局党委 (member) are both in 太和街道党建联盟; "
        "市供电局党委 is the party organization of 市供电局.",
    ]
    assert "BELONGS_TO" not in zh.output + en.output


def test_path_none_told_in_words(runner: CliRunner) -> None:
    none = runner.invoke(app, ["path", "U-YN", "U-SSY", "--lang", "en"])
    assert none.exit_code == 0
    assert none.output.splitlines()[:2] == [
        "Paths from 昆明怡宁房地产开发有限公司 to 市三院",
        "No path of the chosen kinds connects the two.",
    ]
    zh = runner.invoke(app, ["path", "U-YN", "U-SSY"])
    assert zh.output.splitlines()[1] == "两者之间没有符合条件的联系路径。"
    assert runner.invoke(app, ["path", "U-YN", "U-SSY", "--lang", "fr"]).exit_code == 2
