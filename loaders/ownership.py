"""Which process runs a load, so that a load whose process died (killed, crashed, the machine
restarted) is closed as `interrupted` by the next API or CLI start instead of staying `running`."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from graph.driver import Graph
from graph.queries.loads import INTERRUPT_LOADS, RUNNING_LOADS


def process_token(pid: int | None = None) -> str | None:
    """`host|pid|start` of a process (this one by default), or None if it is not running. The start
    time (clock ticks after boot) tells a live process from a later one that got the same pid."""
    pid = os.getpid() if pid is None else pid
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces; the start time is field 22.
    fields = stat[stat.rindex(")") + 2 :].split()
    return f"{socket.gethostname()}|{pid}|{fields[19]}"


def owner_gone(owner: str) -> bool:
    """Whether the process named by `owner` (a `process_token`) has ended. A process of another
    machine cannot be checked from here: it is taken as alive."""
    host, _, rest = owner.partition("|")
    pid, _, _ = rest.partition("|")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    return process_token(int(pid)) != owner


def close_interrupted_loads(graph: Graph) -> list[str]:
    """Mark `interrupted` every running load whose process is gone; returns their ids."""
    gone = [row["id"] for row in graph.read(RUNNING_LOADS) if row["owner"] and owner_gone(row["owner"])]
    if gone:
        graph.write(INTERRUPT_LOADS, {"ids": gone})
    return gone
