"""Access control: every route of the app × four users (city admin, district viewer, street editor,
community viewer) × an object inside and one outside their area, plus anonymous callers.

The routes come from `app.routes`, and each must have an entry in ROUTES below: a new endpoint without
one fails `test_route` until someone says how to reach an object inside and outside a user's scope.

The fixture world, worked out by hand:

    C 昆明市 ── D1 官渡区 ── S1 太和街道 ── M1 佴家湾社区   zone "1": U1, O1, K1, AL1, P1, CT1, N1, R1, J1
            └─ D2 西山区 ── S2 永兴路街道 ── M2 西山永兴社区 zone "2": U2, O2, K2, AL2, P2, CT2, N2, R2, J2
    X 外市 ── XS 外市街道 ── XM 外市社区                    zone "x": UX, OX, KX, ALX, PX, CTX, NX, RX, JX

In each zone: unit U LOCATED_IN the community; its party org O BELONGS_TO U; the community committee K
BASED_IN the community; alliance AL HOSTED_BY the community, led by K, O a member; person P WORKS_AT U
and SEATED_ON K; contract CT between K and U; need N raised by K, resource R offered by U; project J
UNDER CT, meeting N, using R, delivered by U. Bait across zones: UX is a member of AL1 and a party to
CT1; U2 too. Every name in zone x contains 外市 and in zone 2 西山: a body that contains one of them
for a user whose scope excludes the zone has leaked.

Every user's scope contains zone 1 (M1); zone x is outside every user's; zone 2 is inside only the
city admin's.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

from accounts.accounts import create_user
from accounts.audit import list_entries
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from api.main import create_app
from api.security.deps import SESSION_COOKIE
from graph import claims
from graph.claims import Actor
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from tests.auth_world import World, build_world, cheap_argon2  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("cheap_argon2")

CITY_ADMIN, DISTRICT_VIEWER, STREET_EDITOR, COMMUNITY_VIEWER = (
    "cityadmin",
    "districtviewer",
    "streeteditor",
    "communityviewer",
)
FOUR = (CITY_ADMIN, DISTRICT_VIEWER, STREET_EDITOR, COMMUNITY_VIEWER)
#: Someone in the other city, whose token, account and audit entries are outside all four scopes.
OUTSIDER = "xviewer"
USERS = [
    (CITY_ADMIN, Role.ADMIN, "C", True),
    (DISTRICT_VIEWER, Role.VIEWER, "D1", False),
    (STREET_EDITOR, Role.EDITOR, "S1", False),
    (COMMUNITY_VIEWER, Role.VIEWER, "M1", False),
    (OUTSIDER, Role.VIEWER, "XM", False),
]
ADMINS = frozenset({CITY_ADMIN})
WRITERS = frozenset({CITY_ADMIN, STREET_EDITOR})
EVERYONE = frozenset(FOUR)

EXTRA_AREAS = [
    ("M2", "西山永兴社区", "community", "S2"),
    ("X", "外市", "city", None),
    ("XS", "外市街道", "street", "X"),
    ("XM", "外市社区", "community", "XS"),
]
ZONES = {"1": ("M1", "佴家湾"), "2": ("M2", "西山"), "x": ("XM", "外市")}
PHONES = {"1": "13812345678", "2": "13922223333", "x": "13700001111"}
AS_OF = "2025-06-01"
#: Where a unit is located, or an area's parent (test-only read).
ENTITY_AREA = NamedQuery(
    "test_entity_area",
    "MATCH (n:Entity {id: $id}) OPTIONAL MATCH (n)-[:LOCATED_IN|PART_OF]->(a:Area) RETURN a.id AS area",
)


def ids(zone: str) -> dict[str, str]:
    """The ids of one zone's objects."""
    z = zone.upper()
    return {
        "area": ZONES[zone][0],
        "unit": f"U{z}",
        "org": f"O{z}",
        "committee": f"K{z}",
        "alliance": f"AL{z}",
        "person": f"P{z}",
        "contract": f"CT{z}",
        "need": f"N{z}",
        "resource": f"R{z}",
        "project": f"J{z}",
    }


