"""Helpers of the loader tests: a copy of the small fixture package to edit, and graph counts."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.driver import Graph
from graph.queries.loads import COUNT_NODES, COUNT_RELS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "loaders"
BASIC = FIXTURES / "basic"

# The basic package, counted by hand: 5 areas, 3 units, 4 party orgs, 1 alliance, 2 people,
# 1 contract, 1 need, 1 resource, 1 project.
BASIC_NODES = {
    "Area": 5,
    "Unit": 3,
    "PartyOrg": 4,
    "Alliance": 1,
    "Person": 2,
    "Contract": 1,
    "Need": 1,
    "Resource": 1,
    "Project": 1,
}
BASIC_RELS = {
    "PART_OF": 4,
    "LOCATED_IN": 3,
    "REPORTS_TO": 1,
    "BELONGS_TO": 2,
    "BASED_IN": 2,
    "HOSTED_BY": 1,
    "LEADS": 1,
    "MEMBER_OF": 2,
    "WORKS_AT": 2,
    "SEATED_ON": 2,
    "PARTY_TO": 2,
    "RAISED_BY": 1,
    "OFFERED_BY": 1,
    "UNDER": 1,
    "MEETS": 1,
    "USES": 1,
    "DELIVERED_BY": 1,
}


def copy_basic(tmp_path: Path, name: str = "pkg") -> Path:
    """A copy of the basic package to edit."""
    target = tmp_path / name
    shutil.copytree(BASIC, target)
    return target


def edit(package: Path, file: str, old: str, new: str) -> None:
    """Replace text in one file of a package (the text must be there)."""
    path = package / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def node_counts(graph: Graph) -> dict[str, int]:
    return {row["label"]: row["n"] for row in graph.read(COUNT_NODES)}


def rel_counts(graph: Graph) -> dict[str, int]:
    return {row["type"]: row["n"] for row in graph.read(COUNT_RELS)}
