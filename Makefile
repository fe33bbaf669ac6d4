# Jobdeck: `make run` opens the app, `make test` runs the whole suite. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv run test lint system-deps bench screenshots clean package crash-test

venv: $(STAMP)

# Re-install whenever pyproject.toml changes; the stamp makes repeated runs instant.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: venv
	$(BIN)/jobdeck

# Qt needs a few system libraries even offscreen; install them when missing (CI runs as root).
system-deps:
	@bash scripts/system-deps.sh

lint: venv
	$(BIN)/ruff check desktop tests benchmarks scripts
	$(BIN)/ruff format --check desktop tests benchmarks scripts

test: venv system-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Jobdeck at scale (default 100,000 postings; N=... for fewer). Prints a table and a JSON line.
bench: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run $(if $(N),--count $(N))

# 50 SIGKILLs of a busy writer; every acknowledged write must survive (about a minute).
crash-test: venv
	$(BIN)/python scripts/crash_test.py --kills 50

screenshots: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/make_screenshots.py resources/screenshots

# The PyInstaller bundle, a .deb and a .tar.gz under dist/, then their smoke test. Needs no .venv:
# it builds in build/venv (and, as root, installs the Debian tools it needs). See packaging/.
package:
	bash scripts/package.sh

clean:
	rm -rf build dist .pytest_cache .ruff_cache
