"""The schema: idempotent migration, constraints that bite, labels only from the enums."""

from __future__ import annotations

import pytest

from graph.cypher import NamedQuery, token
from graph.driver import Graph
from graph.errors import Conflict
from graph.migrate import existing_schema_names, migrate, schema_version
from graph.queries.writes import merge_nodes
from graph.schema import ENTITY_LABELS, SCHEMA_VERSION, Label, Rel, all_schema_objects

CREATE_UNIT = NamedQuery("test_create_unit", "CREATE (:Unit:Entity {id: $id, name: $name})")
CREATE_AREA = NamedQuery("test_create_area", "CREATE (:Area:Entity {id: $id, name: $name})")


def test_migrate_twice_changes_nothing_the_second_time(graph: Graph) -> None:
    names_before = existing_schema_names(graph)
    second = migrate(graph)
    assert second.created == []
    assert not second.changed
    assert existing_schema_names(graph) == names_before
    assert schema_version(graph) == SCHEMA_VERSION


def test_every_declared_schema_object_exists(graph: Graph) -> None:
    names = existing_schema_names(graph)
    assert {item.name for item in all_schema_objects()} <= names


def test_every_domain_label_has_a_key_constraint(graph: Graph) -> None:
    rows = graph.read(
        NamedQuery(
            "test_show_key_constraints",
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
            "WHERE type IN ['UNIQUENESS', 'NODE_PROPERTY_UNIQUENESS'] AND properties = ['id'] "
            "RETURN labelsOrTypes[0] AS label",
        )
    )
    constrained = {r["label"] for r in rows}
    assert {str(label) for label in (*ENTITY_LABELS, Label.ENTITY)} <= constrained


def test_constraint_rejects_a_duplicate_key(graph: Graph) -> None:
    graph.write(CREATE_UNIT, {"id": "U1", "name": "市三院"})
    with pytest.raises(Conflict):
        graph.write(CREATE_UNIT, {"id": "U1", "name": "另一家"})


def test_entity_ids_are_unique_across_tables(graph: Graph) -> None:
    graph.write(CREATE_UNIT, {"id": "X1", "name": "市供电局"})
    with pytest.raises(Conflict):
        graph.write(CREATE_AREA, {"id": "X1", "name": "太和街道"})


def test_merge_twice_reports_unchanged_and_keeps_one_node(graph: Graph) -> None:
    row = {"id": "U9", "props": {"name": "市三院", "kind": "institution"}, "prov": {"load_id": "L1"}}
    first = graph.write(merge_nodes(Label.UNIT), {"rows": [row]})
    again = graph.write(merge_nodes(Label.UNIT), {"rows": [{**row, "prov": {"load_id": "L2"}}]})
    assert first == [{"outcome": "added", "n": 1}]
    assert again == [{"outcome": "unchanged", "n": 1}]
    stored = graph.read(NamedQuery("t", "MATCH (n:Unit:Entity {id: 'U9'}) RETURN n.load_id AS load"))
    assert stored == [{"load": "L1"}]


def test_token_accepts_only_schema_enums() -> None:
    assert token(Label.UNIT) == "`Unit`"
    assert token(Rel.MEMBER_OF) == "`MEMBER_OF`"
    with pytest.raises(TypeError):
        token("Unit` RETURN n //")  # type: ignore[arg-type]
