"""At start: the loads a killed process left `running` are closed as `interrupted`."""

from __future__ import annotations

import logging

from graph.driver import Graph
from graph.errors import OrglinksError
from loaders.ownership import close_interrupted_loads

log = logging.getLogger("orglinks.api")


def close_loads_left_running(graph: Graph) -> None:
    """Close the loads of processes that are gone; a failure here must not stop the API starting."""
    try:
        closed = close_interrupted_loads(graph)
    except OrglinksError as exc:
        log.warning("could not check for interrupted loads (%s)", exc)
        return
    if closed:
        log.warning("closed %d load(s) left running by a process that ended: %s", len(closed), closed)
