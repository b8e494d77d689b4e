"""Apply the schema idempotently and report what changed. Run by `orglinks db migrate`, never by a request."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.schema import OBSOLETE_INDEXES, SCHEMA_VERSION, all_schema_objects

SHOW_CONSTRAINT_NAMES = NamedQuery("show_constraint_names", "SHOW CONSTRAINTS YIELD name RETURN name")
SHOW_INDEX_NAMES = NamedQuery("show_index_names", "SHOW INDEXES YIELD name RETURN name")
SET_SCHEMA_VERSION = NamedQuery(
    "set_schema_version",
    "MERGE (m:SchemaMeta {id: 'schema'}) SET m.version = $version, m.applied_at = datetime()",
)
GET_SCHEMA_VERSION = NamedQuery(
    "get_schema_version", "MATCH (m:SchemaMeta {id: 'schema'}) RETURN m.version AS version"
)
AWAIT_INDEXES = NamedQuery("await_indexes", "CALL db.awaitIndexes($seconds)")


@dataclass
class MigrationReport:
    """What a migration created and dropped; empty lists mean the schema was already in place."""

    created: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    version_before: int | None = None
    version_after: int = SCHEMA_VERSION

    @property
    def changed(self) -> bool:
        return bool(self.created or self.dropped) or self.version_before != self.version_after


def existing_schema_names(graph: Graph) -> set[str]:
    """Names of the constraints and indexes already in the database."""
    names = {r["name"] for r in graph.read(SHOW_CONSTRAINT_NAMES)}
    return names | {r["name"] for r in graph.read(SHOW_INDEX_NAMES)}


def schema_version(graph: Graph) -> int | None:
    """The schema version applied to the database, or None if it was never migrated."""
    rows = graph.read(GET_SCHEMA_VERSION)
    return int(rows[0]["version"]) if rows else None


def migrate(graph: Graph, *, await_seconds: int = 300) -> MigrationReport:
    """Drop the indexes earlier versions replaced, create every missing constraint and index, wait until
    they are online, record the version."""
    report = MigrationReport(version_before=schema_version(graph))
    existing = existing_schema_names(graph)
    for name in OBSOLETE_INDEXES:
        if name in existing:
            # The name comes from the schema module's fixed list, never from input.
            graph.write(NamedQuery(f"drop_{name}", f"DROP INDEX {name} IF EXISTS"))
            report.dropped.append(name)
    for item in all_schema_objects():
        if item.name in existing:
            continue
        # DDL cannot take parameters; its text comes only from the schema's enums and fixed names.
        graph.write(NamedQuery(f"create_{item.name}", item.ddl()))
        report.created.append(item.name)
    if report.created:
        graph.write(AWAIT_INDEXES, {"seconds": await_seconds})
    if report.version_before != SCHEMA_VERSION:
        graph.write(SET_SCHEMA_VERSION, {"version": SCHEMA_VERSION})
    return report
