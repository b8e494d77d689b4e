"""Every named query in the code, found by walking the packages: the module constants that are
NamedQuery (or held in a module-level dict, list or tuple), and the outputs of the public builders
(functions annotated `-> NamedQuery`) for representative arguments. tests/test_queries.py EXPLAINs each
against Neo4j, checks its labels and relationship types against the schema's enums, and compares the
rendered text with tests/golden/queries.cypher.

Regenerate the golden file after a deliberate change to a query:

    .venv/bin/python -m devtools.query_catalog --write
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import itertools
import pkgutil
import sys
import textwrap
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from graph.cypher import NamedQuery
from graph.queries.gaps import GapSort
from graph.schema import Label, Rel

#: The packages whose modules hold queries.
PACKAGES = ("graph", "devtools.queries")

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden" / "queries.cypher"

#: Representative values by parameter annotation. A builder with a parameter of any other type must be
#: given its arguments in BUILDER_ARGUMENTS, or `builder_calls` raises (so no builder goes unchecked).
_VALUES: dict[Any, tuple[Any, ...]] = {
    bool: (False, True),
    GapSort: tuple(GapSort),
    int: (2,),
    Label: (Label.UNIT,),
    Rel: (Rel.MEMBER_OF,),
    tuple[Rel, ...]: ((Rel.MEMBER_OF, Rel.PARTY_TO),),
}

#: Arguments for builders whose parameters `_VALUES` cannot fill, by "module.function".
BUILDER_ARGUMENTS: dict[str, list[dict[str, Any]]] = {
    "devtools.queries.bench_load.load_csv_nodes": [{"label": Label.UNIT, "props": (("name", "name"),)}],
    "devtools.queries.bench_load.load_csv_refs": [
        {"rel": Rel.LOCATED_IN, "column": "area_id", "outgoing": True, "many": False},
        {"rel": Rel.MEMBER_OF, "column": "alliances", "outgoing": False, "many": True},
    ],
    "devtools.queries.bench_load.load_csv_links": [
        {
            "rel": Rel.SEATED_ON,
            "src": "person_id",
            "dst": "org_id",
            "key": ("person_id", "org_id", "start"),
            "props": (("title", "title"),),
        }
    ],
}


@dataclass(frozen=True)
class Entry:
    """One rendered query and where it came from (`module.NAME` or `module.builder(args)`)."""

    origin: str
    query: NamedQuery


def _modules() -> Iterator[ModuleType]:
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=package_name + "."):
            yield importlib.import_module(info.name)


def _members(value: Any) -> Iterator[tuple[str, NamedQuery]]:
    """The named queries held in a module-level dict, list or tuple, each with its key or index."""
    if isinstance(value, dict):
        pairs: Iterator[tuple[Any, Any]] = iter(value.items())
    elif isinstance(value, list | tuple):
        pairs = enumerate(value)
    else:
        return
    for key, item in pairs:
        if isinstance(item, NamedQuery):
            yield str(key), item


def _builder(value: Any) -> Callable[..., Any] | None:
    """The function itself if `value` is a function defined to return a NamedQuery (through a cache)."""
    function = getattr(value, "__wrapped__", value)
    if not inspect.isfunction(function):
        return None
    try:
        hints = typing.get_type_hints(function)
    except (NameError, TypeError):
        return None
    return function if hints.get("return") is NamedQuery else None


def builder_calls(key: str, function: Callable[..., Any]) -> list[dict[str, Any]]:
    """The argument sets a builder is rendered with: every combination of representative values."""
    if key in BUILDER_ARGUMENTS:
        return BUILDER_ARGUMENTS[key]
    hints = typing.get_type_hints(function)
    names, choices = [], []
    for name in inspect.signature(function).parameters:
        annotation = hints.get(name)
        if annotation not in _VALUES:
            raise LookupError(f"{key}: no representative value for {name}: {annotation}")
        names.append(name)
        choices.append(_VALUES[annotation])
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*choices)]


def _render_args(args: dict[str, Any]) -> str:
    def show(value: Any) -> str:
        if isinstance(value, tuple):
            return "(" + ", ".join(show(v) for v in value) + ")"
        return f"{type(value).__name__}.{value.name}" if isinstance(value, Label | Rel) else repr(value)

    return ", ".join(f"{k}={show(v)}" for k, v in args.items())


def catalog() -> list[Entry]:
    """Every named query of the packages, sorted by origin. A constant imported into other modules is
    listed once, under its origin in graph/queries (where query text lives; the services in graph/
    import it), else the first of its origins in sorted order."""
    found: dict[str, NamedQuery] = {}
    for module in _modules():
        for attr, value in vars(module).items():
            if isinstance(value, NamedQuery):
                found[f"{module.__name__}.{attr}"] = value
                continue
            for key, item in _members(value):
                found[f"{module.__name__}.{attr}[{key}]"] = item
            function = _builder(value)
            if function is None or function.__module__ != module.__name__ or attr.startswith("_"):
                continue
            key = f"{module.__name__}.{attr}"
            for args in builder_calls(key, function):
                found[f"{key}({_render_args(args)})"] = value(**args)
    entries: dict[NamedQuery, Entry] = {}
    for origin in sorted(found, key=lambda origin: (not origin.startswith("graph.queries."), origin)):
        entries.setdefault(found[origin], Entry(origin, found[origin]))
    return sorted(entries.values(), key=lambda entry: entry.origin)


def render(entries: list[Entry]) -> str:
    """The golden file's text: each query under a comment naming its origin and name."""
    blocks = [
        f"// {entry.origin} -> {entry.query.name}\n{textwrap.dedent(entry.query.text).strip()}\n"
        for entry in entries
    ]
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true", help="rewrite tests/golden/queries.cypher")
    args = parser.parse_args(argv)
    text = render(catalog())
    if args.write:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {GOLDEN}\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
