"""The graph schema, the single source of truth: labels, relationship types, keys, constraints, indexes.

Every label carries one key property, `id`, with a uniqueness constraint. Domain nodes also carry the
`Entity` label, whose `id` is unique too: polymorphic references (an alliance member, a contract party,
a need's owner) then resolve to exactly one node.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

#: 4: full-text indexes over every searchable label (search_names, search_keys); keyed relationships'
#: ids are hashes of their parts (graph.migrate.rekey_relationships); LoginCounter's key constraint.
#: 5: claims on needs and the history of their steps (docs/workflow.md).
#: 6: the co-building workflow's projects' and contracts' steps (ProjectStep, ContractStep), renewals.
SCHEMA_VERSION = 6


class Label(StrEnum):
    """Node labels."""

    ENTITY = "Entity"
    AREA = "Area"
    UNIT = "Unit"
    PARTY_ORG = "PartyOrg"
    ALLIANCE = "Alliance"
    PERSON = "Person"
    CONTRACT = "Contract"
    NEED = "Need"
    RESOURCE = "Resource"
    PROJECT = "Project"
    LOAD = "Load"
    SCHEMA_META = "SchemaMeta"
    # Accounts and the audit trail: not domain entities, so never `Entity` and never searchable.
    USER = "User"
    API_TOKEN = "ApiToken"
    AUDIT_ENTRY = "AuditEntry"
    # One per login rate-limit key (a username from an ip, or an ip): the recent attempts' times.
    LOGIN_COUNTER = "LoginCounter"
    # The co-building workflow (docs/workflow.md): records of work done in the app, not ledger entities.
    CLAIM = "Claim"
    CLAIM_STEP = "ClaimStep"
    # A project's and a contract's steps in the app, like a claim's: (step)-[:STEP_OF]->(Project|Contract).
    PROJECT_STEP = "ProjectStep"
    CONTRACT_STEP = "ContractStep"


class Rel(StrEnum):
    """Relationship types, each named from its start node's point of view."""

    PART_OF = "PART_OF"  # (Area)->(parent Area)
    LOCATED_IN = "LOCATED_IN"  # (Unit)->(Area)
    REPORTS_TO = "REPORTS_TO"  # (PartyOrg)->(parent PartyOrg)
    BELONGS_TO = "BELONGS_TO"  # (PartyOrg)->(Unit)
    BASED_IN = "BASED_IN"  # (PartyOrg)->(Area)
    HOSTED_BY = "HOSTED_BY"  # (Alliance)->(street Area)
    LEADS = "LEADS"  # (PartyOrg)->(Alliance)
    MEMBER_OF = "MEMBER_OF"  # (PartyOrg|Unit)->(Alliance) {joined, role}
    WORKS_AT = "WORKS_AT"  # (Person)->(Unit)
    SEATED_ON = "SEATED_ON"  # (Person)->(community PartyOrg) {id, title, start, end}
    PARTY_TO = "PARTY_TO"  # (PartyOrg|Unit)->(Contract)
    RAISED_BY = "RAISED_BY"  # (Need)->(Area|PartyOrg|Unit)
    OFFERED_BY = "OFFERED_BY"  # (Resource)->(Area|PartyOrg|Unit)
    UNDER = "UNDER"  # (Project)->(Contract)
    MEETS = "MEETS"  # (Project)->(Need)
    USES = "USES"  # (Project)->(Resource)
    DELIVERED_BY = "DELIVERED_BY"  # (Project)->(PartyOrg|Unit)
    CLAIMS = "CLAIMS"  # (Claim)->(Need)
    CLAIMED_BY = "CLAIMED_BY"  # (Claim)->(Unit|PartyOrg) the claimant
    BECAME = "BECAME"  # (Claim)->(Project) once approved
    STEP_OF = "STEP_OF"  # (ClaimStep)->(Claim) one per state change, never overwritten
    RENEWS = "RENEWS"  # (Contract)->(Contract) the contract it renews


