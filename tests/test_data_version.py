"""The data version (graph/queries/data_version.py): every write of the graph's data raises it in its own
transaction, through graph/driver.py's `Graph.write_tx`; the accounts' writes (users, tokens, audit,
login limits) do not; a wiped database starts a new epoch. Over tests/fixtures/world_claims.py.

Each workflow step below is one write transaction, so it raises the version by exactly one; a refused
step raises it by none (the raise is in the step's transaction, which is rolled back)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from accounts import audit, tokens
from accounts.accounts import create_user, reset_password, update_user
from accounts.audit import AuditAction
from accounts.principal import Role, TokenKind
from accounts.rate_limit import LoginRateLimiter
from devtools import harness
from graph import claims, lifecycle
from graph.driver import Graph
from graph.errors import NotFound
from graph.migrate import migrate
from graph.queries.writes import merge_nodes
from graph.schema import Label
from graph.settings import PROJECT_ROOT
from graph.stats_cache import DataVersion, data_version
from loaders.pipeline import load_path
from tests.auth_world import cheap_argon2  # noqa: F401  (a fixture)
from tests.fixtures import world_claims
from tests.fixtures.world_claims import M1, M2, S1, claim_of
from tests.loaders_support import copy_basic


@pytest.fixture
def world(graph: Graph, cheap_argon2: None) -> Graph:  # noqa: F811
    world_claims.build(graph)
    return graph


def _version(graph: Graph) -> DataVersion:
    version = data_version(graph)
    assert version is not None
    return version


def _raises(graph: Graph, step: Callable[[], object]) -> int:
    """How far the step moved the data version (in the same epoch)."""
    before = _version(graph)
    step()
    after = _version(graph)
    assert after.epoch == before.epoch
    return after.number - before.number


def test_each_workflow_write_raises_the_version_once(world: Graph) -> None:
    claim = ""

    def make() -> None:
        nonlocal claim
        claim = claim_of(world, "N1", "U1")

    assert _raises(world, make) == 1
    approval: list[claims.Approval] = []
    assert _raises(world, lambda: approval.append(claims.approve_claim(world, M1, claim))) == 1
    draft = approval[0].contract  # U1 has no contract with P-M1: the approval made a draft
    sign = lambda: lifecycle.sign_contract(world, M1, draft, signed=dt.date(2026, 3, 15), expires=None)  # noqa: E731
    assert _raises(world, sign) == 1
    on = dt.date(2026, 9, 1)
    assert (
        _raises(world, lambda: lifecycle.terminate_contract(world, M1, draft, on=on, reason="单位搬迁")) == 1
    )
    assert _raises(world, lambda: lifecycle.step_project(world, M1, approval[0].project, "start")) == 1
    publish = lambda: claims.raise_need(world, M1, raiser="A-M1", title="助残服务", category="health")  # noqa: E731
    assert _raises(world, publish) == 1
    offer = lambda: claims.offer_resource(world, S1, provider="U1", title="义诊", category="health")  # noqa: E731
    assert _raises(world, offer) == 1
    second = claim_of(world, "N2", "U2")
    assert _raises(world, lambda: claims.reject_claim(world, M1, second, reason="已有安排")) == 1
    third = claim_of(world, "N2", "U1")
    assert _raises(world, lambda: claims.withdraw_claim(world, S1, third)) == 1


def test_a_refused_step_raises_nothing(world: Graph) -> None:
    claim = claim_of(world, "N1", "U1")

    def out_of_scope() -> None:
        with pytest.raises(NotFound):
            claims.approve_claim(world, M2, claim)  # 金马社区 does not see 佴家湾's need: "no such claim"

    assert _raises(world, out_of_scope) == 0

    def publish_for_another_area() -> None:
        with pytest.raises(NotFound):  # 金马社区's editor does not act for 佴家湾社区
            claims.raise_need(world, M2, raiser="A-M1", title="助残服务", category="health")

    assert _raises(world, publish_for_another_area) == 0


def test_a_load_and_a_plain_write_raise_the_version(graph: Graph, tmp_path: Path) -> None:
    assert _raises(graph, lambda: load_path(graph, copy_basic(tmp_path))) > 0
    rows = {"rows": [{"id": "U-NEW", "props": {"name": "新单位"}, "prov": world_claims.PROV}]}
    assert _raises(graph, lambda: graph.write(merge_nodes(Label.UNIT), rows)) == 1


def test_account_token_audit_and_login_limit_writes_leave_the_version(world: Graph) -> None:
    limiter = LoginRateLimiter(max_failures=3, window_s=60)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    steps: list[Callable[[], object]] = [
        lambda: create_user(world, None, username="newviewer", role=Role.VIEWER, area_id="A-S1", pii=False),
        lambda: update_user(world, None, "newviewer", {"pii": True}),
        lambda: reset_password(world, None, "newviewer"),
        lambda: tokens.revoke_token(
            world, tokens.issue_token(world, "newviewer", TokenKind.BEARER, expires=expires).id, None
        ),
        lambda: tokens.revoke_user_tokens(world, "newviewer"),
        lambda: audit.record(world, "newviewer", AuditAction.LOGIN, ip="10.0.0.1"),
        lambda: audit.prune(world, 1),
        lambda: limiter.claim(world, "newviewer", "10.0.0.1"),
        lambda: limiter.succeeded(world, "newviewer", "10.0.0.1"),
    ]
    for step in steps:
        assert _raises(world, step) == 0


def test_a_wiped_database_counts_in_a_new_epoch(graph: Graph, owner_token: str) -> None:
    graph.write(merge_nodes(Label.UNIT), {"rows": [{"id": "U1", "props": {}, "prov": world_claims.PROV}]})
    before = _version(graph)
    assert before.number == 1
    assert before.epoch is not None
    harness.wipe(graph, owner_token)
    assert data_version(graph) is None  # the counter went with the data
    migrate(graph)
    after = _version(graph)
    # The number starts again, so only the epoch tells the two databases' figures apart.
    assert after.number == 0
    assert after.epoch not in (None, before.epoch)


# --- the guard: no write path skips the raise unless it is allowed to ---------------------------------

PRODUCT = ("api", "cli", "visualize", "loaders", "reports", "accounts", "i18n", "graph", "devtools")
#: Where `changes_data=False` may stand: writes that change no figure's input (and the schema's DDL and
#: record, and the test harness's marker and wipe).
MAY_SKIP = {"accounts/accounts.py", "accounts/audit.py", "accounts/rate_limit.py", "accounts/tokens.py"}
MAY_SKIP |= {"graph/migrate.py", "devtools/harness.py", "graph/driver.py"}
#: Sessions and transactions opened beside Graph's (which raise nothing): only the driver's own, and the
#: launcher's first-password change on the system database.
OWN_SESSIONS = {"graph/driver.py", "cli/local_neo4j.py"}
_SESSION = re.compile(
    r"\.session\(|execute_write\(|execute_query\(|begin_transaction\(|\.write_transaction\("
)


def _sources() -> list[tuple[str, str]]:
    files = [p for package in PRODUCT for p in (PROJECT_ROOT / package).rglob("*.py")]
    return [(p.relative_to(PROJECT_ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in files]


def test_only_the_accounts_the_schema_and_the_harness_skip_the_raise() -> None:
    skipping = {path for path, text in _sources() if "changes_data=False" in text}
    assert skipping <= MAY_SKIP, f"writes that skip the data version: {sorted(skipping - MAY_SKIP)}"
    assert "graph/migrate.py" in skipping  # the scan sees what it looks for


def test_every_write_goes_through_graphs_write_path() -> None:
    opening = {path for path, text in _sources() if _SESSION.search(text)}
    assert opening <= OWN_SESSIONS, (
        f"sessions opened outside graph/driver.py: {sorted(opening - OWN_SESSIONS)}"
    )
