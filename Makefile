# Laget: the two commands in the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VAR := var
export LAGET_DATA_DIR ?= $(CURDIR)/$(VAR)

.PHONY: run port-free test install install-test system-packages lint typecheck pytest bench loadtest lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Python packages (pinned in pyproject.toml) and front-end packages (package-lock.json).
install: $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	npm ci --no-audit --no-fund --loglevel=error
	npm run build --silent

install-test: install system-packages
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"

# Debian packages the tests need (browser downloads do not work here): headless Chromium for
# the browser tests, LibreOffice (no GUI) to open the generated DOCX and XLSX, poppler for PDF pages.
SYSTEM_PACKAGES = chromium chromium-driver libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
system-packages:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/soffice ] || [ ! -x /usr/bin/pdftoppm ] || ! dpkg -s libreoffice-calc-nogui >/dev/null 2>&1; then \
		echo "Installing $(SYSTEM_PACKAGES) (apt)…"; \
		$$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) apt-get update -qq && \
		$$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	fi

$(VAR)/secret-key:
	@mkdir -p $(VAR)
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

# The port `make run` serves on: `make run PORT=8001`.
PORT ?= 8000

# Install, migrate, load demo data and run the Procfile's two processes with honcho: the web
# server on http://127.0.0.1:$(PORT) (plain http, localhost only) and the worker that keeps the
# stored figures current. Ctrl+C stops both. The port is checked first, before anything slow.
run: port-free
	@$(MAKE) --no-print-directory install $(VAR)/secret-key
	@export SECRET_KEY="$$(cat $(VAR)/secret-key)" LAGET_HTTPS=0 DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \
		PORT=$(PORT) PATH="$(CURDIR)/$(BIN):$$PATH" PYTHONUNBUFFERED=1; \
	laget migrate --no-input -v0 && \
	laget collectstatic --no-input -v0 && \
	laget demo && \
	echo "Laget kjører på http://127.0.0.1:$(PORT)/ (Ctrl+C for å stoppe)" && \
	exec honcho start --procfile Procfile --port $(PORT)

# Whether something already listens on 127.0.0.1:$(PORT) (it answers a connection).
port_taken = timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$(1)" 2>/dev/null

port-free:
	@if ! [[ "$(PORT)" =~ ^[0-9]+$$ ]] || [ "$(PORT)" -lt 1 ] || [ "$(PORT)" -gt 65535 ]; then \
		echo "PORT må være et portnummer fra 1 til 65535, ikke «$(PORT)»." >&2; exit 2; \
	fi
	@if $(call port_taken,$(PORT)); then \
		free=$$(($(PORT) + 1)); \
		while [ "$$free" -lt 65535 ] && $(call port_taken,$$free); do free=$$((free + 1)); done; \
		echo "Port $(PORT) er i bruk. Stopp den andre prosessen eller kjør \`make run PORT=$$free\`." >&2; \
		exit 1; \
	fi

# ruff, and the architecture's contracts (import-linter, [tool.importlinter] in pyproject.toml).
lint: install-test
	$(BIN)/ruff check laget tests bench conftest.py .ci/smoke
	$(BIN)/ruff format --check laget tests bench conftest.py .ci/smoke
	$(BIN)/lint-imports --no-cache

typecheck: install-test
	$(BIN)/mypy laget

# Tests run in parallel, one worker per core (pytest-xdist); a worker that is done takes tests
# from the other's queue (worksteal: the long tests do not leave one core idle at the end);
# PYTEST_ARGS adds to or narrows them.
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
PYTEST_DIST ?= worksteal

pytest: install-test
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) $(PYTEST_ARGS)

# The whole suite: lint (with the architecture's contracts), type check, then every test
# (browser tests included).
test: install-test
	$(BIN)/ruff check laget tests bench conftest.py .ci/smoke
	$(BIN)/ruff format --check laget tests bench conftest.py .ci/smoke
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy laget
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) $(PYTEST_ARGS)

# Re-resolve the pins in pyproject.toml and record every transitive version.
lock: $(BIN)/python
	$(BIN)/pip install --quiet --upgrade -e ".[test]"
	(echo "# Exact versions of every Python package Laget and its tests install (make lock regenerates it)."; \
	 $(BIN)/pip freeze --exclude-editable | grep -v '^-e' | sort -f) > constraints.txt

bench: install
	$(BIN)/python -m bench

# Load test, not part of `make test`: gunicorn on DATABASE_URL (a database with the demo data),
# locust with 20 users for 3 minutes; LOAD_USERS, LOAD_DURATION and others in bench/load/run.py.
loadtest: install-test
	$(BIN)/python bench/load/run.py

clean:
	rm -rf $(VENV) node_modules $(VAR) artifacts .pytest_cache .mypy_cache .ruff_cache
