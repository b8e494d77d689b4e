"""GraphView → HTML page: a pure function, writing nothing and requesting nothing from outside.

The page is the shared frame (visualize/frame.py, templates/base.html) with the network's records as an
inert JSON island: ids, names, types, key properties, counts, gaps, and positions for large views. How a
node looks (colour, shape, label, hover text) is decided in one place, the browser's js/explorer/style.js,
for the page's records and for those an expansion fetches alike, in the language the user chose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.graphview import GraphEdge, GraphView
from visualize.aggregate import aggregate
from visualize.clusters import assign_groups, box_labels, summarize, wants_clusters
from visualize.frame import (
    STATIC_DIR,
    TEMPLATE_DIR,
    Title,
    environment,
    json_island,
    render_frame,
    strings,
    vocabulary,
)
from visualize.layout import compute_positions, grouped_positions, needs_server_layout
from visualize.style import legend

__all__ = [
    "STATIC_DIR",
    "TEMPLATE_DIR",
    "Title",
    "json_island",
    "render_error_page",
    "render_home_page",
    "render_login_page",
    "render_page",
    "strings",
    "vis_data",
    "vocabulary",
]

#: Properties a node carries to the page (hover text, details panel); person data (names aside) never.
KEY_PROPERTIES = (
    "level",
    "kind",
    "type",
    "status",
    "category",
    "industry",
    "signed",
    "expires",
    "founded",
    "members",
    "units",
    "communities",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")

#: What a browser strips from both ends of a URL, and drops anywhere in it (WHATWG URL Standard).
_URL_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_OR_NEWLINE = re.compile(r"[\t\r\n]")


def plain_text(value: object, limit: int = 200) -> str:
    """A value as one safe line of plain text: control characters dropped, length bounded."""
    text = _CONTROL.sub("", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dedupe_edges(view: GraphView) -> list[GraphEdge]:
    """Edges once per (source, target, type), only between nodes of the view."""
    ids = {n.id for n in view.nodes}
    seen: dict[tuple[str, str, str], GraphEdge] = {}
    for edge in view.edges:
        key = (edge.source, edge.target, edge.type)
        if edge.source in ids and edge.target in ids and key not in seen:
            seen[key] = edge
    return list(seen.values())


def vis_data(view: GraphView, root: str | None = None) -> dict[str, Any]:
    """The records of a view (folded above the cap), with positions when it is large, and grouped
    around `root`'s child areas when it is larger still."""
    view = aggregate(view)
    group = assign_groups(view, root) if root is not None and wants_clusters(view) else {}
    clusters = summarize(view, group) if group else []
    grouped = {c.area for c in clusters}
    group = {node: area for node, area in group.items() if area in grouped}
    centres: dict[str, tuple[float, float]] = {}
    font = None
    if group:
        laid = grouped_positions(view, group, {c.area: box_labels(c) for c in clusters})
        positions, centres, font = laid.positions, laid.centres, laid.font
    else:
        positions = compute_positions(view) if needs_server_layout(view) else {}
    nodes = []
    for node in view.nodes:
        record: dict[str, Any] = {
            "id": node.id,
            "name": plain_text(node.label),
            "type": node.type,
            "props": {k: plain_text(node.properties[k], 80) for k in KEY_PROPERTIES if k in node.properties},
            "gaps": [plain_text(g, 20) for g in node.gaps],
        }
        if node.count is not None:
            record["count"] = node.count
        if node.id in positions:
            x, y = positions[node.id]
            record.update(x=round(x, 1), y=round(y, 1))
        if node.id in group:
            record["cluster"] = "cluster:" + group[node.id]
        nodes.append(record)
    edges = [
        {"from": e.source, "to": e.target, "type": e.type, "count": int(e.properties.get("count", 1))}
        for e in dedupe_edges(view)
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "truncated": view.truncated,
        "aggregated": view.aggregated,
        "physics": not positions,
        "clusters": [_placed(c.as_json(), centres[c.area]) for c in clusters],
        # The font size (canvas px) of the groups' and the free nodes' labels, which the layout keeps apart.
        "cluster_font": font,
    }


def _placed(record: dict[str, object], at: tuple[float, float]) -> dict[str, object]:
    return {**record, "x": round(at[0], 1), "y": round(at[1], 1)}


def render_page(
    view: GraphView,
    *,
    page: str,
    title: Title | str,
    context: Mapping[str, Any] | None = None,
    user: Mapping[str, Any] | None = None,
    static_url: str = "/static",
    test_hooks: bool = False,
) -> str:
    """A network page (entity, area, path) for a view."""
    heading = title if isinstance(title, Title) else Title("title_plain", {"name": plain_text(title)})
    ctx = dict(context or {})
    root = ctx.get("subject") if page == "area" else None
    view_data = vis_data(view, root=str(root) if root else None)
    data = {"page": page, "context": ctx, "legend": legend(), "key_props": KEY_PROPERTIES, "view": view_data}
    return render_frame(
        "page.html",
        page=page,
        entry="explorer/main",
        title=heading,
        user=user,
        data=data,
        static_url=static_url,
        test_hooks=test_hooks,
        notice=str(ctx.get("notice") or _notice(view_data)),
    )


def render_home_page(
    context: Mapping[str, Any], *, user: Mapping[str, Any] | None, static_url: str = "/static"
) -> str:
    """The explorer home: areas to start from and the progress table (drawn by js/home.js)."""
    return render_frame(
        "home.html",
        page="home",
        entry="home",
        title=Title("title_home"),
        user=user,
        data={"context": dict(context)},
        nav_current="nav_home",
        static_url=static_url,
    )


#: The message of an error page, by status; anything else is said as a general error.
ERROR_MESSAGES = {403: "error_403", 404: "error_404", 422: "error_422", 503: "error_503"}


def render_error_page(status: int, *, static_url: str = "/static") -> str:
    """An error as a page of the frame (header, language switch, a way back), saying nothing more
    than its status: "outside your area" and "does not exist" read the same."""
    return render_frame(
        "error.html",
        page="error",
        entry="error",
        title=Title("error_title", {"status": str(status)}),
        status=status,
        message_key=ERROR_MESSAGES.get(status, "error_500"),
        static_url=static_url,
    )


def _notice(view: Mapping[str, Any]) -> str:
    """The banner saying that a view was folded or cut (Chinese; the script switches language)."""
    if view["aggregated"]:
        return "aggregated"
    if view["truncated"]:
        return "truncated"
    if view["clusters"]:
        return "clustered"
    return ""


def render_login_page(next_url: str, static_url: str = "/static") -> str:
    """The login form (Chinese first); `next_url` is where to go after logging in, a path on this site."""
    template = environment().get_template("login.html")
    return template.render(
        t=strings()["zh"],
        i18n=json_island(strings()),
        next=safe_next(next_url),
        static=static_url,
    )


def safe_next(next_url: str | None) -> str:
    """A path on this site to return to after login; anything else (another host, a scheme) is `/`.

    Judged after the normalisation browsers apply to a URL (WHATWG URL parsing): leading and trailing
    controls and spaces dropped, tabs and newlines removed anywhere, backslashes read as slashes. So
    `/<tab>/evil.example` (which a browser reads as `//evil.example`) is refused, not just `//…`."""
    text = _URL_EDGES.sub("", next_url or "/")
    text = _TAB_OR_NEWLINE.sub("", text).replace("\\", "/")
    if not text.startswith("/") or text.startswith("//"):
        return "/"
    return text
