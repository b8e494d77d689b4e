"""visualize/: the pure functions from a GraphView to an HTML page, on views built by hand."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.graphview import GraphEdge, GraphNode, GraphView
from visualize.aggregate import NODE_CAP, aggregate
from visualize.frame import STATIC_DIR, module_graph
from visualize.layout import LAYOUT_THRESHOLD, compute_positions
from visualize.render import dedupe_edges, json_island, plain_text, render_page, vis_data

HOSTILE = "<img src=x onerror=alert(1)>"


def area(area_id: str, level: str) -> GraphNode:
    return GraphNode(id=area_id, label=area_id, type="Area", properties={"level": level})


def unit(unit_id: str, name: str | None = None) -> GraphNode:
    return GraphNode(id=unit_id, label=name or unit_id, type="Unit", properties={"kind": "private"})


def edge(source: str, target: str, rel: str) -> GraphEdge:
    return GraphEdge(source=source, target=target, type=rel)


def street_world(communities: dict[str, int]) -> GraphView:
    """Street S with the given communities and that many units in each (located in the community)."""
    nodes = [area("S", "street")]
    edges = []
    for community, n_units in communities.items():
        nodes.append(area(community, "community"))
        edges.append(edge(community, "S", "PART_OF"))
        for i in range(n_units):
            nodes.append(unit(f"{community}-U{i}"))
            edges.append(edge(f"{community}-U{i}", community, "LOCATED_IN"))
    return GraphView(nodes=nodes, edges=edges)


def island(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="orglinks-data">(.*?)</script>', html, re.S)
    assert match is not None
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_hostile_names_cannot_form_markup() -> None:
    view = GraphView(nodes=[unit("U1", HOSTILE), unit("U2", "</script><script>alert(2)</script>")])
    html = render_page(view, page="entity", title=HOSTILE)
    assert "<img" not in html
    assert "alert(2)</script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the page title, escaped by the template
    view_data = island(html)["view"]
    assert isinstance(view_data, dict)
    labels = {n["id"]: n["name"] for n in view_data["nodes"]}
    assert labels == {"U1": HOSTILE, "U2": "</script><script>alert(2)</script>"}


def test_page_requests_nothing_from_outside_and_has_no_inline_script() -> None:
    html = render_page(street_world({"C1": 3}), page="area", title="S")
    urls = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert urls
    assert all(url.startswith(("/static/", "/")) and not url.startswith("//") for url in urls)
    assert "http://" not in html
    assert "https://" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    executable = [body for attrs, body in scripts if "application/json" not in attrs]
    assert executable == ["", ""]  # vis-network.min.js and the explorer's module, both by src
    assert '<script type="module" src="/static/js/explorer/main.js"></script>' in html
    assert "style=" not in html


def test_render_writes_nothing_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    render_page(street_world({"C1": 400}), page="area", title="S")
    assert os.listdir(tmp_path) == []


def test_edges_are_deduplicated_and_dangling_ones_dropped() -> None:
    view = GraphView(
        nodes=[unit("U1"), area("C1", "community"), area("S", "street")],
        edges=[
            edge("U1", "C1", "LOCATED_IN"),
            edge("U1", "C1", "LOCATED_IN"),
            edge("C1", "S", "PART_OF"),
            edge("C1", "S", "PART_OF"),
            edge("U1", "GONE", "MEMBER_OF"),
            edge("U1", "C1", "MEMBER_OF"),
        ],
    )
    kept = [(e.source, e.target, e.type) for e in dedupe_edges(view)]
    assert kept == [("U1", "C1", "LOCATED_IN"), ("C1", "S", "PART_OF"), ("U1", "C1", "MEMBER_OF")]
    assert len(vis_data(view)["edges"]) == 3


def test_records_carry_data_and_no_styling() -> None:
    """How a node looks is decided by the browser (js/explorer/style.js) from the style table alone."""
    view = GraphView(
        nodes=[unit("U1"), GraphNode(id="P1", label="P1", type="PartyOrg"), area("C1", "community")],
        edges=[edge("U1", "C1", "LOCATED_IN"), edge("P1", "U1", "BELONGS_TO")],
    )
    data = vis_data(view)
    records = {n["id"]: n for n in data["nodes"]}
    unit_record = {"id": "U1", "name": "U1", "type": "Unit", "props": {"kind": "private"}, "gaps": []}
    assert records["U1"] == unit_record
    assert records["C1"]["props"] == {"level": "community"}
    assert not any({"shape", "color", "title", "label"} & set(n) for n in data["nodes"])
    assert data["edges"] == [
        {"from": "U1", "to": "C1", "type": "LOCATED_IN", "count": 1},
        {"from": "P1", "to": "U1", "type": "BELONGS_TO", "count": 1},
    ]


def test_small_views_use_physics_large_ones_get_server_positions() -> None:
    small = vis_data(street_world({"C1": 10}))
    assert small["physics"] is True
    assert all("x" not in n for n in small["nodes"])
    big_view = street_world({"C1": 200, "C2": 200})
    assert len(big_view.nodes) > LAYOUT_THRESHOLD
    big = vis_data(big_view)
    assert big["physics"] is False
    assert all(isinstance(n["x"], float) for n in big["nodes"])
    assert compute_positions(big_view) == compute_positions(big_view)  # deterministic
    positions = compute_positions(big_view)
    assert len(set(positions.values())) == len(big_view.nodes)


def test_layout_of_disconnected_nodes() -> None:
    view = GraphView(nodes=[unit(f"U{i}") for i in range(5)])
    assert set(compute_positions(view)) == {f"U{i}" for i in range(5)}
    assert compute_positions(GraphView()) == {}


def test_views_up_to_the_cap_are_left_alone() -> None:
    view = street_world({"C1": NODE_CAP - 2})  # S + C1 + 1,998 units = 2,000 nodes
    assert len(view.nodes) == NODE_CAP
    assert aggregate(view) is view


def test_units_fold_into_their_community_with_counts() -> None:
    view = street_world({"C1": 1200, "C2": 900})  # 2,103 nodes
    view.nodes.append(GraphNode(id="A", label="联盟", type="Alliance"))
    view.nodes.append(GraphNode(id="P", label="C1-U0 党支部", type="PartyOrg"))
    view.edges += [
        edge("P", "C1-U0", "BELONGS_TO"),
        edge("P", "A", "MEMBER_OF"),
        edge("C1-U1", "A", "MEMBER_OF"),
        edge("C2-U5", "A", "MEMBER_OF"),
    ]
    folded = aggregate(view)
    assert folded.aggregated is True
    assert folded.truncated is False
    counts = {n.id: n.count for n in folded.nodes}
    # The party org of C1-U0 folds with its unit; it is not counted as a unit.
    assert counts == {"S": None, "C1": 1200, "C2": 900, "A": None}
    ties = {(e.source, e.target, e.type): e.properties["count"] for e in folded.edges}
    assert ties == {
        ("C1", "S", "PART_OF"): 1,
        ("C2", "S", "PART_OF"): 1,
        ("C1", "A", "MEMBER_OF"): 2,
        ("C2", "A", "MEMBER_OF"): 1,
    }


def test_communities_fold_into_their_street_when_still_too_many() -> None:
    nodes = [area("D", "district"), area("S1", "street"), area("S2", "street")]
    edges = [edge("S1", "D", "PART_OF"), edge("S2", "D", "PART_OF")]
    for street, n in (("S1", 1500), ("S2", 600)):
        for i in range(n):
            nodes += [area(f"{street}-C{i}", "community"), unit(f"{street}-U{i}")]
            edges += [
                edge(f"{street}-C{i}", street, "PART_OF"),
                edge(f"{street}-U{i}", f"{street}-C{i}", "LOCATED_IN"),
            ]
    folded = aggregate(GraphView(nodes=nodes, edges=edges))  # 4,203 nodes; 2,103 after folding units
    assert {n.id: (n.count, n.properties.get("communities")) for n in folded.nodes} == {
        "D": (None, None),
        "S1": (1500, 1500),
        "S2": (600, 600),
    }
    assert {(e.source, e.target) for e in folded.edges} == {("S1", "D"), ("S2", "D")}


def test_aggregated_page_says_so() -> None:
    html = render_page(street_world({"C1": 1100, "C2": 1000}), page="area", title="S")
    assert "已聚合显示" in html
    data = island(html)["view"]
    assert isinstance(data, dict)
    assert data["aggregated"] is True
    assert {n["id"]: (n["name"], n.get("count")) for n in data["nodes"]} == {
        "S": ("S", None),
        "C1": ("C1", 1100),
        "C2": ("C2", 1000),
    }
    plain = render_page(street_world({"C1": 3}), page="area", title="S")
    assert 'id="notice" class="notice" hidden' in plain


def test_plain_text_and_json_island() -> None:
    assert plain_text("a\x00b\u2028c\n") == "abc"
    assert plain_text("x" * 300, 10) == "x" * 9 + "…"
    text = str(json_island({"a": "</script>&<!--"}))
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert json.loads(text) == {"a": "</script>&<!--"}


def test_test_hooks_only_when_asked_for() -> None:
    """Pages expose window.orglinks only with body[data-test-hooks] (js/explorer/main.js checks it),
    which only AppSettings(test_hooks=True) sets; production pages carry no hook."""
    view = street_world({"C1": 3})
    assert "data-test-hooks" not in render_page(view, page="area", title="S")
    assert 'data-test-hooks="1"' in render_page(view, page="area", title="S", test_hooks=True)
    main = Path(__file__).resolve().parent.parent / "visualize" / "static" / "js" / "explorer" / "main.js"
    source = main.read_text(encoding="utf-8")
    assert source.count("window.orglinks =") == 1
    assert 'if (document.body.dataset.testHooks === "1") {' in source


def test_the_page_preloads_every_module_its_entry_imports(tmp_path: Path) -> None:
    """A module imported two levels down (explorer/main → frame → search) is asked for with the page,
    not after its importer has arrived; each preloaded module exists; the entry itself is not listed."""
    modules = module_graph("explorer/main")
    assert {"explorer/state.js", "explorer/style.js", "frame.js", "search.js", "i18n.js"} <= set(modules)
    assert "explorer/main.js" not in modules
    assert all((STATIC_DIR / "js" / m).is_file() for m in modules)
    html = render_page(GraphView(nodes=[], edges=[]), page="entity", title="t", context={})
    for module in modules:
        assert f'<link rel="modulepreload" href="/static/js/{module}">' in html
    # A module whose imports are followed only as far as they exist: a made-up tree.
    (tmp_path / "js" / "sub").mkdir(parents=True)
    (tmp_path / "js" / "a.js").write_text('import { x } from "./sub/b.js";\nimport "./c.js";\n', "utf-8")
    (tmp_path / "js" / "sub" / "b.js").write_text('export { y } from "../c.js";\n', "utf-8")
    (tmp_path / "js" / "c.js").write_text("export const y = 1;\n", "utf-8")
    assert module_graph("a", tmp_path) == ("c.js", "sub/b.js")


_POSITIONS_SCRIPT = """
import json
from tests.test_visualize_render import street_world
from visualize.layout import compute_positions
print(json.dumps(compute_positions(street_world({f"C{i}": 40 for i in range(12)}))))
"""


def test_layout_is_the_same_in_any_process() -> None:
    """Two processes with other string hashes lay the same view out the same (the hubs' order once
    came from a set of strings)."""
    root = Path(__file__).resolve().parent.parent

    def positions(hash_seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", _POSITIONS_SCRIPT],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    first = positions("1")
    assert len(json.loads(first)) > LAYOUT_THRESHOLD
    assert positions("2") == first
