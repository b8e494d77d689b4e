"""The work pages (a contract, an alliance, a committee, coverage, imports) as HTML in the shared frame
(visualize/frame.py): pure functions of what the routes read, templates in visualize/templates/work/.

Text is Chinese in the HTML; elements carry `data-i18n` keys, which js/i18n.js re-words in English,
and stored codes (a status, a category) carry `data-code`, which js/workpages.js shows as words of the
language."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from graph.claims import Step
from graph.lifecycle import ContractLifecycle
from visualize.frame import Title, filled, render_frame, strings
from visualize.render import plain_text

#: China's one time zone (UTC+8, no daylight saving): the pages show stored UTC times in it.
BEIJING = dt.timezone(dt.timedelta(hours=8), "CST")


def percent(share: float) -> str:
    """A share (0..1) as a percentage with one decimal: 0.4286 → 42.9%."""
    return f"{share * 100:.1f}%"


def idpath(value: object) -> str:
    """An id as one path segment (`/` and `%` encoded, which the app's id paths decode)."""
    return quote(str(value), safe="")


def bar_class(share: float) -> str:
    """The CSS class of a share's bar, in steps of 5% (no inline style under the pages' CSP)."""
    return f"w{round(share * 20) * 5}"


def fill(key: str, args: Mapping[str, object]) -> str:
    """The Chinese words of an i18n key with its {slots} filled (the page re-words them from
    `data-i18n-args` in English)."""
    return filled(strings()["zh"][key], args)


def render_work_page(
    template: str,
    *,
    title_key: str,
    names: Mapping[str, str] | None = None,
    user: Mapping[str, Any] | None = None,
    context: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    entry: str = "workpages",
    nav_current: str = "",
) -> str:
    """One work page: `work/<template>.html` in the frame, its title a key with `{name}` values."""
    title = Title(title_key, {k: plain_text(v) for k, v in (names or {}).items()})
    return render_frame(
        f"work/{template}.html",
        page=template,
        entry=entry,
        title=title,
        user=user,
        data=data,
        nav_current=nav_current,
        percent=percent,
        idpath=idpath,
        bar_class=bar_class,
        fill=fill,
        tojson=lambda value: json.dumps(value, ensure_ascii=False),
        **dict(context or {}),
    )


def step_rows(steps: list[tuple[Step, str]]) -> list[dict[str, Any]]:
    """Steps (each with the prefix of its states' words: `cs_` a contract's, `ps_` a project's) as the
    history table's rows, newest first; times to the minute, in Beijing time (stored in UTC)."""
    ordered = sorted(steps, key=lambda pair: pair[0].at, reverse=True)
    return [
        {
            "at": step.at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
            "prefix": prefix,
            "action": step.action,
            "by": step.by,
            "before": step.before,
            "after": step.after,
            "reason": step.reason,
            "step": step,
        }
        for step, prefix in ordered
    ]


def contract_history(
    life: ContractLifecycle, contract_title: str, project_titles: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The steps of a contract and of its projects, newest first, each with the item it changed."""
    items: dict[int, str] = {}
    steps: list[tuple[Step, str]] = []
    for step in life.steps:
        items[id(step)] = contract_title
        steps.append((step, "cs_"))
    for project in life.projects:
        for step in project.steps:
            items[id(step)] = project_titles.get(project.id, project.id)
            steps.append((step, "ps_"))
    return [{**row, "item": items[id(row["step"])]} for row in step_rows(steps)]
