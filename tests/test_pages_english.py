"""English mode leaves no Chinese interface word on any page (real headless Chromium, the fixture world
of devtools/worlds/visual_world.py): after the switch, every visible text, the document title, placeholders,
tooltips, labels and hover texts hold no Chinese once the entity names are taken out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import HTTPException

from api.main import create_app
from api.routes.pages import PAGE_CSP
from api.security.deps import SESSION_COOKIE
from devtools import harness
from devtools.live_server import served
from devtools.worlds.visual_world import BIG_COMMUNITIES, BIG_UNITS_EACH, write_world
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import AppSettings, Neo4jSettings
from tests.browser_support import HTTP_TIMEOUT_S, Recorder, admin_session, chinese_left, chromium, ready

pytestmark = pytest.mark.browser

NAMES = [
    "昆明市",
    "官渡区",
    "太和街道",
    "佴家湾社区",
    "金星社区",
    "大街道",
    "市三院",
    "昆明市第三人民医院",
    "市供电局",
    "春城物业公司",
    "太和街道党工委",
    "佴家湾社区党委",
    "市三院党委",
    "市供电局党委",
    "太和街道党建联盟",
    "市三院健康共建协议",
    "张三",
    "张*",  # 张三 as a viewer without `pii` sees him
    "兼职委员",  # a seat's title, from the data (the committee page)
    *(f"大社区{c}" for c in range(BIG_COMMUNITIES)),
    *(f"大单位{c}-{u}" for c in range(BIG_COMMUNITIES) for u in range(BIG_UNITS_EACH)),
]

#: (page, a node to click so the details panel shows too, or None)
PAGES = [
    ("/", None),
    ("/view/entity/U-SSY", "U-SSY"),
    ("/view/area/A-TH", "A-TH"),
    ("/view/area/A-BIG", None),
    ("/view/path?from=U-SSY&to=U-GDJ", "P-SSY"),
    ("/view/path?from=U-WY&to=U-SSY", None),
    ("/view/entity/NOPE", None),
    ("/view/nothing-here", None),
    # The work pages.
    ("/view/contract/K1", None),
    ("/view/alliance/AL-TH", None),
    ("/view/committee/P-EJW", None),
    ("/view/coverage", None),
    ("/view/imports", None),
    # The workbench pages.
    ("/view/gaps?area=A-TH", None),
    ("/view/area-gaps?area=A-TH", None),
    ("/view/matches?area=A-TH", None),
    # The warnings and the 待办 list.
    ("/view/warnings?area=A-TH&rule=units_unlinked", None),
    ("/view/todo", None),
]

#: Every interface text of the page: visible text, title, placeholders, tooltips, aria labels, option
#: texts, and (on network pages) the nodes' and ties' hover texts.
INTERFACE_TEXT = """(() => {
  const parts = [document.body.innerText, document.title];
  document.querySelectorAll('[placeholder],[title],[aria-label]').forEach(e => {
    ['placeholder', 'title', 'aria-label'].forEach(a => parts.push(e.getAttribute(a) || ''));
  });
  document.querySelectorAll('option').forEach(o => parts.push(o.textContent));
  if (window.orglinks) {
    window.orglinks.nodes.get().forEach(n => parts.push(n.title || ''));
    window.orglinks.edges.get().forEach(e => parts.push(e.title || ''));
  }
  return parts.join('\\n');
})()"""


@pytest.fixture(scope="module")
def session(session_graph: Graph, owner_token: str) -> str:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    write_world(session_graph)
    return admin_session(session_graph, "english-admin")


def _forbidden() -> None:
    raise HTTPException(status_code=403)


def _broken() -> None:
    raise RuntimeError("a bug")


@pytest.fixture(scope="module")
def live_url(session: str, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    app = create_app(settings, AppSettings(test_hooks=True))
    # Two pages of this test's own app that fail on purpose: a 403 and an unexpected error (500).
    app.add_api_route("/view/test-forbidden", _forbidden)
    app.add_api_route("/view/test-broken", _broken)
    with served(app) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/view/entity/NOPE", 404, "找不到这个页面"),
        ("/view/nothing-here", 404, "找不到这个页面"),
        ("/view/entity/U-SSY?depth=9", 422, "请求的参数不正确"),
        ("/view/test-forbidden", 403, "没有查看此页的权限"),
        ("/view/test-broken", 500, "服务器出错了"),
    ],
)
def test_page_errors_are_pages_of_the_frame(
    live_url: str, session: str, path: str, status: int, words: str
) -> None:
    with httpx.Client(timeout=HTTP_TIMEOUT_S, base_url=live_url, cookies={SESSION_COOKIE: session}) as http:
        answer = http.get(path)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-security-policy"] == PAGE_CSP
    assert words in answer.text
    assert 'id="btn-lang"' in answer.text  # the frame: header with the language switch
    assert 'id="error-back" href="/"' in answer.text  # and a way back
    assert "Traceback" not in answer.text
    assert "a bug" not in answer.text


def test_api_errors_stay_json(live_url: str, session: str) -> None:
    with httpx.Client(timeout=HTTP_TIMEOUT_S, base_url=live_url, cookies={SESSION_COOKIE: session}) as http:
        missing = http.get("/api/entities/NOPE")
        invalid = http.get("/api/entities/U-SSY/network?depth=9")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/json"
    assert invalid.status_code == 422
    assert isinstance(invalid.json()["detail"], list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize(("path", "click"), PAGES)
def test_english_mode_leaves_no_chinese_interface_word(
    browser: Any, live_url: str, session: str, path: str, click: str | None
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 860}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
    page = context.new_page()
    rec = Recorder(page)
    page.goto(live_url + path)
    ready(page)
    if path == "/":
        page.wait_for_selector("#progress[data-state='ready']", timeout=30_000)
    if click:
        page.evaluate(f"window.orglinks.network.selectNodes(['{click}'])")
        box = page.locator("#network").bounding_box()
        spot = page.evaluate(
            "id => { const n = window.orglinks.network; return n.canvasToDOM(n.getPosition(id)); }", click
        )
        page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
        page.wait_for_selector("#panel-name")
    assert chinese_left(page.evaluate(INTERFACE_TEXT), NAMES) != []  # Chinese first
    page.click("#btn-lang")
    assert page.evaluate("document.documentElement.lang") == "en"
    # The switch back names its language in that language, as language switches do.
    assert page.locator("#btn-lang").inner_text() == "中文"
    assert chinese_left(page.evaluate(INTERFACE_TEXT), [*NAMES, "中文"]) == []
    # The choice is remembered: the next page opens in English.
    page.reload()
    ready(page)
    assert page.locator("#btn-lang").inner_text() == "中文"
    assert chinese_left(page.evaluate(INTERFACE_TEXT), [*NAMES, "中文"]) == []
    assert [e for e in rec.errors if "404" not in e] == []  # a 404 page's own status is reported
    assert rec.foreign_requests() == []
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_header_holds_one_line_at_1280_pixels(
    browser: Any, live_url: str, session: str, lang: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": live_url}])
    context.add_init_script(f"localStorage.setItem('orglinks.lang', '{lang}')")
    page = context.new_page()
    page.goto(live_url + "/view/coverage")
    ready(page)
    tops = page.evaluate(
        "Array.from(document.querySelectorAll('#nav a')).map(a => a.getBoundingClientRect().top)"
    )
    assert len(tops) >= 9
    assert len(set(tops)) == 1  # every link of the nav on the first line
    search = page.locator("#search-form").bounding_box()
    logout = page.locator("#topbar button").last.bounding_box()
    assert search["y"] < tops[0] + 20
    assert logout["x"] + logout["width"] <= 1280
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    context.close()
