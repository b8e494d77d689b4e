"""graph/area_view.py on the visualization fixture world (devtools/worlds/visual_world.py), by hand."""

from __future__ import annotations

import pytest

from devtools.worlds.visual_world import BIG_UNITS_EACH, write_world
from graph.area_view import area_view
from graph.driver import Graph
from graph.errors import NotFound
from graph.graphview import GraphView


def ties(view: GraphView) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.type) for e in view.edges}


@pytest.fixture
def world(graph: Graph) -> Graph:
    write_world(graph)
    return graph


def test_street_view_lists_every_node(world: Graph) -> None:
    view = area_view(world, "A-TH")
    assert view.aggregated is False
    assert view.truncated is False
    types = {n.id: n.type for n in view.nodes}
    assert types == {
        "A-TH": "Area",
        "A-EJW": "Area",
        "A-JX": "Area",
        "U-SSY": "Unit",
        "U-GDJ": "Unit",
        "U-WY": "Unit",
        "U-XSS": "Unit",
        "P-TH": "PartyOrg",
        "P-EJW": "PartyOrg",
        "P-SSY": "PartyOrg",
        "P-GDJ": "PartyOrg",
        "AL-TH": "Alliance",
        "K1": "Contract",
    }
    assert ties(view) == {
        ("A-EJW", "A-TH", "PART_OF"),
        ("A-JX", "A-TH", "PART_OF"),
        ("U-SSY", "A-EJW", "LOCATED_IN"),
        ("U-GDJ", "A-EJW", "LOCATED_IN"),
        ("U-WY", "A-JX", "LOCATED_IN"),
        ("U-XSS", "A-JX", "LOCATED_IN"),
        ("P-TH", "A-TH", "BASED_IN"),
        ("P-EJW", "A-EJW", "BASED_IN"),
        ("P-EJW", "P-TH", "REPORTS_TO"),
        ("P-SSY", "U-SSY", "BELONGS_TO"),
        ("P-GDJ", "U-GDJ", "BELONGS_TO"),
        ("AL-TH", "A-TH", "HOSTED_BY"),
        ("P-TH", "AL-TH", "LEADS"),
        ("P-SSY", "AL-TH", "MEMBER_OF"),
        ("P-GDJ", "AL-TH", "MEMBER_OF"),
        ("P-EJW", "K1", "PARTY_TO"),
        ("P-SSY", "K1", "PARTY_TO"),
    }
    props = {n.id: n.properties for n in view.nodes}
    assert props["A-EJW"] == {"level": "community"}
    assert props["K1"] == {"status": "active", "signed": "2024-01-01", "expires": "2099-12-31"}


def test_above_the_cap_units_are_counted_per_area(world: Graph) -> None:
    # 3 areas + 4 units = 7 > 5: no unit is read; each community counts its units, and the areas'
    # party orgs fold into their areas.
    view = area_view(world, "A-TH", cap=5)
    assert view.aggregated is True
    assert {n.id: n.count for n in view.nodes} == {"A-TH": None, "A-EJW": 2, "A-JX": 2, "AL-TH": None}
    # P-TH (of 太和街道) leads the alliance; P-SSY and P-GDJ belong to units of 佴家湾社区.
    assert {(e.source, e.target, e.type): e.properties.get("count") for e in view.edges} == {
        ("A-EJW", "A-TH", "PART_OF"): None,
        ("A-JX", "A-TH", "PART_OF"): None,
        ("AL-TH", "A-TH", "HOSTED_BY"): None,
        ("A-TH", "AL-TH", "LEADS"): 1,
        ("A-EJW", "AL-TH", "MEMBER_OF"): 2,
    }


def test_big_street_is_counted_at_the_default_cap(world: Graph) -> None:
    view = area_view(world, "A-BIG")
    assert view.aggregated is True
    assert {n.id: n.count for n in view.nodes} == {
        "A-BIG": None,
        "A-BIG-C0": BIG_UNITS_EACH,
        "A-BIG-C1": BIG_UNITS_EACH,
        "A-BIG-C2": BIG_UNITS_EACH,
    }


def test_district_covers_its_whole_subtree(world: Graph) -> None:
    view = area_view(world, "A-GD", cap=100_000, limit=100_000)
    units = [n for n in view.nodes if n.type == "Unit"]
    assert len(units) == 4 + 3 * BIG_UNITS_EACH
    assert view.aggregated is False


def test_limit_flags_truncation_and_unknown_area_is_not_found(world: Graph) -> None:
    assert area_view(world, "A-TH", limit=2).truncated is True
    with pytest.raises(NotFound):
        area_view(world, "U-SSY")
    with pytest.raises(NotFound):
        area_view(world, "nope")
