"""Ledger files into the graph in three stages: read (loaders.read) → validate (loaders.records,
loaders.validate) → write (loaders.write); loaders.pipeline.load_path runs them for the CLI and API."""
