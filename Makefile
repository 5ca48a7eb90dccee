# Mobilisering: `make run` serves the portal with demo data on SQLite; `make test` runs every test.
# `make run WORKERS=3` serves it with gunicorn and three worker processes instead of runserver.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?=

.PHONY: run test bench install install-test lint format messages css clean

$(PY):
	@PYTHON="$$(scripts/find-python)" && echo "Creating $(VENV) with $$PYTHON" && "$$PYTHON" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e .
	@touch $@

VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml $(VNU_JAR)
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

# The Nu HTML checker, from npm's vnu-jar (it runs on Java); tests validate every page with it.
$(VNU_JAR): | $(PY)
	@command -v npm >/dev/null || { echo "npm is needed to install the HTML checker (apt-get install npm)" >&2; exit 1; }
	npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/vnu vnu-jar@$(VNU_VERSION)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py createcachetable
	DEBUG=true $(PY) manage.py seed_demo
	@echo ""
	@echo "Mobilisering runs at http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	@echo "$(if $(WORKERS),gunicorn with $(WORKERS) workers,runserver) serves the pages; beside it, the task worker (db_worker) sends the mail (printed below: EMAIL_URL=console://)."
	@echo "Demo logins, all with the password demo-mobilisering:"
	@echo "  admin@example.org            superuser (also /admin/)"
	@echo "  staff.goteborg@example.org   city staff, Göteborg (likewise stockholm, linkoping, malmo)"
	@echo "  editor@example.org           handbook editor"
	@echo "  group@example.org            administers a Malmö group"
	@echo ""
	DEBUG=true PY=$(PY) HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) scripts/serve

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

# The pages through gunicorn with wrk, against a ceiling, on a data set 1000 times the demo's
# (SQLite in .bench/, or the PostgreSQL of DATABASE_URL); see docs/performance.md.
# A short run: make bench BENCH_ARGS="--duration 2 --pages home,directory".
bench: install
	$(PY) tests/benchmarks/pages.py $(BENCH_ARGS)

lint: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Refresh the Swedish catalogue after changing strings; fill in the new entries, then compile.
messages: install
	DEBUG=true $(PY) manage.py makemessages -l sv --no-location --no-obsolete --ignore=.venv --ignore=staticfiles
	DEBUG=true $(PY) manage.py compilemessages -l sv --ignore=.venv

# The stylesheet of the Bootstrap rules the portal uses, and its typeface, from npm's purgecss and
# @fontsource-variable/public-sans (assets/package.json): built here, committed under static/, so
# nothing is built or fetched when the portal runs. Run after using a Bootstrap class not used before.
css: install
	npm ci --silent --no-audit --no-fund --prefix assets
	node assets/build-css.mjs "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"

clean:
	rm -rf $(VENV) staticfiles
