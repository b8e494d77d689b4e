"""The workbench pages (gaps, structural gaps, matches) as HTML: a pure function of their data.

Each page is a template that extends the shared frame (templates/base.html, through visualize.frame)
with its own script module under static/js/; the tables are filled by the script from the JSON API, so
that the page's export links carry exactly the query of the table on screen. The gaps page carries the
area's network as the explorer's records (visualize.render.vis_data), drawn by the explorer's network
module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from visualize.frame import Title, render_frame
from visualize.render import KEY_PROPERTIES, plain_text
from visualize.style import legend
from visualize.workbench_words import workbench_words

#: The workbench pages: template, script module (under static/js/) and the i18n key of the title.
PAGES = {
    "gaps": ("gaps.html", "gaps", "title_gaps"),
    "area_gaps": ("area_gaps.html", "area-gaps", "title_area_gaps"),
    "matches": ("matches.html", "matches", "title_matches"),
    "claims": ("claims.html", "claims", "title_claims"),
}


def render_workbench(
    page: str,
    *,
    area_name: str | None,
    user: Mapping[str, Any] | None,
    context: Mapping[str, Any],
    test_hooks: bool = False,
) -> str:
    """A workbench page (one of PAGES) for an area (None: every area the user may see), with its data."""
    template, entry, title_key = PAGES[page]
    title = Title(title_key, {"area": plain_text(area_name)}) if area_name else Title(title_key + "_all")
    data = {"page": page, "words": workbench_words(), **context}
    if page == "gaps":
        data.update(legend=legend(), key_props=KEY_PROPERTIES)
    return render_frame(
        template,
        page=page,
        entry=entry,
        title=title,
        user=user,
        data=data,
        nav_current="nav_" + page,
        test_hooks=test_hooks,
    )
