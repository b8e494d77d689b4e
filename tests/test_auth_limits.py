"""Login limits and the bounds on expensive work (issue #14: 5, 9, 12, 16), against the real Neo4j.

- 5: forwarded addresses are believed only from ORGLINKS_TRUSTED_PROXIES (uvicorn's own proxy
  headers are off); the limit is checked and counted atomically and shared by every API process.
- 9: the limit comes before argon2, and at most `hash_concurrency` hashes run at once.
- 12: a refused burst writes one `login_blocked` entry.
- 16: one user runs at most `export_concurrency` heavy exports at once (429 with Retry-After).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from accounts.passwords import hashing_gate
from api.main import create_app
from devtools.live_server import served
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.settings import AppSettings, Neo4jSettings
from tests.auth_world import World, build_world, cheap_argon2  # noqa: F401

pytestmark = pytest.mark.usefixtures("cheap_argon2")

ENTRIES = NamedQuery(
    "t_limit_entries",
    "MATCH (e:AuditEntry) WHERE e.action IN $actions RETURN e.action AS action, e.ip AS ip ORDER BY e.at",
)


@pytest.fixture
def world(graph: Graph) -> World:
    return build_world(graph)


def _login(http: Any, username: str, password: str, **headers: str) -> Any:
    return http.post("/api/auth/login", json={"username": username, "password": password}, headers=headers)


@pytest.fixture
def live(world: World, test_neo4j_settings: Neo4jSettings) -> Iterator[httpx.Client]:
    """The app under uvicorn as `orglinks serve` runs it (cli/serving.py), no trusted proxy."""
    with served(create_app(test_neo4j_settings)) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def test_forged_forwarded_addresses_do_not_reset_the_limit(
    graph: Graph, live: httpx.Client, world: World
) -> None:
    for i in range(30):
        forged = {"X-Forwarded-For": f"10.0.{i}.1"}
        assert _login(live, "streeteditor", "wrong", **forged).status_code in (401, 429)
    right = _login(live, "streeteditor", world.passwords["streeteditor"], **{"X-Forwarded-For": "10.1.1.1"})
    assert right.status_code == 429
    ips = {e["ip"] for e in graph.read(ENTRIES, {"actions": ["login_failed", "login_blocked"]})}
    assert ips == {"127.0.0.1"}  # the peer, not any of the forged addresses


def test_a_trusted_proxys_forwarded_address_is_the_clients(
    graph: Graph, world: World, test_neo4j_settings: Neo4jSettings
) -> None:
    app = create_app(test_neo4j_settings, AppSettings(trusted_proxies=["127.0.0.1"]))
    with served(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        for _ in range(5):
            assert _login(http, "streeteditor", "wrong", **{"X-Forwarded-For": "10.0.0.1"}).status_code == 401
        password = world.passwords["streeteditor"]
        assert _login(http, "streeteditor", password, **{"X-Forwarded-For": "10.0.0.1"}).status_code == 429
        assert _login(http, "streeteditor", password, **{"X-Forwarded-For": "10.0.0.2"}).status_code == 200
    ips = [e["ip"] for e in graph.read(ENTRIES, {"actions": ["login_failed", "login_blocked", "login"]})]
    assert ips == ["10.0.0.1"] * 6 + ["10.0.0.2"]


def test_sixty_parallel_guesses_get_five_checks_and_one_audit_entry(
    graph: Graph, live: httpx.Client, world: World
) -> None:
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _: _login(live, "streeteditor", "wrong").status_code, range(60)))
    assert sorted(statuses) == [401] * 5 + [429] * 55
    actions = [e["action"] for e in graph.read(ENTRIES, {"actions": ["login_failed", "login_blocked"]})]
    assert sorted(actions) == ["login_blocked"] + ["login_failed"] * 5


def test_every_api_process_shares_the_limit(
    graph: Graph, world: World, test_neo4j_settings: Neo4jSettings
) -> None:
    """Two apps (two workers) over one Neo4j: 3 failures on one and 2 on the other make 5."""
    one_app, two_app = create_app(test_neo4j_settings), create_app(test_neo4j_settings)
    with TestClient(one_app) as one, TestClient(two_app) as two:
        for worker in (one, one, one, two, two):
            assert _login(worker, "streeteditor", "wrong").status_code == 401
        assert _login(one, "streeteditor", world.passwords["streeteditor"]).status_code == 429
        assert _login(two, "streeteditor", world.passwords["streeteditor"]).status_code == 429


@pytest.fixture
def narrow(world: World, test_neo4j_settings: Neo4jSettings) -> Iterator[TestClient]:
    """One hash at a time, waiting at most 0.2 s for its turn."""
    app = create_app(test_neo4j_settings, AppSettings(hash_concurrency=1, hash_wait_s=0.2))
    with TestClient(app) as client:
        yield client


def test_a_login_that_cannot_get_a_hashing_slot_is_503_and_does_not_count(
    narrow: TestClient, world: World
) -> None:
    gate = hashing_gate()
    assert gate.slots.acquire(timeout=5)  # the one slot is busy
    try:
        for _ in range(6):
            busy = _login(narrow, "streeteditor", world.passwords["streeteditor"])
            assert busy.status_code == 503
            assert busy.headers["retry-after"]
    finally:
        gate.slots.release()
    # None of the six counted towards the limit of five.
    assert _login(narrow, "streeteditor", world.passwords["streeteditor"]).status_code == 200


def test_the_limit_is_checked_before_any_hash(narrow: TestClient, world: World) -> None:
    for _ in range(5):
        assert _login(narrow, "streeteditor", "wrong").status_code == 401
    gate = hashing_gate()
    assert gate.slots.acquire(timeout=5)
    try:
        # Refused by the limit without waiting for the busy hasher: 429, not 503.
        assert _login(narrow, "streeteditor", world.passwords["streeteditor"]).status_code == 429
    finally:
        gate.slots.release()


EXPORTS = ["/api/gaps/units?format=csv", "/api/gaps/areas?format=xlsx", "/api/export/graphml"]


@pytest.mark.parametrize("path", EXPORTS)
def test_a_users_exports_beyond_the_limit_are_429(
    graph: Graph, client: TestClient, world: World, path: str
) -> None:
    city = world.bearer(graph, "cityadmin")
    slots = client.app.state.export_slots  # type: ignore[attr-defined]
    with ExitStack() as running:
        for _ in range(2):  # the default: two exports of cityadmin's already running
            running.enter_context(slots.hold("cityadmin"))
        refused = client.get(path, headers=city)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) > 0
        # A page of the list is not an export; another user's export is theirs to run.
        assert client.get("/api/gaps/units", headers=city).status_code == 200
        assert client.get(path, headers=world.bearer(graph, "districtviewer")).status_code == 200
    assert client.get(path, headers=city).status_code == 200
    assert client.get(path, headers=city).status_code == 200  # the slot came back after each
