"""The explorer in a real headless Chromium, against the app served on 127.0.0.1 over a fixture world.

The fixture world (worked out by hand):

    昆明市 A-KM ─ 官渡区 A-GD ─ 太和街道 A-TH ─┬─ 佴家湾社区 A-EJW: 市三院 U-SSY, 市供电局 U-GDJ
                                           └─ 金星社区 A-JX:   春城物业公司 U-WY, <img …> U-XSS
    太和街道党工委 P-TH (BASED_IN A-TH) leads 太和街道党建联盟 AL-TH (HOSTED_BY A-TH);
    佴家湾社区党委 P-EJW (BASED_IN A-EJW, REPORTS_TO P-TH);
    市三院党委 P-SSY (BELONGS_TO U-SSY) and 市供电局党委 P-GDJ (BELONGS_TO U-GDJ) are members of AL-TH;
    contract K1 (active, 2024-01-01 … 2099-12-31) between P-EJW and P-SSY;
    张三 PE1 works at U-GDJ and holds a current seat on P-EJW.

Units lacking each kind of link today:
    contract:  U-GDJ, U-WY, U-XSS    (U-SSY holds K1 through its party org)
    alliance:  U-WY, U-XSS           (U-SSY, U-GDJ are members through their party orgs)
    committee: U-SSY, U-WY, U-XSS    (U-GDJ has 张三's seat)
    any:       U-WY, U-XSS

And a big street A-BIG with three communities of 700 units each: 2,104 nodes, folded to 4.

Progress on the home page (today, so K1 and 张三's seat are current):
    官渡区 A-GD: 2,104 units, 1 alliance (AL-TH), 1 big committee (P-EJW: based in a community, with a
        current seat), 1 part-time member (张三), 1 active contract (K1); linked by contract 1 (U-SSY),
        alliance 2 (U-SSY, U-GDJ), committee 1 (U-GDJ), any 2: shares 0.0005, 0.001, 0.0005, 0.001.
    under it, 大街道 A-BIG: 2,100 units and nothing else, shares 0;
              太和街道 A-TH: 4 units, 1, 1, 1, 1; shares 1/4, 2/4, 1/4, 2/4.
A global admin's home shows the only city 昆明市 with one row, 官渡区; a 官渡区 viewer's shows A-BIG, A-TH.
The seed's other figures: joint meeting systems in 太和街道 and 佴家湾社区 (1 street, 1 community, counted
for 官渡区, 太和街道 and the city), no branch and no party member counts.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import expiry_after, issue_token
from api.main import create_app
from api.routes.pages import PAGE_CSP
from api.security.deps import SESSION_COOKIE
from devtools import harness
from devtools.live_server import served
from devtools.worlds.visual_world import BIG_COMMUNITIES, BIG_UNITS_EACH, HOSTILE, write_world
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import AppSettings, Neo4jSettings
from tests.browser_support import HTTP_TIMEOUT_S, Recorder, chromium

pytestmark = pytest.mark.browser

DOCS_SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


#: The pages need a logged-in user: a global admin, whose session the browser and httpx present.
VIEWER_NAME = "browser-admin"
#: A viewer whose scope is 官渡区, for the home page's progress panel.
DISTRICT_VIEWER = "browser-district"


@pytest.fixture(scope="module")
def world(session_graph: Graph, owner_token: str) -> Graph:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    write_world(session_graph)
    return session_graph


@pytest.fixture(scope="module")
def login(world: Graph) -> dict[str, str]:
    """A global admin's password and a live session token of theirs."""
    _, password = create_user(world, None, username=VIEWER_NAME, role=Role.ADMIN, area_id=None)
    token = issue_token(world, VIEWER_NAME, TokenKind.SESSION, expires=expiry_after(timedelta(hours=2)))
    create_user(world, None, username=DISTRICT_VIEWER, role=Role.VIEWER, area_id="A-GD")
    district = issue_token(
        world, DISTRICT_VIEWER, TokenKind.SESSION, expires=expiry_after(timedelta(hours=2))
    )
    return {"password": password, "session": token.token, "district_session": district.token}


