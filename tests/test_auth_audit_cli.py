"""Audit entries and retention, unmasked reads audited, the schema's account labels, and the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accounts.accounts import ensure_demo_admin
from accounts.audit import AuditAction, list_entries, prune, record
from accounts.masking import protect_people, protect_person
from accounts.passwords import verify_password
from accounts.principal import Principal, Role, TokenKind
from accounts.scope import effective_scope
from accounts.tokens import issue_token
from cli.main import app as cli_app
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.errors import NotFound
from graph.migrate import existing_schema_names
from graph.queries.audit import CREATE_ENTRY
from graph.schema import ENTITY_LABELS, Label
from graph.settings import Neo4jSettings
from tests.auth_world import build_world, cheap_argon2, write_areas  # noqa: F401

pytestmark = pytest.mark.usefixtures("cheap_argon2")

ENTRIES = NamedQuery(
    "t_entries2",
    "MATCH (e:AuditEntry) WHERE e.action = $action "
    "RETURN e.user AS user, e.target AS target, e.ip AS ip, e.detail AS detail ORDER BY e.at",
)
ENTRY_IDS = NamedQuery("t_entry_ids", "MATCH (e:AuditEntry) RETURN e.id AS id ORDER BY id")
TOKEN_IDS = NamedQuery("t_token_ids", "MATCH (t:ApiToken) RETURN t.id AS id ORDER BY id")
USER = NamedQuery("t_user", "MATCH (u:User {id: $id}) RETURN properties(u) AS p")
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

PEOPLE = [
    {"id": "P1", "name": "张三丰", "phone": "13812345678", "title": "社区民警"},
    {"id": "P2", "name": "李四", "phone": None, "title": "物业经理"},
]


def _entry(graph: Graph, at: datetime, action: str = "login") -> str:
    entry_id = str(uuid.uuid4())
    graph.write(
        CREATE_ENTRY,
        {"id": entry_id, "at": at, "user": "u", "action": action, "target": None, "ip": None, "detail": None},
    )
    return entry_id


def test_account_labels_are_constrained_indexed_and_not_entities(graph: Graph) -> None:
    for label in (Label.USER, Label.API_TOKEN, Label.AUDIT_ENTRY):
        assert label not in ENTITY_LABELS
    names = existing_schema_names(graph)
    assert {"user_id", "apitoken_id", "auditentry_id", "audit_entry_at", "api_token_user"} <= names


def test_record_writes_who_what_when_where(graph: Graph) -> None:
    before = datetime.now(UTC)
    principal = Principal("streeteditor", Role.EDITOR, "S1", False)
    record(graph, principal, AuditAction.IMPORT, "load-7", "10.1.2.3", {"files": ["单位.xlsx"], "rows": 12})
    page = list_entries(graph, scope=None)
    assert page.total == 1
    [entry] = page.entries
    assert (entry["user"], entry["action"], entry["target"], entry["ip"]) == (
        "streeteditor",
        "import",
        "load-7",
        "10.1.2.3",
    )
    assert json.loads(entry["detail"]) == {"files": ["单位.xlsx"], "rows": 12}
    assert before <= entry["at"] <= datetime.now(UTC)


def test_prune_deletes_only_entries_older_than_the_retention(graph: Graph) -> None:
    old = [_entry(graph, NOW - timedelta(days=200)), _entry(graph, NOW - timedelta(days=181))]
    kept = [_entry(graph, NOW - timedelta(days=179)), _entry(graph, NOW - timedelta(days=1))]
    assert old  # written, then pruned
    dead = issue_token(graph, "u", TokenKind.BEARER, expires=NOW - timedelta(days=200))
    live = issue_token(graph, "u", TokenKind.BEARER, expires=NOW - timedelta(days=1))
    assert prune(graph, 180, now=NOW) == 2
    assert graph.read(ENTRY_IDS) == [{"id": i} for i in sorted(kept)]
    assert graph.read(TOKEN_IDS) == [{"id": live.id}]
    assert dead.id != live.id
    assert prune(graph, 180, now=NOW) == 0


def test_masked_people_are_not_audited(graph: Graph) -> None:
    viewer = Principal("vi", Role.VIEWER, "M1", pii=False)
    shown = protect_people(graph, viewer, PEOPLE, ip="10.0.0.5", purpose="committee")
    assert shown == [
        {"id": "P1", "name": "张**", "phone": "138****5678", "title": "社区民警"},
        {"id": "P2", "name": "李*", "phone": None, "title": "物业经理"},
    ]
    assert graph.read(ENTRIES, {"action": "pii_read"}) == []


def test_unmasked_people_are_audited_once_per_read(graph: Graph) -> None:
    holder = Principal("cityadmin", Role.ADMIN, "C", pii=True)
    shown = protect_people(graph, holder, PEOPLE, ip="10.0.0.5", purpose="export:roster")
    assert shown == PEOPLE
    one = protect_person(graph, holder, PEOPLE[0], ip="10.0.0.6", purpose="entities")
    assert one == PEOPLE[0]
    entries = graph.read(ENTRIES, {"action": "pii_read"})
    assert [(e["user"], e["target"], e["ip"]) for e in entries] == [
        ("cityadmin", "2 persons", "10.0.0.5"),
        ("cityadmin", "P1", "10.0.0.6"),
    ]
    assert json.loads(entries[0]["detail"]) == {"purpose": "export:roster", "count": 2, "ids": ["P1", "P2"]}


def test_a_pii_holder_who_does_not_ask_sees_masked_data_unaudited(graph: Graph) -> None:
    holder = Principal("cityadmin", Role.ADMIN, "C", pii=True)
    shown = protect_person(graph, holder, PEOPLE[0], ip=None, purpose="search", reveal=False)
    assert (shown["name"], shown["phone"]) == ("张**", "138****5678")
    assert graph.read(ENTRIES, {"action": "pii_read"}) == []


def test_ensure_demo_admin_creates_one_global_admin_once(graph: Graph) -> None:
    password = ensure_demo_admin(graph)
    assert password is not None
    assert len(password) >= 16
    stored = graph.read(USER, {"id": "admin"})[0]["p"]
    assert (stored["role"], stored.get("area_id"), stored["pii"], stored["disabled"]) == (
        "admin",
        None,
        False,
        False,
    )
    assert verify_password(stored["password_hash"], password)
    assert ensure_demo_admin(graph) is None


@pytest.fixture
def cli(
    graph: Graph, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> CliRunner:
    """The CLI, pointed at the test's database."""
    monkeypatch.setenv("NEO4J_URI", test_neo4j_settings.uri)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(test_neo4j_settings.password_file))
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def _password(output: str) -> str:
    match = re.search(r"Password \(shown only now\): (\S+)", output)
    assert match, output
    return match.group(1)


