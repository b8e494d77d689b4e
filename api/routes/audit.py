"""The audit log, for admins: /api/audit. An admin with an area sees the entries of its users."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from accounts.audit import AuditAction, list_entries, record
from api.deps import GraphDep
from api.security.deps import AdminUser, client_ip

router = APIRouter(prefix="/api/audit", tags=["audit"])


class AuditEntryOut(BaseModel):
    id: str
    at: datetime
    user: str | None
    action: str
    target: str | None
    ip: str | None
    detail: str | None


class AuditPageOut(BaseModel):
    total: int
    page: int
    page_size: int
    entries: list[AuditEntryOut]


@router.get("", response_model=AuditPageOut)
def audit_log(
    request: Request,
    principal: AdminUser,
    graph: GraphDep,
    user: str | None = Query(default=None, min_length=1, max_length=64),
    action: AuditAction | None = None,
    since: datetime | None = Query(default=None, description="From this time on (ISO 8601; naive = UTC)"),
    until: datetime | None = Query(default=None, description="Before this time (ISO 8601; naive = UTC)"),
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=50, ge=1, le=500),
) -> AuditPageOut:
    """Audit entries filtered by user, action and time range, newest first."""
    filters: dict[str, Any] = {
        "user": user,
        "action": action.value if action else None,
        "since": _utc(since),
        "until": _utc(until),
    }
    result = list_entries(graph, scope=principal.scope, page=page, page_size=page_size, **filters)
    record(
        graph,
        principal,
        AuditAction.AUDIT_READ,
        None,
        client_ip(request),
        {k: v.isoformat() if isinstance(v, datetime) else v for k, v in filters.items() if v is not None},
    )
    return AuditPageOut(
        total=result.total,
        page=page,
        page_size=page_size,
        entries=[AuditEntryOut(**entry) for entry in result.entries],
    )


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
