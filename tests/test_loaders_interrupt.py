"""An interrupted load: the loader process killed mid-write, then the same load run again, ends
with exactly the graph of an uninterrupted load."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devtools import harness
from devtools.fingerprint import graph_fingerprint
from graph.driver import Graph
from graph.settings import PROJECT_ROOT, Neo4jSettings
from loaders.pipeline import load_path
from tests.loaders_support import BASIC, node_counts, rel_counts

UNITS = 1500


def _package(tmp_path: Path) -> Path:
    pkg = tmp_path / "big"
    pkg.mkdir()
    (pkg / "areas.csv").write_bytes((BASIC / "areas.csv").read_bytes())
    units = ["id,name,kind,area_id,aliases"]
    people = ["id,name,unit_id,party_member"]
    for i in range(UNITS):
        units.append(f"U{i:05d},驻区单位{i},非公企业,{'EJW' if i % 2 else 'TH'},单位{i}；别名{i}")
        people.append(f"P{i:05d},人员{i},U{i:05d},{'是' if i % 3 else '否'}")
    (pkg / "units.csv").write_text("\n".join(units) + "\n", encoding="utf-8")
    (pkg / "people.csv").write_text("\n".join(people) + "\n", encoding="utf-8")
    return pkg


@pytest.mark.slow
def test_killed_load_then_reload_equals_an_uninterrupted_load(
    graph: Graph, test_neo4j_settings: Neo4jSettings, owner_token: str, tmp_path: Path
) -> None:
    pkg = _package(tmp_path)
    env = {
        **os.environ,
        "NEO4J_URI": test_neo4j_settings.uri,
        "NEO4J_PASSWORD_FILE": str(tmp_path / "no-password"),
    }
    command = [sys.executable, "-m", "cli.main", "load", str(pkg), "--batch-size", "10", "--quiet"]
    loader = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while node_counts(graph).get("Unit", 0) < 200 and loader.poll() is None:
            assert time.monotonic() < deadline, "the loader wrote nothing"
            time.sleep(0.02)
    finally:
        loader.kill()
        loader.wait()
    assert loader.returncode != 0, "the load finished before it could be killed"
    partial = node_counts(graph)
    assert 0 < partial.get("Unit", 0) < UNITS or partial.get("Person", 0) < UNITS

    result = load_path(graph, pkg)
    assert result.outcome == "ok"
    assert (
        result.counts["units"]["added"]
        + result.counts["units"]["unchanged"]
        + result.counts["units"]["updated"]
        == UNITS
    )
    assert node_counts(graph) == {"Area": 5, "Unit": UNITS, "Person": UNITS}
    assert rel_counts(graph) == {"PART_OF": 4, "LOCATED_IN": UNITS, "WORKS_AT": UNITS}
    after_rerun = graph_fingerprint(graph, run_fields=False)

    harness.wipe(graph, owner_token)
    assert load_path(graph, pkg).outcome == "ok"
    assert graph_fingerprint(graph, run_fields=False) == after_rerun
