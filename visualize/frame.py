"""The frame every page shares: renders a template that extends `base.html` with the header, the
navigation, the title (a key of i18n.json, so the browser can re-word it) and the JSON islands.

A page plugs in with `render_frame("mypage.html", page=..., entry=..., title=Title(...), ...)`; see
docs/visualize.md, "Adding a page"."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from i18n.vocabulary import ZH

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"


@dataclass(frozen=True)
class NavItem:
    """A link of the header's navigation: its i18n key and where it goes."""

    key: str
    href: str


#: The header's navigation, in order. A new top-level page adds its item here (and its key to i18n.json).
NAV: list[NavItem] = [
    NavItem("nav_home", "/"),
    NavItem("nav_coverage", "/view/coverage"),
    NavItem("nav_imports", "/view/imports"),
    NavItem("nav_gaps", "/view/gaps"),
    NavItem("nav_area_gaps", "/view/area-gaps"),
    NavItem("nav_matches", "/view/matches"),
    NavItem("nav_claims", "/view/claims"),
    NavItem("nav_warnings", "/view/warnings"),
    NavItem("nav_todo", "/view/todo"),
]
#: A unit account's navigation: its claim hall only (it reads nothing else).
UNIT_NAV: list[NavItem] = [NavItem("nav_claims", "/view/claims")]


@dataclass(frozen=True)
class Title:
    """A page title: an i18n key with its {slots} filled by `args` (names from the data stay as they are)."""

    key: str
    args: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        return filled(strings()[lang].get(self.key) or strings()["zh"][self.key], self.args)


def filled(template: str, args: Mapping[str, object]) -> str:
    """Interface words with their {slots} filled, as the pages' i18n.js fills them."""
    for name, value in args.items():
        template = template.replace("{" + name + "}", str(value))
    return template


@cache
def strings() -> dict[str, dict[str, str]]:
    """The interface words, Chinese (`zh`) and English (`en`), from static/i18n.json."""
    loaded: dict[str, dict[str, str]] = json.loads((STATIC_DIR / "i18n.json").read_text(encoding="utf-8"))
    return loaded


@cache
def vocabulary() -> dict[str, str]:
    """Chinese words of the stored codes (kind, level, status, …), for display."""
    labels: dict[str, str] = {}
    for code, words in ZH.items():
        labels.setdefault(code.value, words[0])
    return labels


def json_island(data: Any) -> Markup:
    """JSON that is safe inside a `<script type="application/json">`: no tag or entity can form."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(raw, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 - escaped just above


@cache
def i18n_island() -> Markup:
    """The interface words of both languages and the codes' Chinese words, for js/i18n.js."""
    words = strings()
    return json_island({"zh": words["zh"], "en": words["en"], "vocab": {"zh": vocabulary(), "en": {}}})


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        auto_reload=False,
    )


#: A static import in a module: `import … from "./x.js"` or `import "./x.js"`.
_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^"';]*?["'](\.{1,2}/[^"']+\.js)["']""", re.MULTILINE)


@cache
def module_graph(entry: str, static_dir: Path = STATIC_DIR) -> tuple[str, ...]:
    """Every module the page's entry module imports, directly or not (paths under static/js/), so the
    page can ask for them all at once (`modulepreload`) instead of one import level at a time."""
    root = (static_dir / "js").resolve()
    seen: dict[Path, None] = {}
    todo = [root / f"{entry}.js"]
    while todo:
        module = todo.pop()
        if module in seen or not module.is_file():
            continue
        seen[module] = None
        todo += [(module.parent / found).resolve() for found in _IMPORT.findall(module.read_text("utf-8"))]
    return tuple(sorted(m.relative_to(root).as_posix() for m in seen if m != root / f"{entry}.js"))


def render_frame(
    template: str,
    *,
    page: str,
    entry: str,
    title: Title,
    user: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    nav_current: str = "",
    static_url: str = "/static",
    test_hooks: bool = False,
    **extra: Any,
) -> str:
    """A page in the shared frame. `entry` is its script module under /static/js/ (without `.js`);
    `data` goes to the page as the `orglinks-data` island; `extra` are the template's own values."""
    return (
        environment()
        .get_template(template)
        .render(
            page=page,
            entry=entry,
            title=title.text(),
            title_key=title.key,
            title_args=json.dumps(dict(title.args), ensure_ascii=False),
            t=strings()["zh"],
            nav=UNIT_NAV if (user or {}).get("role") == "unit" else NAV,
            nav_current=nav_current,
            user=user,
            i18n=i18n_island(),
            frame=json_island({"user": user}),
            data=json_island(dict(data or {})),
            static=static_url,
            preload=module_graph(entry),
            test_hooks=test_hooks,
            **extra,
        )
    )
