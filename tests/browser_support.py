"""What the browser tests share: Debian's Chromium under Playwright, a recorder of each page's
requests, errors and dialogs, and a session for a user of the fixture world."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import expiry_after, issue_token
from api.security.deps import SESSION_COOKIE
from devtools.live_server import CHROMIUM, CHROMIUM_ARGS
from graph.driver import Graph

#: Where the browser tests' screenshots of the pages go for the docs (besides test-artifacts/).
DOCS_SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

#: The bound on one HTTP answer in the tests' own requests to a live server (httpx waits 5 s by default,
#: which an export on the shared, loaded CI machine can pass; this is a hang guard, not a speed test).
HTTP_TIMEOUT_S = 120.0

#: Chinese characters (CJK unified ideographs and their punctuation).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium; skips without it unless ORGLINKS_REQUIRE_BROWSER=1."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("ORGLINKS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and ORGLINKS_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Recorder:
    """Every request, console error, page error and dialog of one page."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).scheme not in ("data", "blob") and urlparse(url).hostname != "127.0.0.1"
        ]


def admin_session(graph: Graph, username: str) -> str:
    """A global admin's live session token."""
    create_user(graph, None, username=username, role=Role.ADMIN, area_id=None)
    token = issue_token(graph, username, TokenKind.SESSION, expires=expiry_after(timedelta(hours=2)))
    return token.token


#: open(session, path) → (tab, recorder), as `signed_in_tabs` gives it.
OpenTab = Callable[[str, str], tuple[Any, Recorder]]


@contextmanager
def signed_in_tabs(browser: Any, live_url: str, *, height: int) -> Iterator[OpenTab]:
    """open(session, path) → (tab, recorder): the page loaded and ready, signed in with the session's
    token, each in a browser context of its own (1400 px wide, zh first); all closed at the end."""
    contexts: list[Any] = []

    def open_tab(session: str, path: str) -> tuple[Any, Recorder]:
        context = browser.new_context(viewport={"width": 1400, "height": height}, locale="zh-CN")
        context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
        contexts.append(context)
        tab = context.new_page()
        recorder = Recorder(tab)
        tab.goto(live_url + path)
        ready(tab)
        return tab, recorder

    try:
        yield open_tab
    finally:
        for context in contexts:
            context.close()


def ready(tab: Any) -> None:
    tab.wait_for_selector("body[data-ready='1']", timeout=60_000)


def chinese_left(text: str, names: list[str]) -> list[str]:
    """The Chinese that remains in `text` once every entity name is taken out (longest names first)."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return sorted({line.strip() for line in text.splitlines() if CJK.search(line)})


def shoot(tab: Any, artifacts_dir: Path, name: str) -> None:
    """A full-page screenshot `<name>.png` in the artifacts and in docs/screenshots/."""
    path = artifacts_dir / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")
