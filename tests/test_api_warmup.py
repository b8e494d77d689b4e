"""The start-up warm-up never holds the app back: with Neo4j down the app starts at once and answers,
and warming a graph that cannot be reached returns quietly instead of raising."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import warmup
from api.main import create_app
from api.warmup import warm
from devtools.live_server import free_port
from graph.cypher import NamedQuery
from graph.driver import Graph, open_graph
from graph.settings import Neo4jSettings
from graph.stats_cache import StatsCache


def _nowhere(tmp_path: Path) -> Neo4jSettings:
    """Settings of a Neo4j that is not there: a closed port on this machine."""
    return Neo4jSettings(
        uri=f"bolt://127.0.0.1:{free_port()}",
        password_file=tmp_path / "no-password",
        connection_timeout_s=1,
        api_retry_time_s=0.5,
    )


def test_the_app_starts_and_answers_with_neo4j_down(tmp_path: Path) -> None:
    with TestClient(create_app(_nowhere(tmp_path))) as client:
        assert client.get("/api/health").status_code in (200, 503)


def test_warming_an_unreachable_graph_returns_quietly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    graph = open_graph(_nowhere(tmp_path), verify=False, retry_time_s=0.5)
    try:
        with caplog.at_level(logging.INFO, logger="orglinks.api"):
            warm(graph, StatsCache(graph))
    finally:
        graph.close()
    assert any("warm-up skipped" in r.getMessage() for r in caplog.records)


def test_shutdown_waits_for_the_warm_up_before_closing_the_driver(
    graph: Graph, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm-up still reading when the app stops: the driver is closed only after it is done, so its
    query ends normally (closed under it, the read failed, and the driver's buffer with it)."""
    answers: list[object] = []

    def slow_warm(app_graph: Graph, *_: object) -> None:
        time.sleep(1.0)  # the app is already shutting down by now
        try:
            answers.append(app_graph.read(NamedQuery("test_warm_probe", "RETURN 1 AS one"))[0]["one"])
        except Exception as exc:  # noqa: BLE001 - the failure is what this test looks for
            answers.append(exc)

    monkeypatch.setattr(warmup, "warm", slow_warm)
    with TestClient(create_app(test_neo4j_settings)):
        pass
    assert answers == [1]
