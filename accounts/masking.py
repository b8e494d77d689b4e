"""Personal data masked by default (minimum necessary): phones as 138****5678, people by their role.

A user with the `pii` permission sees names and phones in full, and every such read is audited. Keys
derived from a name (pinyin, initials, search text) would give the name away, so masking drops them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from accounts.audit import AuditAction, record
from accounts.principal import Principal
from graph.driver import Graph
from graph.masking import PII_FIELDS, mask_name, mask_phone, masked_person

__all__ = ["mask_name", "mask_phone", "masked_person", "protect_people", "protect_person"]

#: At most this many ids are listed in one audit entry's detail; the count is always exact.
MAX_AUDITED_IDS = 1000


def protect_person(
    graph: Graph,
    principal: Principal,
    person: Mapping[str, Any],
    *,
    ip: str | None,
    purpose: str,
    reveal: bool = True,
) -> dict[str, Any]:
    """One person as the caller may see it: masked, or (with `pii` and `reveal`) in full and audited."""
    return protect_people(graph, principal, [person], ip=ip, purpose=purpose, reveal=reveal)[0]


def protect_people(
    graph: Graph,
    principal: Principal,
    people: Iterable[Mapping[str, Any]],
    *,
    ip: str | None,
    purpose: str,
    reveal: bool = True,
) -> list[dict[str, Any]]:
    """People as the caller may see them; an unmasked list is recorded in one audit entry before it is
    returned (`purpose` names the page or endpoint, e.g. 'entities' or 'export:roster')."""
    items = list(people)
    if not (principal.pii and reveal):
        return [masked_person(p) for p in items]
    exposed = [p for p in items if any(p.get(k) for k in PII_FIELDS)]
    if exposed:
        ids = [str(p.get("id")) for p in exposed]
        record(
            graph,
            principal,
            AuditAction.PII_READ,
            target=ids[0] if len(ids) == 1 else f"{len(ids)} persons",
            ip=ip,
            detail={"purpose": purpose, "count": len(ids), "ids": ids[:MAX_AUDITED_IDS]},
        )
    return [dict(p) for p in items]
