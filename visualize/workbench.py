"""The workbench pages (gaps, structural gaps, matches) as HTML: a pure function of their data.

Each page is its own template with a JSON data island (the explorer's escaping, see render.json_island)
and its own script module under static/js/; the tables are filled by the script from the JSON API, so
that the page's export links carry exactly the query of the table on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from i18n.workbench import workbench_strings
from visualize.render import TEMPLATE_DIR, json_island, plain_text

#: The workbench pages and their templates.
PAGES = {"gaps": "gaps.html", "area_gaps": "area_gaps.html", "matches": "matches.html"}


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        auto_reload=False,
    )


def render_workbench(page: str, *, title_key: str, area_name: str, context: Mapping[str, Any]) -> str:
    """A workbench page (one of PAGES) titled `title_key` for an area, with its data island."""
    strings = workbench_strings()
    title = plain_text(strings["zh"][title_key].replace("{area}", area_name))
    data = {"page": page, "title_key": title_key, "area_name": plain_text(area_name), "i18n": strings}
    data.update(context)
    return (
        _environment()
        .get_template(PAGES[page])
        .render(page=page, title=title, t=strings["zh"], data=json_island(data), static="/static")
    )
