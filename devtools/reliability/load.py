"""Load: many concurrent users against the API serving the Kunming demo, mixing searches, networks,
gaps, paths and stats with some uploads. Reports requests, errors, p50/p95/p99 per operation, and
checks that every upload the API acknowledged is stored (writes acknowledged == writes stored).

    python -m devtools.reliability.load --users 200 --minutes 10 [--json out.json]

It runs its own Neo4j (home .data/neo4j-load-<slot>, five ports above the slot's test server).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from cli.local_neo4j import LocalNeo4j
from devtools import harness
from devtools.reliability.common import ApiProcess, ensure_running, reset
from graph.driver import Graph
from loaders.demo.kunming import build_kunming
from loaders.pipeline import load_path

#: Operation mix (weights): mostly reads, about one request in fifty an upload.
MIX = {"search": 30, "network": 20, "paths": 15, "stats": 15, "gaps": 18, "upload": 2}
SEARCH_WORDS = [
    "社区",
    "医院",
    "党委",
    "街道",
    "学校",
    "联盟",
    "昆明",
    "公司",
    "官渡",
    "支部",
    "服务",
    "Zz不存在",
]
UPLOAD_AREA = "530111001"


@dataclass
class World:
    """Ids to ask about, taken from the demo package."""

    units: list[str]
    areas: list[str]
    orgs: list[str]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    acknowledged: list[str] = field(default_factory=list)
    unacknowledged: list[str] = field(default_factory=list)

    def add(self, op: str, seconds: float, status: str) -> None:
        self.latencies[op].append(seconds)
        self.statuses[f"{op} {status}"] += 1
        if not status.isdigit() or int(status) >= 500:
            self.errors[f"{op} {status}"] += 1


def _ids(path: Path, column: str = "id", where: tuple[str, str] | None = None) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [r[column] for r in csv.DictReader(fh) if where is None or r[where[0]] == where[1]]


def _world(package: Path) -> World:
    return World(
        units=_ids(package / "units.csv"),
        areas=_ids(package / "areas.csv", where=("level", "street"))
        + _ids(package / "areas.csv", where=("level", "district")),
        orgs=_ids(package / "party_orgs.csv"),
    )


def _upload_body(unit_id: str) -> bytes:
    return f"id,name,kind,area_id\n{unit_id},压测单位{unit_id},private,{UPLOAD_AREA}\n".encode()


async def _request(
    client: httpx.AsyncClient, op: str, world: World, rng: random.Random, user: int, n: int, tally: Tally
) -> None:
    started = time.monotonic()
    status = "?"
    upload_id = f"LOADTEST-{user:03d}-{n:05d}"
    try:
        if op == "search":
            answer = await client.get("/api/search", params={"q": rng.choice(SEARCH_WORDS)})
        elif op == "network":
            entity = rng.choice(world.units + world.orgs)
            answer = await client.get(f"/api/entities/{entity}/network", params={"depth": rng.choice([1, 2])})
        elif op == "paths":
            source, target = rng.sample(world.units, 2)
            answer = await client.get("/api/paths", params={"from": source, "to": target})
        elif op == "stats":
            answer = await client.get("/api/stats", params={"area": rng.choice(world.areas)})
        elif op == "gaps":
            route = rng.choice(["/api/gaps/units", "/api/gaps/areas"])
            answer = await client.get(route, params={"area": rng.choice(world.areas)})
        else:
            files = {"file": ("units.csv", _upload_body(upload_id), "text/csv")}  # the name picks the table
            answer = await client.post("/api/imports", files=files)
        status = str(answer.status_code)
        if op == "upload":
            ok = answer.status_code == 200 and answer.json().get("outcome") == "ok"
            (tally.acknowledged if ok else tally.unacknowledged).append(upload_id)
    except httpx.HTTPError as exc:
        status = type(exc).__name__
        if op == "upload":
            tally.unacknowledged.append(upload_id)
    tally.add(op, time.monotonic() - started, status)


async def _user(
    base_url: str,
    headers: dict[str, str],
    world: World,
    user: int,
    until: float,
    tally: Tally,
    think_s: float,
) -> None:
    rng = random.Random(user)
    ops, weights = list(MIX), list(MIX.values())
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as client:
        await asyncio.sleep(rng.uniform(0, think_s * 2))  # users arrive over the first moments
        n = 0
        while time.monotonic() < until:
            await _request(client, rng.choices(ops, weights)[0], world, rng, user, n, tally)
            n += 1
            await asyncio.sleep(rng.uniform(0, think_s * 2))


async def _run(
    base_url: str, headers: dict[str, str], world: World, users: int, seconds: float, think_s: float
) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    await asyncio.gather(*(_user(base_url, headers, world, u, until, tally, think_s) for u in range(users)))
    return tally


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else [values[0]] * 99
    return {
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def load_server() -> LocalNeo4j:
    settings = harness.server_settings("neo4j-load", port_offset=5)
    return LocalNeo4j(settings)


def kunming_server() -> tuple[LocalNeo4j, Graph, World]:
    """The load server, started, wiped and loaded with the Kunming demo; its graph and ids."""
    server = load_server()
    token = ensure_running(server)
    graph = harness.open_test_graph(server)
    reset(graph, token)
    with tempfile.TemporaryDirectory(prefix="orglinks-load-") as work:
        package = Path(work) / "kunming"
        build_kunming(package)
        if load_path(graph, package, user="load").outcome != "ok":
            raise RuntimeError("the Kunming demo did not load")
        return server, graph, _world(package)


def _verify_stored(graph: Graph, base_url: str, headers: dict[str, str], tally: Tally) -> dict[str, Any]:
    """Every acknowledged upload's unit is in the graph; unacknowledged ones are counted as found or not."""
    found = missing = 0
    stray = 0
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
        for unit_id in tally.acknowledged:
            if client.get(f"/api/entities/{unit_id}").status_code == 200:
                found += 1
            else:
                missing += 1
        for unit_id in tally.unacknowledged:
            stray += client.get(f"/api/entities/{unit_id}").status_code == 200
    return {
        "uploads_acknowledged": len(tally.acknowledged),
        "acknowledged_and_stored": found,
        "acknowledged_but_missing": missing,
        "uploads_not_acknowledged": len(tally.unacknowledged),
        "not_acknowledged_but_stored": stray,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a user's requests (s)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    server, graph, world = kunming_server()
    try:
        create_user(graph, None, username="loadtest", role=Role.ADMIN, area_id=None, pii=False)
        bearer = issue_token(
            graph, "loadtest", TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(days=1)
        )
        headers = {"Authorization": f"Bearer {bearer.token}"}
        api = ApiProcess(server, workers=args.workers)
        try:
            started = time.monotonic()
            tally = asyncio.run(_run(api.base_url, headers, world, args.users, args.minutes * 60, args.think))
            wall = time.monotonic() - started
            stored = _verify_stored(graph, api.base_url, headers, tally)
        finally:
            api.stop()
    finally:
        graph.close()
    every = [s for values in tally.latencies.values() for s in values]
    requests = len(every)
    errors = sum(tally.errors.values())
    figures = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "users": args.users,
        "minutes": args.minutes,
        "think_s": args.think,
        "wall_s": round(wall, 1),
        "requests": requests,
        "requests_per_s": round(requests / wall, 1),
        "errors": errors,
        "error_rate": round(errors / requests, 5) if requests else None,
        "overall": _percentiles(every),
        "per_operation": {
            op: {"requests": len(v), **_percentiles(v)} for op, v in sorted(tally.latencies.items())
        },
        "statuses": dict(sorted(tally.statuses.items())),
        "error_kinds": dict(tally.errors),
        "writes": stored,
    }
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 0 if stored["acknowledged_but_missing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
