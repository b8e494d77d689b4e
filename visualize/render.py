"""GraphView → HTML page: a pure function, writing nothing and requesting nothing from outside.

pyvis (vis-network) builds the node and edge records; the page is rendered from this package's own
template, with autoescape on, and the data travels as an inert JSON island (`<`, `>` and `&` escaped),
which the explorer's script reads: pages carry a CSP without inline scripts. pyvis's own template is not
used, since it loads bootstrap from a CDN whatever `cdn_resources` says and renders without autoescape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.vocabulary import ZH
from visualize.aggregate import aggregate
from visualize.layout import compute_positions, needs_server_layout
from visualize.style import GAP_COLOR, GAP_KINDS, edge_style, legend, node_style

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"

#: Properties shown when hovering a node; person data (names aside) never is.
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
LABEL_MAX = 18

#: What a browser strips from both ends of a URL, and drops anywhere in it (WHATWG URL Standard).
_URL_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_OR_NEWLINE = re.compile(r"[\t\r\n]")


def plain_text(value: object, limit: int = 200) -> str:
    """A value as one safe line of plain text: control characters dropped, length bounded."""
    text = _CONTROL.sub("", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Network(Network):  # type: ignore[misc]
    """pyvis's Network with O(1) membership checks (its own scans a list for every edge)."""

    def __init__(self) -> None:
        super().__init__(directed=True, cdn_resources="remote")
        self._known: set[str] = set()

    def add_node(self, n_id: str, label: str | None = None, **options: Any) -> None:
        super().add_node(n_id, label=label, **options)
        self._known.add(n_id)

    def get_nodes(self) -> set[str]:
        return self._known


def dedupe_edges(view: GraphView) -> list[GraphEdge]:
    """Edges once per (source, target, type), only between nodes of the view."""
    ids = {n.id for n in view.nodes}
    seen: dict[tuple[str, str, str], GraphEdge] = {}
    for edge in view.edges:
        key = (edge.source, edge.target, edge.type)
        if edge.source in ids and edge.target in ids and key not in seen:
            seen[key] = edge
    return list(seen.values())


@cache
def vocabulary() -> dict[str, str]:
    """Chinese labels of the stored codes (kind, level, status, …), for display."""
    labels: dict[str, str] = {}
    for code, words in ZH.items():
        labels.setdefault(code.value, words[0])
    return labels


def node_title(node: GraphNode) -> str:
    """The hover text of a node, as plain text lines (vis-network shows strings with innerText)."""
    zh = strings()["zh"]
    words = vocabulary()
    lines = [f"{node_style(node.type).zh} · {plain_text(node.label)}"]
    for key in KEY_PROPERTIES:
        value = node.properties.get(key)
        if value not in (None, "", []):
            shown = words.get(str(value), str(value))
            lines.append(f"{zh.get('prop_' + key, key)}: {plain_text(shown, 80)}")
    if node.count is not None:
        lines.append(f"{zh['prop_units']}: {node.count}")
    if node.gaps:
        kinds = ", ".join(GAP_KINDS.get(g, (g, g))[0] for g in node.gaps)
        lines.append(f"{zh['prop_gaps']}: {plain_text(kinds)}")
    return "\n".join(lines)


def vis_data(view: GraphView) -> dict[str, Any]:
    """The vis-network records of a view (after folding above the cap), positions if it is large."""
    view = aggregate(view)
    positions = compute_positions(view) if needs_server_layout(view) else {}
    net = _Network()
    for node in view.nodes:
        style = node_style(node.type)
        label = plain_text(node.label, LABEL_MAX)
        if node.count is not None:
            label = f"{label} ({node.count})"
        options: dict[str, Any] = {
            "title": node_title(node),
            "shape": style.shape,
            "color": style.color,
            "entityType": node.type,
            "fullName": plain_text(node.label),
            "gaps": [plain_text(g, 20) for g in node.gaps],
            "props": {k: plain_text(node.properties[k], 80) for k in KEY_PROPERTIES if k in node.properties},
        }
        if node.count is not None:
            options["value"] = node.count
            options["count"] = node.count
        if node.id in positions:
            x, y = positions[node.id]
            options.update(x=round(x, 1), y=round(y, 1), physics=False)
        net.add_node(node.id, label=label, **options)
    for edge in dedupe_edges(view):
        tie = edge_style(edge.type)
        count = int(edge.properties.get("count", 1))
        title = tie.zh if count == 1 else f"{tie.zh} × {count}"
        net.add_edge(
            edge.source,
            edge.target,
            title=title,
            color=tie.color,
            dashes=tie.dashes,
            relType=edge.type,
            count=count,
            width=1 + min(count, 20) / 4,
        )
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "truncated": view.truncated,
        "aggregated": view.aggregated,
        "physics": not positions,
        "gap_color": GAP_COLOR,
    }


def json_island(data: Mapping[str, Any]) -> Markup:
    """JSON that is safe inside a `<script type="application/json">`: no tag or entity can form."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(raw, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 - escaped just above


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        auto_reload=False,
    )


@cache
def strings() -> dict[str, dict[str, str]]:
    """The UI strings, Chinese (`zh`) and English (`en`)."""
    loaded: dict[str, dict[str, str]] = json.loads((STATIC_DIR / "i18n.json").read_text(encoding="utf-8"))
    return loaded


def render_page(
    view: GraphView | None,
    *,
    page: str,
    title: str,
    context: Mapping[str, Any] | None = None,
    static_url: str = "/static",
) -> str:
    """A whole explorer page for a view (None: the explorer home, with an empty canvas)."""
    data: dict[str, Any] = {
        "page": page,
        "title": plain_text(title),
        "context": dict(context or {}),
        "legend": legend(),
        "i18n": strings(),
        "vocab": vocabulary(),
        "view": vis_data(view) if view is not None else None,
    }
    template = _environment().get_template("page.html")
    return template.render(
        page=page,
        title=plain_text(title),
        t=strings()["zh"],
        data=json_island(data),
        static=static_url,
        notice=str(data["context"].get("notice") or _notice(data["view"])),
    )


def _notice(view: Mapping[str, Any] | None) -> str:
    """The banner saying that a view was folded or cut (Chinese; the script switches language)."""
    if view is None:
        return ""
    if view["aggregated"]:
        return "aggregated"
    if view["truncated"]:
        return "truncated"
    return ""


def render_login_page(next_url: str, static_url: str = "/static") -> str:
    """The login form (Chinese first); `next_url` is where to go after logging in, a path on this site."""
    template = _environment().get_template("login.html")
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
