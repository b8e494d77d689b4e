"""The kinds of tie a path between two organizations may use, the relationship types of each, and the
tiers in which paths are looked for (co-building ties in force first, the map last)."""

from __future__ import annotations

from enum import StrEnum

from graph.schema import Rel


class TieKind(StrEnum):
    """A kind of tie, as the user chooses and reads it."""

    CONTRACT = "contract"  # party to a co-building contract
    COMMITTEE = "committee"  # a seat on a community big committee (and the seat holder's unit)
    ALLIANCE = "alliance"  # member or leader of a street alliance
    PROJECT = "project"  # project delivery, needs and resources
    HIERARCHY = "hierarchy"  # the party-org hierarchy (REPORTS_TO)
    GEOGRAPHY = "geography"  # located in, part of, based in, hosted by: the map


#: The relationship types of each kind.
KIND_RELS: dict[TieKind, tuple[Rel, ...]] = {
    TieKind.CONTRACT: (Rel.PARTY_TO,),
    TieKind.COMMITTEE: (Rel.SEATED_ON, Rel.WORKS_AT),
    TieKind.ALLIANCE: (Rel.MEMBER_OF, Rel.LEADS),
    TieKind.PROJECT: (Rel.UNDER, Rel.DELIVERED_BY, Rel.MEETS, Rel.USES, Rel.RAISED_BY, Rel.OFFERED_BY),
    TieKind.HIERARCHY: (Rel.REPORTS_TO,),
    TieKind.GEOGRAPHY: (Rel.PART_OF, Rel.LOCATED_IN, Rel.BASED_IN, Rel.HOSTED_BY),
}

#: The co-building kinds, searched first.
COBUILDING_KINDS: tuple[TieKind, ...] = (
    TieKind.CONTRACT,
    TieKind.COMMITTEE,
    TieKind.ALLIANCE,
    TieKind.PROJECT,
)

#: An org belongs to its unit: usable anywhere, and never a kind of its own.
ALWAYS_RELS: tuple[Rel, ...] = (Rel.BELONGS_TO,)

#: How an end stands for its party orgs (a unit's orgs and branches, an area's BASED_IN orgs): usable
#: between two nodes of the same end whatever kinds are chosen.
END_RELS: tuple[Rel, ...] = (Rel.BELONGS_TO, Rel.REPORTS_TO, Rel.BASED_IN)

#: The kind of each relationship type; BELONGS_TO has none.
REL_KIND: dict[Rel, TieKind] = {rel: kind for kind, rels in KIND_RELS.items() for rel in rels}


class Tier(StrEnum):
    """How a path ranks: every path of a tier comes before any of the next."""

    COBUILDING = "cobuilding"  # co-building ties in force only
    HIERARCHY = "hierarchy"  # and the party-org hierarchy
    INACTIVE = "inactive"  # and expired or terminated contracts, ended seats (marked as such)
    GEOGRAPHY = "geography"  # and the map: only when nothing else connects the two

    @property
    def rank(self) -> int:
        return list(Tier).index(self)
