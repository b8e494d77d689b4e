"""GET /api/entities/{id}: properties, type, area path and tie counts, over tests/fixtures/world_links.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from tests.fixtures.world_links import build_world

KM, GD, TH, EJW = ("A-KM", "昆明市"), ("A-GD", "官渡区"), ("A-TH", "太和街道"), ("A-EJW", "佴家湾社区")


@pytest.fixture
def api(graph: Graph, client: TestClient) -> TestClient:
    build_world(graph)
    return client


def _entity(api: TestClient, entity_id: str) -> dict[str, object]:
    response = api.get(f"/api/entities/{entity_id}")
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _path(body: dict[str, object]) -> list[tuple[str, str]]:
    return [(a["id"], a["name"]) for a in body["area_path"]]  # type: ignore[attr-defined]


def test_unit_with_area_path_and_ties(api: TestClient) -> None:
    unit = _entity(api, "U-SSY")
    assert unit["type"] == "Unit"
    assert unit["properties"]["name"] == "市三院"  # type: ignore[index]
    assert unit["properties"]["aliases"] == ["昆明市第三人民医院"]  # type: ignore[index]
    assert "keys_text" not in unit["properties"]  # type: ignore[operator]
    assert _path(unit) == [KM, GD, TH, EJW]
    assert unit["ties"] == {"LOCATED_IN": 1, "BELONGS_TO": 1, "WORKS_AT": 1, "OFFERED_BY": 1}


@pytest.mark.parametrize(
    ("entity_id", "expected"),
    [
        ("A-KM", [KM]),
        ("A-EJW-G1", [KM, GD, TH, EJW, ("A-EJW-G1", "佴家湾社区第一网格")]),
        ("P-EJW", [KM, GD, TH, EJW]),  # BASED_IN the community
        ("P-SSY", [KM, GD, TH, EJW]),  # no area of its own: its unit's
        ("AL-TH", [KM, GD, TH]),  # HOSTED_BY the street
        ("U-GDJ", [KM, ("A-WH", "五华区"), ("A-LX", "龙翔街道"), ("A-LH", "莲花社区")]),
        ("P-FG", []),
        ("K-1", []),
    ],
)
def test_area_paths(api: TestClient, entity_id: str, expected: list[tuple[str, str]]) -> None:
    assert _path(_entity(api, entity_id)) == expected


def test_person_phone_and_name_are_masked(api: TestClient) -> None:
    person = _entity(api, "PE-1")
    assert person["type"] == "Person"
    assert person["properties"]["phone"] == "138****5678"  # type: ignore[index]
    assert person["properties"]["name"] == "张**"  # type: ignore[index]
    assert person["properties"]["title"] == "预防保健科主任"  # type: ignore[index]
    assert "13812345678" not in str(person)
    assert "张医生" not in str(person)
    assert person["ties"] == {"WORKS_AT": 1, "SEATED_ON": 2}


def test_dates_are_iso_strings(api: TestClient) -> None:
    contract = _entity(api, "K-1")
    assert contract["properties"]["signed"] == "2023-01-01"  # type: ignore[index]
    assert contract["ties"] == {"PARTY_TO": 2, "UNDER": 1}


def test_unknown_entity_is_404(api: TestClient) -> None:
    response = api.get("/api/entities/NOPE")
    assert response.status_code == 404
    assert "NOPE" in response.json()["detail"]
