# Two commands for a newcomer: `make up` (run it) and `make test` (test it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installerad

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/var/prefect
export PREFECT_RUNNER_POLL_FREQUENCY ?= 2

.PHONY: up up-prod demo test test-prod lint install clean libreoffice chromium oidc axe bench ocr

# The venv is rebuilt when the dependencies change; constraints.txt pins what was tested.
# eark-validator (the E-ARK Foundation's validator, for the export package: tests/eark.py) is
# installed without its dependencies: it pins lxml==5.1.0 exactly, which would take the whole
# project (python-docx, docxtpl, pyHanko) back to an lxml of January 2024 for a test tool. It
# runs on the pinned lxml; its other needs (pydantic, importlib-resources) come with '.[dev]'.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps -c constraints.txt eark-validator
	touch $(STAMP)
	mkdir -p $(PREFECT_HOME)

# PDFs are made by LibreOffice (Debian's libreoffice-writer). Installed here where apt-get
# and root are at hand; elsewhere a message, and the Word files are still made.
libreoffice:
	@if command -v soffice >/dev/null || command -v libreoffice >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installerar libreoffice-writer (för PDF) ..."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-writer >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-writer >/dev/null; }; \
	else echo "LibreOffice saknas: installera libreoffice-writer för PDF (Word-filerna görs ändå)."; fi

# Earlier documents are read by pdftotext (poppler-utils) and, when scanned, by OCRmyPDF with
# Tesseract's Swedish model (Debian's ocrmypdf, tesseract-ocr-swe; Ghostscript comes with
# ocrmypdf); the same tools number a scan's or an image's stycken and OCR its masked copy. Installed like LibreOffice; without them `arende importera` says what is missing
# and the OCR tests are skipped, except in CI.
ocr:
	@if command -v ocrmypdf >/dev/null && command -v pdftotext >/dev/null \
		&& tesseract --list-langs 2>/dev/null | grep -qx swe; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installerar ocrmypdf, tesseract-ocr-swe och poppler-utils (för äldre handlingar) ..."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ocrmypdf tesseract-ocr tesseract-ocr-swe poppler-utils >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ocrmypdf tesseract-ocr tesseract-ocr-swe poppler-utils >/dev/null; }; \
	else echo "OCR saknas: installera Debians ocrmypdf, tesseract-ocr-swe och poppler-utils för äldre handlingar."; fi

# The browser test (tests/e2e) drives Debian's Chromium through Playwright; no browser is
# downloaded. Installed here like LibreOffice; without it the test is skipped, except in CI.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installerar chromium (för webbläsartestet) ..."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null; }; \
	else echo "Chromium saknas: installera Debians chromium för webbläsartestet (tests/e2e)."; fi

# The local login (deployments/oidc: panva's oidc-provider on Node, the grunddata's people as
# users) for `make up` and the tests. npm ci again when package-lock.json is newer than the
# install; without Node.js and npm a message, and the login tests are skipped, except in CI.
OIDC := deployments/oidc
oidc:
	@if [ -f $(OIDC)/node_modules/.package-lock.json ] \
		&& [ ! $(OIDC)/package-lock.json -nt $(OIDC)/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null; then \
		echo "Installerar oidc-provider (den lokala inloggningen) ..."; \
		cd $(OIDC) && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm saknas: installera Node.js 20 eller senare (med npm) för den lokala inloggningen."; fi

# axe-core, injected into the public site's pages in Chromium for the accessibility check
# (tests/e2e/test_publik_tillganglighet.py); like the provider, npm ci when the lock is newer.
AXE := tests/e2e/axe
axe:
	@if [ -f $(AXE)/node_modules/.package-lock.json ] \
		&& [ ! $(AXE)/package-lock.json -nt $(AXE)/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null; then \
		echo "Installerar axe-core (tillgänglighetsgranskningen) ..."; \
		cd $(AXE) && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm saknas: installera Node.js 20 eller senare (med npm) för tillgänglighetsgranskningen."; fi

install: $(STAMP) libreoffice chromium oidc axe ocr

up: install
	$(BIN)/python -m deployments.up

demo: install
	$(BIN)/python -m deployments.demo

# The production profile on this machine against the local PostgreSQL
# (deployments/produktion/README.md): server on PostgreSQL, work pool, two workers, scheduler.
up-prod: install
	PREFECT_HOME=$(CURDIR)/var/prefect-prod $(BIN)/python -m deployments.up_prod

# Every benchmark in bench/ as one table (figure, floor or reference, ratio); not in `make test`.
# BENCH_ARGS=--full for the issues' sizes.
bench: install
	$(BIN)/python -m bench.alla $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check src flows deployments tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Everything but the production profile's long runs (soak, crashes, many at once), the
# six-minute browser journey through Prefect's UI and the tävlingsbidrag's journey through
# Prefect: the goal is ten minutes on a 2-core machine (the Prefect flow tests, which mostly
# wait for resumes, are the pole).
# CI runs both.
test: lint
	$(BIN)/pytest -m "not prod" -n 2 --dist loadfile

# The production profile (the Prefect server on PostgreSQL, a process work pool with two real
# workers: the crash, concurrency and soak tests, deployments/produktion/README.md),
# `make demo` run whole on a real server, the browser journey (tests/e2e), and the
# tävlingsbidrag, the utlämnande, the older documents' import, the gallring, an ärende
# opened from incoming post, the registrator's run and a reminder's run through Prefect
# (tests/flows, marked prod: they would take make test past ten minutes), and a three-page
# scanned protokoll's import.
test-prod: install
	$(BIN)/pytest -m prod

clean:
	rm -rf var test-output
