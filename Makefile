# Two commands for a newcomer: `make up` (run it) and `make test` (test it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installerad

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/var/prefect
export PREFECT_RUNNER_POLL_FREQUENCY ?= 2

.PHONY: up demo test lint install clean

# The venv is rebuilt when the dependencies change; constraints.txt pins what was tested.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)
	mkdir -p $(PREFECT_HOME)

install: $(STAMP)

up: $(STAMP)
	$(BIN)/python -m flows.up

demo: $(STAMP)
	$(BIN)/python -m flows.demo

lint: $(STAMP)
	$(BIN)/ruff check src flows tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

clean:
	rm -rf var test-output
