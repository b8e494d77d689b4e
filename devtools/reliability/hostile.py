"""Hostile uploads at full size (issue #14): files of up to 50 MB built to make a load hold more than
the file (a workbook's shared strings, millions of small JSON objects, deep nesting, a zip whose
directory lies, a CSV in two encodings, rows that break the hierarchy). Each goes once through a live
API process and once through the CLI, with the peak memory (VmHWM) of each; then 20 of them are
uploaded at once. The graph's fingerprint must not change.

    python -m devtools.reliability.hostile [--mb 46] [--parallel 20] [--json out.json]

The API's peak is reset before each upload (/proc/PID/clear_refs), so each figure is that upload's.
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from openpyxl import Workbook

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from devtools import harness
from devtools.fingerprint import graph_fingerprint
from devtools.reliability.common import (
    ApiProcess,
    child_env,
    ensure_running,
    fault_server,
    peak_rss_mb,
    reset,
)
from graph.settings import PROJECT_ROOT
from loaders.pipeline import load_path

BASIC = PROJECT_ROOT / "tests" / "fixtures" / "loaders" / "basic"
MB = 1024 * 1024
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHEET_XML = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>'
)


def shared_strings_xlsx(path: Path, mb: int) -> Path:
    """A workbook whose shared-strings table holds short distinct strings until the file is `mb` MB
    (about 10 times as many bytes unpacked: the finding's 26 million strings at 46 MB)."""
    book = Workbook()
    plain = io.BytesIO()
    book.save(plain)
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info).decode()
            if info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}" />'
                data = data.replace("</Types>", override + "</Types>")
            elif info.filename == "xl/worksheets/sheet1.xml":
                data = SHEET_XML
            target.writestr(info.filename, data)
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
            handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            handle.write(b"<si><t>id</t></si><si><t>name</t></si>")
            number = 0
            while path.stat().st_size < (mb - 1) * MB and number < 40_000_000:
                handle.write(b"".join(b"<si><t>%x</t></si>" % (number + i) for i in range(100_000)))
                number += 100_000
            handle.write(b"</sst>")
    return path


def many_objects_json(path: Path, mb: int) -> Path:
    """`{"units": [{"x":1}, …]}`: millions of small objects."""
    with path.open("wb") as out:
        out.write(b'{"units": [{"x":1}')
        block = b',{"x":1}' * (MB // 8)
        for _ in range(mb - 1):
            out.write(block)
        out.write(b"]}")
    return path


def deep_json(path: Path, mb: int) -> Path:
    depth = min(mb, 8) * MB // 2
    path.write_bytes(b'{"units": [{"id": ' + b"[" * depth + b"]" * depth + b"}]}")
    return path


def lying_zip(path: Path, mb: int) -> Path:
    """A zip of a CSV whose directory says the CSV is 100 bytes long."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("units.csv", "id,name,kind,area_id\n" + "U1,某单位,非公企业,EJW\n" * (mb * 40_000))
    data = bytearray(buffer.getvalue())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        struct.pack_into("<I", data, start + size_at, 100)
    path.write_bytes(bytes(data))
    return path


def mixed_csv(path: Path, mb: int) -> Path:
    with path.open("wb") as out:
        out.write("编号,名称,类型,所在区域\n".encode())
        line = "U1,西山单位,非公企业,EJW\n".encode()
        out.write(line * (mb * MB // 2 // len(line)))
        out.write("U2,西山单位,非公企业,EJW\n".encode("gbk"))
        out.write(line * (mb * MB // 2 // len(line)))
    return path


def many_rows_csv(path: Path, mb: int) -> Path:
    """Rows (each naming a missing area), more than an upload may hold."""
    with path.open("w", encoding="utf-8") as out:
        out.write("id,name,kind,area_id\n")
        for i in range(10_000_000):
            out.write(f"H{i:07d},单位{i},非公企业,NOWHERE\n")
            if i % 10_000 == 0 and out.tell() > mb * MB:
                break
    return path


def cyclic_areas(path: Path, mb: int) -> Path:
    path.write_text("id,name,level,parent_id\nTH,太和街道,网格,EJW\n", encoding="utf-8")
    return path


FILES = {
    "shared strings .xlsx": ("strings.xlsx", shared_strings_xlsx),
    "many objects .json": ("objects.json", many_objects_json),
    "deep .json": ("deep.json", deep_json),
    "lying .zip": ("lying.zip", lying_zip),
    "two encodings .csv": ("mixed.csv", mixed_csv),
    "too many rows .csv": ("units.csv", many_rows_csv),
    "street made a grid under its own community": ("areas.csv", cyclic_areas),
}


def reset_peak(pid: int) -> None:
    """Reset a process's VmHWM to its current RSS (Linux 4.0 and later)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def upload(base_url: str, headers: dict[str, str], path: Path, name: str) -> tuple[int, str]:
    with path.open("rb") as body:
        answer = httpx.post(
            f"{base_url}/api/imports", files={"file": (name, body)}, headers=headers, timeout=900
        )
    try:
        detail = answer.json()
        reason = str(detail.get("detail") or [p["reason"] for p in detail.get("problems", [])][:2])
    except ValueError:
        reason = answer.text
    return answer.status_code, reason[:200]


# `orglinks …` that prints its own peak memory as it exits (a child's ru_maxrss would count the memory
# of the parent it was forked from).
_REPORT_PEAK = """
import atexit, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("VMHWM_KB=" + line.split()[1], file=sys.stderr)
atexit.register(peak)
from cli.main import app
sys.argv[0] = "orglinks"
app()
"""


def cli_load(env: dict[str, str], path: Path) -> dict[str, Any]:
    """`orglinks load PATH --quiet` in a child process: its exit code, last line and peak RSS."""
    command = [sys.executable, "-c", _REPORT_PEAK, "load", str(path), "--quiet"]
    started = time.monotonic()
    with tempfile.TemporaryFile() as output:
        child = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output)
        status = child.wait()
        output.seek(0)
        lines = output.read().decode(errors="replace").strip().splitlines()
    peaks = [int(line.split("=")[1]) for line in lines if line.startswith("VMHWM_KB=")]
    lines = [line for line in lines if not line.startswith("VMHWM_KB=")]
    return {
        "exit": status,
        "cli_peak_rss_mb": round(peaks[0] / 1024, 1) if peaks else None,
        "seconds": round(time.monotonic() - started, 1),
        "output_lines": len(lines),
        "last_line": lines[-1][:200] if lines else "",
    }


