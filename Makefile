# Two commands set everything up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REPORT_DIR ?= reports/sample

.PHONY: setup test lint format evaluate bench report lab clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check framing tests benchmarks
	$(BIN)/ruff format --check framing tests benchmarks
	$(BIN)/lint-imports --no-cache

format: setup
	$(BIN)/ruff check --fix framing tests benchmarks
	$(BIN)/ruff format framing tests benchmarks

test: lint
	$(BIN)/python -m pytest framing tests

evaluate: setup
	$(BIN)/framing evaluate

bench: setup
	$(BIN)/python benchmarks/bench_detectors.py

report: setup
	$(BIN)/framing report corpora/sample --out $(REPORT_DIR)

lab: setup
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .import_linter_cache
