# Two commands do everything on a fresh machine with Python 3.11+:
#   make serve   set up .venv, build the bundled handbook and serve it on http://127.0.0.1:8000
#   make test    set up .venv, then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup check site serve test clean bench techdocs

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(STAMP)

check: setup
	$(BIN)/loopbook check

site: setup
	$(BIN)/loopbook build

ADDR ?= 127.0.0.1:8000
serve: setup                # make serve ADDR=127.0.0.1:8001 to use another port
	$(BIN)/loopbook serve --dev-addr $(ADDR)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Backstage TechDocs builds with mkdocs-techdocs-core, which pins its own MkDocs Material and Markdown: an
# environment of its own, .cache/techdocs-venv, from requirements-techdocs.txt, with loopbook installed into it.
# Then `.cache/techdocs-venv/bin/mkdocs build` builds a handbook whose mkdocs.yml has plugins: [techdocs-core, loopbook].
TECHDOCS_VENV := .cache/techdocs-venv
$(TECHDOCS_VENV)/.installed: requirements-techdocs.txt pyproject.toml
	$(PYTHON) -m venv $(TECHDOCS_VENV)
	$(TECHDOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(TECHDOCS_VENV)/bin/python -m pip install --quiet -r requirements-techdocs.txt
	$(TECHDOCS_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

techdocs: $(TECHDOCS_VENV)/.installed

clean:
	rm -rf site docs/handbook .pytest_cache

# Measure check, generation, build, serve and download size on 100, 1,000 and 5,000 synthetic entries and write
# BENCHMARKS.md (about 20 minutes on 2 cores); BENCH_ARGS="--sizes 100 --runs 1" for a quick run.
bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

# Contributor and CI targets. The GitHub workflows in .github/workflows/ call these, and .ci/run calls
# `make test`, so a check passes locally exactly when it passes in CI.
FORMAT ?= text
.PHONY: lint schemas starters annotate links zensical site-zensical

lint: setup                 # ruff, pinned in requirements-dev.txt, configured in pyproject.toml
	$(BIN)/ruff check generator tests bench

schemas: setup              # copy generator/schemas/ to schemas/, where editors find them
	$(BIN)/loopbook schemas --export schemas

# The principles `loopbook init --principles amazon` brings, copied from the bundled handbook's data/ into
# the package (an installed loopbook has no data/); a test fails when the two differ.
starters:
	rm -f generator/starters/amazon/principles/*.yaml
	cp data/principles/*.yaml generator/starters/amazon/principles/

annotate: setup             # `make check`, with problems as GitHub annotations on the pull request
	$(BIN)/loopbook check --format github

links: setup                # also fetch every external link (weekly in CI); FORMAT=github for annotations
	$(BIN)/loopbook check --external --format $(FORMAT)

zensical: setup             # Zensical is pinned in requirements.txt and installed by make setup

site-zensical: setup        # `make site` with Zensical instead of MkDocs
	$(BIN)/loopbook build --engine zensical

# Known vulnerabilities in the pinned dependencies (pip-audit, in a venv of its own so that it does not
# touch the project's pins). It needs PyPI's vulnerability data or OSV over the network: the pull-request
# workflow runs it; machines without that network cannot.
.PHONY: audit
audit:
	$(PYTHON) -m venv .cache/audit-venv
	.cache/audit-venv/bin/python -m pip install --quiet pip-audit==2.10.1
	.cache/audit-venv/bin/pip-audit --disable-pip --no-deps --progress-spinner off -r requirements.txt -r requirements-dev.txt
