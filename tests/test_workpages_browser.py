"""The work pages in a real headless Chromium, against the app served on 127.0.0.1 over the ledger of
tests/fixtures/world_workpages.py (expected answers worked out by hand there): an import with a bad row
shows that row and writes nothing, a good one commits and shows what changed; the contract page; search
by id, USCC and a need's title; every page in Chinese and in English, without a console error."""

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
from api.security.deps import SESSION_COOKIE
from devtools import harness
from devtools.fingerprint import graph_fingerprint
from devtools.live_server import served
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import Neo4jSettings
from tests.browser_support import shoot
from tests.fixtures import world_workpages
from tests.test_pages_browser import Recorder, browser  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

EDITOR = "browser-editor"


@pytest.fixture(scope="module")
def world(session_graph: Graph, owner_token: str, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    world_workpages.build(session_graph, tmp_path_factory.mktemp("ledger"))
    return session_graph


@pytest.fixture(scope="module")
def session(world: Graph) -> str:
    """A live session of an editor of 官渡区 (not pii: persons masked)."""
    create_user(world, None, username=EDITOR, role=Role.EDITOR, area_id="A-KM")
    return issue_token(world, EDITOR, TokenKind.SESSION, expires=expiry_after(timedelta(hours=2))).token


@pytest.fixture(scope="module")
def live_url(world: Graph, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings)) as url:
        yield url


@pytest.fixture
def page(browser: Any, live_url: str, session: str) -> Iterator[tuple[Any, Recorder]]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
    tab = context.new_page()
    recorder = Recorder(tab)
    yield tab, recorder
    context.close()


def _cells(tab: Any, selector: str) -> list[list[str]]:
    return list(
        tab.evaluate(
            """sel => Array.from(document.querySelectorAll(sel + ' tbody tr')).map(tr =>
                 Array.from(tr.querySelectorAll('th, td')).map(td => td.innerText.trim()))""",
            selector,
        )
    )


def _both_languages(tab: Any, artifacts_dir: Path, name: str, title_en: str) -> None:
    """Screenshot in Chinese, switch to English (title and headers follow), screenshot, switch back."""
    shoot(tab, artifacts_dir, f"{name}-zh")
    tab.click("#btn-lang")
    assert tab.locator("#page-title").inner_text() == title_en
    assert tab.evaluate("document.documentElement.lang") == "en"
    shoot(tab, artifacts_dir, f"{name}-en")
    tab.click("#btn-lang")


def test_import_with_a_bad_row_writes_nothing_then_a_good_file_commits(
    page: tuple[Any, Recorder], live_url: str, world: Graph, tmp_path: Path, artifacts_dir: Path
) -> None:
    tab, rec = page
    before = graph_fingerprint(world)
    tab.goto(live_url + "/view/imports")
    assert tab.locator("#page-title").inner_text() == "数据导入"
    # One good row, one with a unit kind that does not exist (row 3 of the sheet, the header being row 1).
    bad = world_workpages.write_csv(
        tmp_path / "units.csv",
        [
            ["id", "name", "kind", "area_id"],
            ["U0004", "佴家湾小学", "institution", "A-EJW"],
            ["U0005", "某银行", "bank", "A-EJW"],
        ],
    )
    tab.set_input_files("#import-file", str(bad))
    tab.click("#btn-dry-run")
    tab.wait_for_selector("#import-problems-box:not([hidden])", timeout=30_000)
    problems = _cells(tab, "#import-problems")
    assert len(problems) == 1
    assert problems[0][:5] == ["units.csv", "", "3", "kind", "bank"]
    assert problems[0][5].startswith("取值无效，可用：")
    assert tab.locator("#import-status").inner_text() == "文件未通过检查，未写入任何数据：1 个问题。"
    assert tab.locator("#btn-commit").is_disabled()
    assert graph_fingerprint(world) == before
    _both_languages(tab, artifacts_dir, "imports-rejected", "Imports")
    # The same file, corrected: U0004 new, U0003 renamed, U0002 as stored.
    (tmp_path / "fixed").mkdir()
    good = world_workpages.write_csv(
        tmp_path / "fixed" / "units.csv",
        [
            ["id", "name", "kind", "area_id"],
            ["U0004", "佴家湾小学", "institution", "A-EJW"],
            ["U0003", "永昌路小学", "institution", "A-YXL"],
            ["U0002", "市供电局", "soe", "A-EJW"],
        ],
    )
    tab.set_input_files("#import-file", str(good))
    tab.click("#btn-dry-run")
    tab.wait_for_selector("#btn-commit:not([disabled])", timeout=30_000)
    assert tab.locator("#import-status").inner_text().startswith("试运行通过：3 行数据")
    assert _cells(tab, "#import-counts") == [["单位 units", "3", "0"]]
    assert graph_fingerprint(world) == before  # a dry run writes nothing either
    tab.click("#btn-commit")
    tab.wait_for_selector("#import-status.ok >> text=已写入", timeout=30_000)
    assert tab.locator("#import-counts-title").inner_text() == "各表变化"
    assert _cells(tab, "#import-counts") == [["单位 units", "1", "1", "1"]]
    assert graph_fingerprint(world) != before
    _both_languages(tab, artifacts_dir, "imports-committed", "Imports")
    # Chromium logs the rejected dry run's 422 (the API's answer for a rejected file); nothing else.
    assert rec.errors == [
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]
    assert rec.foreign_requests() == []


def test_contract_page_shows_its_parties_and_projects(
    page: tuple[Any, Recorder], live_url: str, artifacts_dir: Path
) -> None:
    tab, rec = page
    tab.goto(live_url + "/view/contract/C0001")
    assert tab.locator("#page-title").inner_text() == "共建协议：佴家湾社区与市三院共建协议"
    parties = _cells(tab, "#contract-parties")
    assert sorted(p[0] for p in parties) == sorted(["佴家湾社区党委", "市三院党委"])
    projects = _cells(tab, "#contract-projects")
    assert [p[:3] for p in projects] == [["免费体检进社区", "进行中", "2024-03-01"]]
    assert tab.locator("#contract-in-force").inner_text().startswith("履行中 · 当日履行中")
    _both_languages(tab, artifacts_dir, "contract", "Contract: 佴家湾社区与市三院共建协议")
    for path, name, title_en in (
        ("/view/alliance/AL-TH", "alliance", "Alliance: 太和街道党建联盟"),
        ("/view/committee/P-EJW", "committee", "Big committee: 佴家湾社区党委"),
        ("/view/coverage?area=A-KM", "coverage", "Coverage: 昆明市"),
    ):
        tab.goto(live_url + path)
        _both_languages(tab, artifacts_dir, name, title_en)
    assert rec.errors == []
    assert rec.foreign_requests() == []


@pytest.mark.parametrize(
    ("q", "hit", "name"),
    [
        ("U0001", "U0001", "市三院"),
        (world_workpages.USCC_SSY, "U0001", "市三院"),
        ("残疾人免费体检", "N0001", "残疾人免费体检"),
    ],
)
def test_search_finds_an_id_a_uscc_and_a_need_title(
    page: tuple[Any, Recorder], live_url: str, q: str, hit: str, name: str
) -> None:
    tab, rec = page
    tab.goto(live_url + "/")
    tab.wait_for_selector("body[data-ready='1']", timeout=30_000)
    tab.fill("#search-input", q)
    first = tab.locator("#search-results li").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("data-id") == hit
    assert first.locator("a").inner_text() == name
    assert rec.errors == []
