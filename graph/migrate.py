"""Apply the schema idempotently and report what changed. Run by `orglinks db migrate`, never by a request."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.cypher import NamedQuery, token
from graph.driver import Graph
from graph.schema import (
    OBSOLETE_INDEXES,
    RELATIONSHIP_KEYS,
    SCHEMA_VERSION,
    Label,
    Rel,
    all_schema_objects,
    relationship_id,
)

_META = token(Label.SCHEMA_META)

SHOW_CONSTRAINT_NAMES = NamedQuery("show_constraint_names", "SHOW CONSTRAINTS YIELD name RETURN name")
SHOW_INDEX_NAMES = NamedQuery("show_index_names", "SHOW INDEXES YIELD name RETURN name")
SET_SCHEMA_VERSION = NamedQuery(
    "set_schema_version",
    f"""
    MERGE (m:{_META} {{id: 'schema'}})
    SET m.version = $version, m.applied_at = datetime(), m.data_epoch = coalesce(m.data_epoch, randomUUID())
    """,
)
GET_SCHEMA_VERSION = NamedQuery(
    "get_schema_version", f"MATCH (m:{_META} {{id: 'schema'}}) RETURN m.version AS version"
)
AWAIT_INDEXES = NamedQuery("await_indexes", "CALL db.awaitIndexes($seconds)")
#: Keyed relationships rekeyed per transaction.
REKEY_BATCH = 5_000


def old_keyed(rel: Rel) -> NamedQuery:
    """Keyed relationships whose id still joins its parts with `|` (before schema version 4), with the
    parts of the id they should have (graph.schema.RELATIONSHIP_KEYS)."""
    return NamedQuery(
        f"old_keyed_{rel}",
        f"""
        MATCH (a)-[r:{token(rel)}]->(b) WHERE r.id CONTAINS '|'
        RETURN elementId(r) AS rid,
               [part IN $parts | CASE part WHEN 'from' THEN a.id WHEN 'to' THEN b.id
                                 ELSE coalesce(toString(r[part]), '') END] AS parts
        LIMIT $limit
        """,
    )


SET_RELATIONSHIP_IDS = NamedQuery(
    "set_relationship_ids",
    "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.rid SET r.id = row.id",
)


@dataclass
class MigrationReport:
    """What a migration created and dropped; empty lists mean the schema was already in place."""

    created: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    rekeyed: int = 0
    version_before: int | None = None
    version_after: int = SCHEMA_VERSION

    @property
    def changed(self) -> bool:
        return bool(self.created or self.dropped or self.rekeyed) or self.version_before != self.version_after


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
            graph.write(NamedQuery(f"drop_{name}", f"DROP INDEX {name} IF EXISTS"), changes_data=False)
            report.dropped.append(name)
    for item in all_schema_objects():
        if item.name in existing:
            continue
        # DDL cannot take parameters; its text comes only from the schema's enums and fixed names.
        graph.write(NamedQuery(f"create_{item.name}", item.ddl()), changes_data=False)
        report.created.append(item.name)
    if report.created:
        graph.write(AWAIT_INDEXES, {"seconds": await_seconds}, changes_data=False)
    report.rekeyed = rekey_relationships(graph)
    if report.version_before != SCHEMA_VERSION:
        # The schema's own record, not data; DDL above cannot share a transaction with a data write.
        graph.write(SET_SCHEMA_VERSION, {"version": SCHEMA_VERSION}, changes_data=False)
    return report


def rekey_relationships(graph: Graph) -> int:
    """Give every keyed relationship written before schema version 4 (its id joined its parts with `|`,
    so two keys could collide) the hashed id a load writes now; a reload then finds it. Idempotent."""
    done = 0
    for rel, parts in RELATIONSHIP_KEYS.items():
        while rows := graph.read(old_keyed(rel), {"parts": list(parts), "limit": REKEY_BATCH}):
            graph.write(
                SET_RELATIONSHIP_IDS,
                {"rows": [{"rid": r["rid"], "id": relationship_id(r["parts"])} for r in rows]},
            )
            done += len(rows)
    return done
