"""Ids holding `/` (and `%`) through every route that takes an id in its path (api/idpath.py).

The basic fixture package (tests/fixtures/loaders/basic), with five of its ids replaced:

    U3      -> '] RETURN n //      a unit, member of the alliance
    U2      -> U2/network          a unit whose id ends like the network route
    A1      -> A/1                 the alliance (members: PO-U1 and the unit '] RETURN n //)
    PO-EJW  -> PO/EJW              the community party committee (seats: P1 current, P2 ended 2022)
    C1      -> C/1%2F              the contract between PO/EJW and PO-U1 (a literal "%2F" in the id)
    EJW     -> EJW/社区            the community
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.idpath import IdConvertor, partly_decoded
from graph.driver import Graph
from loaders.pipeline import load_path

BASIC = Path(__file__).parent / "fixtures" / "loaders" / "basic"
PAYLOAD = "'] RETURN n //"
RENAMED = {
    "U3": "'] RETURN n //",
    "U2": "U2/network",
    "A1": "A/1",
    "PO-EJW": "PO/EJW",
    "C1": "C/1%2F",
    "EJW": "EJW/社区",
}


def q(entity_id: str) -> str:
    """The id as a client puts it into a path (encodeURIComponent)."""
    return quote(entity_id, safe="")


def _renamed_package(target: Path) -> Path:
    shutil.copytree(BASIC, target)
    for path in target.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as source:
            rows = list(csv.reader(source))
        rows = [
            [
                rows[0][i] if r == 0 else "、".join(RENAMED.get(v, v) for v in cell.split("、"))
                for i, cell in enumerate(row)
            ]
            for r, row in enumerate(rows)
        ]
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
    return target


@pytest.fixture
def api(graph: Graph, client: TestClient, tmp_path: Path) -> TestClient:
    result = load_path(graph, _renamed_package(tmp_path / "package"))
    assert result.outcome == "ok", result.problems
    return client


def test_entity_with_slashes(api: TestClient) -> None:
    answer = api.get("/api/entities/" + q(PAYLOAD))
    assert answer.status_code == 200, answer.text
    assert answer.json()["id"] == "'] RETURN n //"
    assert answer.json()["type"] == "Unit"
    assert [a["id"] for a in answer.json()["area_path"]] == ["KM", "GD", "TH", "EJW/社区"]


def test_an_id_ending_like_a_sub_route_is_the_entity_not_its_network(api: TestClient) -> None:
    entity = api.get(f"/api/entities/{q('U2/network')}")
    assert entity.status_code == 200, entity.text
    assert entity.json()["id"] == "U2/network"
    assert entity.json()["ties"] == {"LOCATED_IN": 1, "BELONGS_TO": 1, "WORKS_AT": 1}


def test_network_of_an_id_with_slashes(api: TestClient) -> None:
    view = api.get(f"/api/entities/{q('U2/network')}/network")
    assert view.status_code == 200, view.text
    # U2's ties: LOCATED_IN TH, PO-U2 BELONGS_TO it, P2 WORKS_AT it.
    assert {n["id"] for n in view.json()["nodes"]} == {"U2/network", "TH", "PO-U2", "P2"}


def test_alliance_members_with_slashes(api: TestClient) -> None:
    roster = api.get(f"/api/alliances/{q('A/1')}/members")
    assert roster.status_code == 200, roster.text
    assert roster.json()["id"] == "A/1"
    assert {m["id"] for m in roster.json()["items"]} == {"PO-U1", "'] RETURN n //"}


def test_committee_seats_with_slashes(api: TestClient) -> None:
    roster = api.get(f"/api/committees/{q('PO/EJW')}/seats", params={"include_past": "true"})
    assert roster.status_code == 200, roster.text
    assert roster.json()["id"] == "PO/EJW"
    assert roster.json()["area_id"] == "EJW/社区"
    assert [(s["unit_id"], s["current"]) for s in roster.json()["items"]] == [
        ("U1", True),
        ("U2/network", False),
    ]


def test_contract_with_slash_and_percent(api: TestClient) -> None:
    contract = api.get(f"/api/contracts/{q('C/1%2F')}")
    assert contract.status_code == 200, contract.text
    assert contract.json()["id"] == "C/1%2F"
    assert {p["id"] for p in contract.json()["parties"]} == {"PO/EJW", "PO-U1"}


def test_pages_with_slashes(api: TestClient) -> None:
    entity = api.get("/view/entity/" + q(PAYLOAD))
    assert entity.status_code == 200, entity.text
    assert "RETURN n //" in entity.text
    area = api.get(f"/view/area/{q('EJW/社区')}")
    assert area.status_code == 200, area.text
    assert "佴家湾社区" in area.text


def test_an_unknown_id_with_a_slash_is_404_naming_it(api: TestClient) -> None:
    answer = api.get(f"/api/entities/{q('A/2')}")
    assert answer.status_code == 404
    assert "A/2" in answer.json()["detail"]
    # Not encoded, the slash is a path separator: no route has that shape.
    assert api.get("/api/entities/A/1").status_code == 404


@pytest.mark.parametrize("entity_id", ["a/b", "%", "%2F", "a%252F/", "/", "中文/编号", "'] RETURN n //"])
def test_an_encoded_id_reads_back_as_itself(entity_id: str) -> None:
    segment = partly_decoded(q(entity_id))
    assert "/" not in segment
    assert IdConvertor().convert(segment) == entity_id
    assert partly_decoded(IdConvertor().to_string(entity_id)) == IdConvertor().to_string(entity_id)