@pytest.fixture(scope="module")
def live_url(world: Graph, neo4j_server: Any) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a background thread."""
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings, AppSettings(test_hooks=True))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any, live_url: str, login: dict[str, str]) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": login["session"], "url": live_url}])
    tab = context.new_page()
    recorder = Recorder(tab)
    yield tab, recorder
    context.close()


def _ready(tab: Any) -> None:
    tab.wait_for_selector("body[data-ready='1']", timeout=30_000)


def _shot(tab: Any, artifacts_dir: Path, name: str) -> None:
    path = artifacts_dir / f"{name}.png"
    tab.screenshot(path=str(path))
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")


def _progress(tab: Any) -> dict[str, dict[str, Any]]:
    """The progress table once loaded: per row (area id, "" for none) its counts, shares and links."""
    tab.wait_for_selector("#progress[data-state='ready']", timeout=30_000)
    return dict(
        tab.evaluate(
            """Array.from(document.querySelectorAll('#progress tr[data-id]')).map(tr => [
                 tr.closest('tfoot') ? 'total' : tr.dataset.id,
                 {name: tr.querySelector('th').innerText,
                  counts: Array.from(tr.querySelectorAll('td[data-key]')).map(td => Number(td.innerText)),
                  shares: Array.from(tr.querySelectorAll('.share')).map(s => Number(s.dataset.share)),
                  percents: Array.from(tr.querySelectorAll('.share-value')).map(s => s.innerText),
                  links: Array.from(tr.querySelectorAll('a')).map(a => a.getAttribute('href'))}])"""
        )
    )


def _node_ids(tab: Any) -> set[str]:
    return set(tab.evaluate("window.orglinks.nodes.getIds()"))


def test_explorer_loads_offline_without_errors(
    page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path
) -> None:
    tab, rec = page
    response = tab.goto(live_url + "/")
    _ready(tab)
    assert response.headers["content-security-policy"] == PAGE_CSP
    assert tab.locator("#search-input").is_visible()
    # The top-level area and the areas one level below it, to start from.
    starts = tab.locator("#start-areas a")
    assert [starts.nth(i).get_attribute("data-id") for i in range(starts.count())] == ["A-KM", "A-GD"]
    # The only city, 昆明市, with its one district.
    rows = _progress(tab)
    assert list(rows) == ["A-GD", "total"]
    assert rows["A-GD"]["name"] == "官渡区"
    # …, then joint meetings (太和街道, 佴家湾社区), branches and party members (none in this world).
    assert rows["A-GD"]["counts"] == [2104, 1, 1, 1, 1, 1, 1, 0, 0]
    assert rows["A-GD"]["shares"] == [0.0005, 0.001, 0.0005, 0.001]
    assert rows["total"]["name"] == "昆明市 · 合计"
    assert rows["total"]["counts"] == [2104, 1, 1, 1, 1, 1, 1, 0, 0]
    tab.click("#btn-lang")
    assert tab.locator("#btn-search, #search-form button").first.inner_text() == "Search"
    tab.click("#btn-lang")
    assert tab.locator("#search-form button").inner_text() == "搜索"
    _shot(tab, artifacts_dir, "explorer-home-city")
    assert rec.errors == []
    assert rec.foreign_requests() == []
    # The home draws no network: it loads its own module and the shared ones, not vis-network.
    assert any(url.endswith("/static/js/home.js") for url in rec.requests)
    assert not any(url.endswith("/static/vis/vis-network.min.js") for url in rec.requests)


def test_home_shows_the_progress_of_a_district_viewers_streets(
    browser: Any, live_url: str, login: dict[str, str], artifacts_dir: Path
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": login["district_session"], "url": live_url}])
    tab = context.new_page()
    rec = Recorder(tab)
    tab.goto(live_url + "/")
    _ready(tab)
    rows = _progress(tab)
    assert list(rows) == ["A-BIG", "A-TH", "total"]
    assert rows["A-BIG"]["name"] == "大街道"
    assert rows["A-BIG"]["counts"] == [2100, 0, 0, 0, 0, 0, 0, 0, 0]
    assert rows["A-BIG"]["shares"] == [0, 0, 0, 0]
    assert rows["A-BIG"]["percents"] == ["0%"] * 4
    assert rows["A-TH"]["name"] == "太和街道"
    assert rows["A-TH"]["counts"] == [4, 1, 1, 1, 1, 1, 1, 0, 0]
    assert rows["A-TH"]["shares"] == [0.25, 0.5, 0.25, 0.5]
    assert rows["A-TH"]["percents"] == ["25%", "50%", "25%", "50%"]
    today = tab.locator("#progress .progress-of").inner_text()
    assert today.startswith("官渡区 · 截至 ")
    as_of = today.rsplit(" ", 1)[1]
    assert rows["A-TH"]["links"] == [
        "/view/area/A-TH",
        "/view/area/A-TH",
        f"/api/gaps/units?area=A-TH&by=any&as_of={as_of}&format=xlsx",
        "/view/gaps?area=A-TH&by=any",
        "/view/area-gaps?area=A-TH",
        "/view/matches?area=A-TH",
    ]
    assert rows["total"]["name"] == "官渡区 · 合计"
    assert rows["total"]["counts"] == [2104, 1, 1, 1, 1, 1, 1, 0, 0]
    assert rows["total"]["shares"] == [0.0005, 0.001, 0.0005, 0.001]
    assert rows["total"]["percents"] == ["0.05%", "0.1%", "0.05%", "0.1%"]
    bar = tab.locator("#progress tr[data-id='A-TH'] .share-alliance .fill")
    assert bar.evaluate("e => e.style.width") == "50%"
    _shot(tab, artifacts_dir, "explorer-home")
    # The export link answers with a workbook for the street.
    with httpx.Client(
        timeout=HTTP_TIMEOUT_S, base_url=live_url, cookies={SESSION_COOKIE: login["district_session"]}
    ) as http:
        xlsx = http.get(rows["A-TH"]["links"][2])
        assert xlsx.status_code == 200
        assert xlsx.content.startswith(b"PK")
    tab.click("#btn-lang")
    assert tab.locator("#progress h2").inner_text() == "Progress"
    assert "Part-time members" in tab.locator("#progress thead").inner_text()
    assert tab.locator("#progress tr[data-id='A-TH'] a.gaps").inner_text() == "Unit gaps (Excel)"
    assert tab.locator("#progress tfoot th").inner_text() == "官渡区 · Total"
    tab.screenshot(path=str(artifacts_dir / "explorer-home-en.png"))
    tab.click("#btn-lang")
    assert tab.locator("#progress h2").inner_text() == "进展概览"
    tab.click("#progress tr[data-id='A-TH'] th a")
    tab.wait_for_url("**/view/area/A-TH")
    _ready(tab)
    assert [url for url in rec.requests if "/api/stats" in url] == [live_url + "/api/stats"]
    assert rec.errors == []
    assert rec.foreign_requests() == []
    context.close()


def test_search_by_pinyin_initials_opens_the_network(
    page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path
) -> None:
    tab, rec = page
    tab.goto(live_url + "/")
    _ready(tab)
    tab.fill("#search-input", "ssy")
    hit = tab.locator("#search-results li[data-id='U-SSY'] a")
    hit.wait_for(timeout=10_000)
    assert hit.inner_text() == "市三院"
    hit.click()
    tab.wait_for_url("**/view/entity/U-SSY")
    _ready(tab)
    # 市三院's ties: its community (LOCATED_IN) and its party org (BELONGS_TO).
    assert _node_ids(tab) == {"U-SSY", "A-EJW", "P-SSY"}
    assert tab.locator("#page-title").inner_text() == "市三院 的联系网络"
    assert tab.locator("#legend .legend-row").count() > 10
    _shot(tab, artifacts_dir, "entity-network")
    tab.click("#btn-lang")
    assert tab.locator("#page-title").inner_text() == "Network of 市三院"
    assert tab.locator("#type-filters label[data-key='Unit'] span").last.inner_text() == "Unit"
    tab.click("#btn-lang")
    assert tab.locator("#page-title").inner_text() == "市三院 的联系网络"
    assert rec.errors == []
    assert rec.foreign_requests() == []


def test_double_click_expands_the_right_nodes(
    page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path
) -> None:
    tab, rec = page
    tab.goto(live_url + "/view/entity/U-SSY")
    _ready(tab)
    before = _node_ids(tab)
    box = tab.locator("#network").bounding_box()
    spot = tab.evaluate(
        "(() => { const n = window.orglinks.network; return n.canvasToDOM(n.getPosition('P-SSY')); })()"
    )
    with tab.expect_response(lambda r: "/api/entities/P-SSY/network" in r.url):
        tab.mouse.dblclick(box["x"] + spot["x"], box["y"] + spot["y"])
    tab.wait_for_selector("body[data-last-expanded='P-SSY']")
    # 市三院党委's neighbours: 市三院 (already shown), the alliance AL-TH and the contract K1.
    assert _node_ids(tab) - before == {"AL-TH", "K1"}
    edges = set(tab.evaluate("window.orglinks.edges.get().map(e => e.from + '>' + e.to + ':' + e.type)"))
    assert {"P-SSY>AL-TH:MEMBER_OF", "P-SSY>K1:PARTY_TO"} <= edges
    _shot(tab, artifacts_dir, "entity-expanded")
    tab.evaluate("window.orglinks.collapse('P-SSY')")
    assert _node_ids(tab) == before
    assert rec.errors == []


def _panel(tab: Any) -> dict[str, str]:
    """The details panel's rows (label → value)."""
    return dict(
        tab.evaluate(
            "Array.from(document.querySelectorAll('#panel-body > dl > dt'))"
            ".map(dt => [dt.textContent, dt.nextElementSibling.textContent])"
        )
    )


