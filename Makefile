# The README's commands. `make run` serves the app on SQLite with demo data (`make run PORT=8080`
# for another port; links in mail and calendars follow it unless SITE_URL is set); `make test`
# runs the linters and the whole suite (set TEST_DATABASE_URL to run it on PostgreSQL) and
# leaves the checkout as it was: no caches, nothing in instance/.
PYTHON ?= python3
PORT ?= 5000
SITE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format clean translations

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
	SITE_URL='$(SITE_URL)' $(BIN)/flask seed-demo
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl-C stops it)"
	SITE_URL='$(SITE_URL)' $(BIN)/flask run --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --no-cache --check .

# ical.js (Mozilla's parser) for the calendar feed tests, pinned by tests/feeds/js/package-lock.json.
FEEDS_JS := tests/feeds/js/node_modules/.package-lock.json
$(FEEDS_JS): tests/feeds/js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests/feeds/js && npm ci --no-audit --no-fund; \
	else echo "npm not found: the ical.js feed tests will be skipped (CI fails them)"; fi

test: lint $(FEEDS_JS)
	$(BIN)/pytest -p no:cacheprovider

# Interface translations: extract every string marked in Python and templates, update each
# language's catalog (new strings untranslated, none matched fuzzily), compile the .mo files
# (committed; tests/test_translations.py checks they match their .po and that all is translated).
TRANSLATIONS := organiser/translations
translations: $(VENV)/.dev
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k gettext_noop \
		--no-location --sort-output --omit-header -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q compile -d $(TRANSLATIONS) --statistics

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