def _write_zone(graph: Graph, zone: str) -> None:
    i = ids(zone)
    prefix = ZONES[zone][1]
    prov = {"load_id": "test"}

    def nodes(label: Label, rows: list[tuple[str, dict[str, Any]]]) -> None:
        graph.write(merge_nodes(label), {"rows": [{"id": k, "props": p, "prov": prov} for k, p in rows]})

    def rels(rel: Rel, src: Label, dst: Label, rows: list[tuple[str, str, dict[str, Any]]]) -> None:
        graph.write(
            merge_rels(rel, src, dst),
            {"rows": [{"src": s, "dst": d, "id": p.get("id"), "props": p, "prov": prov} for s, d, p in rows]},
        )

    nodes(Label.UNIT, [(i["unit"], {"name": f"{prefix}医院", "kind": "public_institution"})])
    nodes(
        Label.PARTY_ORG,
        [
            (i["org"], {"name": f"{prefix}医院党支部", "type": "branch"}),
            (i["committee"], {"name": f"{prefix}社区大党委", "type": "community_committee"}),
        ],
    )
    nodes(Label.ALLIANCE, [(i["alliance"], {"name": f"{prefix}党建联盟", "founded": dt.date(2023, 1, 1)})])
    nodes(Label.PERSON, [(i["person"], {"name": f"{prefix}张三", "phone": PHONES[zone], "title": "院长"})])
    nodes(
        Label.CONTRACT,
        [(i["contract"], {"name": f"{prefix}共建协议", "status": "active", "signed": dt.date(2024, 1, 1)})],
    )
    nodes(Label.NEED, [(i["need"], {"title": f"{prefix}义诊需求", "category": "health", "status": "open"})])
    nodes(Label.RESOURCE, [(i["resource"], {"title": f"{prefix}医疗资源", "category": "health"})])
    nodes(Label.PROJECT, [(i["project"], {"title": f"{prefix}义诊项目", "status": "active"})])
    rels(Rel.LOCATED_IN, Label.UNIT, Label.AREA, [(i["unit"], i["area"], {})])
    rels(Rel.BELONGS_TO, Label.PARTY_ORG, Label.UNIT, [(i["org"], i["unit"], {})])
    rels(Rel.BASED_IN, Label.PARTY_ORG, Label.AREA, [(i["committee"], i["area"], {})])
    rels(Rel.HOSTED_BY, Label.ALLIANCE, Label.AREA, [(i["alliance"], i["area"], {})])
    rels(Rel.LEADS, Label.PARTY_ORG, Label.ALLIANCE, [(i["committee"], i["alliance"], {})])
    rels(
        Rel.MEMBER_OF,
        Label.PARTY_ORG,
        Label.ALLIANCE,
        [(i["org"], i["alliance"], {"id": f"m-{i['org']}", "joined": dt.date(2023, 2, 1)})],
    )
    rels(Rel.WORKS_AT, Label.PERSON, Label.UNIT, [(i["person"], i["unit"], {})])
    rels(
        Rel.SEATED_ON,
        Label.PERSON,
        Label.PARTY_ORG,
        [
            (
                i["person"],
                i["committee"],
                {"id": f"s-{i['person']}", "title": "兼职委员", "start": dt.date(2024, 1, 1)},
            )
        ],
    )
    rels(Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT, [(i["committee"], i["contract"], {})])
    rels(Rel.PARTY_TO, Label.UNIT, Label.CONTRACT, [(i["unit"], i["contract"], {})])
    rels(Rel.RAISED_BY, Label.NEED, Label.PARTY_ORG, [(i["need"], i["committee"], {})])
    rels(Rel.OFFERED_BY, Label.RESOURCE, Label.UNIT, [(i["resource"], i["unit"], {})])
    rels(Rel.UNDER, Label.PROJECT, Label.CONTRACT, [(i["project"], i["contract"], {})])
    rels(Rel.MEETS, Label.PROJECT, Label.NEED, [(i["project"], i["need"], {})])
    rels(Rel.USES, Label.PROJECT, Label.RESOURCE, [(i["project"], i["resource"], {})])
    rels(Rel.DELIVERED_BY, Label.PROJECT, Label.UNIT, [(i["project"], i["unit"], {})])


def build_matrix_world(graph: Graph) -> World:
    """The three zones, the bait across them, and the users."""
    world = build_world(graph, USERS[:0])  # the area tree only
    prov = {"load_id": "test"}
    graph.write(
        merge_nodes(Label.AREA),
        {"rows": [{"id": a, "props": {"name": n, "level": lv}, "prov": prov} for a, n, lv, _ in EXTRA_AREAS]},
    )
    graph.write(
        merge_rels(Rel.PART_OF, Label.AREA, Label.AREA),
        {"rows": [{"src": a, "dst": p, "props": {}, "prov": prov} for a, _, _, p in EXTRA_AREAS if p]},
    )
    for zone in ZONES:
        _write_zone(graph, zone)
    bait = [("UX", "AL1", "m-UX-AL1"), ("U2", "AL1", "m-U2-AL1")]
    graph.write(
        merge_rels(Rel.MEMBER_OF, Label.UNIT, Label.ALLIANCE),
        {"rows": [{"src": s, "dst": d, "id": k, "props": {"id": k}, "prov": prov} for s, d, k in bait]},
    )
    graph.write(
        merge_rels(Rel.PARTY_TO, Label.UNIT, Label.CONTRACT),
        {"rows": [{"src": s, "dst": "CT1", "props": {}, "prov": prov} for s in ("UX", "U2")]},
    )
    for username, role, area, pii in USERS:
        _, world.passwords[username] = create_user(
            graph, None, username=username, role=role, area_id=area, pii=pii
        )
    return world


def session(graph: Graph, username: str) -> dict[str, str]:
    """A Cookie header with a fresh session of the user, as a browser sends it."""
    token = issue_token(graph, username, TokenKind.SESSION, expires=datetime.now(UTC) + timedelta(hours=1))
    return {"Cookie": f"{SESSION_COOKIE}={token.token}"}


def forbidden_markers(username: str | None) -> tuple[str, ...]:
    """Names that must never appear in an answer to this user: the zones outside their scope."""
    return ("外市", OUTSIDER) if username == CITY_ADMIN else ("外市", OUTSIDER, "西山")


