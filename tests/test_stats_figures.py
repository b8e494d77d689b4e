"""The seed's other figures in GET /api/stats (joint meetings, branches, party members), over the world of
tests/fixtures/world_gaps.py with a few properties added; figures worked out by hand."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.queries.writes import merge_nodes
from graph.schema import Label
from tests.fixtures import world_gaps

AS_OF = world_gaps.AS_OF.isoformat()


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    world_gaps.build(graph)
    return client


def test_the_seeds_other_figures_per_district(graph: Graph, world: TestClient) -> None:
    # Joint meeting systems in 太和街道 A-S1, 佴家湾社区 A-M1 and 永兴路社区 A-M4 (not 关上街道 A-S2); members
    # on the four branches B-U2 30, P-U4 12, P-U7 8, GB1 5, and on the committee P-U1 100 (not a branch).
    flags = [("A-S1", True), ("A-S2", False), ("A-M1", True), ("A-M4", True)]
    areas = [{"id": i, "props": {"joint_meeting": v}, "prov": world_gaps.PROV} for i, v in flags]
    graph.write(merge_nodes(Label.AREA), {"rows": areas})
    members = [("B-U2", 30), ("P-U4", 12), ("P-U7", 8), ("GB1", 5), ("P-U1", 100)]
    orgs = [{"id": i, "props": {"members": n}, "prov": world_gaps.PROV} for i, n in members]
    graph.write(merge_nodes(Label.PARTY_ORG), {"rows": orgs})
    body = world.get("/api/stats", params={"area": "A-C", "as_of": AS_OF}).json()
    keys = ("joint_meeting_streets", "joint_meeting_communities", "branches", "party_members")
    children = {c["area"]["id"]: c for c in body["children"]}
    assert tuple(body["total"][k] for k in keys) == (1, 2, 4, 55)
    # 官渡区 holds all four branches (B-U2 and P-U4, P-U7 through their units, GB1 based in 网格一).
    assert tuple(children["A-D1"][k] for k in keys) == (1, 1, 4, 55)
    assert tuple(children["A-D2"][k] for k in keys) == (0, 1, 0, 0)
    street = world.get("/api/stats", params={"area": "A-S1", "as_of": AS_OF}).json()
    by_community = {c["area"]["id"]: c for c in street["children"]}
    # 佴家湾社区: B-U2 (U2's) and GB1; 金马社区: P-U4. P-U7 is U7's, located in the street itself.
    assert tuple(by_community["A-M1"][k] for k in keys) == (0, 1, 2, 35)
    assert tuple(by_community["A-M2"][k] for k in keys) == (0, 0, 1, 12)
    assert tuple(street["total"][k] for k in keys) == (1, 1, 4, 55)
