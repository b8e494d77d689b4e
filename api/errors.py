"""Domain exceptions mapped to HTTP statuses, once, for every route."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from graph.errors import Conflict, GraphUnavailable, Invalid, NotFound, OrglinksError

log = logging.getLogger("orglinks.api")

STATUS_OF: dict[type[OrglinksError], int] = {
    NotFound: 404,
    Invalid: 422,
    Conflict: 409,
    GraphUnavailable: 503,
}


def _status(exc: OrglinksError) -> int:
    for kind, status in STATUS_OF.items():
        if isinstance(exc, kind):
            return status
    return 400


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OrglinksError)
    status = _status(exc)
    headers = {"Retry-After": "5"} if status == 503 else None
    return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in exc.errors()
    ]
    return JSONResponse({"detail": problems}, status_code=422)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal error; it has been logged"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OrglinksError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
