"""The work pages (a contract, an alliance, a committee, coverage, imports) as HTML: pure functions of
what the routes read, rendered with autoescape from visualize/templates/work/.

Text is Chinese in the HTML; elements carry `data-i18n` keys (and values `data-en`) that
static/js/workpages.js switches to English with the explorer's language setting. The strings are the
explorer's (static/i18n.json) with these pages' own (static/i18n-work.json) on top."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape

from visualize.render import STATIC_DIR, TEMPLATE_DIR, json_island, plain_text, strings


@cache
def work_strings() -> dict[str, dict[str, str]]:
    """The explorer's UI strings and the work pages' own, Chinese (`zh`) and English (`en`)."""
    own: dict[str, dict[str, str]] = json.loads((STATIC_DIR / "i18n-work.json").read_text(encoding="utf-8"))
    return {lang: {**strings()[lang], **own[lang]} for lang in ("zh", "en")}


def fill(text: str, **names: object) -> str:
    """`{name}` placeholders filled in (the same convention as the explorer's script)."""
    for name, value in names.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def percent(share: float) -> str:
    """A share (0..1) as a percentage with one decimal: 0.4286 → 42.9%."""
    return f"{share * 100:.1f}%"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        auto_reload=False,
    )
    env.filters["percent"] = percent
    env.filters["idpath"] = lambda value: quote(str(value), safe="")
    env.filters["fill"] = lambda text, **names: fill(str(text), **names)
    return env


def render_work_page(
    template: str,
    *,
    title_key: str,
    names: Mapping[str, str] | None = None,
    context: Mapping[str, Any] | None = None,
    island: Mapping[str, Any] | None = None,
    static_url: str = "/static",
) -> str:
    """One work page: `work/<template>.html` with the page title (a key and its `{name}` values);
    `island` goes to the page's script as JSON, beside the strings."""
    zh = work_strings()["zh"]
    safe_names = {k: plain_text(v) for k, v in (names or {}).items()}
    data = {"i18n": work_strings(), "title": [title_key, safe_names], **dict(island or {})}
    return (
        _environment()
        .get_template(f"work/{template}.html")
        .render(
            t=zh,
            title=fill(zh[title_key], **safe_names),
            data=json_island(data),
            static=static_url,
            **dict(context or {}),
        )
    )