# ---------------------------------------------------------------------------------------------------
# The table: how to reach an object inside and outside a user's scope through each route.
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request: method, url and keyword arguments for TestClient.request."""

    method: str
    url: str
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Ctx:
    """What a request builder may need: the graph, the passwords, and who is asking."""

    graph: Graph
    world: World
    user: str


Build = Callable[[Ctx, dict[str, str]], Call]


@dataclass(frozen=True)
class Entry:
    """How a route is reached: `build(ctx, ids)` for the zone's ids; `outside` False for a route that
    names no object (a list scoped to the caller, or the caller's own account): it is then checked only
    for leaks. `allowed`: the users whose inside request succeeds (the others get 403). `public`: no
    login needed. `page`: an HTML page (anonymous callers are redirected to /login)."""

    build: Build
    allowed: frozenset[str] = EVERYONE
    outside: bool = True
    public: bool = False
    page: bool = False
    #: Statuses an outside request may get: 404 (not found) or 403; a list filters instead (200).
    outside_statuses: frozenset[int] = frozenset({403, 404})


def get(url: str) -> Build:
    return lambda ctx, z: Call("GET", url.format(**z))


def _csv_unit(area: str) -> bytes:
    header = "编号,名称,类型,行业,地址,别名,所在区域,统一社会信用代码\r\n"
    return (header + f"UNEW-{area},新单位{area},国有企业,电力,,,{area},\r\n").encode("utf-8-sig")


def _import(ctx: Ctx, z: dict[str, str]) -> Call:
    return Call("POST", "/api/imports", {"files": {"file": ("单位.csv", _csv_unit(z["area"]))}})


def _login(ctx: Ctx, z: dict[str, str]) -> Call:
    return Call(
        "POST", "/api/auth/login", {"json": {"username": ctx.user, "password": ctx.world.passwords[ctx.user]}}
    )


def _password(ctx: Ctx, z: dict[str, str]) -> Call:
    body = {"current_password": ctx.world.passwords[ctx.user], "new_password": "a-new-long-password-1"}
    return Call("POST", "/api/auth/password", {"json": body})


def _revoke_token(ctx: Ctx, z: dict[str, str]) -> Call:
    owner = ctx.user if z["area"] == "M1" else OUTSIDER
    token = issue_token(ctx.graph, owner, TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(hours=1))
    return Call("DELETE", f"/api/auth/tokens/{token.id}")


def _user_in(z: dict[str, str]) -> str:
    return COMMUNITY_VIEWER if z["area"] == "M1" else OUTSIDER


def _create_user(ctx: Ctx, z: dict[str, str]) -> Call:
    body = {"username": f"new-{z['area'].lower()}", "role": "viewer", "area_id": z["area"]}
    return Call("POST", "/api/users", {"json": body})


def _view_export(ctx: Ctx, z: dict[str, str]) -> Call:
    """The explorer's shown records, written back as a file: it reads nothing, so names no object."""
    body = {"nodes": [{"id": z["area"], "name": "shown", "type": "Area"}], "edges": []}
    return Call("POST", "/api/export/view?format=csv", {"json": body})


def _fresh_need(ctx: Ctx, z: dict[str, str]) -> str:
    """A new open need of the zone's committee for this call alone (a claim closes or blocks a need)."""
    need = f"{z['need']}-{ctx.user}-{uuid.uuid4().hex[:8]}"
    ctx.graph.write(
        merge_nodes(Label.NEED),
        {"rows": [{"id": need, "props": {"title": "新需求", "status": "open"}, "prov": {}}]},
    )
    ctx.graph.write(
        merge_rels(Rel.RAISED_BY, Label.NEED, Label.PARTY_ORG),
        {"rows": [{"src": need, "dst": z["committee"], "props": {}, "prov": {}}]},
    )
    return need


_CLAIM_DATES = {"plan": "义诊", "start": "2025-07-01", "end": "2025-12-31"}


def _new_claim(ctx: Ctx, z: dict[str, str]) -> Call:
    body = {"need": _fresh_need(ctx, z), "claimant": z["unit"], **_CLAIM_DATES}
    return Call("POST", "/api/claims", {"json": body})


def _pending_claim(ctx: Ctx, z: dict[str, str]) -> str:
    dates = {"start": dt.date(2025, 7, 1), "end": dt.date(2025, 12, 31)}
    need = _fresh_need(ctx, z)
    return claims.make_claim(ctx.graph, Actor("t", None), item=need, claimant=z["unit"], plan="义诊", **dates)


def _claim_step(step: str, body: dict[str, Any] | None = None) -> Build:
    return lambda c, z: Call("POST", f"/api/claims/{_pending_claim(c, z)}/{step}", {"json": body or {}})


def _fresh_contract(ctx: Ctx, z: dict[str, str], status: str) -> str:
    """A new contract of the zone's committee and unit, in `status`, for this call alone."""
    contract = f"{z['contract']}-{ctx.user}-{uuid.uuid4().hex[:8]}"
    props = {"name": "新协议", "status": status, "signed": None if status == "draft" else dt.date(2024, 1, 1)}
    ctx.graph.write(merge_nodes(Label.CONTRACT), {"rows": [{"id": contract, "props": props, "prov": {}}]})
    for label, party in ((Label.PARTY_ORG, z["committee"]), (Label.UNIT, z["unit"])):
        rows = [{"src": party, "dst": contract, "props": {}, "prov": {}}]
        ctx.graph.write(merge_rels(Rel.PARTY_TO, label, Label.CONTRACT), {"rows": rows})
    return contract


def _contract_step(step: str, status: str, body: dict[str, Any]) -> Build:
    return lambda c, z: Call("POST", f"/api/contracts/{_fresh_contract(c, z, status)}/{step}", {"json": body})


def _fresh_project(ctx: Ctx, z: dict[str, str], status: str) -> str:
    """A new project in `status` under the zone's contract, meeting its need, delivered by its unit."""
    project = f"{z['project']}-{ctx.user}-{uuid.uuid4().hex[:8]}"
    props = {"title": "新项目", "status": status}
    ctx.graph.write(merge_nodes(Label.PROJECT), {"rows": [{"id": project, "props": props, "prov": {}}]})
    for rel, label, target in (
        (Rel.UNDER, Label.CONTRACT, z["contract"]),
        (Rel.MEETS, Label.NEED, z["need"]),
        (Rel.DELIVERED_BY, Label.UNIT, z["unit"]),
    ):
        rows = [{"src": project, "dst": target, "props": {}, "prov": {}}]
        ctx.graph.write(merge_rels(rel, Label.PROJECT, label), {"rows": rows})
    return project


def _project_step(step: str, status: str, body: dict[str, Any] | None = None) -> Build:
    return lambda c, z: Call(
        "POST", f"/api/projects/{_fresh_project(c, z, status)}/{step}", {"json": body or {}}
    )


ROUTES: dict[tuple[str, str], Entry] = {
    # Public: documentation, health, the login form and the login itself.
    ("GET", "/openapi.json"): Entry(get("/openapi.json"), outside=False, public=True),
    ("GET", "/docs"): Entry(get("/docs"), outside=False, public=True),
    ("GET", "/docs/oauth2-redirect"): Entry(get("/docs/oauth2-redirect"), outside=False, public=True),
    ("GET", "/api/health"): Entry(get("/api/health"), outside=False, public=True),
    ("GET", "/login"): Entry(get("/login"), outside=False, public=True, page=True),
    ("POST", "/api/auth/login"): Entry(_login, outside=False, public=True),
    # The caller's own account: nothing of an area is named.
    ("POST", "/api/auth/logout"): Entry(lambda c, z: Call("POST", "/api/auth/logout"), outside=False),
    ("GET", "/api/auth/me"): Entry(get("/api/auth/me"), outside=False),
    ("POST", "/api/auth/password"): Entry(_password, outside=False),
    ("POST", "/api/auth/tokens"): Entry(
        lambda c, z: Call("POST", "/api/auth/tokens", {"json": {"name": "script"}}), outside=False
    ),
    ("GET", "/api/auth/tokens"): Entry(get("/api/auth/tokens"), outside=False),
    ("DELETE", "/api/auth/tokens/{token_id}"): Entry(_revoke_token),
    # Entities by id, their networks, search and paths.
    ("GET", "/api/entities/{entity_id}"): Entry(get("/api/entities/{unit}")),
    ("GET", "/api/entities/{entity_id}/network"): Entry(get("/api/entities/{alliance}/network?depth=2")),
    ("GET", "/api/search"): Entry(
        # Outside: a query for zone x's names that must find nothing (and not echo a full name).
        lambda c, z: Call("GET", "/api/search", {"params": {"q": "医院" if z["area"] == "M1" else "外"}}),
        outside_statuses=frozenset({200}),
    ),
    ("GET", "/api/paths"): Entry(get("/api/paths?from=U1&to={committee}&via=all")),
    # Rosters by id.
    ("GET", "/api/alliances/{alliance_id}/members"): Entry(get("/api/alliances/{alliance}/members")),
    ("GET", "/api/committees/{org_id}/seats"): Entry(get("/api/committees/{committee}/seats?as_of=" + AS_OF)),
    ("GET", "/api/contracts/{contract_id}"): Entry(get("/api/contracts/{contract}")),
    # Lists, aggregates and exports of an area.
    ("GET", "/api/gaps/units"): Entry(get("/api/gaps/units?area={area}&as_of=" + AS_OF)),
    ("GET", "/api/gaps/areas"): Entry(get("/api/gaps/areas?area={area}&as_of=" + AS_OF)),
    ("GET", "/api/stats"): Entry(get("/api/stats?area={area}&as_of=" + AS_OF)),
    ("GET", "/api/matches"): Entry(get("/api/matches?area={area}&as_of=" + AS_OF)),
    ("GET", "/api/export/graphml"): Entry(get("/api/export/graphml?area={area}")),
    ("GET", "/api/export/gexf"): Entry(get("/api/export/gexf?area={area}")),
    ("POST", "/api/export/view"): Entry(_view_export, outside=False),
    # Claims on needs (docs/workflow.md): everyone reads, editors and admins act, in their area.
    ("GET", "/api/claims"): Entry(get("/api/claims?need={need}")),
    ("GET", "/api/claims/{claim_id}"): Entry(lambda c, z: Call("GET", f"/api/claims/{_pending_claim(c, z)}")),
    ("POST", "/api/claims"): Entry(_new_claim, allowed=WRITERS),
    ("POST", "/api/claims/{claim_id}/approve"): Entry(_claim_step("approve"), allowed=WRITERS),
    ("POST", "/api/claims/{claim_id}/reject"): Entry(
        _claim_step("reject", {"reason": "不合适"}), allowed=WRITERS
    ),
    ("POST", "/api/claims/{claim_id}/withdraw"): Entry(_claim_step("withdraw"), allowed=WRITERS),
    # The claim hall: an area's open needs and resources (outside: 404), your claims (nothing of an
    # area is named), what you may claim for (writers).
    ("GET", "/api/claims/hall"): Entry(get("/api/claims/hall?area={area}&as_of=" + AS_OF)),
    ("GET", "/api/claims/mine"): Entry(get("/api/claims/mine?side=received"), outside=False),
    ("GET", "/api/claims/claimants"): Entry(get("/api/claims/claimants?area={area}"), allowed=WRITERS),
    ("POST", "/api/resources"): Entry(
        lambda c, z: Call(
            "POST", "/api/resources", {"json": {"provider": z["unit"], "title": "义诊", "category": "health"}}
        ),
        allowed=WRITERS,
    ),
    ("POST", "/api/needs"): Entry(
        lambda c, z: Call(
            "POST", "/api/needs", {"json": {"raiser": z["area"], "title": "助老", "category": "elderly"}}
        ),
        allowed=WRITERS,
    ),
    ("GET", "/api/warnings"): Entry(get("/api/warnings?area={area}&as_of=" + AS_OF)),
    # The decisions waiting on the caller: their own area only, empty for a viewer.
    ("GET", "/api/todo"): Entry(get("/api/todo"), outside=False),
    # Projects and the contract lifecycle (docs/workflow.md): everyone reads, editors and admins act.
    ("GET", "/api/projects"): Entry(get("/api/projects?area={area}")),
    ("GET", "/api/projects/{project_id}"): Entry(get("/api/projects/{project}")),
    ("POST", "/api/projects/{project_id}/start"): Entry(_project_step("start", "planned"), allowed=WRITERS),
    ("POST", "/api/projects/{project_id}/complete"): Entry(
        _project_step("complete", "ongoing"), allowed=WRITERS
    ),
    ("POST", "/api/projects/{project_id}/rate"): Entry(
        _project_step("rate", "done", {"rating": 5, "comment": "好"}), allowed=WRITERS
    ),
    ("GET", "/api/contracts/{contract_id}/lifecycle"): Entry(
        get("/api/contracts/{contract}/lifecycle?as_of=" + AS_OF)
    ),
    ("POST", "/api/contracts/{contract_id}/sign"): Entry(
        _contract_step("sign", "draft", {"signed": "2025-01-01"}), allowed=WRITERS
    ),
    ("POST", "/api/contracts/{contract_id}/terminate"): Entry(
        _contract_step("terminate", "active", {"on": "2025-01-01", "reason": "到期不续"}), allowed=WRITERS
    ),
    ("POST", "/api/contracts/{contract_id}/renew"): Entry(
        _contract_step("renew", "active", {"signed": "2026-01-01"}), allowed=WRITERS
    ),
    # Loading data: editors and admins, only into their area.
    ("POST", "/api/imports"): Entry(_import, allowed=WRITERS),
    ("GET", "/api/imports/template"): Entry(get("/api/imports/template"), allowed=WRITERS, outside=False),
    # Accounts and the audit log: admins only.
    ("GET", "/api/users"): Entry(get("/api/users"), allowed=ADMINS, outside=False),
    # An area outside the admin's is refused as "no area with id" (422), the security core's contract.
    ("POST", "/api/users"): Entry(_create_user, allowed=ADMINS, outside_statuses=frozenset({403, 404, 422})),
    ("PATCH", "/api/users/{username}"): Entry(
        lambda c, z: Call("PATCH", f"/api/users/{_user_in(z)}", {"json": {"pii": False}}), allowed=ADMINS
    ),
    ("POST", "/api/users/{username}/reset-password"): Entry(
        lambda c, z: Call("POST", f"/api/users/{_user_in(z)}/reset-password"), allowed=ADMINS
    ),
    ("GET", "/api/audit"): Entry(get("/api/audit"), allowed=ADMINS, outside=False),
    # Pages.
    ("GET", "/"): Entry(get("/"), outside=False, page=True),
    ("GET", "/view/entity/{entity_id}"): Entry(get("/view/entity/{alliance}?depth=2"), page=True),
    ("GET", "/view/area/{area_id}"): Entry(get("/view/area/{area}"), page=True),
    ("GET", "/view/path"): Entry(get("/view/path?from=U1&to={committee}&via=all"), page=True),
    ("GET", "/view/gaps"): Entry(get("/view/gaps?area={area}"), page=True),
    ("GET", "/view/area-gaps"): Entry(get("/view/area-gaps?area={area}"), page=True),
    ("GET", "/view/matches"): Entry(get("/view/matches?area={area}"), page=True),
    ("GET", "/view/claims"): Entry(get("/view/claims?area={area}"), page=True),
    ("GET", "/view/claim/{claim_id}"): Entry(
        lambda c, z: Call("GET", f"/view/claim/{_pending_claim(c, z)}"), page=True
    ),
    # The work pages: a contract, an alliance, a committee by id; an area's coverage; imports (writers).
    ("GET", "/view/contract/{contract_id}"): Entry(get("/view/contract/{contract}"), page=True),
    ("GET", "/view/project/{project_id}"): Entry(get("/view/project/{project}"), page=True),
    ("GET", "/view/alliance/{alliance_id}"): Entry(get("/view/alliance/{alliance}"), page=True),
    ("GET", "/view/committee/{org_id}"): Entry(get("/view/committee/{committee}?as_of=" + AS_OF), page=True),
    ("GET", "/view/coverage"): Entry(get("/view/coverage?area={area}&as_of=" + AS_OF), page=True),
    ("GET", "/view/imports"): Entry(get("/view/imports"), allowed=WRITERS, outside=False, page=True),
    # The warnings of an area and the caller's 待办 list.
    ("GET", "/view/warnings"): Entry(get("/view/warnings?area={area}&as_of=" + AS_OF), page=True),
    ("GET", "/view/todo"): Entry(get("/view/todo"), outside=False, page=True),
}


def app_routes() -> list[tuple[str, str]]:
    """Every (method, path) the app answers, HEAD aside, from its route list; static mounts excluded."""
    found = []
    for context in iter_route_contexts(create_app().routes):
        if isinstance(context.original_route, Mount):
            continue
        methods = sorted(getattr(context, "methods", None) or ())
        path = re.sub(r"\{(\w+):\w+\}", r"{\1}", context.path)  # as OpenAPI names it: {id}, not {id:id}
        found.extend((method, path) for method in methods if method != "HEAD")
    return sorted(set(found))


def _assert_no_leak(body: str, user: str | None, where: str, asked: Call | None = None) -> None:
    """No name from outside the user's scope in the body, except as an echo of what they asked for
    (an error saying "no user 'xviewer'" tells them nothing new)."""
    echoed = f"{asked.url} {asked.kwargs}" if asked is not None else ""
    for marker in forbidden_markers(user):
        if marker in echoed:
            continue
        assert marker not in body, f"{where}: {marker!r} leaked into the answer for {user}"


@pytest.mark.parametrize(("method", "path"), app_routes())
def test_route(
    graph: Graph,
    anonymous_client: TestClient,
    method: str,
    path: str,
) -> None:
    """Anonymous: 401 (API) or a redirect to /login (pages); each user: inside 2xx (or 403 for a role
    that may not), outside 404/403, and never a name from outside their scope."""
    entry = ROUTES.get((method, path))
    assert entry is not None, (
        f"{method} {path} has no entry in ROUTES: say how to reach it inside and outside"
    )
    world = build_matrix_world(graph)
    api = anonymous_client
    inside, outside = ids("1"), ids("x")

    anon = entry.build(Ctx(graph, world, COMMUNITY_VIEWER), inside)
    response = api.request(anon.method, anon.url, follow_redirects=False, **anon.kwargs)
    if entry.public:
        assert response.status_code < 400, (anon, response.status_code)
    elif entry.page:
        assert response.status_code == 303, (anon, response.status_code)
        assert response.headers["location"].startswith("/login?next=")
    else:
        assert response.status_code == 401, (anon, response.status_code, response.text)
    if entry.public:
        return

    for user in FOUR:
        call = entry.build(Ctx(graph, world, user), inside)
        response = api.request(call.method, call.url, headers=session(graph, user), **call.kwargs)
        expected = "2xx" if user in entry.allowed else "403"
        ok = response.is_success if user in entry.allowed else response.status_code == 403
        assert ok, (
            f"{user} inside {call}: expected {expected}, got {response.status_code} {response.text[:300]}"
        )
        _assert_no_leak(response.text, user, f"{user} inside {call.method} {call.url}")
        if not entry.outside:
            continue
        call = entry.build(Ctx(graph, world, user), outside)
        response = api.request(call.method, call.url, headers=session(graph, user), **call.kwargs)
        assert response.status_code in entry.outside_statuses, (
            f"{user} outside {call}: got {response.status_code} {response.text[:300]}"
        )
        _assert_no_leak(response.text, user, f"{user} outside {call.method} {call.url}", asked=call)


def test_the_table_names_no_route_that_does_not_exist() -> None:
    """An entry for a removed route is stale: the matrix would silently test nothing."""
    assert set(ROUTES) <= set(app_routes())


# ---------------------------------------------------------------------------------------------------
# By id, every kind of entity; networks, paths and search never cross the scope.
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", FOUR)
def test_every_kind_of_entity_by_id_is_found_inside_and_not_found_outside(
    graph: Graph,
    anonymous_client: TestClient,
    user: str,
) -> None:
    build_matrix_world(graph)
    headers = session(graph, user)
    for kind, entity_id in ids("1").items():
        answer = anonymous_client.get(f"/api/entities/{entity_id}", headers=headers)
        assert answer.status_code == 200, (user, kind, answer.text)
    for kind, entity_id in ids("x").items():
        answer = anonymous_client.get(f"/api/entities/{entity_id}", headers=headers)
        assert answer.status_code == 404, (user, kind, answer.text)
        assert "外市" not in answer.text
    # Zone 2 lies in the city admin's scope only.
    for kind, entity_id in ids("2").items():
        answer = anonymous_client.get(f"/api/entities/{entity_id}", headers=headers)
        assert answer.status_code == (200 if user == CITY_ADMIN else 404), (user, kind)


def test_a_network_never_shows_or_walks_through_a_node_outside_the_scope(
    graph: Graph,
    anonymous_client: TestClient,
) -> None:
    build_matrix_world(graph)
    # AL1's members: O1 (zone 1), UX (zone x) and U2 (zone 2); its leader K1.
    view = anonymous_client.get("/api/entities/AL1/network", headers=session(graph, STREET_EDITOR)).json()
    assert {n["id"] for n in view["nodes"]} == {"AL1", "O1", "K1", "M1"}
    view = anonymous_client.get("/api/entities/AL1/network", headers=session(graph, CITY_ADMIN)).json()
    assert {n["id"] for n in view["nodes"]} == {"AL1", "O1", "K1", "M1", "U2"}


def test_a_path_only_passes_through_nodes_in_the_scope(
    graph: Graph,
    anonymous_client: TestClient,
) -> None:
    build_matrix_world(graph)
    # O1 and CT1 are tied through O1 -BELONGS_TO- U1 -PARTY_TO- CT1 (2 ties) and through
    # O1 -MEMBER_OF- AL1 -MEMBER_OF- UX -PARTY_TO- CT1 (3 ties, through zone x).
    params = {"from": "O1", "to": "CT1", "k": 5, "max_length": 3}
    mine = anonymous_client.get("/api/paths", params=params, headers=session(graph, COMMUNITY_VIEWER)).json()
    routes = {tuple(n["id"] for n in p["nodes"]) for p in mine["paths"]}
    assert ("O1", "U1", "CT1") in routes
    assert all("UX" not in r and "U2" not in r for r in routes)
    everything = anonymous_client.get("/api/paths", params=params, headers=session(graph, CITY_ADMIN)).json()
    assert ("O1", "AL1", "U2", "CT1") in {tuple(n["id"] for n in p["nodes"]) for p in everything["paths"]}


@pytest.mark.parametrize(
    ("user", "query", "expected"),
    [
        (COMMUNITY_VIEWER, "医院", {"U1"}),
        (DISTRICT_VIEWER, "医院", {"U1"}),
        (CITY_ADMIN, "医院", {"U1", "U2"}),
        # UX's exact name: UX is not found; U1 matches the bigram 医院 only.
        (COMMUNITY_VIEWER, "外市医院", {"U1"}),
    ],
)
def test_search_finds_only_what_lies_in_the_scope(
    graph: Graph,
    anonymous_client: TestClient,
    user: str,
    query: str,
    expected: set[str],
) -> None:
    build_matrix_world(graph)
    answer = anonymous_client.get(
        "/api/search", params={"q": query, "type": "Unit"}, headers=session(graph, user)
    )
    assert answer.status_code == 200
    assert {r["id"] for r in answer.json()["results"]} == expected


def test_rosters_leave_out_members_and_parties_outside_the_scope(
    graph: Graph,
    anonymous_client: TestClient,
) -> None:
    build_matrix_world(graph)
    members = anonymous_client.get("/api/alliances/AL1/members", headers=session(graph, STREET_EDITOR)).json()
    assert {m["id"] for m in members["items"]} == {"O1"}
    assert members["total"] == 1
    contract = anonymous_client.get("/api/contracts/CT1", headers=session(graph, STREET_EDITOR)).json()
    assert {p["id"] for p in contract["parties"]} == {"K1", "U1"}
    contract = anonymous_client.get("/api/contracts/CT1", headers=session(graph, CITY_ADMIN)).json()
    assert {p["id"] for p in contract["parties"]} == {"K1", "U1", "U2"}


def test_lists_without_an_area_cover_the_users_own_subtree(
    graph: Graph,
    anonymous_client: TestClient,
) -> None:
    build_matrix_world(graph)
    stats = anonymous_client.get(
        "/api/stats", params={"as_of": AS_OF}, headers=session(graph, DISTRICT_VIEWER)
    )
    assert stats.status_code == 200
    body = stats.json()
    assert body["area"]["id"] == "D1"
    assert body["total"]["units"] == 1  # U1 only; U2 and UX lie elsewhere
    graphml = anonymous_client.get("/api/export/graphml", headers=session(graph, COMMUNITY_VIEWER)).text
    assert 'id="U1"' in graphml
    assert 'id="UX"' not in graphml
    assert 'id="U2"' not in graphml


# ---------------------------------------------------------------------------------------------------
# Personal data and the audit trail.
# ---------------------------------------------------------------------------------------------------


def _audit(graph: Graph, action: str) -> list[dict[str, Any]]:
    return list_entries(graph, scope=None, action=action, page_size=100).entries


def test_phones_and_names_are_masked_without_pii_and_shown_and_audited_with_it(
    graph: Graph,
    anonymous_client: TestClient,
) -> None:
    build_matrix_world(graph)
    url = "/api/committees/K1/seats"
    masked = anonymous_client.get(url, params={"as_of": AS_OF}, headers=session(graph, STREET_EDITOR)).json()
    assert [(s["person"], s["phone"], s["title"]) for s in masked["items"]] == [
        ("佴****", "138****5678", "兼职委员")
    ]
    person = anonymous_client.get("/api/entities/P1", headers=session(graph, DISTRICT_VIEWER)).json()
    assert (person["properties"]["name"], person["properties"]["phone"]) == ("佴****", "138****5678")
    assert _audit(graph, "pii_read") == []

    full = anonymous_client.get(url, params={"as_of": AS_OF}, headers=session(graph, CITY_ADMIN)).json()
    assert [(s["person"], s["phone"]) for s in full["items"]] == [("佴家湾张三", "13812345678")]
    person = anonymous_client.get("/api/entities/P1", headers=session(graph, CITY_ADMIN)).json()
    assert (person["properties"]["name"], person["properties"]["phone"]) == ("佴家湾张三", "13812345678")
    entries = _audit(graph, "pii_read")
    assert len(entries) == 2
    assert all(e["user"] == CITY_ADMIN for e in entries)
    assert {e["target"] for e in entries} == {"P1"}


def test_imports_and_exports_are_audited_and_can_be_queried(
    graph: Graph,
    anonymous_client: TestClient,
) -> None:
    build_matrix_world(graph)
    editor = session(graph, STREET_EDITOR)
    loaded = anonymous_client.post(
        "/api/imports", files={"file": ("单位.csv", _csv_unit("M1"))}, headers=editor
    )
    assert loaded.status_code == 200, loaded.text
    exported = anonymous_client.get(
        "/api/gaps/units", params={"format": "csv", "as_of": AS_OF}, headers=editor
    )
    assert exported.status_code == 200
    graphml = anonymous_client.get("/api/export/graphml", params={"area": "S1"}, headers=editor)
    assert graphml.status_code == 200

    log = anonymous_client.get(
        "/api/audit", params={"user": STREET_EDITOR}, headers=session(graph, CITY_ADMIN)
    )
    assert log.status_code == 200
    actions = [(e["action"], e["target"]) for e in log.json()["entries"]]
    assert ("import", "单位.csv") in actions
    assert ("export", "gaps:units") in actions
    assert ("export", "S1") in actions


def test_a_viewer_cannot_import_and_an_anonymous_caller_cannot_anything(
    graph: Graph,
    anonymous_client: TestClient,
) -> None:
    build_matrix_world(graph)
    refused = anonymous_client.post(
        "/api/imports", files={"file": ("单位.csv", _csv_unit("M1"))}, headers=session(graph, DISTRICT_VIEWER)
    )
    assert refused.status_code == 403
    assert anonymous_client.get("/api/entities/U1").status_code == 401
    page = anonymous_client.get("/view/entity/U1?depth=2", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fview%2Fentity%2FU1%3Fdepth%3D2"
    login = anonymous_client.get("/login", params={"next": "https://evil.example/"})
    assert login.status_code == 200
    assert re.search(r'data-next="/"', login.text)


def _upload(api: TestClient, graph: Graph, user: str, name: str, text: str) -> tuple[int, dict[str, Any]]:
    response = api.post(
        "/api/imports", files={"file": (name, text.encode("utf-8-sig"))}, headers=session(graph, user)
    )
    return response.status_code, response.json()


@pytest.mark.parametrize(
    ("name", "rows", "column", "value"),
    [
        # A new unit in another city's community.
        ("单位.csv", "UNEW,新单位,国有企业,电力,,,XM,", "所在区域", "XM"),
        # U2 exists in 西山区: moving it into the editor's own community would take it over.
        ("单位.csv", "U2,西山医院,事业单位,医疗卫生,,,M1,", "编号", "U2"),
        # A new community under another district's street.
        ("areas.csv", "MNEW,新社区,社区,S2,", "parent_id", "S2"),
        # A new top-level area: a root outside everyone's scope.
        ("areas.csv", "CNEW,新市,市,,", None, "CNEW"),
    ],
)
def test_an_editors_import_may_not_create_change_or_refer_outside_their_area(
    graph: Graph, anonymous_client: TestClient, name: str, rows: str, column: str | None, value: str
) -> None:
    build_matrix_world(graph)
    header = (
        "编号,名称,类型,行业,地址,别名,所在区域,统一社会信用代码"
        if name == "单位.csv"
        else "id,name,level,parent_id,joint_meeting"
    )
    status, body = _upload(anonymous_client, graph, STREET_EDITOR, name, f"{header}\r\n{rows}\r\n")
    assert status == 404, body
    assert body["outcome"] == "rejected"
    assert [(p["row"], p["column"], p["value"]) for p in body["problems"]] == [(2, column, value)]
    # Nothing was written: U2 is still in M2, no new node exists.
    assert graph.read(ENTITY_AREA, {"id": "U2"})[0]["area"] == "M2"
    for new in ("UNEW", "MNEW", "CNEW"):
        assert graph.read(ENTITY_AREA, {"id": new}) == []


def test_an_editors_import_inside_their_area_is_written(graph: Graph, anonymous_client: TestClient) -> None:
    build_matrix_world(graph)
    areas = "id,name,level,parent_id,joint_meeting\r\nMNEW,新社区,社区,S1,\r\n"
    status, body = _upload(anonymous_client, graph, STREET_EDITOR, "areas.csv", areas)
    assert status == 200, body
    units = (
        "编号,名称,类型,行业,地址,别名,所在区域,统一社会信用代码\r\n"
        "U1,佴家湾医院新名,事业单位,医疗卫生,,,MNEW,\r\n"
    )
    status, body = _upload(anonymous_client, graph, STREET_EDITOR, "单位.csv", units)
    assert status == 200, body
    assert graph.read(ENTITY_AREA, {"id": "U1"})[0]["area"] == "MNEW"


def test_tie_counts_count_only_ties_inside_the_scope(graph: Graph, anonymous_client: TestClient) -> None:
    build_matrix_world(graph)
    # AL1: hosted by M1, led by K1, members O1, U2 (zone 2) and UX (zone x).
    mine = anonymous_client.get("/api/entities/AL1", headers=session(graph, STREET_EDITOR)).json()
    assert mine["ties"] == {"HOSTED_BY": 1, "LEADS": 1, "MEMBER_OF": 1}
    city = anonymous_client.get("/api/entities/AL1", headers=session(graph, CITY_ADMIN)).json()
    assert city["ties"] == {"HOSTED_BY": 1, "LEADS": 1, "MEMBER_OF": 2}
