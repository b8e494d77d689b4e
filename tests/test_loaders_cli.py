"""`orglinks load` and `orglinks template`: exit codes, the report file, clear errors, no stack traces."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.claims import Actor
from graph.driver import Graph
from graph.lifecycle import terminate_contract
from graph.settings import Neo4jSettings
from tests.loaders_support import BASIC_NODES, copy_basic, edit, node_counts


@pytest.fixture
def run(graph: Graph, test_neo4j_settings: Neo4jSettings, tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {
        "NEO4J_URI": test_neo4j_settings.uri,
        "NEO4J_PASSWORD_FILE": str(tmp_path / "no-password"),
        "COLUMNS": "200",
    }

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, list(args), env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, result.output

    return invoke


def _broken(tmp_path: Path) -> Path:
    pkg = copy_basic(tmp_path)
    edit(pkg, "alliances.csv", "2019/3/1", "去年")
    return pkg


def test_load_ok_exits_0_and_prints_counts(run, graph: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = run("load", str(copy_basic(tmp_path)))
    assert code == 0
    assert "Loaded" in out
    assert "areas" in out
    assert node_counts(graph) == BASIC_NODES


def test_rejected_exits_3_and_writes_a_json_report(run, graph: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "problems.json"
    code, out = run("load", str(_broken(tmp_path)), "--report", str(report))
    assert code == 3
    assert "alliances.csv" in out
    assert "去年" in out
    assert json.loads(report.read_text("utf-8")) == [
        {
            "file": "alliances.csv",
            "sheet": None,
            "row": 2,
            "column": "founded",
            "value": "去年",
            "reason": "not a date (use YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
        }
    ]
    assert node_counts(graph) == {}


def test_csv_report_and_partial_load_exit_4(run, graph: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "problems.csv"
    code, _ = run("load", str(_broken(tmp_path)), "--skip-invalid", "--report", str(report), "--quiet")
    assert code == 4
    with report.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["file", "sheet", "row", "column", "value", "reason"]
    # the alliance row is invalid, and its two member rows depend on it
    assert [(r["file"], r["row"]) for r in rows] == [
        ("alliances.csv", "2"),
        ("联盟成员.csv", "2"),
        ("联盟成员.csv", "3"),
    ]
    assert node_counts(graph)["Area"] == 5
    assert "Alliance" not in node_counts(graph)


def test_dry_run_and_quiet(run, graph: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = run("load", str(copy_basic(tmp_path)), "--dry-run", "--quiet")
    assert (code, out.strip()) == (0, "")
    assert node_counts(graph) == {}


def test_hostile_file_gives_a_clear_error_not_a_stack_trace(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pkg = copy_basic(tmp_path)
    (pkg / "people.csv").write_bytes(b"PK\x03\x04\x00\x00binary\x00" * 100)
    code, out = run("load", str(pkg))
    assert code == 3
    assert "error: people.csv: this is a binary file" in out
    assert "Traceback" not in out


def test_missing_path(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = run("load", str(tmp_path / "nowhere"))
    assert code == 3
    assert "no such file or folder" in out


def test_report_name_must_say_json_or_csv(run, graph: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = run("load", str(copy_basic(tmp_path)), "--report", str(tmp_path / "r.txt"))
    assert code == 2
    assert "*.json or *.csv" in out
    assert node_counts(graph) == {}


def test_unwritable_report_still_gives_the_load_outcome(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = run("load", str(_broken(tmp_path)), "--report", str(tmp_path / "no" / "such" / "r.json"))
    assert code == 3
    assert "cannot write the report" in out
    assert "Traceback" not in out


def test_template_command(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _ = run("template", str(tmp_path / "t.xlsx"))
    assert code == 0
    assert (tmp_path / "t.xlsx").stat().st_size > 0
    code, out = run("template", str(tmp_path / "t.csv"))
    assert code == 2
    assert "*.xlsx" in out


def test_a_forged_zip_and_a_deep_json_exit_3_with_one_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_api_imports import _lying_zip

    (tmp_path / "lying.zip").write_bytes(_lying_zip())
    (tmp_path / "deep.json").write_bytes(b'{"units": [{"id": ' + b"[" * 200_000 + b"]" * 200_000 + b"}]}")
    for name, reason in (
        ("lying.zip", "does not unpack as the archive declares"),
        ("deep.json", "nested more"),
    ):
        code, out = run("load", str(tmp_path / name))
        assert code == 3
        assert reason in out
        assert "Traceback" not in out
        assert len(out.strip().splitlines()) <= 2  # the one line, wrapped at most once


def test_a_reload_prints_the_values_it_kept_for_the_app(run, graph: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """docs/workflow.md, "Ledgers and the app": the app terminated C1 after the load; the reload keeps it."""
    pkg = copy_basic(tmp_path)
    assert run("load", str(pkg))[0] == 0
    terminate_contract(graph, Actor("admin", None), "C1", on=dt.date(2020, 1, 1), reason="单位改制")

    code, out = run("load", str(pkg))

    assert code == 0
    assert "kept the app's values" in out
    assert "contracts.csv" in out
    assert "已终止" in out
