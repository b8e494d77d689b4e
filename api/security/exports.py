"""Exports are audited: who downloaded which list or graph, of which area, in which format."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from accounts.audit import AuditAction, record
from accounts.principal import Principal
from api.security.deps import client_ip
from graph.driver import Graph


def audited_export(
    graph: Graph,
    principal: Principal,
    request: Request,
    response: Response,
    *,
    what: str,
    area: str | None,
    rows: int | None = None,
) -> Response:
    """Record an `export` audit entry (what, area, format, row count) and return the response; if the
    entry cannot be written, the export fails (503) rather than happen unaudited."""
    detail = {
        "what": what,
        "area": area,
        "format": request.query_params.get("format") or request.url.path.rsplit("/", 1)[-1],
        "rows": rows,
    }
    record(graph, principal, AuditAction.EXPORT, target=area or what, ip=client_ip(request), detail=detail)
    return response
