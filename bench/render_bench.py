"""Rendering benchmark: server render time of 100, 1,000 and 2,000-node views, and the time until
headless Chromium shows a usable network (stabilized, or drawn at once from server positions).

    .venv/bin/python bench/render_bench.py [--runs 7] [--no-browser]

The views are synthetic streets shaped like the demo world (communities, units, their party orgs,
an alliance and contracts); rendering needs no database. The browser part serves the rendered page
and the real static assets from a small app on 127.0.0.1, under the pages' Content-Security-Policy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.routes.pages import PAGE_CSP  # noqa: E402
from api.routes.static import mount_static  # noqa: E402
from devtools.live_server import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402
from graph.graphview import GraphEdge, GraphNode, GraphView  # noqa: E402
from visualize.render import render_page  # noqa: E402

SIZES = (100, 1000, 2000)
#: The page is the street's area page (its subject is the street), as /view/area/{id} renders it.
CONTEXT = {"subject": "S"}


def street_view(n_nodes: int, seed: int = 1) -> GraphView:
    """A street of about `n_nodes` nodes: 1 in 25 a community, the rest units with some party orgs."""
    rng = random.Random(seed)
    nodes = [
        GraphNode(id="S", label="太和街道", type="Area", properties={"level": "street"}),
        GraphNode(id="AL", label="太和街道党建联盟", type="Alliance"),
    ]
    edges = [GraphEdge(source="AL", target="S", type="HOSTED_BY")]
    communities = max(1, n_nodes // 25)
    for c in range(communities):
        nodes.append(GraphNode(id=f"C{c}", label=f"社区{c}", type="Area", properties={"level": "community"}))
        edges.append(GraphEdge(source=f"C{c}", target="S", type="PART_OF"))
        nodes.append(
            GraphNode(id=f"K{c}", label=f"共建协议{c}", type="Contract", properties={"status": "active"})
        )
    i = 0
    while len(nodes) < n_nodes:
        c = rng.randrange(communities)
        uid = f"U{i}"
        nodes.append(
            GraphNode(id=uid, label=f"驻区单位{i}有限公司", type="Unit", properties={"kind": "private"})
        )
        edges.append(GraphEdge(source=uid, target=f"C{c}", type="LOCATED_IN"))
        if i % 3 == 0 and len(nodes) < n_nodes:
            nodes.append(
                GraphNode(id=f"P{i}", label=f"单位{i}党支部", type="PartyOrg", properties={"type": "branch"})
            )
            edges.append(GraphEdge(source=f"P{i}", target=uid, type="BELONGS_TO"))
            if i % 5 == 0:
                edges.append(GraphEdge(source=f"P{i}", target="AL", type="MEMBER_OF"))
            if i % 4 == 0:
                edges.append(GraphEdge(source=f"P{i}", target=f"K{c}", type="PARTY_TO"))
        i += 1
    return GraphView(nodes=nodes[:n_nodes], edges=edges)


def server_times(view: GraphView, runs: int) -> list[float]:
    render_page(view, page="area", title="bench", context=CONTEXT)  # warm the template and imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_page(view, page="area", title="bench", context=CONTEXT)
        times.append(time.perf_counter() - start)
    return times


def browser_times(pages: dict[int, str], runs: int, shots: Path | None = None) -> dict[int, list[float]]:
    """Milliseconds from navigation start until the page marks its network usable."""
    from playwright.sync_api import sync_playwright

    app = FastAPI()
    for size, html in pages.items():
        app.add_api_route(
            f"/bench/{size}",
            lambda html=html: HTMLResponse(html, headers={"Content-Security-Policy": PAGE_CSP}),
            methods=["GET"],
        )
    mount_static(app)
    results: dict[int, list[float]] = {size: [] for size in pages}
    with served(app) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in pages:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 860})
                tab = context.new_page()
                tab.goto(f"{base}/bench/{size}")
                tab.wait_for_selector("body[data-ready='1']", timeout=60_000)
                results[size].append(float(tab.evaluate("Number(document.body.dataset.readyAt)")))
                if shots is not None:
                    tab.screenshot(path=str(shots / f"bench-{size}-nodes.png"))
                context.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--screenshots", type=Path, help="save a screenshot of each size into this folder")
    args = parser.parse_args()

    views = {size: street_view(size) for size in SIZES}
    print("| nodes | edges | server render p50 (ms) | max (ms) | HTML size (KB) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    pages: dict[int, str] = {}
    for size, view in views.items():
        times = server_times(view, args.runs)
        pages[size] = render_page(view, page="area", title=f"bench {size}", context=CONTEXT)
        print(
            f"| {size:,} | {len(view.edges):,} | {statistics.median(times) * 1000:.0f} | "
            f"{max(times) * 1000:.0f} | {len(pages[size].encode()) / 1024:.0f} |"
        )
    if args.no_browser or not Path(CHROMIUM).exists():
        return
    print()
    print("| nodes | layout | usable in Chromium p50 (ms) | max (ms) |")
    print("| ---: | --- | ---: | ---: |")
    for size, times in browser_times(pages, max(3, args.runs // 2), args.screenshots).items():
        layout = (
            "physics, stabilized"
            if size <= 300
            else "server positions" + (", grouped" if size >= 1000 else "")
        )
        print(f"| {size:,} | {layout} | {statistics.median(times):.0f} | {max(times):.0f} |")


if __name__ == "__main__":
    main()
