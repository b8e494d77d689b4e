"""The reliability suite: fault injection, fuzzing, hostile uploads and load (see docs/reliability.md)."""
