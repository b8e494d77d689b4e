"""Layout in a real headless Chromium over devtools/worlds/visual_world.py: an expansion puts its
nodes around the expanded one without landing on any other, fit zooms in on a small graph, re-layout
lays out again, and the PNG export is on white with the title above. Positions are read from the
network's state."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest

from api.main import create_app
from api.security.deps import SESSION_COOKIE
from devtools import harness
from devtools.live_server import served
from devtools.worlds.visual_world import write_world
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import AppSettings, Neo4jSettings
from tests.browser_support import Recorder, admin_session, chromium, ready

pytestmark = pytest.mark.browser

#: js/explorer/placement.js: the least distance between two nodes' centres after an expansion.
SPACING = 60


@pytest.fixture(scope="module")
def session(session_graph: Graph, owner_token: str) -> str:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    write_world(session_graph)
    return admin_session(session_graph, "layout-admin")


@pytest.fixture(scope="module")
def live_url(session: str, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings, AppSettings(test_hooks=True))) as url:
        yield url


@pytest.fixture
def tab(live_url: str, session: str) -> Iterator[tuple[Any, Recorder]]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
        context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
        page = context.new_page()
        yield page, Recorder(page)
        context.close()


def _positions(page: Any) -> dict[str, tuple[float, float]]:
    raw = page.evaluate("window.orglinks.network.getPositions()")
    return {k: (v["x"], v["y"]) for k, v in raw.items()}


def test_expansion_places_new_nodes_around_without_overlap(tab: tuple[Any, Recorder], live_url: str) -> None:
    page, rec = tab
    page.goto(live_url + "/view/area/A-TH")
    ready(page)
    before = _positions(page)
    # The area view holds no person: 市供电局 U-GDJ's neighbours add 张三 PE1 (works there) only.
    added = page.evaluate("window.orglinks.expand('U-GDJ')")
    assert added == ["PE1"]
    # 太和街道 A-TH's neighbours add its district 官渡区 A-GD only (its communities, party org and
    # alliance are shown).
    added += page.evaluate("window.orglinks.expand('A-TH')")
    assert sorted(added) == ["A-GD", "PE1"]
    after = _positions(page)
    assert {k: after[k] for k in before} == before  # nothing already drawn moved
    for new in added:
        others = [p for k, p in after.items() if k != new]
        assert min(math.dist(after[new], p) for p in others) >= SPACING - 0.5, new
    assert math.dist(after["PE1"], after["U-GDJ"]) < 4 * SPACING  # near the node it came from
    assert rec.errors == []


def test_fit_zooms_in_on_a_small_graph_and_relayout_lays_out_again(
    tab: tuple[Any, Recorder], live_url: str
) -> None:
    page, rec = tab
    page.goto(live_url + "/view/entity/U-WY")
    ready(page)
    page.click("#btn-fit")
    assert page.evaluate("window.orglinks.network.getScale()") > 1
    page.click("#btn-relayout")
    page.wait_for_selector("body[data-layouts='1']")
    assert page.evaluate("window.orglinks.network.getScale()") > 1
    assert rec.errors == []


#: The picture the PNG export encodes (window.orglinks.exportPng() returns it as a data URL): its size
#: and the colour of a few pixels. The page's CSP (img-src 'self') keeps it from loading a data URL back.
READ_PNG = """() => {
  const c = window.orglinks.composePng();
  const ctx = c.getContext('2d');
  const px = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data);
  const source = document.querySelector('#network canvas').height;
  const band = ctx.getImageData(0, 0, Math.floor(c.width / 2), c.height - source).data;
  let darkest = 255;
  for (let i = 0; i < band.length; i += 4) { darkest = Math.min(darkest, band[i]); }
  return { width: c.width, height: c.height, source: source, corner: px(2, 2),
           last: px(c.width - 3, c.height - 3), darkest: darkest };
}"""


def test_png_export_is_on_white_with_the_title(tab: tuple[Any, Recorder], live_url: str) -> None:
    page, rec = tab
    page.goto(live_url + "/view/area/A-TH")
    ready(page)
    assert page.evaluate("window.orglinks.exportPng()").startswith("data:image/png;base64,")
    png = page.evaluate(READ_PNG)
    assert png["height"] > png["source"]  # the title above and the legend below the network
    assert png["corner"] == [255, 255, 255, 255]  # white, not transparent
    assert png["last"] == [255, 255, 255, 255]
    assert png["darkest"] < 100  # the dark title text was drawn
    assert rec.errors == []
