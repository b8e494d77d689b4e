"""Every named query, found by walking the packages (devtools/query_catalog.py): planned by the real
Neo4j (EXPLAIN), naming only the schema's labels and relationship types, and equal to its rendering
in tests/golden/queries.cypher, so that a change to any query shows in review; and graph/queries holds
query text only, the services in graph/ run it."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from neo4j.exceptions import Neo4jError

from devtools.query_catalog import GOLDEN, Entry, catalog, render
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.schema import Label, Rel

CATALOG = catalog()

#: The harness's ownership marker, deliberately outside the product's schema (devtools/queries).
_HARNESS_LABELS = {"devtools.queries.maintenance": {"TestSentinel"}}

#: Modules another engineer is rewriting onto graph/rules.py at the same time (issue #13); strict, so
#: the entry must go once the module is clean.
_PENDING: frozenset[str] = frozenset()

_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_QUOTED = re.compile(r"`([^`]*)`")
# A label or type typed in: `x:Name`, `(:Name`, `[:NAME`, or `|NAME` after another type, with no space.
_TYPED = re.compile(r"(?<=[\w(\[]):([A-Za-z_]\w*)|(?<=[\w`])\|([A-Za-z_]\w*)")
_KNOWN = {item.value for item in Label} | {item.value for item in Rel}


def names_in(text: str) -> tuple[set[str], set[str]]:
    """The backtick-quoted names of a query and the label or type names typed in without the quotes
    (which did not come from the enums through graph.cypher.token); string literals are skipped."""
    code = _STRING.sub("''", text)
    quoted = set(_QUOTED.findall(code))
    typed = {next(g for g in m.groups() if g) for m in _TYPED.finditer(_QUOTED.sub("``", code))}
    return quoted, typed


def _module(entry: Entry) -> str:
    return entry.origin.split("(")[0].rsplit(".", 1)[0]


def _allowed(entry: Entry) -> set[str]:
    return _KNOWN | _HARNESS_LABELS.get(_module(entry), set())


def test_the_catalog_finds_constants_builders_and_every_package() -> None:
    origins = {entry.origin for entry in CATALOG}
    assert "graph.queries.gaps.UNIT_GAPS" in origins
    assert "graph.queries.gaps.AREA_GAP_QUERIES[contract_expiring]" in origins
    assert "graph.queries.network.expand_layer(types=(Rel.MEMBER_OF, Rel.PARTY_TO), closing=True)" in origins
    assert "devtools.queries.demo_figures.BIG_COMMITTEES" in origins
    # Each builder call is rendered: both values of a bool, once per argument set.
    assert sum(o.startswith("graph.queries.matches.needs_query(") for o in origins) == 2
    # A builder with an enum parameter is rendered once per member, times both values of each bool (3
    # orders × 2 directions × filtered or not); the default's query is the constant UNIT_GAPS, listed
    # once under that name.
    assert sum(o.startswith("graph.queries.gaps.unit_gaps_query(") for o in origins) == 11


def test_names_in_tells_typed_in_names_from_enum_tokens() -> None:
    quoted, typed = names_in("MATCH (a:`Area`)-[:PART_OF]->(b:Unit)<-[:`X`|Y]-(:Z {id: 'a:B'}) WHERE a:Q")
    assert quoted == {"Area", "X"}
    assert typed == {"PART_OF", "Unit", "Y", "Z", "Q"}
    assert names_in("RETURN {days: $d}, x[1..-2], x[$skip..$skip + $limit], 'x:Y'") == (set(), set())


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(entry, marks=pytest.mark.xfail(strict=True, reason="being rewritten (issue #13)"))
        if _module(entry) in _PENDING
        else entry
        for entry in CATALOG
    ],
    ids=lambda entry: entry.origin,
)
def test_every_label_and_type_comes_from_the_enums(entry: Entry) -> None:
    quoted, typed = names_in(entry.query.text)
    typed -= _allowed(entry) - _KNOWN
    assert not typed, f"{entry.origin}: typed into the text instead of graph.cypher.token: {sorted(typed)}"
    unknown = sorted(quoted - _allowed(entry))
    assert not unknown, f"{entry.origin}: not in the schema's enums: {unknown}"


# A variable-length relationship without an upper bound: `*`, `*2..`, `*..`.
_UNBOUNDED = re.compile(r"\*\s*\d*\s*(?:\.\.\s*)?[\]{]")


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry.origin)
def test_every_variable_length_walk_is_bounded(entry: Entry) -> None:
    assert not _UNBOUNDED.search(_STRING.sub("''", entry.query.text)), f"{entry.origin}: an unbounded walk"


def test_the_unbounded_walk_check_sees_each_form() -> None:
    for text in ("(a)-[:`X`*]->(b)", "(a)-[*2..]-(b)", "(a)-[r:`X`*..]->(b)", "(a)-[:`X`* {id: 1}]->(b)"):
        assert _UNBOUNDED.search(text), text
    for text in ("(a)-[:`X`*0..4]->(b)", "(a)-[:`X`*1..4]->(b)", "(a)-[*..3]-(b)", "RETURN 2 * 3"):
        assert not _UNBOUNDED.search(text), text


#: The modules that compose graph/rules.py instead of writing its rules out (issue #13); the pending
#: ones join once they are rewritten.
_RULE_SOURCES = sorted(
    path
    for path in Path(__file__).resolve().parent.parent.joinpath("graph").rglob("*.py")
    if path.name != "rules.py" and f"graph.queries.{path.stem}" not in _PENDING
)
_WALK_LITERAL = re.compile(r"(?:REPORTS_TO|PART_OF)`?\*|\*\d+\.\.\d+")
_DERIVED = re.compile(r"\.(?:replace|format)\(")


@pytest.mark.parametrize("path", _RULE_SOURCES, ids=lambda path: path.name)
def test_no_rule_is_written_out_beside_graph_rules(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert not _WALK_LITERAL.search(source), f"{path}: a REPORTS_TO/PART_OF walk or a literal depth"
    if path.parent.name == "queries":
        assert not _DERIVED.search(source), f"{path}: query text derived with .replace/.format"


def test_every_query_is_planned_by_neo4j(graph: Graph) -> None:
    """EXPLAIN plans a query without running it: a syntax error, an unknown function or a query the
    planner refuses fails here. Write queries are planned too, and change nothing."""
    failures = []
    with graph.driver.session(database=graph.database) as session:
        for entry in CATALOG:
            try:
                session.run("EXPLAIN " + entry.query.text).consume()
            except Neo4jError as exc:
                failures.append(f"{entry.origin}: {exc.code}: {exc.message}")
    assert not failures, "\n".join(failures)


def test_explain_fails_a_query_neo4j_cannot_plan(graph: Graph) -> None:
    broken = NamedQuery("broken", "MATCH (a:`Area`) RETURN a.id AS id ORDER BY")
    with graph.driver.session(database=graph.database) as session, pytest.raises(Neo4jError):
        session.run("EXPLAIN " + broken.text).consume()


def test_the_golden_file_holds_every_rendered_query() -> None:
    expected = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else ""
    actual = render(CATALOG)
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    str(GOLDEN.relative_to(Path.cwd()) if GOLDEN.is_relative_to(Path.cwd()) else GOLDEN),
                    "rendered",
                )
            )[:200]
        )
        pytest.fail(
            "rendered queries differ from the golden file; if the change is meant, run "
            f"`.venv/bin/python -m devtools.query_catalog --write` and review the diff:\n{diff}"
        )


_QUERIES_DIR = Path(__file__).resolve().parent.parent / "graph" / "queries"
#: What running a query looks like: a Graph's read/write, a transaction's run, graph.driver's run(tx,
#: …), or importing what a runner needs (graph.driver, the neo4j driver).
_RUNS_QUERY = re.compile(
    r"\bgraph\.(?:read|write)(?:_tx)?\(|\btx\.run\(|\brun\(tx\b|^from (?:graph\.driver|neo4j)\b",
    re.MULTILINE,
)


def _runners(source: str) -> list[str]:
    return [match.group(0) for match in _RUNS_QUERY.finditer(source)]


@pytest.mark.parametrize("path", sorted(_QUERIES_DIR.glob("*.py")), ids=lambda path: path.name)
def test_graph_queries_hold_text_only(path: Path) -> None:
    runners = _runners(path.read_text(encoding="utf-8"))
    assert not runners, f"{path.name} runs queries ({runners}); move that into a service in graph/"


def test_running_a_query_is_recognised() -> None:
    source = """
from graph.driver import Graph, run
from neo4j import ManagedTransaction
def a(graph: Graph) -> None:
    graph.read(Q)
    graph.write_tx(work)
def b(tx: ManagedTransaction) -> None:
    run(tx, Q)
    tx.run("MATCH (n) RETURN n")
"""
    assert _runners(source) == [
        "from graph.driver",
        "from neo4j",
        "graph.read(",
        "graph.write_tx(",
        "run(tx",
        "tx.run(",
    ]
    assert _runners('Q = NamedQuery("q", "MATCH (n) RETURN n")\ndef q(label: Label) -> NamedQuery: ...') == []
