"""A district-sized area opens grouped, in a real headless Chromium (devtools/worlds/cluster_world.py has the
world and its clusters, worked out by hand)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.main import create_app
from api.security.deps import SESSION_COOKIE
from devtools import harness
from devtools.live_server import served
from devtools.worlds.cluster_world import LONG_STREETS, write_long_names, write_world
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import AppSettings, Neo4jSettings
from tests.browser_support import Recorder, admin_session, chromium, ready

pytestmark = pytest.mark.browser

#: (cluster id, label) of each group, in the order the page lists them (by name).
GROUPS_ZH = [
    ("cluster:A-E", "东街道\n500 个单位 · 孤立 90%"),
    ("cluster:A-S", "南街道\n500 个单位 · 孤立 100%"),
    ("cluster:A-W", "西街道\n500 个单位 · 孤立 100%"),
]
GROUPS_EN = [
    ("cluster:A-E", "东街道\n500 units · 90% unlinked"),
    ("cluster:A-S", "南街道\n500 units · 100% unlinked"),
    ("cluster:A-W", "西街道\n500 units · 100% unlinked"),
]


@pytest.fixture(scope="module")
def session(session_graph: Graph, owner_token: str) -> str:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    write_world(session_graph)
    write_long_names(session_graph)
    return admin_session(session_graph, "cluster-admin")


@pytest.fixture(scope="module")
def live_url(session: str, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings, AppSettings(test_hooks=True))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def tab(browser: Any, live_url: str, session: str) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
    page = context.new_page()
    yield page, Recorder(page)
    context.close()


def _groups(page: Any) -> list[tuple[str, str]]:
    return [
        (g, page.evaluate(f"window.orglinks.network.body.nodes['{g}'].options.label"))
        for g in page.evaluate("window.orglinks.closedGroups()")
    ]


def _top_level(page: Any) -> list[str]:
    """The nodes drawn at the top level: clusters and the nodes no cluster holds."""
    return sorted(page.evaluate("window.orglinks.network.body.nodeIndices"))


def _double_click(page: Any, node: str) -> None:
    """Double-click the node `node` (a group's box) where the network draws it."""
    box = page.locator("#network").bounding_box()
    spot = page.evaluate(
        f"(() => {{ const n = window.orglinks.network; return n.canvasToDOM(n.getPosition('{node}')); }})()"
    )
    page.mouse.dblclick(box["x"] + spot["x"], box["y"] + spot["y"])


def test_a_district_of_1500_units_opens_as_its_streets(tab: tuple[Any, Recorder], live_url: str) -> None:
    page, rec = tab
    page.goto(live_url + "/view/area/A-XS")
    ready(page)
    assert page.evaluate("window.orglinks.nodes.length") == 1561
    assert _top_level(page) == ["A-XS", "P-XS", "cluster:A-E", "cluster:A-S", "cluster:A-W"]
    assert _groups(page) == GROUPS_ZH
    # A tie into a closed group is drawn to its box: each street's PART_OF the district.
    drawn_ties = page.evaluate("window.orglinks.network.body.data.edges.map(e => [e.from, e.to, e.type])")
    assert sorted(map(tuple, drawn_ties)) == [
        ("P-XS", "A-XS", "BASED_IN"),
        ("cluster:A-E", "A-XS", "PART_OF"),
        ("cluster:A-S", "A-XS", "PART_OF"),
        ("cluster:A-W", "A-XS", "PART_OF"),
    ]
    assert "已按下级区域分组" in page.locator("#notice").inner_text()
    # Legible as it opens: each group's label, and the free nodes', is drawn at least 12 px high.
    scale = page.evaluate("window.orglinks.network.getScale()")
    for node in ["cluster:A-E", "cluster:A-S", "cluster:A-W", "A-XS", "P-XS"]:
        size = page.evaluate(f"window.orglinks.network.body.nodes['{node}'].options.font.size")
        assert size * scale >= 12, node
    # Each group's box holds its grown words with the grown margin all round.
    for group in ["cluster:A-E", "cluster:A-S", "cluster:A-W"]:
        box_height, words, margin = page.evaluate(
            f"(n => [n.shape.height, n.labelModule.size.height, n.options.margin])"
            f"(window.orglinks.network.body.nodes['{group}'])"
        )
        assert box_height >= words + 2 * margin, group
    page.screenshot(path=str(Path("test-artifacts") / "area-clustered.png"))
    page.click("#btn-lang")
    assert _groups(page) == GROUPS_EN
    page.click("#btn-lang")
    # Double-click 南街道: its 502 nodes are drawn, the other groups stay closed.
    overview = page.evaluate("window.orglinks.network.getScale()")
    _double_click(page, "cluster:A-S")
    page.wait_for_function("window.orglinks.closedGroups().length === 2")
    assert [g for g, _ in _groups(page)] == ["cluster:A-E", "cluster:A-W"]
    top = _top_level(page)
    assert len(top) == 5 - 1 + 502
    assert {"A-S", "A-S1", "U-S1-0", "U-S1-499"} <= set(top)
    # Its nodes come out where the server laid them out, each on its own spot.
    spots = page.evaluate("Object.values(window.orglinks.network.getPositions()).map(p => p.x + ',' + p.y)")
    assert len(set(spots)) == len(top)
    # The view zooms in to them (they are what the user opened the group for), every one on screen.
    inside = sorted(set(top) - {"A-XS", "P-XS", "cluster:A-E", "cluster:A-W"})
    page.wait_for_function(
        """([ids, overview]) => {
             const n = window.orglinks.network, canvas = document.querySelector('#network canvas');
             return n.getScale() > 1.5 * overview && ids.every((id) => {
               const at = n.canvasToDOM(n.getPosition(id));
               return at.x >= 0 && at.y >= 0 && at.x <= canvas.clientWidth && at.y <= canvas.clientHeight;
             });
           }""",
        arg=[inside, overview],
    )
    # vis-network builds a group's nodes only when it opens: once the other two are open, every one of
    # the 1,561 nodes is drawn, each once, and each tie between them.
    # Picking a unit of a closed group in the gap list opens its group and selects the unit.
    page.select_option("#gap-kind", "any")
    page.click("#gap-list li[data-id='U-W1-0']")
    page.wait_for_function("window.orglinks.closedGroups().length === 1")
    assert page.evaluate("window.orglinks.network.getSelectedNodes()") == ["U-W1-0"]
    page.select_option("#gap-kind", "")
    page.click("#btn-fit")  # the unit was zoomed in on: 东街道's box is off screen until then
    _double_click(page, "cluster:A-E")
    page.wait_for_function("window.orglinks.closedGroups().length === 0")
    assert _top_level(page) == sorted(page.evaluate("window.orglinks.nodes.getIds()"))
    assert len(_top_level(page)) == 1561
    drawn_ties = page.evaluate("Object.keys(window.orglinks.network.body.edges).length")
    assert drawn_ties == page.evaluate("window.orglinks.edges.length")
    assert rec.errors == []
    assert rec.foreign_requests() == []


def test_relayout_of_a_grouped_page_puts_the_groups_back_apart(
    tab: tuple[Any, Recorder], live_url: str
) -> None:
    """Re-layout on a grouped page goes back to the server's layout (laying the large boxes out by force
    piled them together): a box dragged onto another returns to where it opened, and no two boxes
    overlap."""
    page, rec = tab
    page.goto(live_url + "/view/area/A-XS")
    ready(page)
    opened = page.evaluate("window.orglinks.network.getPositions()")
    page.evaluate(
        "(() => { const n = window.orglinks.network, at = n.getPosition('cluster:A-W');"
        " n.moveNode('cluster:A-E', at.x, at.y); n.moveNode('P-XS', at.x, at.y); })()"
    )
    assert page.evaluate("window.orglinks.network.getPosition('cluster:A-E')") != opened["cluster:A-E"]
    page.click("#btn-relayout")
    page.wait_for_selector("body[data-layouts='1']")
    again = page.evaluate("window.orglinks.network.getPositions()")
    assert again.keys() == opened.keys()
    for node, spot in opened.items():
        assert abs(again[node]["x"] - spot["x"]) <= 1, node
        assert abs(again[node]["y"] - spot["y"]) <= 1, node
    boxes = page.evaluate(
        "['cluster:A-E', 'cluster:A-S', 'cluster:A-W'].map(g => window.orglinks.network.getBoundingBox(g))"
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a["right"] < b["left"] or b["right"] < a["left"]
            apart = apart or a["bottom"] < b["top"] or b["bottom"] < a["top"]
            assert apart, (a, b)
    assert rec.errors == []


def _overlapping(page: Any) -> list[tuple[str, str]]:
    """The pairs of nodes drawn at the top level (group boxes and free nodes, labels included) whose
    drawn rectangles overlap."""
    boxes = page.evaluate(
        "(() => { const n = window.orglinks.network;"
        " return n.body.nodeIndices.map(id => [id, n.getBoundingBox(id)]); })()"
    )
    return [
        (a, b)
        for i, (a, p) in enumerate(boxes)
        for b, q in boxes[i + 1 :]
        if not (
            p["right"] < q["left"]
            or q["right"] < p["left"]
            or p["bottom"] < q["top"]
            or q["bottom"] < p["top"]
        )
    ]


@pytest.mark.parametrize(
    ("lang", "width", "height"), [("zh", 1280, 800), ("en", 1280, 800), ("en", 1920, 1080)]
)
def test_long_street_names_make_wide_boxes_that_overlap_nothing(
    browser: Any, live_url: str, session: str, lang: str, width: int, height: int
) -> None:
    """开发区's 12 streets have names of up to 14 characters: their boxes, sized to be legible at the zoom
    the page opens at, overlap neither each other nor the free nodes' labels (the server spaces the
    groups for the boxes' words, and the page draws them at that size). On a large window the words
    are drawn smaller rather than blown up, each box shrinking round them."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
    context.add_init_script(f"localStorage.setItem('orglinks.lang', '{lang}')")
    page = context.new_page()
    rec = Recorder(page)
    page.goto(live_url + "/view/area/A-LN")
    ready(page)
    groups = _groups(page)
    assert [label.split("\n")[0] for _, label in groups] == sorted(LONG_STREETS)
    share = "孤立 100%" if lang == "zh" else "100% unlinked"
    assert all(label.endswith(share) for _, label in groups)
    assert _top_level(page) == sorted(["A-LN", "P-LN", *(g for g, _ in groups)])
    scale = page.evaluate("window.orglinks.network.getScale()")
    for node in _top_level(page):
        size = page.evaluate(f"window.orglinks.network.body.nodes['{node}'].options.font.size")
        assert 12 <= size * scale <= 18, node
    for group, _ in groups:
        box_height, words, margin = page.evaluate(
            f"(n => [n.shape.height, n.labelModule.size.height, n.options.margin])"
            f"(window.orglinks.network.body.nodes['{group}'])"
        )
        assert words + 2 * margin <= box_height <= words + 2 * margin + 2, group
    assert _overlapping(page) == []
    page.screenshot(path=str(Path("test-artifacts") / f"area-clustered-long-names-{lang}-{width}.png"))
    # Re-layout puts them back where they opened: still apart.
    page.click("#btn-relayout")
    page.wait_for_selector("body[data-layouts='1']")
    assert _overlapping(page) == []
    assert rec.errors == []
    context.close()
