"""The warnings page, the home page's warning counts and the 待办 list on the Kunming demo world, for the
city (a global admin) and a district (an editor of 官渡区), in Chinese and English, without a console
error; the screenshots go to docs/screenshots/warnings-demo-*.png (slow: the demo world loads first)."""

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
from devtools.live_server import served
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import Neo4jSettings
from loaders.demo.kunming import build_kunming
from loaders.pipeline import load_path
from tests.browser_support import Recorder, chromium, ready, shoot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(session_graph: Graph, owner_token: str, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    folder = tmp_path_factory.mktemp("demo") / "kunming"
    build_kunming(folder)
    result = load_path(session_graph, folder, user="test")
    assert result.outcome == "ok", result.problems[:5]
    return session_graph


@pytest.fixture(scope="module")
def live_url(demo: Graph, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings)) as url:
        yield url


def _session(graph: Graph, username: str, role: Role, area: str | None) -> str:
    create_user(graph, None, username=username, role=role, area_id=area)
    return issue_token(graph, username, TokenKind.SESSION, expires=expiry_after(timedelta(hours=2))).token


def _both(tab: Any, artifacts_dir: Path, name: str) -> None:
    shoot(tab, artifacts_dir, f"{name}-zh")
    tab.click("#btn-lang")
    shoot(tab, artifacts_dir, f"{name}-en")
    tab.click("#btn-lang")


def test_the_city_and_a_district_of_the_demo_world(demo: Graph, live_url: str, artifacts_dir: Path) -> None:
    district = demo.read_tx(
        lambda tx: tx.run("MATCH (a:Area {level: 'district', name: '官渡区'}) RETURN a.id AS id").single()
    )["id"]
    with chromium() as browser:
        for user, role, area in (("demo-admin", Role.ADMIN, None), ("demo-guandu", Role.EDITOR, district)):
            context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
            token = _session(demo, user, role, area)
            context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": live_url}])
            tab = context.new_page()
            rec = Recorder(tab)
            where = "city" if area is None else "district"
            tab.goto(live_url + "/view/warnings")
            ready(tab)
            assert tab.locator(".warning-card").count() == 6
            assert tab.locator("#warning-children tbody tr").count() > 1  # the districts, or the streets
            _both(tab, artifacts_dir, f"warnings-demo-{where}")
            tab.goto(live_url + "/")
            ready(tab)
            tab.wait_for_selector("#home-warnings[data-state='ready']", timeout=120_000)
            tab.wait_for_selector("#progress[data-state='ready']", timeout=120_000)
            _both(tab, artifacts_dir, f"home-warnings-demo-{where}")
            tab.goto(live_url + "/view/todo")
            ready(tab)
            _both(tab, artifacts_dir, f"todo-demo-{where}")
            assert rec.errors == []
            context.close()
