"""The login rate limit's counters in Neo4j: the sliding window, worked out by hand with a fake clock,
and the check and the count in one transaction (parallel guesses cannot all pass the check)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from accounts.rate_limit import LoginRateLimiter, prune_counters
from graph.cypher import NamedQuery
from graph.driver import Graph

COUNTERS = NamedQuery("t_counters", "MATCH (c:LoginCounter) RETURN c.id AS id ORDER BY id")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _waits(limiter: LoginRateLimiter, graph: Graph, username: str, ip: str) -> int | None:
    return limiter.claim(graph, username, ip).retry_after


def test_blocks_after_the_limit_until_the_oldest_attempt_ages_out(graph: Graph) -> None:
    clock = FakeClock()
    limiter = LoginRateLimiter(max_failures=5, window_s=900, clock=clock)
    for _ in range(5):
        assert _waits(limiter, graph, "amy", "10.0.0.1") is None  # attempts at 1000 … 1004
        clock.now += 1
    assert clock.now == 1005
    # The first attempt (1000) leaves the window at 1900: 895 s from now.
    assert _waits(limiter, graph, "amy", "10.0.0.1") == 895
    assert _waits(limiter, graph, "AMY", "10.0.0.1") == 895  # usernames compare case-insensitively
    assert _waits(limiter, graph, "amy", "10.0.0.2") is None  # another machine
    assert _waits(limiter, graph, "bob", "10.0.0.1") is None  # another account
    clock.now = 1899.5
    assert _waits(limiter, graph, "amy", "10.0.0.1") == 1
    clock.now = 1900.0
    assert _waits(limiter, graph, "amy", "10.0.0.1") is None  # counted: 1001 … 1004 and 1900
    assert _waits(limiter, graph, "amy", "10.0.0.1") == 1901 - 1900


def test_a_success_clears_the_usernames_count_and_does_not_count_for_the_ip(graph: Graph) -> None:
    limiter = LoginRateLimiter(max_failures=2, window_s=60, clock=FakeClock())
    assert _waits(limiter, graph, "amy", "ip") is None
    assert _waits(limiter, graph, "amy", "ip") is None
    assert _waits(limiter, graph, "amy", "ip") == 60
    limiter.succeeded(graph, "amy", "ip")
    assert _waits(limiter, graph, "amy", "ip") is None
    # The ip's own limit is 2 × 4 = 8: amy's two counted attempts and this one are 3 of them, minus
    # the one that succeeded; five more usernames fill it, the next is refused.
    for name in ("b1", "b2", "b3", "b4", "b5", "b6"):
        assert _waits(limiter, graph, name, "ip") is None
    assert _waits(limiter, graph, "b7", "ip") == 60


def test_an_abandoned_attempt_does_not_count(graph: Graph) -> None:
    limiter = LoginRateLimiter(max_failures=1, window_s=60, clock=FakeClock())
    assert _waits(limiter, graph, "amy", "ip") is None
    limiter.abandoned(graph, "amy", "ip")
    assert _waits(limiter, graph, "amy", "ip") is None
    assert _waits(limiter, graph, "amy", "ip") == 60


def test_only_the_first_refusal_of_a_block_is_to_be_audited(graph: Graph) -> None:
    clock = FakeClock()
    limiter = LoginRateLimiter(max_failures=1, window_s=60, clock=clock)
    assert limiter.claim(graph, "amy", "ip").retry_after is None
    refusals = [limiter.claim(graph, "amy", "ip") for _ in range(5)]
    assert [c.audit_block for c in refusals] == [True, False, False, False, False]
    clock.now = 1060.0  # the block is over; amy tries again, fails, and is blocked anew
    assert limiter.claim(graph, "amy", "ip").retry_after is None
    assert [limiter.claim(graph, "amy", "ip").audit_block for _ in range(3)] == [True, False, False]


def test_parallel_attempts_are_checked_and_counted_atomically(graph: Graph) -> None:
    """60 guesses at once for one user from one ip: exactly 5 may go on to the password check."""
    limiter = LoginRateLimiter(max_failures=5, window_s=900)
    with ThreadPoolExecutor(max_workers=20) as pool:
        claims = list(pool.map(lambda _: limiter.claim(graph, "amy", "10.9.9.9"), range(60)))
    assert sum(c.retry_after is None for c in claims) == 5
    assert sum(c.audit_block for c in claims) == 1


def test_counters_idle_for_a_day_are_pruned(graph: Graph) -> None:
    clock = FakeClock()
    limiter = LoginRateLimiter(max_failures=5, window_s=900, clock=clock)
    limiter.claim(graph, "amy", "ip1")
    clock.now = 1000.0 + 86_400 - 1
    limiter.claim(graph, "bob", "ip2")
    assert prune_counters(graph, now=1000.0 + 86_400 + 1) == 2  # amy's and ip1's
    assert [r["id"] for r in graph.read(COUNTERS)] == ["ip:ip2", "user:bob|ip2"]