def test_details_panel_shows_words_not_codes(page: tuple[Any, Recorder], live_url: str) -> None:
    """The street, a unit and the contract of the fixture (太和街道 is a street, 市三院 a public
    institution, K1 active): each code in the vocabulary's words, in Chinese and in English."""
    tab, rec = page
    tab.goto(live_url + "/view/area/A-TH")
    _ready(tab)
    shown = {}
    for lang in ("zh", "en"):
        for node in ("A-TH", "U-SSY", "K1"):
            tab.evaluate(f"window.orglinks.focusNode('{node}')")
            shown[lang, node] = _panel(tab)
        tab.click("#btn-lang")
    assert shown["zh", "A-TH"]["层级"] == "街道"
    assert shown["en", "A-TH"]["Level"] == "Street"
    assert (shown["en", "A-TH"]["Type"], shown["en", "A-TH"]["ID"]) == ("Area", "A-TH")
    assert shown["zh", "U-SSY"]["单位类别"] == "事业单位"
    assert shown["en", "U-SSY"]["Unit kind"] == "Public institution"
    assert shown["zh", "K1"]["状态"] == "履行中"
    assert shown["en", "K1"]["Status"] == "In force"
    codes = {"street", "community", "district", "institution", "soe", "active", "committee", "branch"}
    for rows in shown.values():
        assert not codes & set(rows.values()), rows
        assert not any(label.startswith("prop_") or label.islower() for label in rows), rows
    assert rec.errors == []


