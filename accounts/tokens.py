"""Session and bearer tokens: issued at random, stored only as a SHA-256, checked against Neo4j.

A token reads `<id>.<secret>`. The id is public (it names the token in lists and revocations); the
database keeps the SHA-256 of the whole token, so a copy of the database lets no one log in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from accounts.principal import Principal, TokenKind
from graph.driver import Graph
from graph.queries.users import (
    CREATE_TOKEN,
    LIST_TOKENS,
    REVOKE_TOKEN,
    REVOKE_USER_TOKENS,
    TOKEN_OWNER,
    VERIFY_TOKEN,
)
from graph.settings import AppSettings

_MAX_TOKEN_LENGTH = 200


@dataclass(frozen=True)
class IssuedToken:
    """A new token: `token` is shown once and never stored."""

    id: str
    token: str
    kind: TokenKind
    name: str | None
    expires: datetime


def token_hash(token: str) -> str:
    """The SHA-256 (hex) that the database keeps instead of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def default_ttl(kind: TokenKind, settings: AppSettings) -> timedelta:
    """How long a new token of this kind lives, from the settings."""
    hours = settings.session_ttl_hours if kind is TokenKind.SESSION else settings.token_ttl_hours
    return timedelta(hours=hours)


def issue_token(
    graph: Graph,
    username: str,
    kind: TokenKind,
    *,
    expires: datetime,
    name: str | None = None,
) -> IssuedToken:
    """Create a token for a user that expires at `expires` (an aware datetime)."""
    token_id = secrets.token_urlsafe(9)
    token = f"{token_id}.{secrets.token_urlsafe(32)}"
    graph.write(
        CREATE_TOKEN,
        {
            "id": token_id,
            "username": username,
            "kind": kind.value,
            "hash": token_hash(token),
            "name": name,
            "expires": expires,
        },
        changes_data=False,
    )
    return IssuedToken(token_id, token, kind, name, expires)


def expiry_after(ttl: timedelta) -> datetime:
    """Now plus a time to live, in UTC."""
    return datetime.now(UTC) + ttl


def verify_token(graph: Graph, token: str, kind: TokenKind) -> Principal | None:
    """The principal of a live token of this kind (not expired, not revoked, user enabled), else None."""
    token_id, dot, secret = token.partition(".")
    if not dot or not token_id or not secret or len(token) > _MAX_TOKEN_LENGTH:
        return None
    rows = graph.read(VERIFY_TOKEN, {"id": token_id, "kind": kind.value})
    if not rows or not hmac.compare_digest(rows[0]["hash"], token_hash(token)):
        return None
    return Principal.from_row(rows[0], token_id=token_id, via=kind)


def token_id_of(token: str) -> str | None:
    """The public id part of a token, or None if it is not shaped like one."""
    token_id, dot, _ = token.partition(".")
    return token_id if dot and token_id else None


def revoke_token(graph: Graph, token_id: str, owner: str | None) -> str | None:
    """Revoke a token of `owner` (None: of anyone); returns its user, or None if there is no such token."""
    rows = graph.write(REVOKE_TOKEN, {"id": token_id, "username": owner}, changes_data=False)
    return str(rows[0]["user"]) if rows else None


def token_owner(graph: Graph, token_id: str) -> str | None:
    """The user a token belongs to, or None if there is no such token."""
    rows = graph.read(TOKEN_OWNER, {"id": token_id})
    return str(rows[0]["user"]) if rows else None


def revoke_user_tokens(graph: Graph, username: str, *, keep: str | None = None) -> int:
    """Revoke every live token of a user but `keep` (after a password change or reset, or when disabled);
    returns how many."""
    return int(
        graph.write(REVOKE_USER_TOKENS, {"username": username, "keep": keep}, changes_data=False)[0]["n"]
    )


def list_tokens(graph: Graph, username: str, limit: int = 200) -> list[dict[str, Any]]:
    """A user's tokens, newest first, without their hashes."""
    return graph.read(LIST_TOKENS, {"username": username, "limit": limit})
