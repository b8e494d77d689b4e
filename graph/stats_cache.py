"""The progress figures (graph/stats.py) cached per process and kept fresh, keyed by the data version.

An exact count of a city reads every unit and party org (docs/benchmarks.md, "Progress at 1M nodes"),
so it is counted when the data changed, not on every visit. Every data write raises the data version
in its own transaction (graph/driver.py `Graph.write_tx`); a request reads the version (one node by its
key), and figures cached under that version for the same scope and day are exactly what a count would
give now. A miss counts as `area_stats` does and keeps the answer under the version the request read:
the count started after that version was committed, so it is never older than the version it is kept
under, and a request never receives figures older than the version it read.

- bounded: beyond `size` entries the least recently used goes (entries of old versions are soon the
  least recently used, since only a request that read the version before a write asks for one);
- single-flight: concurrent requests for one missing key wait for one count;
- refreshed: `StatsRefresher` polls the version every few seconds and, when it moved, counts again the
  scopes asked for in the last `recent_s` (at most `recent_max`), so the next visit after a load or a
  claim finds fresh figures.

Each API process holds its own cache (api/main.py); all are correct at once, since each reads the
version on every request. The CLI counts directly.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from graph.driver import Graph
from graph.queries.data_version import GET_DATA_VERSION
from graph.scope import Scope
from graph.stats import AreaStats, area_stats

log = logging.getLogger("orglinks.stats")


@dataclass(frozen=True)
class DataVersion:
    """The data version: the counter and the epoch it counts in (a wiped database starts a new one)."""

    epoch: str | None
    number: int


def data_version(graph: Graph) -> DataVersion | None:
    """The database's data version, or None if it has no `SchemaMeta` node (never migrated)."""
    rows = graph.read(GET_DATA_VERSION)
    return DataVersion(rows[0]["epoch"], int(rows[0]["version"])) if rows else None


@dataclass(frozen=True)
class Ask:
    """What a set of figures is for: the scope's area and roots (its child areas follow from them and
    the data) and the day."""

    area_id: str | None
    roots: tuple[str, ...]
    as_of: dt.date

    @staticmethod
    def of(scope: Scope, as_of: dt.date) -> Ask:
        return Ask(scope.area_id, tuple(scope.roots), as_of)

    def scope(self) -> Scope:
        return Scope(self.area_id, None, None, list(self.roots))


Key = tuple[Ask, DataVersion]


class StatsCache:
    """Figures per (scope, day, data version): bounded, thread-safe, single-flight."""

    def __init__(
        self,
        graph: Graph,
        *,
        size: int = 64,
        recent_s: float = 3600.0,
        recent_max: int = 16,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if size < 1:
            raise ValueError("the cache holds at least one entry")
        self.graph = graph
        self.size = size
        self.recent_s = recent_s
        self.recent_max = recent_max
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[Key, AreaStats] = OrderedDict()
        self._pending: dict[Key, _Flight] = {}
        #: Requests waiting for another request's count of the same key (single-flight), now.
        self.waiting = 0
        self._recent: OrderedDict[Ask, float] = OrderedDict()  # asked by a request, when (oldest first)

    def area_stats(self, scope: Scope, *, as_of: dt.date) -> AreaStats:
        """The scope's figures on `as_of`, as `graph.stats.area_stats` counts them now."""
        ask = Ask.of(scope, as_of)
        self._remember(ask)
        version = data_version(self.graph)
        if version is None:  # no counter to key on: count directly
            return area_stats(self.graph, scope, as_of=as_of)
        return self._get(ask, version)

    def refresh(self, stop: threading.Event | None = None) -> int:
        """Count the recently asked scopes under the current version (those already counted under it
        are hits); returns how many were counted."""
        version = data_version(self.graph)
        if version is None:
            return 0
        counted = 0
        for ask in self.recent():
            if stop is not None and stop.is_set():
                break
            if self.cached(ask, version) is None:
                self._get(ask, version)
                counted += 1
        return counted

    def recent(self) -> list[Ask]:
        """The scopes and days asked for by requests in the last `recent_s`, the latest first."""
        horizon = self._clock() - self.recent_s
        with self._lock:
            return [ask for ask, at in reversed(self._recent.items()) if at >= horizon]

    def cached(self, ask: Ask, version: DataVersion) -> AreaStats | None:
        with self._lock:
            return self._entries.get((ask, version))

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _remember(self, ask: Ask) -> None:
        with self._lock:
            self._recent[ask] = self._clock()
            self._recent.move_to_end(ask)
            while len(self._recent) > self.recent_max:
                self._recent.popitem(last=False)

    def _get(self, ask: Ask, version: DataVersion) -> AreaStats:
        key = (ask, version)
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
                return hit
            flight = self._pending.get(key)
            leader = flight is None
            if flight is None:
                flight = self._pending[key] = _Flight()
            else:
                self.waiting += 1
        if not leader:
            try:
                return flight.result()  # the same key's count, started by another request
            finally:
                with self._lock:
                    self.waiting -= 1
        try:
            result = area_stats(self.graph, ask.scope(), as_of=ask.as_of)
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            flight.fail(exc)
            raise
        with self._lock:
            self._entries[key] = result
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)  # the least recently used
            del self._pending[key]
        flight.done(result)
        return result


