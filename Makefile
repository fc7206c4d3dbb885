# IASSIST Handbook. `make help` lists the targets.
#   make html                          the web handbook from docs/, in _build/html
#   make latexpdf                      the printable member guide, _build/latex/iassist-member-guide.pdf
#   make livehtml                      a live preview that rebuilds on every save
#   make migrate SITE=path/to/hugo-site  once: convert a Hugo site into docs/
#   make html SITE=path/to/hugo-site   the transition preview: a Hugo site as it is, not migrated
#   make test                          the test suite

SITE       ?=
BUILDDIR   ?= _build
SPHINXOPTS ?= -W --keep-going -n
JOBS       ?= 2
LIVEPORT   ?= 8000
PYTHON3    ?= python3
VENV       ?= .venv
DOCS       := docs

PYTHON      := $(VENV)/bin/python
SPHINXBUILD := $(VENV)/bin/sphinx-build
VENV_STAMP  := $(VENV)/.installed
NODE_STAMP  := node_modules/.installed

# docs/ is the handbook's source. With SITE=..., the transition preview: the Hugo site
# is imported (only what changed) into a generated source folder under the build
# folder, with the handbook's own pages of docs/, and that is built; docs/ is never
# written. File names may contain spaces.
PREVIEWDIR := $(BUILDDIR)/site-src
SOURCEDIR  := $(if $(SITE),$(PREVIEWDIR),$(DOCS))
SOURCE     := $(if $(SITE),preview,$(VENV_STAMP))

.PHONY: help html import preview migrate latexpdf tex-deps check-deps test livehtml linkcheck clean

help: ## Show this help
	@echo "Usage: make <target> [SITE=path/to/hugo-site]"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(VENV_STAMP): requirements.txt
	$(PYTHON3) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# The transition preview's import: the site's unchanged pages are not rewritten, and an
# unchanged site is not even converted (0.1 s), so Sphinx's incremental build stays fast.
# Its report (_generated/import-report.json of the preview's source) becomes the page
# _import-report/ of the HTML build, which ends with the report's summary: before an
# HTML build, the import counts the problems on one line (--brief).
preview: | $(VENV_STAMP)
	@test -n "$(SITE)" || { echo "make $@ needs SITE=path/to/hugo-site"; exit 2; }
	@mkdir -p $(BUILDDIR)
	$(PYTHON) -m ext.hugo_import "$(SITE)" $(PREVIEWDIR) --handbook $(DOCS) $(IMPORT_OPTS)

html livehtml: IMPORT_OPTS := --brief

import: preview ## Convert the Hugo site (SITE) into the transition preview's source, _build/site-src

migrate: | $(VENV_STAMP) ## Once: convert a Hugo site (SITE=...) into docs/ (DRY_RUN=1: show what changes; FORCE=1: overwrite edits)
	@test -n "$(SITE)" || { echo "usage: make migrate SITE=path/to/hugo-site [DRY_RUN=1] [FORCE=1]"; exit 2; }
	@$(PYTHON) -m ext.hugo_import --migrate "$(SITE)" $(DOCS) --staging $(BUILDDIR)/migration $(if $(DRY_RUN),--dry-run) $(if $(FORCE),--force)

html: $(SOURCE) ## Build the web handbook (dirhtml) into _build/html (SITE=...: preview a Hugo site)
	$(SPHINXBUILD) -b dirhtml -c . -j $(JOBS) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html

livehtml: $(SOURCE) ## Live preview at http://127.0.0.1:8000 (LIVEPORT=...): rebuilt on every save
	$(PYTHON) -m ext.live_preview -b dirhtml -c . $(SPHINXOPTS) -j $(JOBS) --port $(LIVEPORT) \
	  $(if $(SITE),--watch "$(SITE)" --watch $(DOCS) --pre-build '$(PYTHON) -m ext.hugo_import "$(SITE)" $(PREVIEWDIR) --handbook $(DOCS) --quiet') \
	  --ignore "*/.hugo-import*.json" --ignore "*/.handbook-pages.json" --ignore "*/$(BUILDDIR)/html/*" $(SOURCEDIR) $(BUILDDIR)/html

# The member guide (docs/member-guide.md) as PDF: xelatex via latexmk. The LaTeX
# build reads only the guide's pages (ext/member_guide.py). The version on the
# title page comes from conf.py (Read the Docs' version, else git describe), or
# from VERSION=... on the command line.
VERSION_OPT   = $(if $(VERSION),-D release="$(VERSION)" -D version="$(VERSION)")
TEX_PACKAGES := latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
                texlive-fonts-recommended tex-gyre fonts-dejavu-core imagemagick
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# $(call apt-install,WHAT): a shell snippet that installs the Debian packages listed in
# the shell variable $$missing (non-interactively), or says WHAT is all installed.
apt-install = if [ -n "$$missing" ]; then echo "installing:" $$missing; \
	$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	else echo "$(1): all installed"; fi

latexpdf: $(SOURCE) ## Build the member guide PDF into _build/latex (needs TeX: make tex-deps)
	$(SPHINXBUILD) -b latex -c . $(SPHINXOPTS) $(VERSION_OPT) $(SOURCEDIR) $(BUILDDIR)/latex
	$(MAKE) -C $(BUILDDIR)/latex LATEXMKOPTS="-interaction=nonstopmode -halt-on-error -silent"
	@echo "The member guide: $(BUILDDIR)/latex/iassist-member-guide.pdf"

tex-deps: ## Install the TeX packages for latexpdf (Debian/Ubuntu apt-get; only the missing ones)
	@missing="$$(for p in $(TEX_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done)"; \
	$(call apt-install,TeX packages)

linkcheck: $(SOURCE) ## Check the external links of the handbook
	$(SPHINXBUILD) -b linkcheck -c . $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck

# The quality gates (tests/quality) drive Debian's Chromium with Playwright, inject
# axe-core into pages and run the Nu HTML checker (vnu-jar) with Java. Without
# them those tests are skipped locally (and fail in CI, where CI=true).
CHECK_TOOLS := chromium:chromium java:default-jre-headless node:nodejs npm:npm

check-deps: ## Install Chromium, Java and Node.js for the quality gates (Debian/Ubuntu apt-get; only the missing ones)
	@missing="$$(for t in $(CHECK_TOOLS); do command -v $${t%%:*} >/dev/null || echo $${t#*:}; done)"; \
	$(call apt-install,Chromium / Java / Node.js)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML validity gates will be skipped (make check-deps)"; fi

test: $(VENV_STAMP) $(NODE_STAMP) ## Run the test suite (with the quality gates when make check-deps has run); PYTEST_ARGS to select
	$(PYTHON) -m pytest $(PYTEST_ARGS)

clean: ## Remove the build output (and the transition preview's source); docs/ is never touched
	rm -rf $(BUILDDIR)
