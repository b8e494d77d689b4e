"""The gaps, structural gaps and matches pages in a real headless Chromium, over
tests/fixtures/world_matches.py (world_gaps with U9, R9, N5 and N6 in 关上街道), served on 127.0.0.1;
every answer is worked out by hand from those two files, on their date AS_OF (2026-06-01).

Units of 太和街道 A-S1 lacking a contract in force: U3 =云南某科技有限公司 (K3 expired), U4 金马物业公司 (K4
not signed yet), U7 太和街道办事处 (none); U1 holds K1, U2 holds K2 through its branch.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import expiry_after, issue_token
from api.main import create_app
from api.routes.pages import PAGE_CSP
from api.security.deps import SESSION_COOKIE
from devtools import harness
from devtools.live_server import served
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import AppSettings, Neo4jSettings
from tests.browser_support import HTTP_TIMEOUT_S, chromium
from tests.fixtures import world_matches

pytestmark = pytest.mark.browser

DOCS_SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
AS_OF = world_matches.AS_OF.isoformat()
ADMIN = "workbench-admin"
XISHAN_VIEWER = "workbench-xishan"  # 西山区 A-D2 only


@pytest.fixture(scope="module")
def world(session_graph: Graph, owner_token: str) -> Graph:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    world_matches.build(session_graph)
    return session_graph


@pytest.fixture(scope="module")
def sessions(world: Graph) -> dict[str, str]:
    create_user(world, None, username=ADMIN, role=Role.ADMIN, area_id=None)
    create_user(world, None, username=XISHAN_VIEWER, role=Role.VIEWER, area_id="A-D2")
    hours = expiry_after(timedelta(hours=2))
    return {
        name: issue_token(world, name, TokenKind.SESSION, expires=hours).token
        for name in (ADMIN, XISHAN_VIEWER)
    }


@pytest.fixture(scope="module")
def live_url(world: Graph, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings, AppSettings(test_hooks=True))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


class Tab:
    """A logged-in tab that records console errors and page errors."""

    def __init__(self, browser: Any, live_url: str, session: str) -> None:
        self.context = browser.new_context(
            viewport={"width": 1500, "height": 900}, locale="zh-CN", accept_downloads=True
        )
        self.context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str) -> Any:
        response = self.page.goto(url)
        self.page.wait_for_selector("body[data-loads='1']", timeout=30_000)
        return response

    def after(self, action: Any) -> None:
        """Do `action` and wait until the table has been drawn again."""
        loads = self.page.evaluate("document.body.dataset.loads || '0'")
        action()
        # (wait_for_function would evaluate a string, which the pages' CSP forbids)
        self.page.wait_for_selector(
            f"body[data-loads]:not([data-loads='{loads}'])[data-state='ready']", timeout=30_000
        )

    def column(self, selector: str = "#wb-table tbody tr[data-id]", attr: str = "data-id") -> list[str]:
        rows = self.page.locator(selector)
        return [rows.nth(i).get_attribute(attr) for i in range(rows.count())]

    def shot(self, name: str) -> None:
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"))


@pytest.fixture
def admin(browser: Any, live_url: str, sessions: dict[str, str]) -> Iterator[Tab]:
    tab = Tab(browser, live_url, sessions[ADMIN])
    yield tab
    tab.context.close()


def _both_languages(tab: Tab, name: str, english_title: str) -> None:
    tab.shot(f"{name}-zh")
    tab.page.click("#btn-lang")
    assert tab.page.locator("#page-title").inner_text() == english_title
    tab.shot(f"{name}-en")
    tab.page.click("#btn-lang")


def test_gaps_page_export_follows_the_filter_on_screen(admin: Tab, live_url: str) -> None:
    response = admin.open(f"{live_url}/view/gaps?area=A-S1&as_of={AS_OF}")
    assert response.headers["content-security-policy"] == PAGE_CSP
    page = admin.page
    # by=any first (the default): U5 and U6 are isolated but outside 太和街道, whose units all hold a link.
    assert admin.column() == []
    admin.after(lambda: page.select_option("#f-by", "contract"))
    assert admin.column() == ["U3", "U4", "U7"]
    admin.after(lambda: (page.fill("#f-q", "公司"), page.press("#f-q", "Enter")))
    assert admin.column() == ["U3", "U4"]
    admin.after(lambda: page.select_option("#f-sort", "name"))
    admin.after(lambda: page.check("#f-desc"))
    on_screen = admin.column()
    assert on_screen == ["U4", "U3"]  # 金 U+91D1 after = U+003D, reversed
    with page.expect_download() as download:
        page.click("#export-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [r[0] for r in rows[1:]] == on_screen
    href = page.get_attribute("#export-xlsx", "href")
    assert href is not None
    for part in ("by=contract", "q=%E5%85%AC%E5%8F%B8", "sort=name", "desc=true", "format=xlsx"):
        assert part in href
    # The kind filter: of the three, only U7 is an agency.
    admin.after(lambda: (page.fill("#f-q", ""), page.press("#f-q", "Enter")))
    admin.after(lambda: page.select_option("#f-kind", "agency"))
    assert admin.column() == ["U7"]
    assert "unit_kind=agency" in (page.get_attribute("#export-csv", "href") or "")
    assert admin.errors == []


def test_a_click_on_a_gap_row_focuses_the_unit_in_the_network(admin: Tab, live_url: str) -> None:
    admin.open(f"{live_url}/view/gaps?area=A-S1&as_of={AS_OF}&by=contract")
    page = admin.page
    page.wait_for_selector("body[data-network-ready='1']", timeout=30_000)
    assert admin.column() == ["U3", "U4", "U7"]
    page.click("#wb-table tr[data-id='U4'] td.name button")
    assert page.evaluate("document.body.dataset.focused") == "U4"
    assert page.evaluate("window.orglinksGaps.network().getSelectedNodes()") == ["U4"]
    assert page.evaluate("window.orglinksGaps.nodes().get('U4').borderWidth") == 6
    assert page.locator("#wb-table tr.focused").get_attribute("data-id") == "U4"
    page.click("#wb-table tr[data-id='U7'] td.id")
    assert page.evaluate("window.orglinksGaps.network().getSelectedNodes()") == ["U7"]
    assert page.evaluate("window.orglinksGaps.nodes().get('U4').borderWidth") != 6
    _both_languages(admin, "workbench-gaps", "太和街道 · units lacking links")
    assert admin.errors == []


def test_structural_gaps_counts_table_and_horizon(admin: Tab, live_url: str) -> None:
    admin.open(f"{live_url}/view/area-gaps?area=A-C&as_of={AS_OF}")
    page = admin.page
    counts = dict(
        page.evaluate(
            "Array.from(document.querySelectorAll('#gap-counts li')).map(li => [li.dataset.kind, "
            "Number(li.dataset.count)])"
        )
    )
    # See tests/test_api_gaps.py::test_area_gaps_city; K7 (2026-06-20) is within the default 60 days.
    assert counts == {
        "street_without_alliance": 1,
        "community_without_big_committee": 2,
        "community_without_contract": 3,
        "grid_without_branch": 1,
        "alliance_without_contract": 1,
        "contract_expiring": 1,
        "": 9,
    }
    assert len(admin.column()) == 9
    _both_languages(admin, "workbench-area-gaps", "昆明市 · structural gaps")
    # Ten days: K7, 19 days away, is no longer expiring soon.
    admin.after(lambda: (page.fill("#f-within", "10"), page.press("#f-within", "Enter")))
    assert page.locator("#gap-counts li[data-kind='contract_expiring']").get_attribute("data-count") == "0"
    admin.after(lambda: page.click("#gap-counts li[data-kind='community_without_contract'] button"))
    assert admin.column() == ["A-M2", "A-M3", "A-M4"]
    href = page.get_attribute("#export-xlsx", "href") or ""
    assert "kind=community_without_contract" in href
    assert "expiring_within_days=10" in href
    assert admin.errors == []


def test_matches_page_ranks_the_same_community_first(admin: Tab, live_url: str) -> None:
    admin.open(f"{live_url}/view/matches?area=A-S2&as_of={AS_OF}")
    page = admin.page
    # N6: U9 in the same community (3080); 太和街道's health providers are not listed for it.
    # N5: nothing in 关上街道, so U2 of 太和街道 (1030), marked as another street.
    rows = admin.column("#wb-table tbody tr[data-need]", "data-need")
    providers = admin.column("#wb-table tbody tr[data-need]", "data-provider")
    assert list(zip(rows, providers, strict=True)) == [("N6", "U9"), ("N5", "U2")]
    first, second = page.locator("#wb-table tbody tr[data-need]").all()
    assert first.locator(".chip").first.inner_text() == "同一社区"
    assert first.locator("a.path").get_attribute("href") == "/view/path?from=A-M3&to=U9"
    assert "other-street" in (second.get_attribute("class") or "")
    assert second.locator(".badge").inner_text() == "外街道"
    assert second.locator(".chip").first.inner_text() == "另一街道（本街道无可匹配资源）"
    _both_languages(admin, "workbench-matches", "关上街道 · needs and resources")
    page.click("#btn-lang")
    assert first.locator(".chip").first.inner_text() == "same community"
    page.click("#btn-lang")
    admin.after(lambda: page.select_option("#f-category", "facilities"))
    assert admin.column("#wb-table tbody tr[data-need]", "data-need") == ["N5"]
    assert admin.errors == []


def test_a_viewer_of_one_district_sees_nothing_of_another(
    browser: Any, live_url: str, sessions: dict[str, str]
) -> None:
    cookies = {SESSION_COOKIE: sessions[XISHAN_VIEWER]}
    with httpx.Client(timeout=HTTP_TIMEOUT_S, base_url=live_url, cookies=cookies) as client:
        for path in ("/view/gaps", "/view/area-gaps", "/view/matches"):
            outside = client.get(path, params={"area": "A-S1"})
            missing = client.get(path, params={"area": "no-such-area"})
            assert (outside.status_code, missing.status_code) == (404, 404)
            # The frame's error page (api/page_errors.py), word for word the same for both.
            assert outside.headers["content-type"].startswith("text/html")
            assert outside.text == missing.text
        export = client.get("/api/gaps/units", params={"area": "A-D1", "format": "csv"})
        assert export.status_code == 404
    tab = Tab(browser, live_url, sessions[XISHAN_VIEWER])
    try:
        tab.open(f"{live_url}/view/gaps?as_of={AS_OF}")
        assert tab.page.locator("#page-title").inner_text() == "西山区 · 缺少联系的单位"
        assert tab.column() == ["U6"]  # 永昌小学: the only unit of 西山区, isolated
        tab.open(f"{live_url}/view/matches?as_of={AS_OF}")
        assert tab.column("#wb-table tbody tr[data-need]", "data-need") == []
        assert tab.errors == []
    finally:
        tab.context.close()


def test_pages_answer_bad_input_with_4xx(live_url: str, sessions: dict[str, str]) -> None:
    cookies = {SESSION_COOKIE: sessions[ADMIN]}
    with httpx.Client(timeout=HTTP_TIMEOUT_S, base_url=live_url, cookies=cookies) as client:
        assert client.get("/view/gaps", params={"area": "x" * 201}).status_code == 422
        assert client.get("/view/matches", params={"area": ""}).status_code == 422
    with httpx.Client(timeout=HTTP_TIMEOUT_S, base_url=live_url) as anonymous:
        response = anonymous.get("/view/gaps", params={"area": "A-S1"})
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
