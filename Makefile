# seedreg — the only entry point for people and CI. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export PICCOLO_CONF := seedreg.piccolo_conf

.DEFAULT_GOAL := help
.PHONY: help install system run setup migrate fixtures demo serve test test-sqlite test-postgres \
        test-unit lint fmt bench pdf-samples migration clean

help: ## list targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

system: ## install the Debian packages PDFs need (Noto CJK + HanaMin + BabelStone Han fonts, libharfbuzz-subset0)
	@bash scripts/ensure_system.sh pdf

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: system $(STAMP) ## create the virtualenv and install everything

migrate: install ## apply database migrations
	@$(PY) -m seedreg migrate

fixtures: migrate ## load reference data (idempotent)
	@$(PY) -m seedreg load-reference

demo: fixtures ## create the label-signing key once, load the demo data set, print the demo accounts (idempotent)
	@$(PY) -m seedreg keygen
	@$(PY) -m seedreg load-demo

setup: demo ## install, migrate, load reference and demo data

run: setup ## set everything up and serve on http://$(HOST):$(PORT) (SQLite by default)
	@echo "seedreg: http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	@$(PY) -m seedreg serve --host $(HOST) --port $(PORT)

serve: ## serve without set-up steps (WORKERS=n with PostgreSQL)
	@$(PY) -m seedreg serve --host $(HOST) --port $(PORT) --workers $${WORKERS:-1}

test: install ## lint, then the whole suite on SQLite and again on PostgreSQL
	@bash scripts/ensure_system.sh pdf browser postgres printer axe
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite: install ## the suite on an embedded SQLite file, in random order (seed printed; PYTEST_ARGS=--randomly-seed=N repeats an order)
	@echo "== tests on SQLite =="
	@env -u SEEDREG_DATABASE_URL -u SEEDREG_TEST_POSTGRES_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install ## the suite on a throwaway PostgreSQL cluster (or SEEDREG_TEST_POSTGRES_URL)
	@echo "== tests on PostgreSQL =="
	@env -u SEEDREG_DATABASE_URL $(PY) scripts/with_postgres.py -- $(PY) -m pytest $(PYTEST_ARGS)

test-unit: install ## pure rules only, no database
	@$(PY) -m pytest tests/unit $(PYTEST_ARGS)

lint: install ## ruff check + ruff format --check, mypy (pyproject: strict on core, rules, services), convention tests
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/mypy
	@$(PY) -m pytest -q -p no:randomly tests/test_conventions.py

fmt: install ## ruff format + ruff check --fix
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

bench: install ## benchmarks (figures, not tests): licences, label PDFs, label verification, Excel ledgers, field pages on a weak link, report dashboards
	@bash scripts/ensure_system.sh pdf postgres wrk browser
	@env -u SEEDREG_DATABASE_URL -u SEEDREG_TEST_POSTGRES_URL $(PY) -m tests.benchmarks.bench_field_pages
	@env -u SEEDREG_DATABASE_URL -u SEEDREG_TEST_POSTGRES_URL $(PY) -m tests.benchmarks.bench_licensing
	@env -u SEEDREG_DATABASE_URL $(PY) scripts/with_postgres.py -- $(PY) -m tests.benchmarks.bench_licensing
	@env -u SEEDREG_DATABASE_URL -u SEEDREG_TEST_POSTGRES_URL $(PY) -m tests.benchmarks.bench_labels --pdf
	@env -u SEEDREG_DATABASE_URL -u SEEDREG_TEST_POSTGRES_URL $(PY) -m tests.benchmarks.bench_labels --verify
	@env -u SEEDREG_DATABASE_URL $(PY) scripts/with_postgres.py -- $(PY) -m tests.benchmarks.bench_labels --verify
	@env -u SEEDREG_DATABASE_URL -u SEEDREG_TEST_POSTGRES_URL $(PY) -m tests.benchmarks.bench_excel
	@env -u SEEDREG_DATABASE_URL -u SEEDREG_TEST_POSTGRES_URL $(PY) -m tests.benchmarks.bench_reports
	@env -u SEEDREG_DATABASE_URL $(PY) scripts/with_postgres.py -- $(PY) -m tests.benchmarks.bench_reports

pdf-samples: install ## render every PDF template with demo contexts into build/pdf/
	@$(PY) -m seedreg.pdf_samples

migration: install ## new auto-migration for APP (needs SEEDREG_DATABASE_URL=postgresql://…)
	@$(VENV)/bin/piccolo migrations new $(APP) --auto

clean: ## remove the virtualenv and build output (keeps var/, the data)
	rm -rf $(VENV) build .pytest_cache .ruff_cache
