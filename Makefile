# The two README commands: `make demo` and `make test`. Everything else here serves them.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: demo test lint venv jars clean-data

$(BIN)/orglinks: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --upgrade --quiet pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

venv: $(BIN)/orglinks

neo4j-local/target/lib/.resolved: neo4j-local/pom.xml
	mvn -B -q -f neo4j-local/pom.xml dependency:copy-dependencies
	touch $@

jars: neo4j-local/target/lib/.resolved

## Start the local Neo4j, migrate, load the Kunming demo world, serve the API and explorer.
demo: venv jars
	$(BIN)/orglinks db status >/dev/null 2>&1 || $(BIN)/orglinks db start
	$(BIN)/orglinks db migrate
	$(BIN)/orglinks demo --load
	$(BIN)/orglinks serve --host $(HOST) --port $(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Lint, type-check, and run the tests against the harness's own real Neo4j.
test: lint jars
	$(BIN)/pytest $(PYTEST_ARGS)

clean-data:
	$(BIN)/orglinks db stop || true
	rm -rf .data
