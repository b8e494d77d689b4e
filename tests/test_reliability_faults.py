"""Fault injection, the short version of `python -m devtools.reliability.faults`: on a small generated
package, kill -9 Neo4j (twice), the loader and the API in the middle of a load's writes (once it
has written a random number of records); after a restart the
reload gives exactly the graph of an uninterrupted load and Neo4j's consistency check passes. While
Neo4j is down the API answers 503, and it recovers by itself once Neo4j is back.

It runs its own Neo4j (home .data/neo4j-faults-ci-<slot>, seven ports above the slot's test server),
so the session's server is never killed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.reliability.common import SHORT_FAULT_PORT_OFFSET, SHORT_FAULT_SERVER, fault_server, zip_package
from devtools.reliability.faults import FaultBench
from loaders.demo.generate import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultBench]:
    package = tmp_path_factory.mktemp("faults") / "package"
    generate(1_000, package, seed=3)
    server = fault_server(SHORT_FAULT_SERVER, SHORT_FAULT_PORT_OFFSET)
    # Small batches, so that a 1,000-node package (about 2,600 records) takes many of them.
    fault_bench = FaultBench(package, seed=11, server=server, batch_size=200)
    yield fault_bench
    fault_bench.close()
    server.stop()


def test_the_reference_load_is_not_empty(bench: FaultBench) -> None:
    assert bench.nodes > 900  # about 1,000 domain nodes were asked for


@pytest.mark.parametrize("trial", [1, 2])
def test_neo4j_killed_mid_load_then_reload_equals_an_uninterrupted_load(
    bench: FaultBench, trial: int
) -> None:
    result = bench.neo4j_kill(check=True)
    assert result.killed_mid_write, result
    # Every batch the loader reported committed survived the crash; the reload completed the rest.
    assert result.written_at_kill <= result.records_after_kill < result.written_total, result
    assert result.records_after_reload == result.written_total
    assert result.reload_outcome == "ok"
    assert result.fingerprint_equal, result
    assert result.consistency_ok, result


def test_loader_killed_mid_load_then_reload_equals_an_uninterrupted_load(bench: FaultBench) -> None:
    result = bench.loader_kill()
    assert result.killed_mid_write, result
    assert result.written_at_kill <= result.records_after_kill < result.written_total, result
    assert result.reload_outcome == "ok"
    assert result.fingerprint_equal, result


def test_api_killed_mid_upload_then_upload_again_equals_an_uninterrupted_load(
    bench: FaultBench, tmp_path: Path
) -> None:
    upload = zip_package(bench.package, tmp_path / "package.zip")
    result = bench.api_kill(upload)
    assert result.records_after_kill < result.written_total, result  # the upload was cut short
    assert result.reload_outcome == "ok"
    assert result.fingerprint_equal, result


def test_api_answers_503_while_neo4j_is_down_and_recovers_without_a_restart(bench: FaultBench) -> None:
    outage = bench.outage(probes=6, NEO4J_CONNECTION_TIMEOUT_S="1")
    assert outage.statuses_while_down == {"503": 6}
    assert outage.recovered_without_restart
