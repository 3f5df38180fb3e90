# Two commands on a fresh machine: `make reports` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?=
# Extra arguments for `sco-games run`, e.g. `make reports ARGS="--force --scenario iraq_2003"`.
ARGS   ?=

.PHONY: reports test test-slow test-explore lint lab bench clean-reports strip docs

# Create .venv (falls back to a pip-less venv + the system pip when python3-venv/ensurepip is missing),
# install the package with its extras, and register the venv's interpreter as the Jupyter kernels
# "sco-games" (used by the runner) and "python3" (the notebooks' metadata, for `make lab`).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) \
	  || { rm -rf $(VENV) && $(PYTHON) -m venv --without-pip $(VENV) \
	       && $(PYTHON) -m pip --python $(BIN)/python install --quiet pip; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,lab,oracle,dask,docs]'
	$(BIN)/python -m ipykernel install --sys-prefix --name sco-games --display-name "Python 3 (sco-games)" >/dev/null
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (sco-games)" >/dev/null
	@touch $(STAMP)

reports: $(STAMP)
	$(BIN)/sco-games run $(if $(JOBS),--jobs $(JOBS),) $(ARGS)

# Lint first; pytest runs last so that its summary line ends the output (CI reads it).
test: $(STAMP)
	$(BIN)/ruff check sco_games tests benchmarks
	$(BIN)/python -m pytest -q -n 2 -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m slow

# Random exploration of the property tests, never part of `make test` or CI (which are deterministic: the
# "ci" Hypothesis profile of tests/conftest.py): fresh random examples, EXPLORE_FACTOR (default 10) times each
# test's own count. A failure is a new counterexample: add it to the test as an @example.
test-explore: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m hypothesis --hypothesis-profile=explore

# The documentation site (docs/, Sphinx + MyST) -> docs/_build/html/index.html, offline: any warning is an error,
# and no page may load a script or stylesheet from outside the site. Its code snippets run in `make test`.
docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	$(BIN)/python docs/_check_offline.py docs/_build/html

lint: $(STAMP)
	$(BIN)/ruff check sco_games tests benchmarks

# (as root, e.g. in a container, JupyterLab needs --allow-root)
lab: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks/

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

# --keep-id: renumbering the cells' ids would make every notebook edit conflict with every other
strip: $(STAMP)
	$(BIN)/nbstripout --keep-id notebooks/*.ipynb

clean-reports:
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
