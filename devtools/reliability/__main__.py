"""`python -m devtools.reliability`: the fast reliability suite (the part CI runs), through pytest.

The long runs are separate commands, listed in docs/reliability.md:
    python -m devtools.reliability.faults --trials 10
    python -m devtools.reliability.fuzz
    python -m devtools.reliability.load --users 200 --minutes 10
    python -m devtools.reliability.logins --requests 200
Extra arguments are passed to pytest (e.g. `-m "not slow"` for the seconds-long part only).
"""

from __future__ import annotations

import os
import subprocess
import sys

from graph.settings import PROJECT_ROOT

FAST_SUITE = [
    "tests/test_reliability_properties.py",
    "tests/test_reliability_injection.py",
    "tests/test_reliability_hostile.py",
    "tests/test_reliability_faults.py",
]


def main(argv: list[str]) -> int:
    env = {**os.environ, "ORGLINKS_TEST_KEEP_NEO4J": os.environ.get("ORGLINKS_TEST_KEEP_NEO4J", "1")}
    command = [sys.executable, "-m", "pytest", "-q", *FAST_SUITE, *argv]
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
