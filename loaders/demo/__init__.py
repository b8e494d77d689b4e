"""Demo and benchmark data packages: the Kunming demo world and a generator that scales."""