def test_gap_overlay_marks_exactly_the_expected_units(
    page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path
) -> None:
    tab, rec = page
    tab.goto(live_url + "/view/area/A-TH")
    _ready(tab)
    assert {"A-TH", "A-EJW", "A-JX", "U-SSY", "U-GDJ", "U-WY", "U-XSS", "AL-TH", "K1"} <= _node_ids(tab)
    expected = {
        "contract": ["U-GDJ", "U-WY", "U-XSS"],
        "alliance": ["U-WY", "U-XSS"],
        "committee": ["U-SSY", "U-WY", "U-XSS"],
        "any": ["U-WY", "U-XSS"],
    }
    for kind, units in expected.items():
        tab.select_option("#gap-kind", kind)
        assert tab.evaluate("window.orglinks.gapMarked()") == units
        marked = tab.evaluate("window.orglinks.nodes.get().filter(n => n.gapMarked).map(n => n.id).sort()")
        assert marked == units
        assert tab.locator("#gap-list li").count() == len(units)
        # The area's links (its details stay open) follow the kind chosen: the export and the gaps page.
        links = tab.evaluate(
            "Array.from(document.querySelectorAll('#panel-body a')).map(a => a.getAttribute('href'))"
        )
        assert f"/api/gaps/units?area=A-TH&by={kind}&format=xlsx" in links
        assert f"/view/gaps?area=A-TH&by={kind}" in links
        assert tab.get_attribute("#gap-page-link", "href") == f"/view/gaps?area=A-TH&by={kind}"
        if kind == "contract":
            _shot(tab, artifacts_dir, "area-gaps")
            # A name in the list selects its unit and shows its details.
            tab.click("#gap-list li[data-id='U-WY']")
            assert tab.evaluate("window.orglinks.network.getSelectedNodes()") == ["U-WY"]
            assert tab.locator("#panel-name").inner_text() == "春城物业公司"
            tab.evaluate("window.orglinks.focusNode('A-TH')")
    tab.select_option("#gap-kind", "")
    assert tab.evaluate("window.orglinks.nodes.get().filter(n => n.gapMarked).length") == 0
    assert rec.errors == []
    assert rec.foreign_requests() == []


