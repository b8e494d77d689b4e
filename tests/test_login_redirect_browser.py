"""After a real login in Chromium, `next` never sends the browser to another site (issue #14, 4).

Browsers drop tabs and newlines from a URL and read backslashes as slashes, so `/<tab>/evil.example`
is `//evil.example`. The server (visualize.render.safe_next) and login.js both judge `next` after that
normalisation; the second test bypasses the server to check login.js alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from accounts.accounts import create_user
from accounts.principal import Role
from api.main import create_app
from devtools import harness
from devtools.live_server import served
from graph.driver import Graph
from graph.migrate import migrate
from tests.browser_support import chromium
from visualize.render import safe_next

pytestmark = pytest.mark.browser

USER = "redirect-admin"
HOSTILE_NEXT = {
    "tab": "/\t/evil.example/stolen",
    "newline": "/\n/evil.example/stolen",
    "crlf": "/\r\n/evil.example/stolen",
    "leading-tab": "\t//evil.example/stolen",
    "leading-space": " //evil.example/stolen",
    "slash-backslash": "/\\evil.example/stolen",
    "backslashes": "\\\\evil.example/stolen",
    "backslash-slash": "\\/evil.example/stolen",
    "authority": "//evil.example/stolen",
    "scheme": "https://evil.example/stolen",
    "javascript": "javascript:alert(1)",
}


@pytest.fixture(scope="module")
def password(session_graph: Graph, owner_token: str) -> str:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    _, secret = create_user(session_graph, None, username=USER, role=Role.ADMIN, area_id=None)
    return secret


@pytest.fixture(scope="module")
def live_url(password: str, neo4j_server: Any) -> Iterator[str]:
    with served(create_app(harness.neo4j_settings_for(neo4j_server))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    # Anything not on 127.0.0.1 answers here, so a redirect away shows up as the page's URL.
    context.route(
        lambda url: urlsplit(url).hostname != "127.0.0.1",
        lambda route: route.fulfill(status=200, content_type="text/plain", body="stolen"),
    )
    page = context.new_page()
    yield page
    context.close()


def _log_in(tab: Any, password: str) -> str:
    tab.fill("#login-username", USER)
    tab.fill("#login-password", password)
    tab.click("#login-submit")
    tab.wait_for_url(lambda url: urlsplit(url).path != "/login", timeout=20_000)
    return str(tab.url)


@pytest.mark.parametrize("hostile", HOSTILE_NEXT.values(), ids=HOSTILE_NEXT.keys())
def test_a_hostile_next_stays_on_this_site(tab: Any, live_url: str, password: str, hostile: str) -> None:
    tab.goto(f"{live_url}/login?next={quote(hostile, safe='')}")
    landed = urlsplit(_log_in(tab, password))
    assert (landed.scheme, landed.netloc, landed.path) == ("http", urlsplit(live_url).netloc, "/")


@pytest.mark.parametrize("hostile", HOSTILE_NEXT.values(), ids=HOSTILE_NEXT.keys())
def test_login_js_alone_refuses_a_hostile_next(tab: Any, live_url: str, password: str, hostile: str) -> None:
    tab.goto(f"{live_url}/login")
    tab.evaluate("(next) => { document.getElementById('login-form').dataset.next = next; }", hostile)
    landed = urlsplit(_log_in(tab, password))
    assert (landed.scheme, landed.netloc, landed.path) == ("http", urlsplit(live_url).netloc, "/")


def test_a_path_on_this_site_is_where_the_login_returns(tab: Any, live_url: str, password: str) -> None:
    tab.goto(f"{live_url}/login?next={quote('/api/auth/me?x=1', safe='')}")
    landed = urlsplit(_log_in(tab, password))
    assert (landed.netloc, landed.path, landed.query) == (urlsplit(live_url).netloc, "/api/auth/me", "x=1")


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("/view/area/A1?depth=2", "/view/area/A1?depth=2"),
        ("/a\\b", "/a/b"),
        (" /view/area/A1\t", "/view/area/A1"),
        ("/\t/evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("http:/evil.example", "/"),
        ("", "/"),
    ],
)
def test_safe_next_judges_the_url_as_a_browser_reads_it(given: str, kept: str) -> None:
    assert safe_next(given) == kept
