"""Issue #14, findings 6 and 15: what Neo4j cannot store is refused at validation (nothing half-written),
a load that fails while writing is closed as `failed` with its reason, and a load whose process was
killed is closed as `interrupted` by the next start of the API or the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.main import create_app
from cli.main import app as cli_app
from graph.driver import Graph
from graph.queries.loads import GET_LOAD, START_LOAD
from graph.settings import Neo4jSettings
from loaders.ownership import close_interrupted_loads, process_token
from loaders.pipeline import load_path
from loaders.problems import LoadFailed
from loaders.settings import ReadLimits
from tests.loaders_support import BASIC, copy_basic, edit, node_counts


def _load(graph: Graph, load_id: str) -> dict[str, object]:
    [row] = graph.read(GET_LOAD, {"id": load_id})
    return dict(row["load"])


def _start(graph: Graph, load_id: str, owner: str | None) -> None:
    graph.write(START_LOAD, {"id": load_id, "user": "t", "files": ["x.csv"], "owner": owner})


def _dead_process_token() -> str:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    token = process_token(child.pid)
    child.kill()
    child.wait()
    assert token is not None
    return token


def test_an_integer_beyond_64_bits_is_refused_at_validation_and_nothing_is_written(
    graph: Graph, tmp_path: Path
) -> None:
    package = copy_basic(tmp_path)
    edit(
        package,
        "party_orgs.csv",
        "PO-EJW,佴家湾社区党委,党委,PO-TH,120",
        "PO-EJW,佴家湾社区党委,党委,PO-TH,99999999999999999999999",
    )
    result = load_path(graph, package)
    assert result.outcome == "rejected"
    assert [(p.file, p.row, p.column) for p in result.problems] == [("party_orgs.csv", 3, "members")]
    assert "too large" in result.problems[0].reason
    assert node_counts(graph) == {}
    assert _load(graph, str(result.load_id))["outcome"] == "rejected"


def test_the_largest_64_bit_integer_is_stored(graph: Graph, tmp_path: Path) -> None:
    package = copy_basic(tmp_path)
    edit(
        package,
        "party_orgs.csv",
        "PO-EJW,佴家湾社区党委,党委,PO-TH,120",
        "PO-EJW,佴家湾社区党委,党委,PO-TH,9223372036854775807",
    )
    assert load_path(graph, package).outcome == "ok"


def test_over_long_text_and_control_characters_are_refused_at_validation(
    graph: Graph, tmp_path: Path
) -> None:
    package = copy_basic(tmp_path)
    edit(package, "party_orgs.csv", "PO-U1,市三院党委", "PO-U1," + "党" * 501)
    edit(package, "party_orgs.csv", "PO-U2,市供电局党委", "PO-U2,市供电局\x01党委")
    result = load_path(graph, package)
    assert [(p.row, p.column, p.reason.split(":")[0].split(";")[0]) for p in result.problems] == [
        (4, "name", "too long"),
        (5, "name", "holds a control character (U+0001)"),
    ]
    assert len(result.problems[0].value or "") == 200  # the report shows the start of a long value
    assert node_counts(graph) == {}


def test_a_json_object_in_a_cell_is_refused_not_stored_as_its_text(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "pkg.json"
    path.write_text(
        '{"areas": [{"id": {"x": 1}, "name": "昆明市", "level": "市"},'
        ' {"id": "GD", "name": ["官渡区"], "level": "区", "parent_id": "KM"}]}',
        encoding="utf-8",
    )
    result = load_path(graph, path)
    assert [(p.row, p.column, p.reason.split(":")[0]) for p in result.problems][:2] == [
        (1, "id", "not a single value"),
        (2, "name", "not a single value"),
    ]
    assert node_counts(graph) == {}


def test_a_failure_while_writing_closes_the_load_as_failed_with_its_reason(graph: Graph) -> None:
    def crash(stage: str, done: int, total: int | None) -> None:
        if stage == "write":
            raise RuntimeError("the disk is full")

    with pytest.raises(
        LoadFailed, match="failed while writing \\(RuntimeError: the disk is full\\)"
    ) as caught:
        load_path(graph, BASIC, on_progress=crash)
    record = _load(graph, caught.value.load_id)
    assert record["outcome"] == "failed"
    assert record["error"] == "RuntimeError: the disk is full"


def test_a_load_whose_process_is_gone_is_closed_as_interrupted(graph: Graph) -> None:
    _start(graph, "load-dead", _dead_process_token())
    _start(graph, "load-alive", process_token())
    _start(graph, "load-elsewhere", "another-host|1|1")
    assert close_interrupted_loads(graph) == ["load-dead"]
    assert _load(graph, "load-dead")["outcome"] == "interrupted"
    assert _load(graph, "load-alive")["outcome"] == "running"
    assert _load(graph, "load-elsewhere")["outcome"] == "running"


def test_the_api_start_closes_interrupted_loads(graph: Graph, test_neo4j_settings: Neo4jSettings) -> None:
    _start(graph, "load-dead", _dead_process_token())
    with TestClient(create_app(test_neo4j_settings)):
        pass
    assert _load(graph, "load-dead")["outcome"] == "interrupted"


def test_the_cli_load_closes_interrupted_loads(
    graph: Graph, test_neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    _start(graph, "load-dead", _dead_process_token())
    env = {"NEO4J_URI": test_neo4j_settings.uri, "NEO4J_PASSWORD_FILE": str(tmp_path / "no-password")}
    result = CliRunner().invoke(cli_app, ["load", str(BASIC), "--quiet"], env=env)
    assert result.exit_code == 0, result.output
    assert _load(graph, "load-dead")["outcome"] == "interrupted"


def test_the_report_lists_at_most_the_limit_and_counts_the_rest(graph: Graph, tmp_path: Path) -> None:
    rows = "".join(f"U{i},单位{i},非公企业,NOWHERE\n" for i in range(15))
    (tmp_path / "units.csv").write_text("id,name,kind,area_id\n" + rows, encoding="utf-8")
    result = load_path(graph, tmp_path / "units.csv", limits=ReadLimits(max_reported_problems=10))
    assert (result.outcome, result.problem_count, len(result.problems)) == ("rejected", 15, 11)
    assert [p.row for p in result.problems[:10]] == list(range(2, 12))
    last = result.problems[10]
    assert (last.file, last.row, last.reason.split(",")[0]) == ("units.csv", None, "… and 5 more problems")
