"""A flood of bad logins with forged X-Forwarded-For headers (issue #14, findings 5, 9, 12).

    python -m devtools.reliability.logins [--requests 200] [--json out.json]

All requests at once, each with a wrong password and a different forged client address, against the
API in its own process (as `orglinks serve` runs it, real argon2 parameters). Reports how many were
refused (429 by the login limit, 503 by the bound on concurrent hashes) and how many reached the
password check, the API's peak RSS (the kernel's high-water mark, VmHWM), /api/health's slowest answer
during the flood, whether the right password is still refused afterwards, and the audit entries it
left. It runs its own Neo4j (the load server's home and ports, devtools.reliability.load).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from accounts.accounts import create_user
from accounts.principal import Role
from devtools import harness
from devtools.reliability.common import ApiProcess, ensure_running, reset
from devtools.reliability.load import load_server
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.settings import AppSettings

VICTIM = "victim"
AUDIT_COUNTS = NamedQuery(
    "rel_login_audit_counts",
    "MATCH (e:AuditEntry) WHERE e.action STARTS WITH 'login' "
    "RETURN e.action AS action, count(*) AS n, collect(DISTINCT e.ip) AS ips ORDER BY action",
)


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc")


def _flood(base_url: str, requests: int) -> tuple[Counter[int], float]:
    """`requests` bad logins at once, each from a forged address; their statuses, and the slowest
    /api/health answer while they ran."""
    statuses: Counter[int] = Counter()
    slowest = 0.0
    done = threading.Event()

    def probe_health() -> None:
        nonlocal slowest
        with httpx.Client(base_url=base_url, timeout=120) as http:
            while not done.is_set():
                started = time.monotonic()
                http.get("/api/health")
                slowest = max(slowest, time.monotonic() - started)
                time.sleep(0.2)

    def guess(i: int) -> int:
        forged = {"X-Forwarded-For": f"10.{i // 250 % 250}.{i % 250}.7"}
        body = {"username": VICTIM, "password": f"wrong-{i}"}
        with httpx.Client(base_url=base_url, timeout=120) as http:
            return http.post("/api/auth/login", json=body, headers=forged).status_code

    prober = threading.Thread(target=probe_health, daemon=True)
    prober.start()
    with ThreadPoolExecutor(max_workers=requests) as pool:
        statuses.update(pool.map(guess, range(requests)))
    done.set()
    prober.join(timeout=130)
    return statuses, slowest


def run(requests: int) -> dict[str, Any]:
    server = load_server()
    token = ensure_running(server)
    graph: Graph = harness.open_test_graph(server)
    try:
        reset(graph, token)
        _, password = create_user(graph, None, username=VICTIM, role=Role.ADMIN, area_id=None)
        api = ApiProcess(server)
        try:
            base_rss = peak_rss_mib(api.process.pid)
            started = time.monotonic()
            statuses, slowest_health = _flood(api.base_url, requests)
            wall = time.monotonic() - started
            peak = peak_rss_mib(api.process.pid)
            with httpx.Client(base_url=api.base_url, timeout=60) as http:
                right = http.post("/api/auth/login", json={"username": VICTIM, "password": password})
        finally:
            api.stop()
        rows = graph.read(AUDIT_COUNTS)
        audit = {row["action"]: {"entries": row["n"], "ips": sorted(row["ips"])} for row in rows}
    finally:
        graph.close()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "requests": requests,
        "wall_s": round(wall, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "reached_password_check": statuses.get(401, 0),
        "refused_by_limit": statuses.get(429, 0),
        "refused_busy": statuses.get(503, 0),
        "api_rss_mib_before": round(base_rss, 1),
        "api_peak_rss_mib": round(peak, 1),
        "slowest_health_s": round(slowest_health, 2),
        "right_password_after_flood": right.status_code,
        "audit": audit,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=200, help="bad logins sent at once")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    figures = run(args.requests)
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    # The limit holds: the forged addresses bought nothing, and the right password stays refused.
    allowed = AppSettings().login_max_failures
    held = figures["reached_password_check"] <= allowed and figures["right_password_after_flood"] == 429
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