def test_hostile_name_renders_as_text(page: tuple[Any, Recorder], live_url: str) -> None:
    tab, rec = page
    tab.goto(live_url + "/view/area/A-JX")
    _ready(tab)
    tab.select_option("#gap-kind", "any")
    assert tab.locator("#gap-list li[data-id='U-XSS']").inner_text() == HOSTILE
    tab.evaluate("window.orglinks.network.selectNodes(['U-XSS'])")
    box = tab.locator("#network").bounding_box()
    spot = tab.evaluate(
        "(() => { const n = window.orglinks.network; return n.canvasToDOM(n.getPosition('U-XSS')); })()"
    )
    tab.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    tab.wait_for_selector("#panel-name")
    assert tab.locator("#panel-name").inner_text() == HOSTILE
    tab.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"] + 1)
    tab.wait_for_timeout(500)
    assert tab.locator("img[src='x']").count() == 0
    assert rec.dialogs == []
    assert rec.errors == []


def test_big_area_is_aggregated(page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path) -> None:
    tab, rec = page
    tab.goto(live_url + "/view/area/A-BIG")
    _ready(tab)
    # 1 street + 3 communities + 2,100 units = 2,104 nodes > 2,000: units fold into their communities.
    assert _node_ids(tab) == {"A-BIG", "A-BIG-C0", "A-BIG-C1", "A-BIG-C2"}
    counts = tab.evaluate("window.orglinks.nodes.get().filter(n => n.count).map(n => n.count)")
    assert counts == [BIG_UNITS_EACH] * BIG_COMMUNITIES
    notice = tab.locator("#notice")
    assert notice.is_visible()
    assert "已聚合" in notice.inner_text()
    assert tab.locator("#gap-kind").is_disabled()
    assert "已并入社区" in tab.locator("#gap-summary").inner_text()
    _shot(tab, artifacts_dir, "area-aggregated")
    assert rec.errors == []


