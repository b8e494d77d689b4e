"""Who is calling: a user's role, area scope and PII permission, loaded afresh on every request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """What a user may do: manage accounts and read the audit log, load data, only read, or (a unit
    account, tied to one unit) work the claim hall for that unit."""

    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"
    UNIT = "unit"


class TokenKind(StrEnum):
    """How a token is presented: a browser session cookie or a script's bearer header."""

    SESSION = "session"
    BEARER = "bearer"


@dataclass(frozen=True)
class Principal:
    """An authenticated user.

    `scope` is the list of root area ids whose subtrees the user may see and change: `[area_id]`, or
    None (everything) for a global admin. Queries receive it as the `$scope` parameter. A unit account
    (`unit_id`, no area) has an empty scope: outside the claim hall (graph/hall.py), which reads for
    its unit, it sees nothing, exactly as if nothing existed.
    """

    username: str
    role: Role
    area_id: str | None
    pii: bool
    # The credential this request came with (None outside a request, e.g. in the CLI).
    token_id: str | None = field(default=None, compare=False)
    via: TokenKind | None = field(default=None, compare=False)
    unit_id: str | None = None

    @property
    def scope(self) -> list[str] | None:
        """Root area ids of the user's subtree, or None for a global admin (no area)."""
        if self.role is Role.UNIT:
            return []
        if self.area_id is None:
            return None if self.role is Role.ADMIN else []
        return [self.area_id]

    @property
    def is_global(self) -> bool:
        """An admin without an area: sees everything."""
        return self.scope is None

    def can_read(self) -> bool:
        """Every role may read its own subtree."""
        return True

    def can_write(self) -> bool:
        """Admins and editors may load and change data in their subtree."""
        return self.role in (Role.ADMIN, Role.EDITOR)

    def can_claim(self) -> bool:
        """Admins and editors claim and decide for their area, a unit account for its unit."""
        return self.role in (Role.ADMIN, Role.EDITOR, Role.UNIT)

    def can_admin(self) -> bool:
        """Only admins manage accounts and read the audit log."""
        return self.role is Role.ADMIN

    @classmethod
    def from_row(
        cls, row: Mapping[str, Any], *, token_id: str | None = None, via: TokenKind | None = None
    ) -> Principal:
        """Build from a user row (`username, role, area_id, pii`, and `unit_id` for a unit account)."""
        return cls(
            username=row["username"],
            role=Role(row["role"]),
            area_id=row["area_id"],
            pii=bool(row["pii"]),
            token_id=token_id,
            via=via,
            unit_id=row.get("unit_id"),
        )
