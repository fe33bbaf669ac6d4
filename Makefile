# Jobdeck: `make run` opens the app, `make test` runs the whole suite. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two steps, each remembered by a stamp: the app's libraries (make run), then the test tools
# on top (make test, lint, bench). `make run` never installs pytest, hypothesis or ruff.
APP_STAMP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed

.PHONY: venv app-venv run test lint system-deps app-system-deps bench screenshots clean package crash-test

# The developer's environment: the app and the test tools.
venv: $(STAMP)

app-venv: $(APP_STAMP)

# Re-install whenever pyproject.toml changes; the stamps make repeated runs instant. pip prints
# each library as it is fetched and installed (the first time takes a minute or two).
$(APP_STAMP): pyproject.toml
	@echo "Setting up Jobdeck in $(VENV): the app's libraries (PySide6, the largest, is ~250 MB)"
	@test -x $(BIN)/python || { echo "Creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e .
	@touch $@
	@echo "Jobdeck is installed in $(VENV)."

$(STAMP): $(APP_STAMP)
	@echo "Adding the test tools (pytest, pytest-qt, hypothesis, ruff)"
	$(BIN)/python -m pip install -e '.[test]'
	@touch $@

# Qt's system libraries for the window (libxcb-cursor0 and the other X11 ones); as root they
# are installed, otherwise the one apt-get line to run is printed and make stops.
app-system-deps:
	@bash scripts/system-deps.sh

run: app-venv app-system-deps
	$(BIN)/jobdeck

# What the tests need besides: Xvfb and xdotool for the end-to-end tests (CI runs as root).
system-deps:
	@bash scripts/system-deps.sh --tests

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
