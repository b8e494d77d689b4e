"""POST /api/imports: the CLI's loader behind an upload, with its report and its limits."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accounts.audit import list_entries
from api.routes import imports
from graph.driver import Graph
from graph.queries.loads import GET_LOAD
from loaders.settings import ReadLimits
from tests.loaders_support import BASIC, BASIC_NODES, copy_basic, edit, node_counts


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def _upload(client: TestClient, name: str, data: bytes, **params: str) -> tuple[int, dict[str, object]]:
    response = client.post("/api/imports", params=params, files={"file": (name, data)})
    return response.status_code, response.json()


def test_upload_loads_the_package_and_a_second_upload_changes_nothing(
    graph: Graph, client: TestClient
) -> None:
    status, body = _upload(client, "basic.zip", _zip(BASIC))
    assert status == 200, body
    assert body["outcome"] == "ok"
    assert node_counts(graph) == BASIC_NODES

    status, again = _upload(client, "basic.zip", _zip(BASIC))
    assert status == 200
    counts = again["counts"]
    assert isinstance(counts, dict)
    assert all(c["added"] == 0 and c["updated"] == 0 for c in counts.values())
    assert node_counts(graph) == BASIC_NODES


def test_an_invalid_upload_is_rejected_with_the_row_and_column_and_writes_nothing(
    graph: Graph, client: TestClient, tmp_path: Path
) -> None:
    package = copy_basic(tmp_path)
    edit(package, "areas.csv", "TH,太和街道,街道,GD", "TH,太和街道,街道,NOWHERE")
    status, body = _upload(client, "broken.zip", _zip(package))
    assert status == 422
    assert body["outcome"] == "rejected"
    problems = body["problems"]
    assert isinstance(problems, list)
    assert any(
        p["file"] == "broken.zip/areas.csv"
        and p["row"] == 4
        and p["column"] == "parent_id"
        and p["value"] == "NOWHERE"
        for p in problems
    ), problems
    assert node_counts(graph) == {}


def test_dry_run_validates_and_writes_nothing(graph: Graph, client: TestClient) -> None:
    status, body = _upload(client, "basic.zip", _zip(BASIC), dry_run="true")
    assert status == 200
    assert body["dry_run"] is True
    assert node_counts(graph) == {}


def test_a_file_of_another_kind_is_refused(graph: Graph, client: TestClient) -> None:
    status, body = _upload(client, "tool.exe", b"MZ\x90\x00")
    assert status == 422
    assert ".csv" in str(body["detail"])


def test_binary_junk_named_csv_is_refused_without_a_500(graph: Graph, client: TestClient) -> None:
    status, body = _upload(client, "units.csv", bytes(range(256)) * 64)
    assert status == 422
    assert "units.csv" in str(body["detail"])


def test_an_upload_over_the_limit_is_413(
    graph: Graph, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORGLINKS_MAX_UPLOAD_MB", "1")
    status, body = _upload(client, "big.csv", b"id,name\n" + b"x" * (2 * 1024 * 1024))
    assert status == 413
    assert node_counts(graph) == {}


# --- issue #14: hostile files answer 4xx with a reason; nothing half-written; every load closed -------


def _lying_zip() -> bytes:
    """A zip of a CSV whose directory (local header and central directory) says it is 10 bytes long."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("units.csv", "id,name\n" + "U1,某单位\n" * 1000)
    data = bytearray(buffer.getvalue())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        data[data.find(signature) + size_at : data.find(signature) + size_at + 4] = (10).to_bytes(4, "little")
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("lying.zip", _lying_zip(), "does not unpack as the archive declares"),
        ("deep.json", b'{"units": [{"id": ' + b"[" * 200_000 + b"]" * 200_000 + b"}]}", "nested more than"),
    ],
)
def test_a_forged_zip_or_deep_json_is_a_422_with_the_reason(
    graph: Graph, client: TestClient, name: str, data: bytes, reason: str
) -> None:
    status, body = _upload(client, name, data)
    assert status == 422, body
    assert reason in str(body["detail"])
    assert node_counts(graph) == {}


def test_a_value_neo4j_cannot_store_is_refused_before_anything_is_written(
    graph: Graph, client: TestClient, tmp_path: Path
) -> None:
    package = copy_basic(tmp_path)
    edit(
        package,
        "party_orgs.csv",
        "PO-EJW,佴家湾社区党委,党委,PO-TH,120",
        "PO-EJW,佴家湾社区党委,党委,PO-TH,99999999999999999999999",
    )
    status, body = _upload(client, "pkg.zip", _zip(package))
    assert status == 422, body
    assert [(p["file"], p["row"], p["column"]) for p in body["problems"]] == [
        ("pkg.zip/party_orgs.csv", 3, "members")
    ]
    # Finding 6: the unit rows had been committed before the org rows failed.
    assert node_counts(graph) == {}
    [load] = graph.read(GET_LOAD, {"id": body["load_id"]})
    assert load["load"]["outcome"] == "rejected"
    [entry] = list_entries(graph, scope=None, action="import").entries
    assert json.loads(entry["detail"])["outcome"] == "rejected"


def test_uploads_beyond_the_parallel_limit_get_503_and_retry_after(
    graph: Graph, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "_LIMITS", ReadLimits(upload_wait_s=0))
    held = 0
    while imports._TURNS.acquire(blocking=False):  # every turn taken, as by uploads being loaded
        held += 1
    try:
        response = client.post("/api/imports", files={"file": ("basic.zip", _zip(BASIC))})
    finally:
        for _ in range(held):
            imports._TURNS.release()
    assert held == ReadLimits().max_parallel_uploads
    assert (response.status_code, response.headers["Retry-After"]) == (503, "30")
    assert node_counts(graph) == {}
    status, _ = _upload(client, "basic.zip", _zip(BASIC))
    assert status == 200
