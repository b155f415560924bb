# Two commands set everything up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REPORT_DIR ?= reports/sample
# `make compiled`: framing with its detectors compiled by mypyc, in an environment of its own
COMPILED_VENV ?= .venv-compiled
COMPILED_STAMP := $(COMPILED_VENV)/.installed

.PHONY: setup test lint format evaluate bench report lab compiled clean

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

# The same package with the detectors' modules (framing/build.py) compiled by mypyc: about a
# fifth less time per article, the same rows (tests/test_build.py; docs/performance.md,
# "Compiled detectors"). Needs a C compiler; rebuilt when a source file changes. Run it as
# $(COMPILED_VENV)/bin/framing ...; `python -m framing` in this folder would import the sources.
compiled: $(COMPILED_STAMP)

$(COMPILED_STAMP): pyproject.toml setup.py $(shell find framing -name '*.py')
	$(PYTHON) -m venv $(COMPILED_VENV)
	$(COMPILED_VENV)/bin/python -m pip install --quiet --upgrade pip 'setuptools>=70.1' 'mypy>=2.4'
	FRAMING_COMPILE=1 $(COMPILED_VENV)/bin/python -m pip install --quiet --no-build-isolation '.[dask]'
	$(COMPILED_VENV)/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(COMPILED_VENV)/bin/python -P -c "from framing.build import build_kind; print('framing:', build_kind())"
	touch $(COMPILED_STAMP)

lab: setup
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) $(COMPILED_VENV) build .mypy_cache *.egg-info .pytest_cache .ruff_cache .import_linter_cache
