# Two commands on a fresh machine with Python 3.11 and make:
#   make demo   set up .venv, release the assignments, grade the example submissions with grade-all, print the grades
#   make test   set up .venv and run the whole test suite (the browser tests need: apt-get install chromium)
#   make lab    JupyterLab on the release notebooks, with nbgrader's Validate button
#   make site   the course website, readable offline and with no solution in it, in build/site/
PYTHON ?= python3.11
VENV := .venv
BIN := $(abspath $(VENV))/bin
# nbgrader's gradebook calls the `alembic` found on PATH: use the environment's.
export PATH := $(BIN):$(PATH)
# One BLAS thread per process: the tests run two workers on two cores and nbgrader one kernel at a time
# next to its own process; more threads than cores make OpenBLAS spin (two 2-thread processes ran the
# sparse-coding training 10 times slower than one 1-thread process).
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1

.PHONY: demo test build lab site clean

$(VENV)/installed: pyproject.toml
	command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# jupyter-events pulls in jsonschema's optional IRI checker, which builds a parser whenever jsonschema is
	# imported: 2 s of CPU in every process that imports nbformat (each nbgrader and autograder command).
	# Nothing here checks IRIs; without it jsonschema skips that format.
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	touch $@

demo: $(VENV)/installed
	$(BIN)/python -m autograder demo

test: $(VENV)/installed
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Students: JupyterLab on the release notebooks. nbgrader's lab and server extensions come with its package
# (pip enables them in .venv), so the notebook toolbar has Validate and the menu bar Nbgrader.
lab: $(VENV)/installed
	$(BIN)/jupyter lab --ServerApp.root_dir=release

# The course website: build/site/index.html, from source/ (figures of the reference solutions) and release/
# (what students see). Executions are cached in build/site-cache/: a rebuild runs only the edited notebooks.
site: $(VENV)/installed
	$(BIN)/python -m autograder.site

# Regenerate the source solution cells, release notebooks and example submissions.
build: $(VENV)/installed
	$(BIN)/python -m autograder build

clean:
	rm -rf $(VENV) build
