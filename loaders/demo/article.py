"""The article's facts for the Kunming demo world, read from kunming.yaml beside this module.

The YAML file holds the names, ties and figures; this module only gives them types, so the generator
(loaders/demo/kunming.py) reads `ARTICLE.figures.street_alliances`, not a dictionary key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).with_name("kunming.yaml")


@dataclass(frozen=True)
class Figures:
    """The article's figures that the demo world reproduces exactly (and the invented community count)."""

    street_alliances: int
    big_committees: int
    part_time_members: int
    joint_meeting_streets: int
    joint_meeting_communities: int
    xishan_grids: int
    chuanfang_grids: int
    guandu_branches: int
    guandu_members: int
    working_committees: int
    longxiang_need_categories: int
    yongxinglu_services: int
    communities: int


@dataclass(frozen=True)
class District:
    code: str
    name: str
    streets: tuple[str, ...]


@dataclass(frozen=True)
class NamedOrg:
    """A named unit's own party org: `parent` is `{"sector": N}` or `"community"` (its home's)."""

    name: str
    type: str
    parent: dict[str, int] | str
    members: int | None = None


@dataclass(frozen=True)
class NamedBranch:
    name: str
    members: int
    key: str = ""


@dataclass(frozen=True)
class NamedUnit:
    """A unit the article names; `area` is `{"street": NAME}` or `{"first_community_of": NAME}`."""

    key: str
    name: str
    kind: str
    area: dict[str, str]
    industry: str
    aliases: str
    org: NamedOrg
    address: str = ""
    branches: tuple[NamedBranch, ...] = ()


@dataclass(frozen=True)
class Article:
    """Everything kunming.yaml says."""

    seed: int
    reference_date: dt.date
    current_term_end: dt.date
    stale_active_share: float
    figures: Figures
    city: tuple[str, str]
    districts: tuple[District, ...]
    no_random_alliance_district: str
    named_communities: dict[str, str]
    named_alliance_streets: tuple[str, ...]
    city_working_committees: tuple[str, ...]
    sector_of_kind: dict[str, int]
    ten_categories: tuple[str, ...]
    community_unit_kinds: dict[str, int]
    street_unit_kinds: dict[str, int]
    head_titles: dict[str, tuple[str, ...]]
    named_units: tuple[NamedUnit, ...]
    hospital_seat: dict[str, str]
    named_contracts: tuple[dict[str, Any], ...]
    longxiang: dict[str, Any]
    yongxinglu: dict[str, Any]
    fixed_contracts: tuple[dict[str, Any], ...]
    streets_without_random_contracts: tuple[str, ...]

    @property
    def all_categories(self) -> tuple[str, ...]:
        """The ten categories of the needs list, then "other"."""
        return (*self.ten_categories, "other")


def _named_unit(raw: dict[str, Any]) -> NamedUnit:
    return NamedUnit(
        **{
            **raw,
            "org": NamedOrg(**raw["org"]),
            "branches": tuple(NamedBranch(**b) for b in raw.get("branches", ())),
        }
    )


def parse_article(raw: dict[str, Any]) -> Article:
    """The article's facts from the parsed YAML document; a figure that disagrees with its list fails."""
    article = Article(
        **{
            **raw,
            "figures": Figures(**raw["figures"]),
            "city": (raw["city"]["code"], raw["city"]["name"]),
            "districts": tuple(District(d["code"], d["name"], tuple(d["streets"])) for d in raw["districts"]),
            "named_alliance_streets": tuple(raw["named_alliance_streets"]),
            "city_working_committees": tuple(raw["city_working_committees"]),
            "ten_categories": tuple(raw["ten_categories"]),
            "head_titles": {kind: tuple(titles) for kind, titles in raw["head_titles"].items()},
            "named_units": tuple(_named_unit(u) for u in raw["named_units"]),
            "named_contracts": tuple(raw["named_contracts"]),
            "fixed_contracts": tuple(raw["fixed_contracts"]),
            "streets_without_random_contracts": tuple(raw["streets_without_random_contracts"]),
        }
    )
    if len(article.city_working_committees) != article.figures.working_committees:
        raise ValueError("kunming.yaml: city_working_committees disagrees with figures.working_committees")
    if len(article.ten_categories) != article.figures.longxiang_need_categories:
        raise ValueError("kunming.yaml: ten_categories disagrees with figures.longxiang_need_categories")
    return article


@cache
def load_article(path: Path = DATA_FILE) -> Article:
    """The article's facts from kunming.yaml (read once per process)."""
    with path.open(encoding="utf-8") as stream:
        return parse_article(yaml.safe_load(stream))
