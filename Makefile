# Two commands set up a fresh machine (root, Python 3.11 and pip only):
#   make demo   - set up, then run the main job on the bundled example
#   make test   - set up, then lint, type-check, check import layers and run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.archkit-setup
MODEL  ?= examples/social-sharing.yaml
OUT    ?= exports
KERNEL := archkit

.PHONY: setup system-deps spectral browser-deps demo test lint typecheck layers pytest lab docs bench clean

setup: $(STAMP) system-deps spectral

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[llm,dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "archkit (Python 3)" >/dev/null
	touch $(STAMP)

# Graphviz renders every diagram; install it when `dot` is missing.
system-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "installing Graphviz (dot) with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }

# PostgreSQL judges the data design (archkit data --prove); Debian's package keeps its binaries
# in /usr/lib/postgresql/<version>/bin, where archkit looks for them.
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing PostgreSQL with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# The Spectral CLI and its OWASP ruleset judge the OpenAPI documents archkit writes (tests and
# benchmarks/bench_api.py). npm installs the pinned versions into tools/spectral, never globally;
# Node.js comes from Debian when it is missing.
SPECTRAL := tools/spectral/node_modules/.bin/spectral
spectral: $(SPECTRAL)

$(SPECTRAL): tools/spectral/package.json tools/spectral/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Node.js and npm with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd tools/spectral && npm ci --no-audit --no-fund --loglevel=error
	touch $(SPECTRAL)

# Headless Chromium for the browser tests (Debian's package; never a browser download).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Chromium with apt-get (about a minute)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

demo: setup
	$(BIN)/archkit workbook --model $(MODEL) --out $(OUT)

test: setup browser-deps lint typecheck layers pytest

lint:
	$(BIN)/ruff check archkit tests benchmarks
	$(BIN)/ruff format --check archkit tests benchmarks

typecheck:
	$(BIN)/mypy

layers:
	$(BIN)/lint-imports

pytest:
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

# JupyterLab refuses to start as root without --allow-root (CI machines and containers run as root).
lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

docs: setup
	$(BIN)/python -m archkit.docs

bench: setup
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
