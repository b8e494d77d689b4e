"""The test harness's own Neo4j: started from the project's launcher, owned, and wiped only when owned.

Each test gets an empty database (schema kept). Several pytest runs can work side by side by giving
each its own ORGLINKS_TEST_SLOT, which picks the ports and the data folder.
"""

from __future__ import annotations

import os
import secrets

from cli.local_neo4j import LocalNeo4j
from devtools.queries.maintenance import MARK_OWNED, OWNER_TOKEN, WIPE_BATCH
from graph.driver import Graph, open_graph
from graph.migrate import migrate
from graph.settings import PROJECT_ROOT, LocalNeo4jSettings, Neo4jSettings

OWNER_FILE = "OWNED_BY_ORGLINKS_TESTS"
_HTTP_SHIFT = 1_000


class NotOwned(RuntimeError):
    """The database was not created by this harness; it will not be wiped."""


def slot() -> int:
    return int(os.environ.get("ORGLINKS_TEST_SLOT", "0"))


def server_settings(name: str = "neo4j-test", port_offset: int = 0) -> LocalNeo4jSettings:
    """Settings of a harness-owned server: no auth, small memory, ports apart from the main server's.

    Bolt is 17687 + 10 × slot + port_offset; HTTP is the same plus 1,000, so that no server's HTTP
    port is another's Bolt port (offsets 0 to 9 are apart by one)."""
    base = 17687 + 10 * slot() + port_offset
    return LocalNeo4jSettings(
        home=PROJECT_ROOT / ".data" / f"{name}-{slot()}",
        bolt_port=base,
        http_port=base + _HTTP_SHIFT,
        heap=os.environ.get("ORGLINKS_TEST_NEO4J_HEAP", "1g"),
        pagecache=os.environ.get("ORGLINKS_TEST_NEO4J_PAGECACHE", "512m"),
        auth=False,
    )


def neo4j_settings_for(server: LocalNeo4j) -> Neo4jSettings:
    return Neo4jSettings(
        uri=server.bolt_uri,
        password=None,
        password_file=server.home / "no-password",
        query_timeout_s=60,
    )


def claim(server: LocalNeo4j) -> str:
    """The ownership token of a home this harness created; a fresh home is claimed now."""
    owner_file = server.home / OWNER_FILE
    if owner_file.exists():
        return owner_file.read_text().strip()
    if (server.home / "data" / "databases").exists():
        raise NotOwned(f"{server.home} holds a database the test harness did not create")
    server.home.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    owner_file.write_text(token)
    return token


def mark_owned(graph: Graph, token: str) -> None:
    """Write the token into a database that was empty when the harness first started it."""
    if not graph.read(OWNER_TOKEN):
        graph.write(MARK_OWNED, {"token": token}, changes_data=False)


def wipe(graph: Graph, token: str) -> None:
    """Delete all data, but only from the database this harness created (its token matches)."""
    rows = graph.read(OWNER_TOKEN)
    if not rows or rows[0]["token"] != token:
        raise NotOwned("refusing to wipe a database that the test harness did not create")
    # No data version raised: the wipe deletes the counter with the data (a raise would recreate it and
    # the loop never end); the migration after it starts a new epoch (graph/queries/data_version.py).
    while graph.write(WIPE_BATCH, changes_data=False)[0]["deleted"]:
        pass


def open_test_graph(server: LocalNeo4j) -> Graph:
    return open_graph(neo4j_settings_for(server))


def ensure_started(server: LocalNeo4j) -> tuple[str, bool]:
    """Start the server unless it is up, claim it and migrate it; its token and whether we started it."""
    token = claim(server)
    started_here = server.pid() is None
    if started_here:
        server.start()
    graph = open_test_graph(server)
    try:
        mark_owned(graph, token)
        migrate(graph)
    finally:
        graph.close()
    return token, started_here
