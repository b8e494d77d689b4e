"""`orglinks gaps` and `orglinks stats` over tests/fixtures/world_gaps.py."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cli.main import app
from graph.driver import Graph
from graph.settings import Neo4jSettings
from tests.fixtures import world_gaps


@pytest.fixture
def runner(graph: Graph, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    world_gaps.build(graph)
    monkeypatch.setenv("NEO4J_URI", test_neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(test_neo4j_settings.password_file))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return CliRunner()


def _csv(output: bytes) -> list[list[str]]:
    assert output.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(output.decode("utf-8-sig"))))


def test_gaps_csv(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["gaps", "--area", "A-S1", "--by", "contract", "--as-of", "2026-06-01", "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout_bytes)
    assert rows[0][:3] == ["编号", "单位名称", "单位类型"]
    assert [r[0] for r in rows[1:]] == ["U3", "U4", "U7"]
    assert rows[1][1] == "'=云南某科技有限公司"


def test_gaps_table_and_errors(runner: CliRunner) -> None:
    result = runner.invoke(app, ["gaps", "--area", "A-C", "--as-of", "2026-06-01"])
    assert result.exit_code == 0, result.output
    assert "关上派出所" in result.output
    assert "永昌小学" in result.output
    assert "市三院" not in result.output
    missing = runner.invoke(app, ["gaps", "--area", "nowhere"])
    assert missing.exit_code == 1
    assert "no area" in missing.output
    assert runner.invoke(app, ["gaps", "--by", "friendship"]).exit_code == 2
    assert runner.invoke(app, ["gaps", "--as-of", "2026-13-01"]).exit_code == 2


def test_stats_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, ["stats", "--area", "A-C", "--as-of", "2026-06-01", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = _csv(result.stdout_bytes)
    assert [r[:8] for r in rows[1:]] == [
        ["昆明市", "7", "10", "2", "4", "2", "2", "3"],
        ["官渡区", "6", "10", "2", "4", "2", "2", "3"],
        ["西山区", "1", "0", "0", "0", "0", "0", "0"],
    ]


def test_cli_and_api_exports_share_their_headers(runner: CliRunner, client: TestClient) -> None:
    # One definition of each report's columns (reports/catalog.py): the CLI leaves out the area ids and
    # the suggested partners, and names every other column as the API's export does.
    stats = _csv(runner.invoke(app, ["stats", "--area", "A-C", "-f", "csv"]).stdout_bytes)[0]
    assert stats == [
        "区域",
        "驻区单位",
        "党组织",
        "党建联盟",
        "联盟成员",
        "社区大党委",
        "在任兼职委员",
        "履行中共建协议",
        "协议覆盖率",
        "联盟覆盖率",
        "大党委覆盖率",
        "有任一联系",
        "建立联席会议的街道",
        "建立联席会议的社区",
        "党支部",
        "党员",
    ]
    api_stats = _csv(client.get("/api/stats", params={"area": "A-C", "format": "csv"}).content)[0]
    assert api_stats == ["区域编号", *stats]
    gaps = _csv(runner.invoke(app, ["gaps", "--area", "A-C", "-f", "csv"]).stdout_bytes)[0]
    api_gaps = _csv(client.get("/api/gaps/units", params={"area": "A-C", "format": "csv"}).content)[0]
    assert api_gaps == [*gaps, "建议结对"]