def run(mb: int, parallel: int, out: Path | None) -> dict[str, Any]:
    server = fault_server()
    token = ensure_running(server)
    graph = harness.open_test_graph(server)
    reset(graph, token)
    assert load_path(graph, BASIC).outcome == "ok"
    create_user(graph, None, username="hostile", role=Role.ADMIN, area_id=None)
    bearer = issue_token(graph, "hostile", TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(hours=6))
    headers = {"Authorization": f"Bearer {bearer.token}"}
    before = graph_fingerprint(graph)
    report: dict[str, Any] = {"mb": mb, "files": {}, "parallel": {}}
    with tempfile.TemporaryDirectory(prefix="orglinks-hostile-") as folder:
        files = {label: make(Path(folder) / name, mb) for label, (name, make) in FILES.items()}
        api = ApiProcess(server)
        try:
            pid = api.process.pid
            report["api_baseline_rss_mb"] = round(peak_rss_mb(pid), 1)
            for label, path in files.items():
                reset_peak(pid)
                started = time.monotonic()
                status, reason = upload(api.base_url, headers, path, path.name)
                report["files"][label] = {
                    "bytes": path.stat().st_size,
                    "api_status": status,
                    "api_peak_rss_mb": round(peak_rss_mb(pid), 1),
                    "api_seconds": round(time.monotonic() - started, 1),
                    "api_reason": reason,
                    **cli_load(child_env(server), path),
                }
                print(label, json.dumps(report["files"][label], ensure_ascii=False), flush=True)
            reset_peak(pid)
            names = list(files.items())
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=parallel) as pool:
                answers = list(
                    pool.map(
                        lambda i: upload(
                            api.base_url, headers, names[i % len(names)][1], names[i % len(names)][1].name
                        ),
                        range(parallel),
                    )
                )
            report["parallel"] = {
                "uploads": parallel,
                "statuses": sorted(status for status, _ in answers),
                "api_peak_rss_mb": round(peak_rss_mb(pid), 1),
                "seconds": round(time.monotonic() - started, 1),
            }
            print("parallel", json.dumps(report["parallel"]), flush=True)
        finally:
            api.stop()
    report["fingerprint_unchanged"] = graph_fingerprint(graph) == before
    graph.close()
    if out is not None:
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=46, help="size of the large files (at most 50)")
    parser.add_argument("--parallel", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    report = run(min(args.mb, 50), args.parallel, args.json)
    server_errors = [
        k for k, v in report["files"].items() if v["api_status"] >= 500 or v["exit"] not in (1, 3)
    ]
    ok = report["fingerprint_unchanged"] and not server_errors and max(report["parallel"]["statuses"]) < 500
    print("fingerprint unchanged:", report["fingerprint_unchanged"], "| failures:", server_errors)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
