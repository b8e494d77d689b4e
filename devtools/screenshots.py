"""Regenerate docs/screenshots/page-*.png: each page of the explorer in Chinese and in English, over a
small area (devtools/worlds/visual_world.py) and a district-sized one
(devtools/worlds/cluster_world.py, 1,561 nodes).

    ORGLINKS_TEST_SLOT=6 .venv/bin/python -m devtools.screenshots [--out docs/screenshots]

It uses the test harness's Neo4j of the slot (started if it is not running, stopped again if it was
started here), wipes it, writes both fixture worlds and serves the app on 127.0.0.1."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import expiry_after, issue_token
from api.main import create_app
from api.security.deps import SESSION_COOKIE
from cli.local_neo4j import LocalNeo4j
from devtools import harness
from devtools.live_server import CHROMIUM, CHROMIUM_ARGS, served
from devtools.worlds import cluster_world, visual_world
from graph.migrate import migrate
from graph.settings import AppSettings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

#: (file stem, path, a group to open first or None)
PAGES: list[tuple[str, str, str | None]] = [
    ("home", "/", None),
    ("entity", "/view/entity/U-SSY", None),
    ("area-small", "/view/area/A-TH", None),
    ("area-district", "/view/area/A-XS", None),
    ("area-district-opened", "/view/area/A-XS", "cluster:A-S"),
    ("area-folded", "/view/area/A-BIG", None),
    ("path", "/view/path?from=U-SSY&to=U-GDJ", None),
    ("error-404", "/view/entity/NOPE", None),
]


def _shoot(browser: Any, base: str, session: str, out: Path) -> list[Path]:
    written = []
    for lang in ("zh", "en"):
        context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
        context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": base}])
        context.add_init_script(f"localStorage.setItem('orglinks.lang', '{lang}')")
        tab = context.new_page()
        for stem, path, group in PAGES:
            tab.goto(base + path)
            tab.wait_for_selector("body[data-ready='1']", timeout=60_000)
            if stem == "home":
                tab.wait_for_selector("#progress[data-state='ready']", timeout=60_000)
            if group:
                tab.evaluate("id => window.orglinks.openGroup(id)", group)
                tab.evaluate("window.orglinks.fit()")
            target = out / f"page-{stem}-{lang}.png"
            tab.screenshot(path=str(target))
            written.append(target)
        context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = LocalNeo4j(harness.server_settings())
    token, started = harness.ensure_started(server)
    graph = harness.open_test_graph(server)
    try:
        harness.wipe(graph, token)
        migrate(graph)
        visual_world.write_world(graph)
        cluster_world.write_world(graph)
        create_user(graph, None, username="screenshots", role=Role.ADMIN, area_id=None)
        session = issue_token(
            graph, "screenshots", TokenKind.SESSION, expires=expiry_after(timedelta(hours=1))
        )
        from playwright.sync_api import sync_playwright

        # The pages' test hooks on: the script opens a group through them.
        app = create_app(harness.neo4j_settings_for(server), AppSettings(test_hooks=True))
        with served(app) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for path in _shoot(browser, base, session.token, args.out):
                print(path)  # noqa: T201 - the script reports what it wrote
            browser.close()
    finally:
        graph.close()
        if started:
            server.stop()


if __name__ == "__main__":
    main()