def test_cli_user_lifecycle(graph: Graph, cli: CliRunner) -> None:
    write_areas(graph)
    added = cli.invoke(cli_app, ["user", "add", "alice", "--role", "viewer", "--area", "M1"])
    assert added.exit_code == 0, added.output
    first = _password(added.output)
    stored = graph.read(USER, {"id": "alice"})[0]["p"]
    assert (stored["role"], stored["area_id"], stored["pii"]) == ("viewer", "M1", False)
    assert verify_password(stored["password_hash"], first)
    assert first not in json.dumps(stored, default=str)

    other = cli.invoke(cli_app, ["user", "add", "bob", "--role", "editor", "--area", "S1", "--pii"])
    assert other.exit_code == 0, other.output
    assert _password(other.output) != first

    assert cli.invoke(cli_app, ["user", "add", "carl", "--role", "viewer"]).exit_code != 0
    assert cli.invoke(cli_app, ["user", "add", "carl", "--role", "viewer", "--area", "NOPE"]).exit_code != 0
    assert cli.invoke(cli_app, ["user", "add", "alice", "--role", "viewer", "--area", "M1"]).exit_code != 0

    listed = cli.invoke(cli_app, ["user", "list", "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    rows = list(csv.DictReader(io.StringIO(listed.output)))
    assert [(r["username"], r["role"], r["area_id"], r["pii"], r["disabled"]) for r in rows] == [
        ("alice", "viewer", "M1", "False", "False"),
        ("bob", "editor", "S1", "True", "False"),
    ]

    reset = cli.invoke(cli_app, ["user", "reset-password", "alice"])
    assert reset.exit_code == 0, reset.output
    second = _password(reset.output)
    hashed = graph.read(USER, {"id": "alice"})[0]["p"]["password_hash"]
    assert verify_password(hashed, second)
    assert not verify_password(hashed, first)

    assert cli.invoke(cli_app, ["user", "disable", "alice"]).exit_code == 0
    assert graph.read(USER, {"id": "alice"})[0]["p"]["disabled"] is True
    assert cli.invoke(cli_app, ["user", "disable", "nobody"]).exit_code != 0


def test_cli_audit_lists_filters_and_prunes(
    graph: Graph, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC)
    _entry(graph, now - timedelta(days=40), "export")
    _entry(graph, now - timedelta(days=10), "export")
    _entry(graph, now - timedelta(days=5), "import")
    listed = cli.invoke(cli_app, ["audit", "--action", "export", "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    rows = list(csv.DictReader(io.StringIO(listed.output)))
    assert [r["action"] for r in rows] == ["export", "export"]
    recent = cli.invoke(
        cli_app,
        ["audit", "--since", (now - timedelta(days=7)).strftime("%Y-%m-%d %H:%M:%S"), "--format", "csv"],
    )
    assert [r["action"] for r in csv.DictReader(io.StringIO(recent.output))][-1] == "import"
    assert "export" not in [r["action"] for r in csv.DictReader(io.StringIO(recent.output))]

    monkeypatch.setenv("ORGLINKS_AUDIT_RETENTION_DAYS", "30")
    pruned = cli.invoke(cli_app, ["audit", "--prune"])
    assert pruned.exit_code == 0, pruned.output
    assert "Deleted 1 audit entries older than 30 days" in pruned.output
    remaining = list_entries(graph, scope=None, action="export").entries
    assert len(remaining) == 1
    [prune_entry] = list_entries(graph, scope=None, action="audit_prune").entries
    assert json.loads(prune_entry["detail"]) == {"days": 30, "deleted": 1}
    # The two CLI reads above were audited too.
    assert list_entries(graph, scope=None, action="audit_read").total == 2


@pytest.mark.parametrize(
    ("area", "asked", "expected"),
    [
        (None, None, None),  # a global admin, no area asked: everything
        (None, "D2", ["D2"]),
        ("D1", None, ["D1"]),
        ("D1", "D1", ["D1"]),
        ("D1", "M1", ["M1"]),  # two levels down
        ("D1", "C", NotFound),  # above the user's area
        ("D1", "S2", NotFound),  # a sibling district's street
        ("M1", "S1", NotFound),
        ("D1", "NOPE", NotFound),  # reads exactly like one outside
    ],
)
def test_effective_scope(graph: Graph, area: str | None, asked: str | None, expected: object) -> None:
    write_areas(graph)
    principal = Principal("u", Role.ADMIN if area is None else Role.VIEWER, area, False)
    if expected is NotFound:
        with pytest.raises(NotFound, match="no area with id"):
            effective_scope(graph, principal, asked)
    else:
        assert effective_scope(graph, principal, asked) == expected


def test_logins_are_queryable_through_the_endpoint_and_the_cli(
    graph: Graph, client: TestClient, cli: CliRunner
) -> None:
    world = build_world(graph)
    bad = client.post("/api/auth/login", json={"username": "streeteditor", "password": "wrong"})
    good = client.post(
        "/api/auth/login", json={"username": "streeteditor", "password": world.passwords["streeteditor"]}
    )
    assert (bad.status_code, good.status_code) == (401, 200)
    client.cookies.clear()
    root = world.bearer(graph, "root")
    body = client.get("/api/audit", params={"user": "streeteditor"}, headers=root).json()
    assert [(e["action"], e["target"], e["ip"]) for e in body["entries"]] == [
        ("login", "streeteditor", "testclient"),
        ("login_failed", "streeteditor", "testclient"),
    ]
    assert json.loads(body["entries"][1]["detail"]) == {"reason": "bad_password"}
    shown = cli.invoke(cli_app, ["audit", "--user", "streeteditor", "--format", "csv"])
    assert shown.exit_code == 0, shown.output
    rows = list(csv.DictReader(io.StringIO(shown.output)))
    assert [(r["user"], r["action"], r["ip"]) for r in rows] == [
        ("streeteditor", "login", "testclient"),
        ("streeteditor", "login_failed", "testclient"),
    ]
