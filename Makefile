# The README's commands. `make run` serves the app on SQLite with demo data; `make test` runs
# the linters and the whole suite (set TEST_DATABASE_URL to run it on PostgreSQL).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	@echo "Serving on http://127.0.0.1:5000 (Ctrl-C stops it)"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# ical.js (Mozilla's parser) for the calendar feed tests, pinned by tests/feeds/js/package-lock.json.
FEEDS_JS := tests/feeds/js/node_modules/.package-lock.json
$(FEEDS_JS): tests/feeds/js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests/feeds/js && npm ci --no-audit --no-fund; \
	else echo "npm not found: the ical.js feed tests will be skipped (CI fails them)"; fi

test: lint $(FEEDS_JS)
	$(BIN)/pytest

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
