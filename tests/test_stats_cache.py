"""The figures cache (graph/stats_cache.py) over tests/fixtures/world_claims.py: reused while the data
version stands, counted anew after a write (with the new figure), one entry per scope and day, bounded,
single-flight, refreshed by the refresher, and one per API process. The counts are the figure queries
run, seen through a graph that counts them (never a timing).

Worked by hand (AS_OF 2026-06-01; the scope "everything" is 官渡区 A-D1 and 西山区 A-D2): units U1, U2 in
A-D1 and U9 in A-D2; party orgs P-M1, P-M2 (based in A-D1's communities) and P-U1 (U1's); one contract
in force, K1 (P-M1 ⟷ U2, 2025-01-01..2027-12-31), so one unit linked by contract (U2). On 2024-06-01
K1 is not signed yet: no contract in force. Approving U1's claim on N1 makes a draft contract between
P-M1 and U1 (not in force); signing it on 2026-03-15 puts it in force: two contracts, U1 and U2 linked."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import ManagedTransaction

from api.main import create_app
from api.warmup import warm
from devtools import harness
from graph import claims, lifecycle
from graph.driver import Graph
from graph.errors import GraphUnavailable
from graph.queries.stats import FIGURE_QUERIES
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from graph.scope import Scope, resolve_scope
from graph.settings import Neo4jSettings
from graph.stats import AreaStats
from graph.stats_cache import StatsCache, StatsRefresher
from tests.fixtures import world_claims
from tests.fixtures.world_claims import M1, claim_of

AS_OF = dt.date(2026, 6, 1)
_FIGURE_TEXTS = {q.text for q in FIGURE_QUERIES}


@dataclass
class CountingGraph(Graph):
    """The test's graph, counting the figure queries it runs (a count of the scope runs all three)."""

    figure_runs: int = 0
    hold: Callable[[], None] | None = None  # called before each count's first figure query
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def over(cls, graph: Graph) -> CountingGraph:
        return cls(graph.driver, graph.database, graph.timeout_s)

    def read_tx(self, work: Callable[[ManagedTransaction], Any]) -> Any:
        return super().read_tx(lambda tx: work(_CountingTx(tx, self)))

    @property
    def counts(self) -> int:
        """How many times the figures were counted."""
        return self.figure_runs // len(FIGURE_QUERIES)


class _CountingTx:
    def __init__(self, tx: ManagedTransaction, graph: CountingGraph) -> None:
        self._tx, self._graph = tx, graph

    def run(self, text: str, params: Any = None) -> Any:
        if text in _FIGURE_TEXTS:
            with self._graph._lock:
                self._graph.figure_runs += 1
                first = self._graph.figure_runs % len(FIGURE_QUERIES) == 1
            if first and self._graph.hold is not None:
                self._graph.hold()
        return self._tx.run(text, params)


@pytest.fixture
def world(graph: Graph) -> CountingGraph:
    world_claims.build(graph, users=False)
    return CountingGraph.over(graph)


def _everything(graph: Graph) -> Scope:
    return resolve_scope(graph, None)


def _contracts(stats: AreaStats) -> tuple[int, int]:
    return stats.total.active_contracts, stats.total.linked_by_contract


def _sign_a_new_contract(graph: Graph) -> None:
    draft = claims.approve_claim(graph, M1, claim_of(graph, "N1", "U1")).contract
    lifecycle.sign_contract(graph, M1, draft, signed=dt.date(2026, 3, 15), expires=None)


def test_a_cached_answer_is_reused_until_the_data_changes_and_then_counted_anew(world: CountingGraph) -> None:
    cache = StatsCache(world)
    scope = _everything(world)
    first = cache.area_stats(scope, as_of=AS_OF)
    assert (first.total.units, first.total.party_orgs, _contracts(first)) == (3, 3, (1, 1))
    assert [(c.area.id, c.figures.units) for c in first.children] == [("A-D1", 2), ("A-D2", 1)]
    assert world.counts == 1
    assert cache.area_stats(scope, as_of=AS_OF) is first
    assert world.counts == 1  # the version stood: served from the cache
    _sign_a_new_contract(world)
    after = cache.area_stats(scope, as_of=AS_OF)
    assert world.counts == 2
    assert _contracts(after) == (2, 2)  # the signed draft, in force since 2026-03-15; U1 now linked
    assert cache.area_stats(scope, as_of=AS_OF) is after
    assert world.counts == 2


def test_scopes_and_days_never_share_an_entry(world: CountingGraph) -> None:
    cache = StatsCache(world)
    everything = _everything(world)
    assert _contracts(cache.area_stats(everything, as_of=AS_OF)) == (1, 1)
    assert _contracts(cache.area_stats(everything, as_of=dt.date(2024, 6, 1))) == (0, 0)  # K1 not yet signed
    west = cache.area_stats(resolve_scope(world, "A-D2"), as_of=AS_OF)
    assert (west.total.units, _contracts(west)) == (1, (0, 0))
    east = cache.area_stats(resolve_scope(world, "A-D1"), as_of=AS_OF)
    assert (east.total.units, [c.area.id for c in east.children]) == (2, ["A-S1"])
    assert world.counts == 4
    assert len(cache) == 4