#: Labels of the domain's nodes, which also carry `Entity`.
ENTITY_LABELS: tuple[Label, ...] = (
    Label.AREA,
    Label.UNIT,
    Label.PARTY_ORG,
    Label.ALLIANCE,
    Label.PERSON,
    Label.CONTRACT,
    Label.NEED,
    Label.RESOURCE,
    Label.PROJECT,
)

#: Organizational ties: the relationships a path `via=org` may use. Shared areas are left out on purpose.
ORG_TIES: tuple[Rel, ...] = (
    Rel.REPORTS_TO,
    Rel.BELONGS_TO,
    Rel.LEADS,
    Rel.MEMBER_OF,
    Rel.WORKS_AT,
    Rel.SEATED_ON,
    Rel.PARTY_TO,
    Rel.RAISED_BY,
    Rel.OFFERED_BY,
    Rel.UNDER,
    Rel.MEETS,
    Rel.USES,
    Rel.DELIVERED_BY,
)

#: Relationship types that may hold more than one relationship between the same two nodes, told apart by
#: `id`, and the parts that id is made from: `from` and `to` are the end nodes' ids, any other name is a
#: property of the relationship (a person may hold several terms on one committee, told apart by start).
RELATIONSHIP_KEYS: dict[Rel, tuple[str, ...]] = {
    Rel.SEATED_ON: ("from", "to", "start"),
    Rel.MEMBER_OF: ("from", "to"),
}
KEYED_RELS: tuple[Rel, ...] = tuple(RELATIONSHIP_KEYS)

#: Set on a ledger item when the app changes its state (an approval claims a need, a project steps, a
#: contract is signed or terminated): from then on the app owns the item's APP_OWNED fields, and a reload
#: of its ledger keeps them as they are (the row report says so). docs/workflow.md, "Ledgers and the app".
APP_STATE_AT = "app_state_at"

#: Per label, the fields the app owns once it has changed the item's state; the ledgers own the rest.
APP_OWNED: dict[Label, tuple[str, ...]] = {
    Label.NEED: ("status",),
    Label.PROJECT: ("status",),
    Label.CONTRACT: ("status", "signed", "expires"),
}


def relationship_id(parts: Sequence[str]) -> str:
    """A keyed relationship's id: a hash of its key parts as text (a date as ISO, none as ""). The parts
    are encoded as a JSON list, so no two different keys share an id (joined with a separator, `P|1`
    + `X` and `P` + `1|X` would)."""
    encoded = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Constraint:
    """A uniqueness constraint on one property of a label or relationship type."""

    name: str
    target: Label | Rel
    prop: str

    def ddl(self) -> str:
        pattern = f"(x:`{self.target}`)" if isinstance(self.target, Label) else f"()-[x:`{self.target}`]-()"
        return f"CREATE CONSTRAINT {self.name} IF NOT EXISTS FOR {pattern} REQUIRE x.`{self.prop}` IS UNIQUE"


@dataclass(frozen=True)
class RangeIndex:
    """A range index on the properties that queries filter on."""

    name: str
    label: Label
    props: tuple[str, ...]

    def ddl(self) -> str:
        cols = ", ".join(f"x.`{p}`" for p in self.props)
        return f"CREATE INDEX {self.name} IF NOT EXISTS FOR (x:`{self.label}`) ON ({cols})"


@dataclass(frozen=True)
class FulltextIndex:
    """A full-text index; `cjk` tokenizes Chinese into bigrams, so partial names match."""

    name: str
    labels: tuple[Label, ...]
    props: tuple[str, ...]
    analyzer: str = "cjk"

    def ddl(self) -> str:
        labels = "|".join(f"`{label}`" for label in self.labels)
        cols = ", ".join(f"x.`{p}`" for p in self.props)
        return (
            f"CREATE FULLTEXT INDEX {self.name} IF NOT EXISTS FOR (x:{labels}) ON EACH [{cols}] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{self.analyzer}'}}}}"
        )


