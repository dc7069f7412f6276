# Developer shortcuts; .ci/run is what CI runs.
PY := .venv/bin

.PHONY: fmt lint types migrations test test-pg docs check
fmt:
	$(PY)/ruff format . && $(PY)/ruff check --fix .
lint:
	$(PY)/ruff format --check . && $(PY)/ruff check .
types:
	$(PY)/mypy src tests benchmarks tools conftest.py
migrations:
	NETLIFE_SECRET_KEY=dev $(PY)/django-admin makemigrations --check --dry-run --settings=netlife.config.settings
test:
	$(PY)/pytest -n 2
test-pg:
	NETLIFE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(PY)/pytest -n 2
docs:
	$(PY)/python tools/cli_reference.py
check: lint types migrations test
