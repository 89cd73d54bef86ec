# Bastion: `make run` starts the hub on the example configuration; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= config/
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint check-python bench frontend frontend-check clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Bastion needs Python >= 3.12 (found: $$($(PYTHON) --version 2>&1))."; \
	  echo "Install Python 3.13 (pyenv reads .python-version) or run: make PYTHON=python3.13 ..."; \
	  exit 1; }

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(STAMP)

# First run: generate $(CONFIG)/secrets.yaml (random codes, printed once; never overwritten).
# Every run: start the simulated ESPHome device on 127.0.0.1:6053 in the background, stop it
# when the hub exits. The hub starts fine without it (the device shows as unavailable).
DEMO_DEVICE = $(CONFIG:%/=%)/.demo/esphome_device.yaml
run: check-python $(STAMP)
	@$(BIN)/python scripts/demo_secrets.py --config $(CONFIG)
	@sim=; \
	if [ -f "$(DEMO_DEVICE)" ]; then \
	  $(BIN)/bastion simulate esphome --config "$(DEMO_DEVICE)" --wiggle 30 & sim=$$!; \
	fi; \
	trap 'if [ -n "$$sim" ]; then kill $$sim 2>/dev/null; wait $$sim 2>/dev/null; fi' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	$(BIN)/bastion run --config $(CONFIG)

lint: check-python $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest -q

bench: check-python $(TEST_STAMP)
	$(BIN)/python bench/run_all.py

# Rebuild the committed web UI bundle (needs Node.js 20+ and npm).
frontend:
	cd frontend && npm ci --no-audit --no-fund && npm run build

# CI: the committed bundle must be exactly what the sources build.
frontend-check: frontend
	git diff --exit-code -- frontend/dist
	@test -z "$$(git status --porcelain -- frontend/dist)" || { \
	  echo "frontend/dist has files the committed bundle lacks: run make frontend and commit"; exit 1; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