def test_the_bound_holds_and_the_least_recently_used_goes(world: CountingGraph) -> None:
    cache = StatsCache(world, size=2)
    scope = _everything(world)
    days = [dt.date(2026, 6, d) for d in (1, 2, 3)]
    for day in days:
        cache.area_stats(scope, as_of=day)
    assert (len(cache), world.counts) == (2, 3)
    cache.area_stats(scope, as_of=days[2])  # kept
    assert world.counts == 3
    cache.area_stats(scope, as_of=days[0])  # the first went
    assert (len(cache), world.counts) == (2, 4)


def test_concurrent_misses_of_one_key_count_once(world: CountingGraph) -> None:
    cache = StatsCache(world)
    scope = _everything(world)
    others = 3
    started = threading.Event()

    def hold() -> None:
        # The first count waits until the other requests wait for it (or, without the single flight,
        # have started their own counts); never longer than a minute if neither happens.
        started.set()
        for _ in range(6000):
            if cache.waiting == others or world.figure_runs > 1:
                return
            threading.Event().wait(0.01)

    world.hold = hold
    answers: list[AreaStats] = []

    def ask() -> None:
        answers.append(cache.area_stats(scope, as_of=AS_OF))

    first = threading.Thread(target=ask)
    first.start()
    assert started.wait(60)
    world.hold = None
    rest = [threading.Thread(target=ask) for _ in range(others)]
    for thread in rest:
        thread.start()
    for thread in [first, *rest]:
        thread.join(60)
    assert world.counts == 1
    assert len(answers) == 1 + others
    assert all(a is answers[0] for a in answers)
    assert cache.waiting == 0


def test_a_failed_count_is_not_kept_and_the_next_request_counts_again(world: CountingGraph) -> None:
    cache = StatsCache(world)
    scope = _everything(world)

    def fail() -> None:
        raise GraphUnavailable("Neo4j is busy")

    world.hold = fail
    with pytest.raises(GraphUnavailable):
        cache.area_stats(scope, as_of=AS_OF)
    world.hold = None
    assert len(cache) == 0
    assert _contracts(cache.area_stats(scope, as_of=AS_OF)) == (1, 1)


def test_the_refresher_counts_the_recent_asks_again_after_a_write(world: CountingGraph) -> None:
    now = [1000.0]
    cache = StatsCache(world, recent_s=3600, clock=lambda: now[0])
    refresher = StatsRefresher(cache, settle_polls=0)
    scope = _everything(world)
    cache.area_stats(scope, as_of=AS_OF)
    now[0] += 3000
    cache.area_stats(resolve_scope(world, "A-D2"), as_of=AS_OF)
    assert refresher.poll() == 0  # both counted under this version already
    assert world.counts == 2
    now[0] += 1000  # the whole world was asked 4000 s ago, 西山区 1000 s ago
    _sign_a_new_contract(world)
    assert refresher.poll() == 1  # 西山区 alone: the older ask is past the hour
    assert refresher.poll() == 0  # the version did not move again
    assert world.counts == 3
    cache.area_stats(resolve_scope(world, "A-D2"), as_of=AS_OF)
    assert world.counts == 3  # the next visit finds the refreshed figures
    assert _contracts(cache.area_stats(scope, as_of=AS_OF)) == (2, 2)
    assert world.counts == 4


def test_the_refresher_waits_for_the_version_to_hold_still(world: CountingGraph) -> None:
    """A load moves the version batch after batch: the figures are counted again once a poll finds
    the version where the previous one left it, not at each batch."""
    cache = StatsCache(world)
    refresher = StatsRefresher(cache)  # settles for one poll
    cache.area_stats(_everything(world), as_of=AS_OF)
    assert world.counts == 1
    _sign_a_new_contract(world)
    assert refresher.poll() == 0  # moved since the last look: wait
    claim_of(world, "N2", "U1")  # a pending claim: a write, the figures unchanged
    assert refresher.poll() == 0  # moved again
    assert refresher.poll() == 1  # still: count
    assert refresher.poll() == 0
    assert world.counts == 2
    assert _contracts(cache.area_stats(_everything(world), as_of=AS_OF)) == (2, 2)
    assert world.counts == 2


def test_a_failing_refresh_is_logged_and_the_refresher_goes_on(
    world: CountingGraph, caplog: pytest.LogCaptureFixture
) -> None:
    cache = StatsCache(world)
    cache.area_stats(_everything(world), as_of=AS_OF)
    _sign_a_new_contract(world)

    def fail() -> None:
        raise GraphUnavailable("Neo4j is busy")

    refresher = StatsRefresher(cache, settle_polls=0)
    world.hold = fail
    with caplog.at_level(logging.WARNING, logger="orglinks.stats"):
        assert refresher.poll() == 0
        assert refresher.poll() == 0
    # One warning for a run of failures (Neo4j down would otherwise log one every few seconds).
    assert [r.getMessage()[:20] for r in caplog.records] == ["stats refresh failed"]
    world.hold = None
    assert refresher.poll() == 1  # the failed version is tried again


