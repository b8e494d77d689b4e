"""The warnings page, the home page's warning counts and the 待办 list in a real headless Chromium,
against the app served on 127.0.0.1 over tests/fixtures/world_warnings.py (answers worked out there for
2026-06-01), in Chinese and English, without a console error; then the city and a district of the
Kunming demo world (slow), for the screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import expiry_after, issue_token
from api.main import create_app
from devtools import harness
from devtools.live_server import served
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import Neo4jSettings
from tests.browser_support import chinese_left, ready, shoot, signed_in_tabs
from tests.fixtures import world_warnings
from tests.test_pages_browser import browser  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

AS_OF = "2026-06-01"
#: Names from the data (never translated) of the fixture world.
NAMES = [
    *(n for _, n, *_ in world_warnings.AREAS),
    *(n for _, n, _ in world_warnings.UNITS),
    *(n for _, n, _ in world_warnings.ORGS),
    *(f"需求{n}" for n, *_ in world_warnings.NEEDS),
    *(f"{k}协议" for k, *_ in world_warnings.CONTRACTS),
    *(f"{a}联盟" for a, *_ in world_warnings.ALLIANCES),
]


@pytest.fixture(scope="module")
def world(session_graph: Graph, owner_token: str) -> tuple[Graph, dict[str, str]]:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    return session_graph, world_warnings.build(session_graph)


def _session(graph: Graph, username: str, role: Role, area: str) -> str:
    create_user(graph, None, username=username, role=role, area_id=area)
    return issue_token(graph, username, TokenKind.SESSION, expires=expiry_after(timedelta(hours=2))).token


@pytest.fixture(scope="module")
def sessions(world: tuple[Graph, dict[str, str]]) -> dict[str, str]:
    graph, _ = world
    return {
        "d-editor": _session(graph, "d-editor", Role.EDITOR, "A-D"),
        "s1-editor": _session(graph, "s1-editor", Role.EDITOR, "A-S1"),
        "s2-viewer": _session(graph, "s2-viewer", Role.VIEWER, "A-S2"),
    }


@pytest.fixture(scope="module")
def live_url(world: tuple[Graph, dict[str, str]], neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings)) as url:
        yield url


@pytest.fixture
def open_as(browser: Any, live_url: str, sessions: dict[str, str]) -> Iterator[Any]:  # noqa: F811
    """open_as(user, path) → (tab, recorder), the page loaded and ready."""
    with signed_in_tabs(browser, live_url, height=900) as open_tab:
        yield lambda user, path: open_tab(sessions[user], path)


def _rows(tab: Any, selector: str) -> list[list[str]]:
    return list(
        tab.evaluate(
            """sel => Array.from(document.querySelectorAll(sel + ' tbody tr')).map(tr =>
                 Array.from(tr.querySelectorAll('th, td')).map(td => td.innerText.trim()))""",
            selector,
        )
    )


def _cards(tab: Any) -> dict[str, tuple[str, str]]:
    return {
        rule: (level, count)
        for rule, (level, count) in tab.evaluate(
            """() => Array.from(document.querySelectorAll('.warning-card')).map(c =>
                 [c.dataset.rule, [c.dataset.level, c.querySelector('.card-count').innerText]])"""
        )
    }


def _english(tab: Any, artifacts_dir: Path, name: str, title_en: str, names: list[str]) -> None:
    """Screenshot in Chinese, switch to English: the title follows and no Chinese is left but names."""
    shoot(tab, artifacts_dir, f"{name}-zh")
    tab.click("#btn-lang")
    assert tab.locator("#page-title").inner_text() == title_en
    assert chinese_left(tab.locator("body").inner_text(), [*names, "中文"]) == []  # the switch back
    shoot(tab, artifacts_dir, f"{name}-en")
    tab.click("#btn-lang")


def test_the_warnings_page_of_a_district(
    open_as: Any, world: tuple[Graph, dict[str, str]], live_url: str, artifacts_dir: Path
) -> None:
    _, claims = world
    tab, rec = open_as("d-editor", f"/view/warnings?area=A-D&as_of={AS_OF}")
    assert tab.locator("#page-title").inner_text() == "官渡区预警"
    assert _cards(tab) == {
        "contracts_expiring": ("red", "2"),
        "needs_unclaimed": ("red", "1"),
        "claims_pending": ("red", "3"),
        "units_unlinked": ("yellow", "3"),
        "committees_unseated": ("red", "2"),
        "alliances_idle": ("red", "1"),
    }
    # The street rows: each rule's level and count in each street.
    assert _rows(tab, "#warning-children") == [
        ["太和街道", "红色 1", "红色 1", "红色 2", "黄色 1", "红色 2", "红色 1"],
        ["关上街道", "黄色 1", "绿色 0", "黄色 1", "黄色 2", "绿色 0", "绿色 0"],
    ]
    # No rule chosen: the first red one's items.
    assert _rows(tab, "#warning-items") == [
        ["K2", "K2协议", "金马社区党委", "太和街道", "2026-06-20", "19"],
        ["K4", "K4协议", "关上社区党委", "关上街道", "2026-07-10", "39"],
    ]
    assert tab.locator("#warning-items a").first.get_attribute("href") == "/view/contract/K2"
    # A click on the claims card lists the claims, each linking to its claim page.
    tab.click('.warning-card[data-rule="claims_pending"] a')
    ready(tab)
    assert _rows(tab, "#warning-items") == [  # no raw claim ids: the need's name links to the claim
        ["需求N1", "市三院", "太和街道", "2026-05-10", "22"],
        ["需求N2", "关上小学", "关上街道", "2026-05-19", "13"],
        ["需求N1", "金马物业", "太和街道", "2026-05-20", "12"],
    ]
    assert tab.locator("#warning-items a").first.get_attribute("href") == f"/view/claim/{claims['C5']}"
    # The export link of the rule gives the same rows as a file.
    href = tab.locator("#export-rule-csv").get_attribute("href")
    body = tab.request.get(live_url + href).body().decode("utf-8-sig").splitlines()
    assert [line.split(",")[2] for line in body[1:]] == [claims["C5"], claims["C2"], claims["C1"]]
    _english(tab, artifacts_dir, "warnings-district", "Warnings: 官渡区", [*NAMES, *claims.values()])
    # The committees' items link to the committee pages.
    tab.click('.warning-card[data-rule="committees_unseated"] a')
    ready(tab)
    assert tab.locator("#warning-items a").first.get_attribute("href") == "/view/committee/P-M2"
    assert rec.errors == []
    assert rec.foreign_requests() == []


def test_a_street_viewer_sees_its_street_only(open_as: Any, live_url: str) -> None:
    tab, rec = open_as("s2-viewer", f"/view/warnings?as_of={AS_OF}&rule=units_unlinked")
    assert tab.locator("#page-title").inner_text() == "关上街道预警"
    assert [r[0] for r in _rows(tab, "#warning-children")] == ["关上社区", "永平社区"]
    assert [r[0] for r in _rows(tab, "#warning-items")] == ["U5", "U6"]
    assert tab.locator("#todo-badge").count() == 0  # a viewer decides nothing
    outside = tab.goto(live_url + "/view/warnings?area=A-S1")
    assert outside is not None
    assert outside.status == 404
    assert all("404" in e for e in rec.errors)


def test_the_todo_list_and_its_count(
    open_as: Any, world: tuple[Graph, dict[str, str]], artifacts_dir: Path
) -> None:
    _, claims = world
    tab, rec = open_as("s1-editor", f"/view/todo?as_of={AS_OF}")
    assert tab.locator("#page-title").inner_text() == "我的待办"
    assert _rows(tab, "#todo-claims") == [
        ["需求N1", "市三院", "2026-05-10", "22", "审核"],
        ["需求N1", "金马物业", "2026-05-20", "12", "审核"],
    ]
    links = tab.locator("#todo-claims a")
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [
        f"/view/claim/{claims['C5']}",
        f"/view/claim/{claims['C1']}",
    ]
    assert _rows(tab, "#todo-renewals") == [["K2协议", "金马社区党委", "2026-06-20", "19"]]
    # The navigation counts today's decisions (today's contracts to renew depend on the day the test
    # runs; both claims wait whatever the day).
    tab.wait_for_selector("#todo-badge")
    today = tab.request.get(tab.url.split("/view/")[0] + "/api/todo").json()
    assert [c["id"] for c in today["claims"]] == [claims["C5"], claims["C1"]]
    assert tab.locator("#todo-badge").inner_text() == str(today["count"])
    _english(tab, artifacts_dir, "todo", "My to-do list", NAMES)
    assert rec.errors == []
    viewer, viewer_rec = open_as("s2-viewer", "/view/todo")
    assert viewer.locator("#todo-viewer").count() == 1
    assert viewer.locator("#todo-claims").count() == 0
    assert viewer_rec.errors == []


def test_the_home_page_shows_the_counts_of_the_users_area(open_as: Any) -> None:
    tab, rec = open_as("d-editor", "/")
    tab.wait_for_selector("#home-warnings[data-state='ready']", timeout=60_000)
    cards = tab.evaluate(
        """() => Array.from(document.querySelectorAll('#home-warnings li')).map(li =>
             [li.dataset.rule, li.dataset.count, li.querySelector('a').getAttribute('href')])"""
    )
    answer = tab.request.get(tab.url.rstrip("/") + "/api/warnings?items=false").json()
    assert [c[:2] for c in cards] == [[r["rule"], str(r["count"])] for r in answer["rules"]]
    assert cards[0][2] == f"/view/warnings?area=A-D&as_of={answer['as_of']}&rule=contracts_expiring"
    assert rec.errors == []
