"""The OpenAPI schema tells the truth about 422: every route documents `ErrorAnswer` (a message, or a
list of problems), and /api/imports either its load report or an `ErrorAnswer`; the answers match."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.errors import ErrorAnswer
from api.main import create_app
from loaders.pipeline import LoadResult

ERROR_ANSWER = {"$ref": "#/components/schemas/ErrorAnswer"}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return create_app().openapi()


def _422(schema: dict[str, Any], path: str, method: str = "get") -> dict[str, Any]:
    documented: dict[str, Any] = schema["paths"][path][method]["responses"]["422"]
    return documented["content"]["application/json"]["schema"]


def test_every_documented_422_is_an_error_answer(schema: dict[str, Any]) -> None:
    documented = {
        (path, method): operation["responses"]["422"]["content"]["application/json"]["schema"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "422" in operation["responses"]
    }
    assert len(documented) > 20  # every route with parameters or a body
    others = {k: v for k, v in documented.items() if v != ERROR_ANSWER}
    assert others == {
        ("/api/imports", "post"): {"anyOf": [{"$ref": "#/components/schemas/ImportResult"}, ERROR_ANSWER]}
    }
    detail = schema["components"]["schemas"]["ErrorAnswer"]["properties"]["detail"]
    assert detail["anyOf"] == [
        {"type": "string"},
        {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}},
    ]


def test_a_domain_422_and_a_request_422_are_error_answers(client: TestClient) -> None:
    domain = client.get("/api/entities/U1/network", params={"types": "NO_SUCH_TIE"})
    assert domain.status_code == 422
    assert isinstance(ErrorAnswer.model_validate(domain.json()).detail, str)
    request = client.get("/api/entities/U1/network", params={"depth": 99})
    assert request.status_code == 422
    problems = ErrorAnswer.model_validate(request.json()).detail
    assert isinstance(problems, list)
    assert [p.loc for p in problems] == [["query", "depth"]]


def test_an_upload_422_is_a_load_report_or_an_error_answer(client: TestClient) -> None:
    refused = client.post("/api/imports", files={"file": ("notes.txt", b"hello")})
    assert refused.status_code == 422
    assert isinstance(ErrorAnswer.model_validate(refused.json()).detail, str)
    rejected = client.post("/api/imports", files={"file": ("units.csv", b"id,name,kind,area_id\nU1,,,\n")})
    assert rejected.status_code == 422
    assert LoadResult.model_validate(rejected.json()).outcome == "rejected"