def test_the_refresher_waits_longer_after_each_failure_in_a_row(world: CountingGraph) -> None:
    """A count that failed (a timeout under load) is not started again every few seconds: 10, 20,
    40 s … up to the bound, and back to the interval after a success."""
    cache = StatsCache(world)
    cache.area_stats(_everything(world), as_of=AS_OF)
    _sign_a_new_contract(world)

    def fail() -> None:
        raise GraphUnavailable("the query took longer than its timeout")

    refresher = StatsRefresher(cache, interval_s=5, max_backoff_s=30, settle_polls=0)
    assert refresher.next_wait_s == 5
    world.hold = fail
    waits = []
    for _ in range(4):
        refresher.poll()
        waits.append(refresher.next_wait_s)
    assert waits == [10, 20, 30, 30]
    world.hold = None
    assert refresher.poll() == 1
    assert refresher.next_wait_s == 5


def test_the_warm_up_counts_the_whole_world_for_today(world: CountingGraph) -> None:
    cache = StatsCache(world)
    warm(world, cache)
    assert world.counts == 1
    cache.area_stats(_everything(world), as_of=dt.date.today())
    assert world.counts == 1


# --- the API: one cache per process, each reading the version -----------------------------------------


@pytest.fixture
def api(graph: Graph, client: TestClient) -> TestClient:
    world_claims.build(graph, users=False)
    return client


def test_the_api_serves_from_its_cache_and_sees_another_processs_write(graph: Graph, api: TestClient) -> None:
    # The app's cache swapped for one over a counting graph: the routes read it per request, while the
    # app's warm-up and refresher (which may count at any moment) keep the one they were given.
    counting = CountingGraph.over(graph)
    api.app.state.stats_cache = StatsCache(counting)  # type: ignore[attr-defined]
    params = {"as_of": AS_OF.isoformat()}
    body = api.get("/api/stats", params=params).json()
    assert body["total"]["units"] == 3
    assert counting.counts == 1
    assert api.get("/api/stats", params=params).json() == body
    assert api.get("/view/coverage", params=params).status_code == 200
    assert counting.counts == 1  # the same figures, served again
    # A write by another driver (another process): the API reads the version and counts anew.
    graph.write(
        merge_nodes(Label.UNIT),
        {"rows": [{"id": "U8", "props": {"name": "新单位"}, "prov": world_claims.PROV}]},
    )
    graph.write(merge_rels(Rel.LOCATED_IN, Label.UNIT, Label.AREA), {"rows": [_located("U8", "A-S3")]})
    again = api.get("/api/stats", params=params).json()
    assert counting.counts == 2
    assert again["total"]["units"] == 4
    assert [(c["area"]["id"], c["units"]) for c in again["children"]] == [("A-D1", 2), ("A-D2", 2)]


def _located(unit: str, area: str) -> dict[str, Any]:
    return {"src": unit, "dst": area, "props": {}, "prov": world_claims.PROV}


def test_the_app_stops_its_refresher(graph: Graph, test_neo4j_settings: Neo4jSettings) -> None:
    with TestClient(create_app(test_neo4j_settings)) as client:
        refresher: StatsRefresher = client.app.state.stats_refresher  # type: ignore[attr-defined]
        assert refresher.running()
    assert not refresher.running()


def test_the_refresher_counts_at_most_the_latest_recent_max_asks(world: CountingGraph) -> None:
    cache = StatsCache(world, recent_max=1)
    cache.area_stats(_everything(world), as_of=AS_OF)
    cache.area_stats(resolve_scope(world, "A-D2"), as_of=AS_OF)
    _sign_a_new_contract(world)
    # 西山区, the latest; the whole world is forgotten
    assert StatsRefresher(cache, settle_polls=0).poll() == 1
    assert world.counts == 3


def test_a_database_with_no_version_is_counted_directly_and_nothing_kept(
    graph: Graph, owner_token: str
) -> None:
    """Never migrated (here: wiped, the `SchemaMeta` node gone with the data): no version to key on,
    so each request counts and nothing is cached under a version that does not exist."""
    harness.wipe(graph, owner_token)
    counting = CountingGraph.over(graph)
    cache = StatsCache(counting)
    everything = Scope(None, None, None, [])
    for _ in range(2):
        assert cache.area_stats(everything, as_of=AS_OF).total.units == 0
    assert (counting.counts, len(cache)) == (2, 0)
    assert cache.refresh() == 0


def test_a_refresh_told_to_stop_counts_nothing_more(world: CountingGraph) -> None:
    cache = StatsCache(world)
    cache.area_stats(_everything(world), as_of=AS_OF)
    cache.area_stats(resolve_scope(world, "A-D2"), as_of=AS_OF)
    _sign_a_new_contract(world)
    stop = threading.Event()
    stop.set()  # the app is shutting down: the refresher leaves the recent asks to the requests
    assert cache.refresh(stop) == 0
    assert world.counts == 2
