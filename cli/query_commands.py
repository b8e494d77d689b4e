"""`orglinks search Q` and `orglinks path FROM TO`: the API's lookups for scripts, as a table or CSV."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from cli.context import console, graph_session
from cli.list_output import FormatOption, OutputFormat, emit
from graph.paths import DEFAULT_K, DEFAULT_MAX_LENGTH, MAX_K, PathView, Via, find_paths
from graph.queries.paths import MAX_PATH_LENGTH
from graph.search import MAX_LIMIT, SearchType, search
from i18n.paths import told
from reports.catalog import PATH_STEPS, SEARCH_HITS


def search_command(
    q: Annotated[str, typer.Argument(help="A name or alias, in Chinese, pinyin or initials (ssy → 市三院)")],
    type_: Annotated[
        SearchType | None, typer.Option("--type", "-t", help="Only entities of this type")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT)] = 20,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Find entities by name or alias: exact name first, then alias, variants, pinyin and partial."""
    with graph_session() as graph:
        hits = search(graph, q, type_, limit)
    rows = [
        {
            "id": h.id,
            "name": h.name,
            "type": h.type,
            "match": h.match.value,
            "area": "/".join(a.name for a in h.area_path),
        }
        for h in hits
    ]
    emit(SEARCH_HITS.columns, rows, fmt, empty=f"Nothing found for {q!r}.")


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


def path_command(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Id of the start entity")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Id of the end entity")],
    via: Annotated[
        Via, typer.Option("--via", help="org: organizational ties only; all: area ties too")
    ] = Via.ORG,
    max_length: Annotated[
        int, typer.Option("--max-length", min=1, max=MAX_PATH_LENGTH, help="At most this many ties")
    ] = DEFAULT_MAX_LENGTH,
    k: Annotated[int, typer.Option("-k", min=1, max=MAX_K, help="How many shortest paths")] = DEFAULT_K,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: Annotated[Lang, typer.Option("--lang", help="The sentences' language: zh or en")] = Lang.ZH,
) -> None:
    """The paths between two entities, ranked: told as the path page's sentences, or one CSV row per step."""
    with graph_session() as graph:
        answer = find_paths(graph, source, target, via=via, max_length=max_length, k=k)
    if fmt is OutputFormat.TABLE:
        lines = told(answer, lang.value)
        if not answer.paths:
            lines.append(f"No path from {source} to {target} (via={via.value}).")
        for line in lines:
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        return
    rows = [row for number, path in enumerate(answer.paths, start=1) for row in _path_rows(number, path)]
    emit(PATH_STEPS.columns, rows, fmt, empty=f"No path from {source} to {target} (via={via.value}).")


def _path_rows(number: int, path: PathView) -> list[dict[str, Any]]:
    rows = []
    for step, node in enumerate(path.nodes):
        tie = ""
        if step:
            edge = path.edges[step - 1]
            # The arrow shows the tie's own direction: ← when it points back to the previous node.
            tie = f"→ {edge.type}" if edge.source == path.nodes[step - 1].id else f"← {edge.type}"
        rows.append(
            {"path": number, "step": step, "tie": tie, "id": node.id, "name": node.label, "type": node.type}
        )
    return rows