def test_path_page_shows_the_shortest_path(
    page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path
) -> None:
    tab, rec = page
    tab.goto(live_url + "/view/entity/U-SSY")
    _ready(tab)
    tab.click("#btn-path_start")
    tab.goto(live_url + "/view/entity/U-GDJ")
    _ready(tab)
    tab.click("#panel-body a[href^='/view/path?from=U-SSY&to=U-GDJ']")
    tab.wait_for_url("**/view/path?from=U-SSY&to=U-GDJ")
    _ready(tab)
    tab.goto(live_url + "/view/path?from=U-SSY&to=U-GDJ&k=1")
    _ready(tab)
    # Shortest organizational path (4 ties): 市三院 ← 市三院党委 → 联盟 ← 市供电局党委 → 市供电局.
    assert _node_ids(tab) == {"U-SSY", "P-SSY", "AL-TH", "P-GDJ", "U-GDJ"}
    assert tab.locator("#notice").is_hidden()
    _shot(tab, artifacts_dir, "path")
    tab.goto(live_url + "/view/path?from=U-WY&to=U-SSY")
    _ready(tab)
    # 春城物业公司 has no organizational tie at all.
    assert _node_ids(tab) == set()
    assert "没有组织联系路径" in tab.locator("#notice").inner_text()
    assert rec.errors == []


def test_path_page_tells_the_co_building_ties_first(
    page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path
) -> None:
    tab, rec = page
    # 市三院 → 佴家湾社区 (an area: it stands for 佴家湾社区党委): the contract K1 in force (4 ties), then
    # through the alliance, which 佴家湾社区党委 reaches only through 太和街道党工委 (the hierarchy, 5 ties).
    tab.goto(live_url + "/view/path?from=U-SSY&to=A-EJW")
    _ready(tab)
    tab.wait_for_selector("#path-list li.path")
    items = tab.locator("#path-list li.path")
    assert items.count() == 2
    first = items.nth(0)
    assert (first.get_attribute("data-tier"), first.get_attribute("data-kinds")) == ("cobuilding", "contract")
    contract = "市三院党委与佴家湾社区党委签订《市三院健康共建协议》（履行中，至 2099-12-31）"
    assert contract in first.inner_text()
    assert first.locator("a.path-link").get_attribute("href") == "/view/contract/K1"
    assert items.nth(1).get_attribute("data-tier") == "hierarchy"
    title = tab.locator("#page-title").inner_text()
    assert "市三院" in title
    assert "佴家湾社区" in title
    assert "A-EJW" not in title
    assert _node_ids(tab) == {"U-SSY", "P-SSY", "K1", "P-EJW", "A-EJW", "AL-TH", "P-TH"}
    _shot(tab, artifacts_dir, "path-sentences")
    # 市供电局 → 佴家湾社区: 张三's seat first, with a link to the committee.
    tab.goto(live_url + "/view/path?from=U-GDJ&to=A-EJW")
    _ready(tab)
    tab.wait_for_selector("#path-list li.path")
    first = tab.locator("#path-list li.path").nth(0)
    assert first.get_attribute("data-kinds") == "committee"
    assert "任佴家湾社区党委兼职委员" in first.inner_text()
    assert first.locator("a.path-link").get_attribute("href") == "/view/committee/P-EJW"
    # Without seats: through the alliance to 市三院党委 and its contract K1 (6 ties, co-building ties
    # only) comes before the shorter way through the hierarchy (5 ties: 太和街道党工委 leads the alliance).
    tab.uncheck("#path-kinds input[value='committee']")
    tab.select_option("#path-k", "1")
    tab.click("#path-submit")
    tab.wait_for_url("**/view/path?*kinds=contract%2Calliance%2Cproject%2Chierarchy*")
    _ready(tab)
    tab.wait_for_selector("#path-list li.path")
    only = tab.locator("#path-list li.path")
    assert only.count() == 1
    assert only.nth(0).get_attribute("data-tier") == "cobuilding"
    assert only.nth(0).get_attribute("data-kinds") == "alliance,contract"
    assert tab.locator("#path-kinds input[value='committee']").is_checked() is False
    # In English, the same path in English words.
    tab.click("#btn-lang")
    tab.wait_for_function("document.querySelector('#path-box h2').textContent === 'Connections'")
    assert (
        "signed “市三院健康共建协议” (in force, until 2099-12-31)"
        in tab.locator("#path-list li.path").inner_text()
    )
    tab.click("#btn-lang")
    assert rec.errors == []


