"""Login rate limiting: a sliding window of failures per (username, client ip), kept in this process.

After `max_failures` failures within the window, further attempts are refused (429) until the oldest
failure leaves the window. A client ip is also limited across usernames, at four times the count, so
one machine cannot try a password against every account. Behind several API processes each keeps its
own window: the limit then holds per process.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

#: How many keys are remembered; the least recently failed ones are forgotten first.
MAX_KEYS = 10_000
IP_FACTOR = 4


class LoginRateLimiter:
    """Counts failed logins and says how long a client must wait before trying again."""

    def __init__(
        self, max_failures: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, username: str, ip: str) -> int | None:
        """Seconds to wait before this username may be tried from this ip, or None if it may now."""
        now = self._clock()
        with self._lock:
            waits = [
                self._wait(key, limit, now)
                for key, limit in (
                    (self._user_key(username, ip), self.max_failures),
                    (self._ip_key(ip), self.max_failures * IP_FACTOR),
                )
            ]
        longest = max(w for w in waits)
        return math.ceil(longest) if longest > 0 else None

    def record_failure(self, username: str, ip: str) -> None:
        """Count one failed login."""
        now = self._clock()
        with self._lock:
            for key in (self._user_key(username, ip), self._ip_key(ip)):
                times = self._failures.pop(key, None) or deque()
                times.append(now)
                self._failures[key] = times
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def reset(self, username: str, ip: str) -> None:
        """Forget this username's failures from this ip (after a successful login)."""
        with self._lock:
            self._failures.pop(self._user_key(username, ip), None)

    def _wait(self, key: tuple[str, str], limit: int, now: float) -> float:
        times = self._failures.get(key)
        if not times:
            return 0.0
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if len(times) < limit:
            return 0.0
        # Blocked until enough failures have aged out of the window to go below the limit.
        return times[len(times) - limit] + self.window_s - now

    @staticmethod
    def _user_key(username: str, ip: str) -> tuple[str, str]:
        return ("user:" + username.casefold(), ip)

    @staticmethod
    def _ip_key(ip: str) -> tuple[str, str]:
        return ("ip", ip)
