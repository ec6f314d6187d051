# The two set-up commands of the README: `make demo` and `make test`. Both build the virtual
# environment from the project's own files, so a fresh machine needs nothing installed by hand.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	$(BIN)/c2n demo

test: venv
	$(BIN)/ruff check domain projections adapters consumers tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q -ra -p no:cacheprovider --durations=25

lint: venv
	$(BIN)/ruff check domain projections adapters consumers tests bench
	$(BIN)/mypy

bench: venv
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .c2n .pytest_cache .mypy_cache .ruff_cache
