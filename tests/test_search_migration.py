"""Schema version 4: the full-text indexes of version 3 (five labels) are replaced by ones that also
cover needs, resources and projects; `migrate` drops the old ones once and is idempotent after."""

from __future__ import annotations

from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.migrate import existing_schema_names, migrate, schema_version
from graph.schema import OBSOLETE_INDEXES, SCHEMA_VERSION

# The version 3 index, as graph/schema.py declared it then.
CREATE_V3_NAMES = NamedQuery(
    "test_create_v3_entity_names",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (x:`Area`|`Unit`|`PartyOrg`|`Alliance`|`Contract`) "
    "ON EACH [x.`name`, x.`aliases_text`] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
)
SET_V3 = NamedQuery("test_set_v3", "MATCH (m:SchemaMeta {id: 'schema'}) SET m.version = 3")


def test_a_version_3_database_is_migrated_once(graph: Graph) -> None:
    graph.write(CREATE_V3_NAMES, changes_data=False)  # DDL: no data write may share its transaction
    graph.write(SET_V3)
    assert "entity_names" in existing_schema_names(graph)
    report = migrate(graph)
    assert report.dropped == ["entity_names"]
    assert (report.version_before, report.version_after) == (3, SCHEMA_VERSION)
    names = existing_schema_names(graph)
    assert not set(OBSOLETE_INDEXES) & names
    assert {"search_names", "search_keys"} <= names
    again = migrate(graph)
    assert again.dropped == []
    assert again.created == []
    assert not again.changed
    # 4 replaced the indexes, 5 added claims, 6 the workflow's steps.
    assert schema_version(graph) == SCHEMA_VERSION == 6
