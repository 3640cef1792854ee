# Laget: the two commands in the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VAR := var
export LAGET_DATA_DIR ?= $(CURDIR)/$(VAR)

.PHONY: run test install install-test system-packages lint typecheck pytest bench loadtest lock clean

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

# Install, migrate, load demo data and serve on http://127.0.0.1:8000 (plain http, localhost only).
run: install $(VAR)/secret-key
	@export SECRET_KEY="$$(cat $(VAR)/secret-key)" LAGET_HTTPS=0 DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost; \
	$(BIN)/laget migrate --no-input -v0 && \
	$(BIN)/laget collectstatic --no-input -v0 && \
	$(BIN)/laget demo && \
	echo "Laget kjører på http://127.0.0.1:8000/ (Ctrl+C for å stoppe)" && \
	exec $(BIN)/laget runserver --noreload 127.0.0.1:8000

lint: install-test
	$(BIN)/ruff check laget tests bench conftest.py
	$(BIN)/ruff format --check laget tests bench conftest.py

typecheck: install-test
	$(BIN)/mypy laget

# Tests run in parallel, one worker per core (pytest-xdist); PYTEST_ARGS adds to or narrows them.
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

pytest: install-test
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The whole suite: lint, type check, then every test (browser tests included).
test: install-test
	$(BIN)/ruff check laget tests bench conftest.py
	$(BIN)/ruff format --check laget tests bench conftest.py
	$(BIN)/mypy laget
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

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
