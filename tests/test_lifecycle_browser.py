"""The contract page's steps in a real headless Chromium, in Chinese and in English, against the app
served on 127.0.0.1 over tests/fixtures/world_claims.py (answers worked out from its docstring):
an editor of 佴家湾社区 signs a draft contract and renews it; starts, completes and rates a project under
K1, then finds it on its own page."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from accounts.principal import TokenKind
from accounts.tokens import expiry_after, issue_token
from api.main import create_app
from api.security.deps import SESSION_COOKIE
from devtools import harness
from devtools.live_server import served
from graph import claims, lifecycle
from graph.claims import Actor
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import Neo4jSettings
from loaders.pipeline import load_path
from tests.browser_support import Recorder, admin_session, ready
from tests.fixtures import world_claims
from tests.loaders_support import copy_basic
from tests.test_ledgers_and_app import _work_in_the_app
from tests.test_pages_browser import DOCS_SCREENSHOTS, browser  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

S1, M1 = Actor("s1editor", ["A-S1"]), Actor("m1editor", ["A-M1"])
AS_OF = "2026-06-01"


@pytest.fixture(scope="module")
def live_url(session_graph: Graph, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings)) as url:
        yield url


@pytest.fixture
def world(session_graph: Graph, owner_token: str) -> Graph:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    world_claims.build(session_graph)
    return session_graph


def _project(graph: Graph, need: str, claimant: str) -> claims.Approval:
    claim = claims.make_claim(
        graph,
        S1,
        item=need,
        claimant=claimant,
        plan="每周两次上门",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 12, 31),
    )
    return claims.approve_claim(graph, M1, claim)


@pytest.fixture(params=["zh", "en"])
def page(
    request: pytest.FixtureRequest,
    browser: Any,  # noqa: F811
    live_url: str,
    world: Graph,
) -> Iterator[tuple[Any, Recorder, str]]:
    lang = request.param
    session = issue_token(world, "m1editor", TokenKind.SESSION, expires=expiry_after(timedelta(hours=1)))
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": session.token, "url": live_url}])
    if lang == "en":
        context.add_init_script("localStorage.setItem('orglinks.lang', 'en')")
    tab = context.new_page()
    recorder = Recorder(tab)
    yield tab, recorder, lang
    context.close()


def _open(tab: Any, url: str) -> None:
    tab.goto(url)
    ready(tab)
    tab.wait_for_selector("body[data-actions='1']")


def _shot(tab: Any, artifacts_dir: Path, name: str, *, docs: bool = False) -> None:
    path = artifacts_dir / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    if docs:
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")


def _submit_and_reload(tab: Any, button: str) -> None:
    with tab.expect_navigation():
        tab.click(button)
    ready(tab)


WORDS = {
    "zh": {
        "draft": "拟签（未生效）",
        "active": "履行中",
        "renewed": "已续签为",
        "rated": "4.0 / 5",
        "done": "已完成",
        "ongoing": "进行中",
    },
    "en": {
        "draft": "draft (not signed)",
        "active": "in force",
        "renewed": "Renewed by",
        "rated": "4.0 / 5",
        "done": "done",
        "ongoing": "in progress",
    },
}


def test_an_editor_signs_a_draft_contract_and_renews_it(
    page: tuple[Any, Recorder, str], live_url: str, world: Graph, artifacts_dir: Path
) -> None:
    tab, rec, lang = page
    draft = _project(world, "N1", "U1").contract  # no contract P-M1 ⟷ U1: a draft
    _open(tab, f"{live_url}/view/contract/{draft}?as_of={AS_OF}")
    assert tab.locator("#contract-status-on").inner_text() == WORDS[lang]["draft"]
    assert tab.locator("#btn-terminate").count() == 0
    _shot(tab, artifacts_dir, f"contract-draft-{lang}")

    tab.fill("#form-sign input[name=signed]", "2026-03-01")
    tab.fill("#form-sign input[name=expires]", "2026-12-31")
    _submit_and_reload(tab, "#btn-sign")
    assert tab.locator("#contract-status-on").inner_text() == WORDS[lang]["active"]
    assert "2026-03-01 – 2026-12-31" in tab.locator("#contract-term").inner_text()

    tab.fill("#form-renew input[name=signed]", "2027-01-01")
    tab.fill("#form-renew input[name=expires]", "2028-12-31")
    _submit_and_reload(tab, "#btn-renew")
    renewed = tab.locator("#contract-renewed-by")
    assert "2027-01-01 – 2028-12-31" in renewed.inner_text()
    assert (
        tab.locator("#contract-renewed-by").evaluate("n => n.previousElementSibling.innerText")
        == (WORDS[lang]["renewed"])
    )
    assert tab.locator("#btn-renew").count() == 0  # renewed once
    history = tab.locator("#history tbody tr")
    assert history.count() == 2  # renew, sign
    _shot(tab, artifacts_dir, f"contract-renewed-{lang}", docs=True)
    tab.locator("#history").screenshot(path=str(artifacts_dir / f"contract-history-{lang}.png"))

    renewal = world.read(lifecycle.q.CONTRACT_STATE, {"contract": draft, "scope": None})[0]["renewed_by"]
    _open(tab, f"{live_url}/view/contract/{renewal}?as_of=2027-06-01")
    assert tab.locator("#contract-status-on").inner_text() == WORDS[lang]["active"]
    assert tab.locator("#contract-renews a").get_attribute("href") == f"/view/contract/{draft}"
    assert rec.errors == []
    assert rec.dialogs == []


def test_an_editor_starts_completes_and_rates_a_project(
    page: tuple[Any, Recorder, str], live_url: str, world: Graph, artifacts_dir: Path
) -> None:
    tab, rec, lang = page
    project = _project(world, "N2", "U2").project  # under K1, planned
    _open(tab, f"{live_url}/view/contract/K1?as_of={AS_OF}")
    row = f"tr[data-project='{project}']"
    assert tab.locator(f"{row} form.rate-form").count() == 0  # not done: no rating yet
    _submit_and_reload(tab, f"{row} button[data-step='start']")
    assert tab.locator(f"{row} .project-status").inner_text() == WORDS[lang]["ongoing"]
    _submit_and_reload(tab, f"{row} button[data-step='complete']")
    assert tab.locator(f"{row} .project-status").inner_text() == WORDS[lang]["done"]
    row = tab.locator(row)
    assert row.locator("form.rate-form").count() == 1
    _shot(tab, artifacts_dir, f"contract-rate-{lang}")

    row.locator("select[name=rating]").select_option("4")
    row.locator("input[name=comment]").fill("准时周到")
    _submit_and_reload(tab, f"tr[data-project='{project}'] button.project-rate")
    row = tab.locator(f"tr[data-project='{project}']")
    assert row.locator(".project-rating").inner_text() == "★★★★☆ 准时周到"
    assert row.locator("form.rate-form").count() == 0  # rated once
    assert tab.locator("#contract-rating").inner_text().startswith(WORDS[lang]["rated"])
    assert lifecycle.get_project(world, None, project).rating == 4
    _shot(tab, artifacts_dir, f"contract-rated-{lang}", docs=True)

    # The project's own page, from its title: the same state, rating and history, no buttons left.
    with tab.expect_navigation():
        tab.click(f"tr[data-project='{project}'] a")
    ready(tab)
    assert tab.locator("#project-status").inner_text() == WORDS[lang]["done"]
    assert tab.locator("#project-rating").inner_text() == "★★★★☆ 准时周到"
    assert tab.locator("#history tbody tr").count() == 3  # rate, complete, start
    assert tab.locator(".project-actions button").count() == 0
    _shot(tab, artifacts_dir, f"project-{lang}", docs=True)
    assert rec.errors == []


@pytest.fixture
def ledger_world(session_graph: Graph, owner_token: str, tmp_path: Path) -> Path:
    """The basic loader package with one open need (tests/test_ledgers_and_app.py), loaded, and the
    app's work on it done: N2 claimed, its project done and rated, C1 terminated."""
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    package = copy_basic(tmp_path)
    with (package / "needs.csv").open("a", encoding="utf-8") as needs:
        needs.write("N2,PO-EJW,教育培训,课后托管,待认领\n")
    load_path(session_graph, package)
    _work_in_the_app(session_graph)
    return package


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_reload_on_the_imports_page_says_which_values_it_kept(
    browser: Any,  # noqa: F811
    live_url: str,
    session_graph: Graph,
    ledger_world: Path,
    artifacts_dir: Path,
    lang: str,
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    token = admin_session(session_graph, f"imports-admin-{lang}")
    context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": live_url}])
    if lang == "en":
        context.add_init_script("localStorage.setItem('orglinks.lang', 'en')")
    tab = context.new_page()
    rec = Recorder(tab)
    tab.goto(live_url + "/view/imports")
    ready(tab)
    tab.set_input_files("#import-file", str(ledger_world / "needs.csv"))
    tab.click("#btn-dry-run")
    tab.wait_for_selector("#btn-commit:not([disabled])", timeout=30_000)
    tab.click("#btn-commit")
    tab.wait_for_selector("#import-kept-box:not([hidden])", timeout=30_000)

    rows = tab.evaluate(
        """() => Array.from(document.querySelectorAll('#import-kept tbody tr')).map(tr =>
             Array.from(tr.querySelectorAll('td')).map(td => td.innerText.trim()))"""
    )
    assert [row[:5] for row in rows] == [["needs.csv", "", "3", "status", "待认领"]]
    reason = {"zh": "保留系统中的值 已完成：", "en": "kept the app's value 已完成: the app changed"}[lang]
    assert rows[0][5].startswith(reason)
    _shot(tab, artifacts_dir, f"imports-kept-{lang}", docs=True)
    assert rec.errors == []
    context.close()
