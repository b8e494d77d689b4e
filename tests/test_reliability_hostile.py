"""Hostile uploads to a real API process: an oversized CSV, an XLSX zip bomb, a zip of a CSV bomb,
billion-laughs XML in a workbook, and binary junk under every accepted name. Each is rejected, the
graph is unchanged, and the API's peak memory (VmHWM, measured in its own process) stays bounded.
The seconds each took go to test-artifacts/reliability-hostile.json (no timing assertions)."""

from __future__ import annotations

import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from cli.local_neo4j import LocalNeo4j
from devtools.fingerprint import graph_fingerprint
from devtools.reliability.common import ApiProcess, peak_rss_mb
from devtools.reliability.hostile import shared_strings_xlsx
from graph.driver import Graph
from loaders.pipeline import load_path
from tests.loaders_support import BASIC

UPLOAD_LIMIT_MB = 5
#: The most the API's peak memory may grow over all the hostile uploads together.
RSS_GROWTH_LIMIT_MB = 150

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def _workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "units"
    sheet.append(["id", "name", "kind", "area_id"])
    sheet.append(["U9", "某单位", "private", "TH"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace_member(xlsx: bytes, member: str, write: object) -> bytes:
    """The workbook with one member's content replaced by what `write(handle)` streams into it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == member:
                with target.open(member, "w", force_zip64=True) as handle:
                    write(handle)  # type: ignore[operator]
            else:
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


def _repeat(chunk: bytes, total_mb: int) -> object:
    def write(handle: io.BufferedWriter) -> None:
        block = chunk * (1024 * 1024 // len(chunk))
        for _ in range(total_mb):
            handle.write(block)

    return write


def hostile_files() -> dict[str, tuple[str, bytes]]:
    """Name -> (upload file name, bytes)."""
    book = _workbook_bytes()
    sheet = "xl/worksheets/sheet1.xml"
    row = b'<row><c t="inlineStr"><is><t>0000000000</t></is></c></row>'
    bomb = _replace_member(book, sheet, _repeat(row, 300))
    laughs = _replace_member(book, sheet, lambda h: h.write(BILLION_LAUGHS.encode()))
    csv_bomb = io.BytesIO()
    with (
        zipfile.ZipFile(csv_bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("units.csv", "w", force_zip64=True) as handle,
    ):
        handle.write(b"id,name,kind,area_id\n")
        _repeat(b"U1,x,private,TH\n", 600)(handle)  # type: ignore[operator]
    strings = shared_strings_xlsx(Path(tempfile.mkdtemp()) / "strings.xlsx", UPLOAD_LIMIT_MB).read_bytes()
    objects = b'{"units": [{"x":1}' + b',{"x":1}' * ((UPLOAD_LIMIT_MB - 1) * 1024 * 1024 // 8) + b"]}"
    junk = os.urandom(2 * 1024 * 1024)
    oversized = b"id,name,kind,area_id\n" + b"U1,x,private,TH\n" * ((UPLOAD_LIMIT_MB + 3) * 1024 * 1024 // 16)
    return {
        "oversized CSV": ("units.csv", oversized),
        "XLSX zip bomb (300 MB sheet)": ("bomb.xlsx", bomb),
        "zip of a 600 MB CSV": ("bomb.zip", csv_bomb.getvalue()),
        "billion-laughs XML in an XLSX": ("laughs.xlsx", laughs),
        # Issue #14: millions of shared strings (openpyxl held 4 GB for a 46 MB workbook), and of
        # small JSON objects (json.load held 1.45 GB for 46 MB).
        "XLSX of short shared strings": ("strings.xlsx", strings),
        "JSON of small objects": ("objects.json", objects),
        "binary junk .xlsx": ("junk.xlsx", junk),
        "binary junk .csv": ("junk.csv", junk),
        "binary junk .zip": ("junk.zip", junk),
        "binary junk .json": ("junk.json", junk),
    }


@pytest.fixture
def api(graph: Graph, neo4j_server: LocalNeo4j) -> Iterator[tuple[ApiProcess, dict[str, str]]]:
    create_user(graph, None, username="hostile", role=Role.ADMIN, area_id=None)
    token = issue_token(graph, "hostile", TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(hours=1))
    # The shared-strings budget scaled down with the upload limit: the 5 MB workbook's table is over it.
    env = {"ORGLINKS_MAX_UPLOAD_MB": str(UPLOAD_LIMIT_MB), "ORGLINKS_LOAD_MAX_SHARED_STRINGS_MB": "16"}
    process = ApiProcess(neo4j_server, env=env)
    try:
        yield process, {"Authorization": f"Bearer {token.token}"}
    finally:
        process.stop()


@pytest.mark.slow
def test_hostile_uploads_are_rejected_with_bounded_memory(
    graph: Graph, api: tuple[ApiProcess, dict[str, str]], artifacts_dir: Path
) -> None:
    process, headers = api
    assert load_path(graph, BASIC).outcome == "ok"
    before = graph_fingerprint(graph)
    files = hostile_files()
    pid = process.process.pid
    baseline = peak_rss_mb(pid)
    figures: dict[str, dict[str, object]] = {}
    for label, (name, body) in files.items():
        started = time.monotonic()
        answer = httpx.post(
            f"{process.base_url}/api/imports", files={"file": (name, body)}, headers=headers, timeout=120
        )
        seconds = time.monotonic() - started
        assert answer.status_code in (413, 422), (label, answer.status_code, answer.text[:300])
        figures[label] = {
            "bytes": len(body),
            "status": answer.status_code,
            "seconds": round(seconds, 3),
            "api_peak_rss_mb": round(peak_rss_mb(pid), 1),
            "reason": str(answer.json().get("detail") or answer.json().get("problems"))[:160],
        }
    assert graph_fingerprint(graph) == before
    peak = peak_rss_mb(pid)
    report = {
        "baseline_peak_rss_mb": round(baseline, 1),
        "final_peak_rss_mb": round(peak, 1),
        "uploads": figures,
    }
    (artifacts_dir / "reliability-hostile.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    assert peak - baseline < RSS_GROWTH_LIMIT_MB, report