def _key_constraint(label: Label) -> Constraint:
    return Constraint(f"{label.lower()}_id", label, "id")


CONSTRAINTS: tuple[Constraint, ...] = (
    _key_constraint(Label.ENTITY),
    *(_key_constraint(label) for label in ENTITY_LABELS),
    _key_constraint(Label.LOAD),
    _key_constraint(Label.SCHEMA_META),
    _key_constraint(Label.USER),
    _key_constraint(Label.API_TOKEN),
    _key_constraint(Label.AUDIT_ENTRY),
    _key_constraint(Label.LOGIN_COUNTER),
    _key_constraint(Label.CLAIM),
    _key_constraint(Label.CLAIM_STEP),
    _key_constraint(Label.PROJECT_STEP),
    _key_constraint(Label.CONTRACT_STEP),
    Constraint("unit_uscc", Label.UNIT, "uscc"),
    *(Constraint(f"{rel.lower()}_id", rel, "id") for rel in KEYED_RELS),
)

INDEXES: tuple[RangeIndex, ...] = (
    RangeIndex("entity_name", Label.ENTITY, ("name",)),
    RangeIndex("entity_initials", Label.ENTITY, ("initials",)),
    RangeIndex("entity_pinyin", Label.ENTITY, ("pinyin",)),
    RangeIndex("entity_src_file", Label.ENTITY, ("src_file",)),
    RangeIndex("area_level", Label.AREA, ("level",)),
    RangeIndex("unit_kind", Label.UNIT, ("kind",)),
    RangeIndex("party_org_type", Label.PARTY_ORG, ("type",)),
    RangeIndex("contract_status_expires", Label.CONTRACT, ("status", "expires")),
    # Contracts without an expiry date are absent from the composite index; this one finds them too.
    RangeIndex("contract_status", Label.CONTRACT, ("status",)),
    RangeIndex("need_status_category", Label.NEED, ("status", "category")),
    RangeIndex("resource_category", Label.RESOURCE, ("category",)),
    RangeIndex("project_status", Label.PROJECT, ("status",)),
    RangeIndex("load_started", Label.LOAD, ("started",)),
    RangeIndex("audit_entry_at", Label.AUDIT_ENTRY, ("at",)),
    RangeIndex("api_token_user", Label.API_TOKEN, ("user",)),
    RangeIndex("claim_status", Label.CLAIM, ("status",)),
)

#: The labels that search covers: everything but persons (personal data). Needs, resources and projects
#: are found by their titles (the loader copies a title into `name`).
SEARCHABLE_LABELS: tuple[Label, ...] = (
    Label.AREA,
    Label.UNIT,
    Label.PARTY_ORG,
    Label.ALLIANCE,
    Label.CONTRACT,
    Label.NEED,
    Label.RESOURCE,
    Label.PROJECT,
)

FULLTEXT_INDEXES: tuple[FulltextIndex, ...] = (
    FulltextIndex("search_names", SEARCHABLE_LABELS, ("name", "aliases_text")),
    # Pinyin, initials and name variants, one token each: `ssy*` finds 市三院.
    FulltextIndex("search_keys", SEARCHABLE_LABELS, ("keys_text",), analyzer="whitespace"),
)

#: Indexes of earlier schema versions that `orglinks db migrate` drops: a full-text index cannot take
#: new labels, so version 4 replaced these (five labels) with the two above.
OBSOLETE_INDEXES: tuple[str, ...] = ("entity_names", "entity_keys")


def all_schema_objects() -> tuple[Constraint | RangeIndex | FulltextIndex, ...]:
    """Every constraint and index, constraints first (they bring their own backing index)."""
    return (*CONSTRAINTS, *INDEXES, *FULLTEXT_INDEXES)
