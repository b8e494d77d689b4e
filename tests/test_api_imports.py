"""POST /api/imports: the CLI's loader behind an upload, with its report and its limits."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
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
