"""GET /login: the login form, and the redirect that sends a browser without a session to it.

A page (anything outside /api) that needs a user answers a request without a valid session with a
303 to `/login?next=<the page>`; the API keeps answering 401, which scripts expect.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.page_errors import is_page_request, page_error
from api.routes.pages import PAGE_CSP
from visualize.render import render_login_page, safe_next

router = APIRouter(tags=["pages"], include_in_schema=False)

LOGIN_PATH = "/login"


@router.get(LOGIN_PATH, response_class=HTMLResponse)
def login_page(next: Annotated[str, Query(max_length=2000)] = "/") -> HTMLResponse:  # noqa: A002
    """The login form (Chinese first, English available); after logging in it goes to `next`."""
    return HTMLResponse(
        render_login_page(safe_next(next)),
        headers={"Cache-Control": "no-store", "Content-Security-Policy": PAGE_CSP},
    )


async def _login_redirect(request: Request, exc: Exception) -> Response:
    """A page without a session goes to the login form; everything else keeps FastAPI's answer."""
    assert isinstance(exc, StarletteHTTPException)
    path = request.url.path
    if exc.status_code == 401 and request.method in ("GET", "HEAD") and not path.startswith("/api/"):
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"{LOGIN_PATH}?next={quote(target, safe='')}", status_code=303)
    if is_page_request(request) and exc.status_code >= 400:  # a person reads it: a page of the frame
        return page_error(exc.status_code)
    return await http_exception_handler(request, exc)


def install_login_redirect(app: FastAPI) -> None:
    """Send browsers without a session from the pages to /login."""
    app.add_exception_handler(StarletteHTTPException, _login_redirect)