class _Flight:
    """One count under way, which requests for the same key wait for instead of counting again."""

    def __init__(self) -> None:
        self._ended = threading.Event()
        self._result: AreaStats | None = None
        self._error: BaseException | None = None

    def done(self, result: AreaStats) -> None:
        self._result = result
        self._ended.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._ended.set()

    def result(self) -> AreaStats:
        self._ended.wait()
        if self._result is None:
            raise self._error or RuntimeError("a count ended without figures")
        return self._result


class StatsRefresher:
    """A daemon thread that polls the data version every `interval_s` and, when it moved and then held
    still for `settle_polls` polls, counts the recently asked figures again (StatsCache.refresh): during
    a load, whose batches move the version every few seconds, it waits for the end instead of counting
    figures each batch makes stale at once. It logs a failure and goes on, waiting twice as long after
    each failure in a row (at most `max_backoff_s`): a count that timed out under load is not started
    again every few seconds; `stop` ends it."""

    def __init__(
        self,
        cache: StatsCache,
        *,
        interval_s: float = 5.0,
        max_backoff_s: float = 300.0,
        settle_polls: int = 1,
    ) -> None:
        self.cache = cache
        self.interval_s = interval_s
        self.settle_polls = settle_polls
        self.max_backoff_s = max(max_backoff_s, interval_s)
        #: How long the thread waits before its next poll.
        self.next_wait_s = interval_s
        self._stop = threading.Event()
        self._seen: DataVersion | None = None
        self._last: DataVersion | None = None  # what the previous poll read
        self._still = 0  # polls in a row that read `_last` again
        self._failing = False
        self._thread = threading.Thread(target=self._run, name="orglinks-stats-refresher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout_s: float) -> None:
        """Ask the thread to end and wait for it (a count under way finishes first) up to `timeout_s`."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def poll(self) -> int:
        """One look at the version; counts again if it moved and has since held still for `settle_polls`
        polls. Returns how many figures were counted."""
        try:
            version = data_version(self.cache.graph)
            self._still = self._still + 1 if version == self._last else 0
            self._last = version
            if version is None or version == self._seen or self._still < self.settle_polls:
                self.next_wait_s = self.interval_s
                return 0
            counted = self.cache.refresh(self._stop)
        except Exception as exc:  # noqa: BLE001 - a refresh is a courtesy; requests count for themselves
            self.next_wait_s = (
                min(self.next_wait_s * 2, self.max_backoff_s) if self._failing else self.interval_s * 2
            )
            # The first failure of a run of them is a warning; while Neo4j stays down, the rest are not.
            level = logging.DEBUG if self._failing else logging.WARNING
            log.log(level, "stats refresh failed (%s); trying again in %g s", exc, self.next_wait_s)
            self._failing = True
            return 0
        self._failing = False
        self.next_wait_s = self.interval_s
        if not self._stop.is_set():
            self._seen = version
        return counted

    def _run(self) -> None:
        while not self._stop.wait(self.next_wait_s):
            self.poll()
