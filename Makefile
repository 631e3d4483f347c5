# Two commands do everything on a fresh machine with Python 3.11+:
#   make serve   set up .venv, build the bundled handbook and serve it on http://127.0.0.1:8000
#   make test    set up .venv, then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup check site serve test clean

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

serve: setup
	$(BIN)/loopbook serve

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf site docs/handbook .pytest_cache
