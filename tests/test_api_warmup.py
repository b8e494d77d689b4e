"""The start-up warm-up never holds the app back: with Neo4j down the app starts at once and answers,
warming a graph that cannot be reached returns quietly instead of raising, and the area pages' part
reads the pages the home page offers but waits while requests are answered and stops when told."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api import main as api_main
from api import warmup
from api.main import create_app
from api.warmup import AREA_PAGES, Traffic, Warming, warm, warm_area_pages
from devtools.live_server import free_port
from graph.cypher import NamedQuery
from graph.driver import Graph, open_graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from graph.settings import Neo4jSettings
from graph.stats_cache import StatsCache, StatsRefresher


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


def _city(graph: Graph, districts: int) -> None:
    """A city C with `districts` districts D0, D1, … below it, one unit in each."""

    def node(node_id: str, name: str, **props: Any) -> dict[str, Any]:
        return {"id": node_id, "props": {"name": name, **props}, "prov": {}}

    def rel(src: str, dst: str) -> dict[str, Any]:
        return {"src": src, "dst": dst, "props": {}, "prov": {}}

    areas = [node("C", "市", level="city")] + [
        node(f"D{i}", f"区{i}", level="district") for i in range(districts)
    ]
    graph.write(merge_nodes(Label.AREA), {"rows": areas})
    graph.write(merge_nodes(Label.UNIT), {"rows": [node(f"U{i}", f"单位{i}") for i in range(districts)]})
    part_of = [rel(f"D{i}", "C") for i in range(districts)]
    graph.write(merge_rels(Rel.PART_OF, Label.AREA, Label.AREA), {"rows": part_of})
    located = [rel(f"U{i}", f"D{i}") for i in range(districts)]
    graph.write(merge_rels(Rel.LOCATED_IN, Label.UNIT, Label.AREA), {"rows": located})


def test_the_area_pages_below_the_top_are_read_at_most_AREA_PAGES(graph: Graph) -> None:
    _city(graph, AREA_PAGES + 2)
    assert warm_area_pages(graph, threading.Event()) == AREA_PAGES
    graph.write(
        NamedQuery("test_warm_drop", "MATCH (a:Area) WHERE a.id <> 'C' AND a.id <> 'D0' DETACH DELETE a")
    )
    assert warm_area_pages(graph, threading.Event()) == 1


def test_the_area_pages_wait_while_requests_are_answered(graph: Graph) -> None:
    """Busy the whole time: nothing is read, and the warm-up ends when it is told to stop."""
    _city(graph, 2)
    traffic = Traffic()
    traffic.add(1)
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    assert warm_area_pages(graph, stop, traffic.idle) == 0
    assert stop.is_set()


def test_the_area_pages_go_on_once_the_requests_are_answered(graph: Graph) -> None:
    _city(graph, 2)
    traffic = Traffic()
    traffic.add(1)
    threading.Timer(0.3, traffic.add, args=(-1,)).start()
    assert warm_area_pages(graph, threading.Event(), traffic.idle) == 2
    assert traffic.idle()


def test_a_stopped_warm_up_reads_no_area_page(graph: Graph) -> None:
    _city(graph, 2)
    stop = threading.Event()
    stop.set()
    assert warm_area_pages(graph, stop) == 0


def test_requests_are_counted_while_answered(test_neo4j_settings: Neo4jSettings) -> None:
    app = create_app(test_neo4j_settings)
    seen: list[bool] = []

    @app.get("/test-traffic")
    def probe() -> dict[str, bool]:
        seen.append(app.state.traffic.idle())
        return {}

    with TestClient(app) as client:
        assert client.get("/test-traffic").status_code == 200
        assert app.state.traffic.idle()
    assert seen == [False]


def test_no_area_page_is_started_past_the_budget(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    _city(graph, 2)
    monkeypatch.setattr(warmup, "AREA_PAGES_BUDGET_S", 0.0)
    assert warm_area_pages(graph, threading.Event()) == 0


def test_shutdown_tells_the_warm_up_to_stop_before_waiting_for_the_refresher(
    graph: Graph, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both threads are told at once: the warm-up does not read more area pages while the app waits
    for the refresher's count to end."""
    warmings: list[Warming] = []

    def start_warming(*_: object) -> Warming:
        warming = Warming(threading.Thread(target=lambda: None))
        warming.thread.start()
        warmings.append(warming)
        return warming

    told: list[bool] = []
    stop_refresher = StatsRefresher.stop

    def stop(refresher: StatsRefresher, timeout_s: float) -> None:
        told.append(warmings[0].stop.is_set())
        stop_refresher(refresher, timeout_s)

    monkeypatch.setattr(api_main, "warm_in_background", start_warming)
    monkeypatch.setattr(StatsRefresher, "stop", stop)
    with TestClient(create_app(test_neo4j_settings)):
        pass
    assert told == [True]
