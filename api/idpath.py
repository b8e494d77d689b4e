"""Ids that hold `/` (or `%`) in path parameters.

An id is free text (`'] RETURN n //` is a valid unit id), so a client sends it percent-encoded
(`encodeURIComponent`). The server decodes `%2F` into `/` before the router matches, and then
`/api/entities/a%2Fb` would look for a route `/api/entities/a/b`. For the routes whose path holds an
entity id, `KeepEncodedSlashes` therefore re-derives the path from the raw one keeping `%2F` and `%25`
encoded, and the `{name:id}` converter (`IdConvertor`) decodes them in the parameter only. So
`/api/entities/a%2Fnetwork` is the entity `a/network`, while `/api/entities/a%2Fnetwork/network`
is its network: no id is ambiguous.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from starlette.convertors import Convertor, register_url_convertor
from starlette.types import ASGIApp, Receive, Scope, Send

#: The paths whose routes take an id through `{name:id}`; every route under them must use it.
ID_PREFIXES = (
    "/api/entities/",
    "/api/alliances/",
    "/api/committees/",
    "/api/contracts/",
    "/api/projects/",
    "/view/entity/",
    "/view/area/",
    "/view/contract/",
    "/view/project/",
    "/view/alliance/",
    "/view/committee/",
)

_KEPT = re.compile(r"%(2[fF]|25)")


class IdConvertor(Convertor[str]):
    """One path segment, with the `%2F` and `%25` that the middleware kept encoded decoded."""

    regex = "[^/]+"

    def convert(self, value: str) -> str:
        return _KEPT.sub(lambda m: "%" if m.group(1) == "25" else "/", value)

    def to_string(self, value: str) -> str:
        if not value:
            raise ValueError("an id must not be empty")
        return value.replace("%", "%25").replace("/", "%2F")


def partly_decoded(raw_path: str) -> str:
    """The raw path percent-decoded, except `%2F` and `%25`, which stay (normalized) encoded."""
    pieces = _KEPT.split(raw_path)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i % 2:  # the captured "2F"/"2f"/"25" of a kept escape
            out.append("%25" if piece == "25" else "%2F")
        else:
            out.append(unquote(piece))
    return "".join(out)


class KeepEncodedSlashes:
    """ASGI middleware: for the id routes, match on the raw path with `%2F` and `%25` kept."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path") if scope["type"] == "http" else None
        if raw is not None and scope["path"].startswith(ID_PREFIXES) and not scope.get("root_path"):
            path = partly_decoded(raw.decode("latin-1").split("?", 1)[0])
            if path.startswith(ID_PREFIXES):
                scope = {**scope, "path": path}
        await self.app(scope, receive, send)


register_url_convertor("id", IdConvertor())
