"""Login rate limiting: a sliding window of attempts per (username, client ip) and per ip, in Neo4j.

An attempt is claimed before its password is checked (and before argon2 runs): one write transaction
locks the key's counter, checks it and counts the attempt, so parallel guesses cannot all pass the
check, and every API process (every worker, every host) shares the same counts. A login that succeeds
takes its attempt back and clears the username's count, so only failures (and attempts still being
checked) count. After `max_failures` within the window further attempts are refused (429) until the
oldest leaves it; one ip is also limited across usernames, at four times that.

A refused burst is audited once: the first refusal of a block records `login_blocked`, the rest of
that block does not (a flood of refused attempts cannot flood the audit log).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.queries.login_limits import (
    CLEAR_COUNTERS,
    COUNT_ATTEMPT,
    LOCK_COUNTER,
    MARK_BLOCK_AUDITED,
    PEEK_COUNTERS,
    PRUNE_COUNTERS,
    UNCOUNT_ATTEMPT,
)

IP_FACTOR = 4
#: A counter no attempt has touched for this long is deleted by `prune_counters`.
COUNTER_IDLE_S = 24 * 3600
_PRUNE_BATCH = 10_000


@dataclass(frozen=True)
class Claim:
    """The answer to one attempt: go ahead (`retry_after` None), or wait `retry_after` seconds;
    `audit_block` is true for the first refusal of a block, which alone is audited."""

    retry_after: int | None
    audit_block: bool = False


class LoginRateLimiter:
    """Claims login attempts against the shared counters in Neo4j."""

    def __init__(self, max_failures: int, window_s: float, clock: Callable[[], float] = time.time) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock  # epoch seconds: the counters are shared across processes

    def claim(self, graph: Graph, username: str, ip: str) -> Claim:
        """Check and count one attempt of `username` from `ip`, atomically."""
        keys = [(_ip_key(ip), self.max_failures * IP_FACTOR), (_user_key(username, ip), self.max_failures)]
        now = self._clock()
        # Only a refusal is decided without the lock: counts never rise but under it, so a block seen
        # here holds. Letting an attempt through, or auditing a block, takes the locked transaction.
        rows = graph.read(PEEK_COUNTERS, {"ids": [key for key, _ in keys]})
        seen = {row["id"]: row for row in rows}
        counters = [seen.get(key, {"times": [], "audited_until": 0.0}) for key, _ in keys]
        blocked = self._blocked(keys, counters, now)
        if blocked and all(audited_until > now for _, _, audited_until in blocked):
            return Claim(math.ceil(max(max(w for _, w, _ in blocked), 1.0)))
        return graph.write_tx(lambda tx: self._claim(tx, keys, now), changes_data=False)

    def succeeded(self, graph: Graph, username: str, ip: str) -> None:
        """The claimed attempt logged in: clear the username's count from this ip, uncount it for the ip."""
        self._release(graph, clear=[_user_key(username, ip)], uncount=[_ip_key(ip)])

    def abandoned(self, graph: Graph, username: str, ip: str) -> None:
        """The claimed attempt could not be checked (the server was busy): it does not count."""
        self._release(graph, clear=[], uncount=[_ip_key(ip), _user_key(username, ip)])

    def _release(self, graph: Graph, *, clear: list[str], uncount: list[str]) -> None:
        now = self._clock()

        def work(tx: ManagedTransaction) -> None:
            run(tx, UNCOUNT_ATTEMPT, {"ids": uncount, "now": now})
            run(tx, CLEAR_COUNTERS, {"ids": clear})

        graph.write_tx(work, changes_data=False)

    def _claim(self, tx: ManagedTransaction, keys: list[tuple[str, int]], now: float) -> Claim:
        # Locked in one fixed order (the ip's first), so two attempts never wait on each other's locks.
        params = {"now": now, "window_s": self.window_s}
        counters = [run(tx, LOCK_COUNTER, {**params, "id": key})[0] for key, _ in keys]
        blocked = self._blocked(keys, counters, now)
        if not blocked:
            run(tx, COUNT_ATTEMPT, {"ids": [key for key, _ in keys], "now": now})
            return Claim(None)
        wait = max(max(w for _, w, _ in blocked), 1.0)
        first = any(audited_until <= now for _, _, audited_until in blocked)
        if first:
            ids = [key for key, _, _ in blocked]
            run(tx, MARK_BLOCK_AUDITED, {"ids": ids, "until": now + wait})
        return Claim(math.ceil(wait), audit_block=first)

    def _blocked(
        self, keys: list[tuple[str, int]], counters: list[dict[str, Any]], now: float
    ) -> list[tuple[str, float, float]]:
        """The keys at their limit: (key, seconds until one attempt leaves the window, audited until)."""
        blocked = []
        for (key, limit), counter in zip(keys, counters, strict=True):
            times = [t for t in counter["times"] if t > now - self.window_s]
            if len(times) >= limit:
                # Open again when enough attempts have left the window to go below the limit.
                wait = times[len(times) - limit] + self.window_s - now
                blocked.append((key, wait, float(counter["audited_until"])))
        return blocked


def prune_counters(graph: Graph, *, now: float | None = None) -> int:
    """Delete the counters no attempt touched for a day; returns how many went."""
    cutoff = (time.time() if now is None else now) - COUNTER_IDLE_S
    deleted = 0
    while n := int(
        graph.write(PRUNE_COUNTERS, {"cutoff": cutoff, "batch": _PRUNE_BATCH}, changes_data=False)[0]["n"]
    ):
        deleted += n
    return deleted


def _user_key(username: str, ip: str) -> str:
    return f"user:{username.casefold()}|{ip}"


def _ip_key(ip: str) -> str:
    return f"ip:{ip}"
