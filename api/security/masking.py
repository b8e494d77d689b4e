"""Personal data masked by default (minimum necessary): phones as 138****5678, people by their role.

A user with the `pii` permission sees names and phones in full, and every such read is audited. Keys
derived from a name (pinyin, initials, search text) would give the name away, so masking drops them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from api.security.audit import AuditAction, record
from api.security.principal import Principal
from graph.driver import Graph

#: Person properties that are personal data, masked unless the caller holds `pii`.
PII_FIELDS = ("name", "phone")
#: Properties derived from a name; dropped when the name is masked.
DERIVED_FIELDS = ("pinyin", "initials", "keys_text", "aliases", "aliases_text")
#: At most this many ids are listed in one audit entry's detail; the count is always exact.
MAX_AUDITED_IDS = 1000


def mask_phone(phone: str | None) -> str | None:
    """Digits only, the middle hidden: '138-1234-5678' → '138****5678'; a shorter number keeps its last
    two digits ('63123456' → '******56')."""
    if phone is None:
        return None
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 2:
        return "*" * max(len(digits), 1)
    return "*" * (len(digits) - 2) + digits[-2:]


def mask_name(name: str | None) -> str | None:
    """Keep the first character (the surname): '张三丰' → '张**'; a one-character name becomes '*'."""
    if name is None:
        return None
    text = name.strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


def masked_person(person: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a person's properties with the name and phone masked and name-derived keys removed."""
    masked = {k: v for k, v in person.items() if k not in DERIVED_FIELDS}
    if "name" in masked:
        masked["name"] = mask_name(masked["name"])
    if "phone" in masked:
        masked["phone"] = mask_phone(masked["phone"])
    return masked


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
