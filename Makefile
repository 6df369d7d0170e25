# Two commands matter: `make run` and `make test` (see README). Everything else helps them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-dev setup bench lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Set up the database, demo data, search index and admin account (safe to repeat).
setup: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py search_rebuild
	$(BIN)/python manage.py update_index
	$(BIN)/python manage.py ensure_admin

## Set everything up and serve the site with demo data at http://127.0.0.1:8000
run: setup
	@echo "Serving http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run every test (unit, integration, browser). DATABASE_URL=postgres://... for PostgreSQL.
test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Benchmarks (tests/benchmarks): numbers printed, nothing asserted about time.
## Pages under load (wrk against gunicorn, ours and stock Oscar; BENCH_DBS, BENCH_SCALES),
## then the in-process benchmarks on BENCH_PRODUCTS products (10,000 by default here).
BENCH_PRODUCTS ?= 10000
bench: install-dev
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq \
	  && apt-get install -y -qq wrk) >/dev/null 2>&1; } \
	  || { echo "make bench needs wrk (Debian: apt-get install wrk)"; exit 1; }
	$(BIN)/python -m tests.benchmarks.pages
	BENCH_PRODUCTS=$(BENCH_PRODUCTS) $(BIN)/python -m pytest tests/benchmarks -m benchmark -s $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Re-extract and compile translations (needs GNU gettext for makemessages).
messages: install-dev
	$(BIN)/python manage.py makemessages -l vi --ignore=.venv --ignore=var --ignore=tests --no-obsolete
	$(BIN)/pybabel compile -D django -d storefront/locale -l vi

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
