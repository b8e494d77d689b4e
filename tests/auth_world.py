"""A small area tree and one user per role and level, for the auth tests.

    C 昆明市 (city)
    ├── D1 官渡区 (district)
    │   └── S1 太和街道 (street)
    │       └── M1 佴家湾社区 (community)
    └── D2 西山区 (district)
        └── S2 永兴路街道 (street)

Users: root (global admin), cityadmin (admin, C, pii), districtviewer (viewer, D1),
streeteditor (editor, S1), communityviewer (viewer, M1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from accounts import passwords
from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel

AREAS = [
    ("C", "昆明市", "city", None),
    ("D1", "官渡区", "district", "C"),
    ("S1", "太和街道", "street", "D1"),
    ("M1", "佴家湾社区", "community", "S1"),
    ("D2", "西山区", "district", "C"),
    ("S2", "永兴路街道", "street", "D2"),
]
USERS = [
    ("root", Role.ADMIN, None, True),
    ("cityadmin", Role.ADMIN, "C", True),
    ("districtviewer", Role.VIEWER, "D1", False),
    ("streeteditor", Role.EDITOR, "S1", False),
    ("communityviewer", Role.VIEWER, "M1", False),
]


@dataclass
class World:
    passwords: dict[str, str]

    def bearer(self, graph: Graph, username: str, *, hours: float = 1) -> dict[str, str]:
        """An Authorization header with a fresh bearer token of the user."""
        token = issue_token(
            graph, username, TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(hours=hours)
        ).token
        return {"Authorization": f"Bearer {token}"}


def write_areas(graph: Graph) -> None:
    prov = {"load_id": "test"}
    graph.write(
        merge_nodes(Label.AREA),
        {"rows": [{"id": i, "props": {"name": n, "level": lv}, "prov": prov} for i, n, lv, _ in AREAS]},
    )
    graph.write(
        merge_rels(Rel.PART_OF, Label.AREA, Label.AREA),
        {"rows": [{"src": i, "dst": p, "props": {}, "prov": prov} for i, _, _, p in AREAS if p]},
    )


def build_world(graph: Graph, users: list[tuple[str, Role, str | None, bool]] | None = None) -> World:
    """The area tree and the users (all of them unless a subset is given)."""
    write_areas(graph)
    passwords = {}
    for username, role, area, pii in USERS if users is None else users:
        _, passwords[username] = create_user(graph, None, username=username, role=role, area_id=area, pii=pii)
    return World(passwords)


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2id, with small cost parameters, so a test can create many accounts quickly.

    `test_auth_units.py` checks the production parameters."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
