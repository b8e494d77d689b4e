"""Exports are audited (who downloaded which list or graph, of which area, in which format) and
bounded: one user runs at most `ORGLINKS_EXPORT_CONCURRENCY` heavy exports at once in a process, so one
person's burst of city-wide files cannot take Neo4j's shared transaction memory from everyone else."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import Response

from accounts.audit import AuditAction, record
from accounts.principal import Principal
from api.security.deps import CurrentUser, client_ip
from graph.driver import Graph
from graph.errors import TooManyRequests

#: `?format=` values that make a list answer its whole content as a file.
FILE_FORMATS = frozenset({"csv", "xlsx"})
#: Routes under this prefix always answer a file (GraphML, GEXF).
FILE_PREFIX = "/api/export/"
RETRY_AFTER_S = 10


class ExportSlots:
    """How many heavy exports each user has running in this process (threads share it)."""

    def __init__(self, per_user: int) -> None:
        self.per_user = per_user
        self._running: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def hold(self, username: str) -> Iterator[None]:
        """One slot of the user's while the block runs; TooManyRequests (429) if all are taken."""
        with self._lock:
            if self._running[username] >= self.per_user:
                raise TooManyRequests(
                    f"at most {self.per_user} exports at once; wait for one to finish",
                    retry_after=RETRY_AFTER_S,
                )
            self._running[username] += 1
        try:
            yield
        finally:
            with self._lock:
                self._running[username] -= 1
                if self._running[username] <= 0:
                    del self._running[username]


def is_heavy_export(request: Request) -> bool:
    """True if the request asks for a whole list or a subgraph as a file."""
    return request.url.path.startswith(FILE_PREFIX) or request.query_params.get("format") in FILE_FORMATS


def _export_slot(request: Request, principal: CurrentUser) -> Iterator[None]:
    if not is_heavy_export(request):
        yield
        return
    slots: ExportSlots = request.app.state.export_slots
    with slots.hold(principal.username):
        request.state.export_slot = True
        yield


#: A router dependency (api/main.py) of every router that answers files.
ExportSlot: Any = Depends(_export_slot)


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
    if not getattr(request.state, "export_slot", False):
        # A defect, not a user's mistake: the route's router lacks the ExportSlot dependency.
        raise RuntimeError(f"{request.url.path} exports without holding an export slot (api/main.py)")
    detail = {
        "what": what,
        "area": area,
        "format": request.query_params.get("format") or request.url.path.rsplit("/", 1)[-1],
        "rows": rows,
    }
    record(graph, principal, AuditAction.EXPORT, target=area or what, ip=client_ip(request), detail=detail)
    return response
