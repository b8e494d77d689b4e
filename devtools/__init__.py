"""Development tooling: the test harness, fingerprints, benchmark queries and the reliability suite.

Not part of the product: the wheel and the Docker image leave it out.
"""
