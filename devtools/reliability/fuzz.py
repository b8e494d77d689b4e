"""Fuzzing: schemathesis against the API's OpenAPI schema with all checks, once per role (admin,
editor, viewer, and no login at all), on a live uvicorn serving the Kunming demo. The goal: no 5xx
and no response that breaks the schema. The graph's fingerprint before and after shows whether any
input changed the data other than through an accepted upload.

    python -m devtools.reliability.fuzz [--max-examples 50] [--max-time 600] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from devtools.fingerprint import graph_fingerprint
from devtools.reliability.common import ApiProcess, domain_records
from devtools.reliability.load import kunming_server
from graph.driver import Graph

#: role -> (role, area) of the fuzzing account; None: no credentials at all.
ROLES: dict[str, tuple[Role, str | None] | None] = {
    "admin": (Role.ADMIN, None),
    "editor": (Role.EDITOR, "530111001"),
    "viewer": (Role.VIEWER, "530111"),
    "anonymous": None,
}
#: Ending its own session, changing its own password or revoking its own token (listed by GET
#: /api/auth/tokens, which stateful testing follows) would lock the fuzzer out mid-run.
EXCLUDED_PATHS = ["/api/auth/logout", "/api/auth/password", "/api/auth/tokens/{token_id}"]


def _header(graph: Graph, name: str) -> list[str]:
    grant = ROLES[name]
    if grant is None:
        return []
    role, area = grant
    create_user(graph, None, username=f"fuzz-{name}", role=role, area_id=area)
    expires = datetime.now(UTC) + timedelta(hours=6)
    token = issue_token(graph, f"fuzz-{name}", TokenKind.BEARER, expires=expires).token
    return ["-H", f"Authorization: Bearer {token}"]


def run_role(
    base_url: str, name: str, header: list[str], max_examples: int, max_time: int, out: Path
) -> dict[str, Any]:
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{base_url}/openapi.json"]
    command += ["--checks", "all", "-n", str(max_examples), "--request-timeout", "60", "--workers", "2"]
    command += ["--url", base_url, "--continue-on-failure", "--suppress-health-check", "all"]
    command += ["--max-time", str(max_time)]
    for path in EXCLUDED_PATHS:
        command += ["--exclude-path", path]
    command += ["--report", "junit", "--report-junit-path", str(out / f"{name}.xml"), *header]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    (out / f"{name}.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return {
        "role": name,
        "exit_code": result.returncode,
        "seconds": round(time.monotonic() - started, 1),
        **_junit(out / f"{name}.xml"),
        "summary": _tail_summary(result.stdout),
    }


def _junit(path: Path) -> dict[str, Any]:
    """Operations tested and failed, and the failing checks, from the JUnit report."""
    import xml.etree.ElementTree as ET  # noqa: S405 - our own tool's report

    if not path.exists():
        return {"operations": None}
    root = ET.parse(path).getroot()  # noqa: S314
    cases = root.findall(".//testcase")
    failed: dict[str, list[str]] = {}
    for case in cases:
        for failure in case.findall("failure") + case.findall("error"):
            failed.setdefault(case.get("name", "?"), []).append((failure.get("message") or "")[:200])
    return {"operations": len(cases), "operations_failed": len(failed), "failures": failed}


def _tail_summary(stdout: str) -> str:
    lines = [line for line in stdout.splitlines() if line.strip()]
    return "\n".join(lines[-25:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--max-examples", type=int, default=50, help="examples per operation and phase")
    parser.add_argument("--max-time", type=int, default=600, help="seconds per role at most")
    parser.add_argument("--roles", default=",".join(ROLES), help="comma-separated subset of the roles")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--out", type=Path, help="keep the schemathesis logs and reports here")
    args = parser.parse_args(argv)
    server, graph, _ = kunming_server()
    out = args.out or Path(tempfile.mkdtemp(prefix="orglinks-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        headers = {name: _header(graph, name) for name in args.roles.split(",")}
        before = graph_fingerprint(graph)
        records_before = domain_records(graph)
        api = ApiProcess(server, workers=2)
        try:
            for name, header in headers.items():
                results.append(run_role(api.base_url, name, header, args.max_examples, args.max_time, out))
                print(json.dumps({k: v for k, v in results[-1].items() if k != "summary"}), flush=True)
        finally:
            api.stop()
        after = graph_fingerprint(graph)
        records_after = domain_records(graph)
    finally:
        graph.close()
    figures = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "max_examples": args.max_examples,
        "max_time_s_per_role": args.max_time,
        "roles": results,
        "fingerprint_unchanged": before == after,
        "domain_records_before_after": [records_before, records_after],
        "logs": str(out),
    }
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 0 if all(r["exit_code"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
