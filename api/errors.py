"""Domain exceptions mapped to HTTP statuses, once, for every route."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from api.page_errors import is_page_request, page_error
from graph.errors import (
    Busy,
    Conflict,
    Forbidden,
    GraphUnavailable,
    Invalid,
    NotFound,
    OrglinksError,
    TooManyRequests,
)

log = logging.getLogger("orglinks.api")

STATUS_OF: dict[type[OrglinksError], int] = {
    NotFound: 404,
    Forbidden: 403,
    Invalid: 422,
    Conflict: 409,
    GraphUnavailable: 503,
    Busy: 503,
    TooManyRequests: 429,
}
#: What a client is told while Neo4j cannot be reached: the driver's message (an address, a port)
#: goes to the server log only.
DATABASE_UNAVAILABLE = "数据库暂时不可用，请稍后再试 / the database is temporarily unavailable"


def _status(exc: OrglinksError) -> int:
    for kind, status in STATUS_OF.items():
        if isinstance(exc, kind):
            return status
    return 400


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OrglinksError)
    status = _status(exc)
    detail = str(exc)
    if isinstance(exc, GraphUnavailable):
        log.warning("Neo4j unavailable on %s %s: %s", request.method, request.url.path, exc)
        detail = DATABASE_UNAVAILABLE
    retry_after = getattr(exc, "retry_after", 5)
    headers = {"Retry-After": str(retry_after)} if status in (429, 503) else None
    if is_page_request(request):
        return page_error(status, headers)
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if is_page_request(request):
        return page_error(422)
    problems = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in exc.errors()
    ]
    return JSONResponse({"detail": problems}, status_code=422)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    if is_page_request(request):
        return page_error(500)
    return JSONResponse({"detail": "internal error; it has been logged"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OrglinksError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
    _document_422(app)


class Problem(BaseModel):
    """One problem of a request that does not fit the route's parameters or body."""

    loc: list[str | int] = Field(description="Where: the part of the request, then the field")
    msg: str
    type: str


class ErrorAnswer(BaseModel):
    """Every error answer: a message, or, when the request did not fit the route, its problems."""

    detail: str | list[Problem]


def _document_422(app: FastAPI) -> None:
    """Document every 422 as it is answered: `ErrorAnswer` (a domain `Invalid` gives a message, a
    request that does not fit gives a list of problems), or, where a route documents a body of its
    own for 422 (an upload's rejected load report), either that body or an `ErrorAnswer`.

    FastAPI would document FastAPI's `HTTPValidationError` (a list only) for every route with
    parameters, which the domain's `{"detail": "text"}` answers do not match."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        answer = ErrorAnswer.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(answer.pop("$defs", {}))
        components["ErrorAnswer"] = answer
        ref = {"$ref": "#/components/schemas/ErrorAnswer"}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                response = operation.get("responses", {}).get("422")
                if response is None:
                    continue
                if response.get("description") in (None, "", "Validation Error", "Unprocessable Entity"):
                    response["description"] = "Invalid request: the reason, or the problems of each field"
                content = response.setdefault("content", {}).setdefault("application/json", {})
                own = content.get("schema")
                documented = own is not None and own.get("$ref", "").split("/")[-1] != "HTTPValidationError"
                content["schema"] = {"anyOf": [own, ref]} if documented else ref
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
