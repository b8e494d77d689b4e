"""`orglinks demo --load` creates the first login (a global admin) and prints its password once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accounts.accounts import authenticate
from cli.main import app
from graph.driver import Graph
from graph.settings import Neo4jSettings
from tests.auth_world import cheap_argon2  # noqa: F401 - a fixture

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("cheap_argon2")]

PRINTED = re.compile(r"admin login: admin / (\S+)")


def test_demo_load_prints_the_admin_password_once(
    graph: Graph, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEO4J_URI", test_neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(test_neo4j_settings.password_file))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--load", "--quiet", "--out", str(tmp_path / "demo")])
    assert first.exit_code == 0, first.output
    printed = PRINTED.findall(first.output)
    assert len(printed) == 1
    login = authenticate(graph, "admin", printed[0])
    assert login.principal is not None
    assert login.principal.is_global
    again = runner.invoke(app, ["demo", "--load", "--quiet", "--out", str(tmp_path / "demo")])
    assert again.exit_code == 0, again.output
    assert PRINTED.findall(again.output) == []
