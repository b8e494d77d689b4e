"""The audit trail: who did what, when, to what, from where. Entries are written, listed and pruned.

Recorded: every login, failed or blocked login and logout, every unmasked read of personal data, every
import and export, token and account changes, and reads of the audit log itself. A failure to record
fails the action it records (the caller gets 503), so nothing audited happens unaudited.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from neo4j import ManagedTransaction

from accounts.principal import Principal
from graph.driver import Graph, run
from graph.queries.audit import COUNT_ENTRIES, CREATE_ENTRY, LIST_ENTRIES, PRUNE_ENTRIES
from graph.queries.users import PRUNE_TOKENS

_PRUNE_BATCH = 10_000
_MAX_TEXT = 500
#: The open ends of a time range: before any entry and after every one.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


class AuditAction(StrEnum):
    """What an audit entry records."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_BLOCKED = "login_blocked"
    LOGOUT = "logout"
    PII_READ = "pii_read"
    IMPORT = "import"
    EXPORT = "export"
    TOKEN_CREATE = "token_create"
    TOKEN_REVOKE = "token_revoke"
    USER_CREATE = "user_create"
    USER_UPDATE = "user_update"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGE = "password_change"
    AUDIT_READ = "audit_read"
    AUDIT_PRUNE = "audit_prune"


@dataclass(frozen=True)
class AuditPage:
    """One page of audit entries, newest first, and how many match in all."""

    total: int
    entries: list[dict[str, Any]]


def record(
    graph: Graph,
    actor: Principal | str | None,
    action: AuditAction,
    target: str | None = None,
    ip: str | None = None,
    detail: Mapping[str, Any] | str | None = None,
) -> str:
    """Write one audit entry now and return its id; `detail` is kept as JSON text."""
    user = actor.username if isinstance(actor, Principal) else actor
    detail_text = (
        detail if isinstance(detail, str) or detail is None else json.dumps(detail, ensure_ascii=False)
    )
    entry_id = str(uuid.uuid4())
    graph.write(
        CREATE_ENTRY,
        {
            "id": entry_id,
            "at": datetime.now(UTC),
            "user": _clip(user),
            "action": action.value,
            "target": _clip(target),
            "ip": _clip(ip),
            "detail": detail_text,
        },
        changes_data=False,
    )
    return entry_id


def list_entries(
    graph: Graph,
    *,
    scope: list[str] | None,
    user: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page: int = 1,
    page_size: int = 50,
) -> AuditPage:
    """Entries that match every given filter, newest first; `scope` limits them to users in those areas."""
    params = {
        "scope": scope,
        "user": user,
        "action": action,
        "since": since or _EPOCH,
        "until": until or _FAR_FUTURE,
    }

    def work(tx: ManagedTransaction) -> AuditPage:
        total = run(tx, COUNT_ENTRIES, params)[0]["n"]
        rows = run(tx, LIST_ENTRIES, {**params, "skip": (page - 1) * page_size, "limit": page_size})
        return AuditPage(int(total), [_plain(row) for row in rows])

    return graph.read_tx(work)


def prune(graph: Graph, retention_days: int, *, now: datetime | None = None) -> int:
    """Delete audit entries (and dead tokens) older than the retention; returns how many entries went."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    deleted = 0
    while n := int(
        graph.write(PRUNE_ENTRIES, {"cutoff": cutoff, "batch": _PRUNE_BATCH}, changes_data=False)[0]["n"]
    ):
        deleted += n
    while int(
        graph.write(PRUNE_TOKENS, {"cutoff": cutoff, "batch": _PRUNE_BATCH}, changes_data=False)[0]["n"]
    ):
        pass
    return deleted


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    at = row["at"]
    return {**row, "at": at.to_native() if hasattr(at, "to_native") else at}


def _clip(text: str | None) -> str | None:
    return text if text is None or len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + "…"
