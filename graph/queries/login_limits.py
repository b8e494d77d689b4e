"""The login rate limit's counters: `(:LoginCounter {id: key, times, audited_until, seen})`.

`times` holds the epoch seconds of the recent attempts counted against the key (never more than its
limit, once old ones are dropped); `audited_until` is when the block last audited ends, so a blocked
burst is audited once. All of them run inside one write transaction per login attempt.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.schema import Label

_COUNTER = token(Label.LOGIN_COUNTER)

#: The counters of `$ids` as they stand, without locking them: refusing an attempt that is already
#: blocked (and audited) needs no lock, so a flood of refused attempts does not queue on one node.
PEEK_COUNTERS = NamedQuery(
    "login_counter_peek",
    f"""
    UNWIND $ids AS id
    MATCH (c:{_COUNTER} {{id: id}})
    RETURN c.id AS id, c.times AS times, c.audited_until AS audited_until
    """,
)

#: Take the write lock on the counter of `$id` (made on first use) before reading it, so that
#: concurrent attempts see each other's counts, and drop attempts older than the window.
LOCK_COUNTER = NamedQuery(
    "login_counter_lock",
    f"""
    MERGE (c:{_COUNTER} {{id: $id}})
      ON CREATE SET c.times = [], c.audited_until = 0.0
    SET c.seen = $now
    WITH c
    SET c.times = [t IN c.times WHERE t > $now - $window_s]
    RETURN c.times AS times, c.audited_until AS audited_until
    """,
)

#: Count one attempt against each counter of `$ids` (locked by LOCK_COUNTER in this transaction).
COUNT_ATTEMPT = NamedQuery(
    "login_counter_count",
    f"""
    UNWIND $ids AS id
    MATCH (c:{_COUNTER} {{id: id}})
    SET c.times = c.times + $now
    """,
)

#: Remember that the block of the counters `$ids` is audited until `$until`.
MARK_BLOCK_AUDITED = NamedQuery(
    "login_counter_block_audited",
    f"""
    UNWIND $ids AS id
    MATCH (c:{_COUNTER} {{id: id}})
    SET c.audited_until = $until
    """,
)

#: Forget every attempt of the counters `$ids` (a username's, after it logged in from that ip).
CLEAR_COUNTERS = NamedQuery(
    "login_counter_clear",
    f"""
    UNWIND $ids AS id
    MATCH (c:{_COUNTER} {{id: id}})
    SET c.times = []
    """,
)

#: Take one attempt back from each counter of `$ids` (an attempt that logged in, or that could not
#: be checked), locking it before reading.
UNCOUNT_ATTEMPT = NamedQuery(
    "login_counter_uncount",
    f"""
    UNWIND $ids AS id
    MATCH (c:{_COUNTER} {{id: id}})
    SET c.seen = $now
    WITH c
    SET c.times = c.times[0..-1]
    """,
)

#: Delete up to `$batch` counters that saw no attempt since `$cutoff` (epoch seconds).
PRUNE_COUNTERS = NamedQuery(
    "login_counter_prune",
    f"""
    MATCH (c:{_COUNTER}) WHERE c.seen < $cutoff
    WITH c LIMIT $batch
    DELETE c
    RETURN count(*) AS n
    """,
)
