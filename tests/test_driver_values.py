"""Records are read in one place (graph/driver.py): Neo4j's temporal values arrive as Python's."""

from __future__ import annotations

import datetime as dt

from neo4j.time import Duration

from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.node_display import jsonable

TEMPORALS = NamedQuery(
    "t_temporals",
    """
    RETURN date('2026-06-01') AS day, [datetime('2026-06-01T08:30:00.123456Z')] AS moments,
           {at: localtime('08:30'), since: localdatetime('2026-01-01T00:00')} AS times,
           duration('P1D') AS span, [{on: date('2026-06-02'), n: 1}, 'x', null, [time('08:30Z')]] AS mixed
    """,
)


def test_temporal_values_arrive_as_python_values_nested_too(graph: Graph) -> None:
    [row] = graph.read(TEMPORALS)
    assert row["day"] == dt.date(2026, 6, 1)
    assert type(row["day"]) is dt.date
    [moment] = row["moments"]
    assert type(moment) is dt.datetime
    assert moment.isoformat() == "2026-06-01T08:30:00.123456+00:00"
    assert row["times"] == {"at": dt.time(8, 30), "since": dt.datetime(2026, 1, 1)}
    assert isinstance(row["span"], Duration)  # no Python equivalent: kept, and shown as ISO text
    # Plain values are passed through at once; temporals in maps and lists inside lists still converted.
    assert row["mixed"] == [{"on": dt.date(2026, 6, 2), "n": 1}, "x", None, [dt.time(8, 30, tzinfo=dt.UTC)]]
    assert type(row["mixed"][0]["on"]) is dt.date
    assert jsonable(row) == {
        "day": "2026-06-01",
        "moments": ["2026-06-01T08:30:00.123456+00:00"],
        "times": {"at": "08:30:00", "since": "2026-01-01T00:00:00"},
        "span": "P1D",
        "mixed": [{"on": "2026-06-02", "n": 1}, "x", None, ["08:30:00+00:00"]],
    }


NODE_RELATIONSHIP_PATH = NamedQuery(
    "t_node_relationship_path",
    """
    CREATE p = (u:Unit {id: 'u1', name: '市三院', since: date('2020-01-02')})
               -[r:LOCATED_IN {weight: 2}]->(a:Area {id: 'a1', name: '佴家湾社区'})
    RETURN u AS node, r AS relationship, p AS path, [u, {at: a}] AS nested
    """,
)


def test_nodes_relationships_and_paths_arrive_as_record_data_gives_them(graph: Graph) -> None:
    # Record.data()'s shapes, which the reader no longer calls: a node as its properties, a
    # relationship as (start, type, end), a path as [start, type, node, …]; temporals inside converted.
    [row] = graph.write(NODE_RELATIONSHIP_PATH)
    unit = {"id": "u1", "name": "市三院", "since": dt.date(2020, 1, 2)}
    area = {"id": "a1", "name": "佴家湾社区"}
    assert row["node"] == unit
    assert type(row["node"]["since"]) is dt.date
    assert row["relationship"] == (unit, "LOCATED_IN", area)
    assert row["path"] == [unit, "LOCATED_IN", area]
    assert row["nested"] == [unit, {"at": area}]
