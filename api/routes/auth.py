"""Login, logout, the current user, and bearer tokens for scripts: /api/auth/…"""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, HTTPException, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from accounts.accounts import authenticate, change_own_password, revoke_token_as
from accounts.audit import AuditAction, record
from accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from accounts.principal import Principal, Role, TokenKind
from accounts.rate_limit import LoginRateLimiter
from accounts.tokens import (
    default_ttl,
    expiry_after,
    issue_token,
    list_tokens,
    revoke_token,
)
from api.deps import GraphDep
from api.security.deps import SESSION_COOKIE, CurrentUser, LimiterDep, SettingsDep, client_ip
from graph.driver import Graph
from graph.errors import Busy

router = APIRouter(prefix="/api/auth", tags=["auth"])


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)


class Me(BaseModel):
    username: str
    role: Role
    area_id: str | None
    pii: bool


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="What the token is for")
    ttl_hours: int | None = Field(
        default=None, ge=1, description="Lifetime; at most ORGLINKS_TOKEN_TTL_HOURS"
    )


class TokenCreated(BaseModel):
    id: str
    token: str = Field(description="Shown once; send it as `Authorization: Bearer <token>`")
    name: str | None
    expires: datetime


class TokenInfo(BaseModel):
    id: str
    kind: TokenKind
    name: str | None
    created_at: datetime
    expires: datetime
    revoked: bool


def _rate_limited(wait: int) -> HTTPException:
    return HTTPException(
        status_code=429,
        detail="too many failed attempts; try again later",
        headers={"Retry-After": str(wait)},
    )


def _claim_attempt(
    graph: Graph, limiter: LoginRateLimiter, username: str, ip: str, *, audit_as: Principal | str
) -> None:
    """Count a password attempt before its hash is checked; 429 if the limit is reached (the first
    refusal of a block is audited, the rest of it is not)."""
    claim = limiter.claim(graph, username, ip)
    if claim.retry_after is None:
        return
    if claim.audit_block:
        record(graph, audit_as, AuditAction.LOGIN_BLOCKED, username, ip, {"retry_after": claim.retry_after})
    raise _rate_limited(claim.retry_after)


def _me(principal: Principal) -> Me:
    return Me(username=principal.username, role=principal.role, area_id=principal.area_id, pii=principal.pii)


@router.post("/login", response_model=Me, responses={401: {}, 429: {}})
def login(
    body: LoginIn,
    request: Request,
    response: Response,
    graph: GraphDep,
    settings: SettingsDep,
    limiter: LimiterDep,
) -> Me:
    """Log in with a username and password; sets the HttpOnly session cookie."""
    ip = client_ip(request)
    _claim_attempt(graph, limiter, body.username, ip, audit_as=body.username)
    try:
        result = authenticate(graph, body.username, body.password)
    except Busy:
        limiter.abandoned(graph, body.username, ip)
        raise
    if result.principal is None:
        record(graph, body.username, AuditAction.LOGIN_FAILED, body.username, ip, {"reason": result.reason})
        raise HTTPException(
            status_code=401, detail="wrong username or password", headers={"WWW-Authenticate": "Bearer"}
        )
    limiter.succeeded(graph, body.username, ip)
    ttl = default_ttl(TokenKind.SESSION, settings)
    issued = issue_token(graph, body.username, TokenKind.SESSION, expires=expiry_after(ttl))
    record(graph, result.principal, AuditAction.LOGIN, body.username, ip, {"token": issued.id})
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=int(ttl.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )
    return _me(result.principal)


@router.post("/logout", status_code=204, response_class=Response)
def logout(request: Request, principal: CurrentUser, graph: GraphDep) -> Response:
    """Log out: revoke the token this request came with and clear the session cookie."""
    if principal.token_id is not None:
        revoke_token(graph, principal.token_id, principal.username)
    record(graph, principal, AuditAction.LOGOUT, principal.token_id, client_ip(request))
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


@router.get("/me", response_model=Me)
def me(principal: CurrentUser) -> Me:
    """The logged-in user: role, area and whether they may see personal data."""
    return _me(principal)


@router.post("/password", status_code=204, response_class=Response, responses={401: {}, 422: {}, 429: {}})
def change_password(
    body: PasswordChange, request: Request, principal: CurrentUser, graph: GraphDep, limiter: LimiterDep
) -> Response:
    """Change your own password; every other session and token of yours ends."""
    ip = client_ip(request)
    _claim_attempt(graph, limiter, principal.username, ip, audit_as=principal)
    try:
        changed = change_own_password(graph, principal, body.current_password, body.new_password, ip=ip)
    except Busy:
        limiter.abandoned(graph, principal.username, ip)
        raise
    if not changed:
        record(
            graph, principal, AuditAction.LOGIN_FAILED, principal.username, ip, {"reason": "password_change"}
        )
        raise HTTPException(status_code=401, detail="the current password is wrong")
    limiter.succeeded(graph, principal.username, ip)
    return Response(status_code=204)


@router.post("/tokens", response_model=TokenCreated, status_code=201, responses={403: {}})
def create_token(
    body: TokenIn, request: Request, principal: CurrentUser, graph: GraphDep, settings: SettingsDep
) -> TokenCreated:
    """Create a bearer token for scripts (from a browser session only); the token is shown once."""
    if principal.via is not TokenKind.SESSION:
        # A token cannot mint tokens, so a leaked one dies at its expiry.
        raise HTTPException(status_code=403, detail="log in with a password to create tokens")
    longest = default_ttl(TokenKind.BEARER, settings)
    ttl = min(timedelta(hours=body.ttl_hours), longest) if body.ttl_hours else longest
    issued = issue_token(
        graph, principal.username, TokenKind.BEARER, expires=expiry_after(ttl), name=body.name
    )
    record(graph, principal, AuditAction.TOKEN_CREATE, issued.id, client_ip(request), {"name": body.name})
    return TokenCreated(id=issued.id, token=issued.token, name=issued.name, expires=issued.expires)


@router.get("/tokens", response_model=list[TokenInfo])
def my_tokens(principal: CurrentUser, graph: GraphDep) -> list[TokenInfo]:
    """The caller's own tokens, newest first (never the tokens themselves)."""
    return [TokenInfo(**row) for row in list_tokens(graph, principal.username)]


@router.delete("/tokens/{token_id}", status_code=204, response_class=Response, responses={404: {}})
def delete_token(
    request: Request,
    principal: CurrentUser,
    graph: GraphDep,
    token_id: str = Path(min_length=1, max_length=64),
) -> Response:
    """Revoke one of the caller's tokens (a global admin may revoke those of the accounts they manage)."""
    revoke_token_as(graph, principal, token_id)
    record(graph, principal, AuditAction.TOKEN_REVOKE, token_id, client_ip(request))
    return Response(status_code=204)
