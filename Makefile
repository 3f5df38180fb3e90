# Two commands on a fresh machine: `make reports` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?=

.PHONY: reports test test-slow lint lab bench clean-reports strip

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,lab,oracle]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (sco-games)" >/dev/null
	@touch $(STAMP)

reports: $(STAMP)
	$(BIN)/sco-games run $(if $(JOBS),--jobs $(JOBS),)

test: $(STAMP)
	$(BIN)/ruff check sco_games tests benchmarks
	$(BIN)/python -m pytest -q -n 2 -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

lint: $(STAMP)
	$(BIN)/ruff check sco_games tests benchmarks

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

strip: $(STAMP)
	$(BIN)/nbstripout notebooks/*.ipynb

clean-reports:
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