def test_exports_of_the_current_view(page: tuple[Any, Recorder], live_url: str) -> None:
    tab, rec = page
    tab.goto(live_url + "/view/area/A-TH")
    _ready(tab)
    assert tab.evaluate("window.orglinks.exportPng()").startswith("data:image/png;base64,")
    # CSV and GraphML are written by the server's writers (POST /api/export/view).
    with tab.expect_response(lambda r: "/api/export/view?format=csv" in r.url) as answer:
        csv = tab.evaluate("window.orglinks.exportView('csv')")
    assert answer.value.status == 200
    shown = {"nodes": [{"id": "U-XSS", "name": HOSTILE, "type": "Unit"}]}
    raw = tab.request.post(live_url + "/api/export/view?format=csv", data=shown).body()
    assert raw.startswith("\ufeff记录,编号,名称,类型,起点,终点,缺少的联系\r\n".encode())  # a BOM for Excel
    assert csv.startswith("记录,编号,名称,类型,起点,终点,缺少的联系\r\n")  # the browser drops the BOM
    node_rows = [line for line in csv.split("\r\n") if line.startswith("node,")]
    # 3 areas, 4 units, 4 party orgs, 1 alliance, 1 contract.
    assert len(node_rows) == 13
    assert f"node,U-XSS,{HOSTILE},Unit,,,contract alliance committee any" in node_rows
    graphml = tab.evaluate("window.orglinks.exportView('graphml')")
    assert "&lt;img src=x onerror=alert(1)&gt;" in graphml  # escaped, never markup
    read_back = nx.read_graphml(io.BytesIO(graphml.encode("utf-8")))
    assert read_back.number_of_nodes() == 13
    assert read_back.nodes["U-XSS"]["label"] == HOSTILE
    tab.evaluate("window.orglinks.network.selectNodes([])")
    tab.locator("#type-filters input[value='Unit']").uncheck()
    assert tab.evaluate("window.orglinks.exportView('csv')").count("\r\nnode,") == 9
    assert rec.errors == []


def test_pages_answer_bad_input_with_4xx(live_url: str, login: dict[str, str]) -> None:
    with httpx.Client(
        timeout=HTTP_TIMEOUT_S, base_url=live_url, cookies={SESSION_COOKIE: login["session"]}
    ) as http:
        assert http.get("/view/entity/NOPE").status_code == 404
        assert http.get("/view/area/U-SSY").status_code == 404  # a unit is not an area
        assert http.get("/view/entity/U-SSY?types=NOT_A_TIE").status_code == 422
        assert http.get("/view/entity/U-SSY?depth=9").status_code == 422
        assert http.get("/view/path?from=U-SSY").status_code == 422
        assert http.get("/view/path?from=U-SSY&to=NOPE").status_code == 404
        contracts = http.get("/view/entity/U-SSY?depth=2&types=BELONGS_TO,PARTY_TO")
        assert contracts.status_code == 200
        assert '"K1"' in contracts.text


def test_login_page_logs_in_shows_the_user_and_logs_out(
    browser: Any, live_url: str, login: dict[str, str], artifacts_dir: Path
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
    tab = context.new_page()
    rec = Recorder(tab)
    tab.goto(live_url + "/view/entity/U-SSY")
    tab.wait_for_url("**/login?next=*")
    assert tab.locator("#login-form h1").inner_text() == "登录"
    tab.fill("#login-username", VIEWER_NAME)
    tab.fill("#login-password", "not the password")
    tab.click("#login-submit")
    tab.locator("#login-error").wait_for(state="visible", timeout=10_000)
    assert "用户名或密码错误" in tab.locator("#login-error").inner_text()
    tab.fill("#login-password", login["password"])
    tab.click("#login-submit")
    tab.wait_for_url("**/view/entity/U-SSY")
    _ready(tab)
    assert tab.locator("#user-info").inner_text() == f"{VIEWER_NAME} · 全部区域"
    _shot(tab, artifacts_dir, "logged-in")
    tab.click("#btn-logout")
    tab.wait_for_url("**/login")
    tab.goto(live_url + "/")
    tab.wait_for_url("**/login?next=*")
    assert rec.foreign_requests() == []
    assert [e for e in rec.errors if "401" not in e] == []
    context.close()
