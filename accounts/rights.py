"""Which accounts an admin may manage: only those whose rights are a subset of the admin's own.

The rights of an account are its role, its area (a unit account: its unit) and its `pii` permission. An
admin covers an account if its role ranks no higher than theirs, its area (or unit) lies in their
subtree (a global admin's "no area" is covered only by another global admin), and it holds `pii` only
if they do. A unit account ranks with a viewer and never holds `pii`. An admin may create, change,
reset the password of, or revoke a token of an account only if they cover it before and after, so no
admin can reach, through another account, a right they lack. The CLI's operator (no actor) covers all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.principal import Principal, Role
from graph.driver import Graph
from graph.queries.users import AREA_IN_SCOPE, UNIT_IN_SCOPE

_RANK = {Role.UNIT: 0, Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


@dataclass(frozen=True)
class Rights:
    """What an account may do: its role, the root of its area (None: everything), and `pii`; a unit
    account's unit."""

    role: Role
    area_id: str | None
    pii: bool
    unit_id: str | None = None

    @classmethod
    def of(cls, user: dict[str, Any]) -> Rights:
        """The rights of a user row (`role, area_id, pii, unit_id`)."""
        return cls(Role(user["role"]), user["area_id"], bool(user["pii"]), user.get("unit_id"))


def area_within(graph: Graph, actor: Principal | None, area_id: str | None) -> bool:
    """True if `area_id` lies in the actor's subtree (the operator and a global admin: any area that
    exists, or none). An area that does not exist is never within."""
    if area_id is None:
        return actor is None or actor.is_global
    rows = graph.read(AREA_IN_SCOPE, {"area_id": area_id, "scope": actor.scope if actor else None})
    return bool(rows and rows[0]["in_scope"])


def unit_within(graph: Graph, actor: Principal | None, unit_id: str) -> bool:
    """True if the unit exists and lies in the actor's scope (the operator and a global admin: any unit
    that exists)."""
    rows = graph.read(UNIT_IN_SCOPE, {"unit_id": unit_id, "scope": actor.scope if actor else None})
    return bool(rows and rows[0]["in_scope"])


def home_within(graph: Graph, actor: Principal | None, rights: Rights) -> bool:
    """True if the account's home (a unit account: its unit, any other: its area) is the actor's."""
    if rights.unit_id is not None:
        return unit_within(graph, actor, rights.unit_id)
    return area_within(graph, actor, rights.area_id)


def exceeds(actor: Principal | None, rights: Rights) -> str | None:
    """Which of `rights` the actor lacks, apart from the area (checked by `area_within`): 'role',
    'pii', or None if the actor holds them all."""
    if actor is None:
        return None
    if _RANK[rights.role] > _RANK[actor.role]:
        return "role"
    if rights.pii and not actor.pii:
        return "pii"
    return None
