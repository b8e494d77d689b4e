"""Authentication dependencies: `CurrentUser`, `require_role(...)`, the client's ip.

A request authenticates with the session cookie `orglinks_session` (browsers) or an
`Authorization: Bearer …` header (scripts); either is checked against Neo4j on every request, so a
revoked token, a disabled user or a changed role takes effect at once. A cookie session that changes
something must come from this site: a foreign `Origin` is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request

from accounts.principal import Principal, Role, TokenKind
from accounts.rate_limit import LoginRateLimiter
from accounts.tokens import verify_token
from api.deps import GraphDep
from graph.settings import AppSettings

SESSION_COOKIE = "orglinks_session"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> AppSettings:
    """The app's settings, read once when it was created."""
    settings: AppSettings = request.app.state.settings
    return settings


def get_limiter(request: Request) -> LoginRateLimiter:
    """The app's login rate limiter."""
    limiter: LoginRateLimiter = request.app.state.login_limiter
    return limiter


SettingsDep = Annotated[AppSettings, Depends(get_settings)]
LimiterDep = Annotated[LoginRateLimiter, Depends(get_limiter)]


def client_ip(request: Request) -> str:
    """The peer's address; a trusted proxy's X-Forwarded-For only if ORGLINKS_TRUSTED_PROXIES names it."""
    return request.client.host if request.client else "unknown"


def presented_token(request: Request) -> tuple[str, TokenKind] | None:
    """The bearer token if there is an Authorization header, else the session cookie, else None."""
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise _unauthenticated("malformed Authorization header; expected 'Bearer <token>'")
        return value.strip(), TokenKind.BEARER
    cookie = request.cookies.get(SESSION_COOKIE)
    return (cookie, TokenKind.SESSION) if cookie else None


def current_principal(request: Request, graph: GraphDep) -> Principal:
    """The authenticated user of this request; 401 without a live token."""
    presented = presented_token(request)
    if presented is None:
        raise _unauthenticated("not logged in")
    token, kind = presented
    principal = verify_token(graph, token, kind)
    if principal is None:
        raise _unauthenticated("invalid, expired or revoked credentials")
    if kind is TokenKind.SESSION and request.method not in _SAFE_METHODS and not _same_origin(request):
        raise HTTPException(status_code=403, detail="cross-site request refused")
    request.state.principal = principal
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]


def require_role(*roles: Role) -> Callable[[Principal], Principal]:
    """A dependency that lets only the given roles through (403 for the others)."""
    allowed = frozenset(roles)

    def check(principal: CurrentUser) -> Principal:
        if principal.role not in allowed:
            raise HTTPException(status_code=403, detail="your role may not do this")
        return principal

    return check


AdminUser = Annotated[Principal, Depends(require_role(Role.ADMIN))]
EditorUser = Annotated[Principal, Depends(require_role(Role.ADMIN, Role.EDITOR))]
#: Who may claim, decide and withdraw: editors and admins in their area, a unit account for its unit.
ClaimUser = Annotated[Principal, Depends(require_role(Role.ADMIN, Role.EDITOR, Role.UNIT))]


def _same_origin(request: Request) -> bool:
    """True unless the browser says the request came from another site (no Origin: not a browser form)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _unauthenticated(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})
