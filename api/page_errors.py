"""Errors of the browser's pages (`/` and `/view/*`) as HTML pages in the explorer's frame (header,
language switch, a way back); /api/* and everything else keep their JSON answers."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.routes.pages import PAGE_CSP
from visualize.render import render_error_page


def is_page_request(request: Request) -> bool:
    """Whether a request asked for a page of the explorer, whose errors a person reads."""
    path = request.url.path
    return request.method in ("GET", "HEAD") and (path == "/" or path.startswith("/view/"))


def page_error(status: int, headers: dict[str, str] | None = None) -> HTMLResponse:
    """The error page of `status`; it says as little as the JSON answer would (no detail)."""
    return HTMLResponse(
        render_error_page(status),
        status_code=status,
        headers={"Cache-Control": "no-store", "Content-Security-Policy": PAGE_CSP, **(headers or {})},
    )
