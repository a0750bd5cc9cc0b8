# Quick start: `make demo` runs the whole loop on the examples; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo
DEMO_NOW := 2026-12-01T10:00:00+02:00

.PHONY: demo test bench system-deps clean

$(BIN)/dunning-mailer: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# setuptools explains what an editable install is on every install: not news for `make demo`.
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/dunning-mailer
	@test -f $(DEMO)/config.toml || { $(BIN)/dunning-mailer init $(DEMO) >/dev/null && cp examples/config.toml $(DEMO)/config.toml; }
	@cp examples/open-invoices-*.xlsx $(DEMO)/drop/
	@echo "Running one cycle on $(DEMO)/ as of $(DEMO_NOW):"
	@$(BIN)/dunning-mailer run --config $(DEMO)/config.toml --now $(DEMO_NOW) -v
	@echo
	@echo "Look at: $(DEMO)/outbox/ (one .eml and one .html per email), $(DEMO)/drop/processed/,"
	@echo "and the ledger: $(BIN)/dunning-mailer status --config $(DEMO)/config.toml --now $(DEMO_NOW)"
	@echo "Run 'make demo' again: nothing is sent twice."

# Debian packages the tests use (real servers — Dovecot, PostgreSQL — and a real browser): installed when we are root,
# else the tests that need them skip with a loud reason (and fail under CI=true).
system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  command -v dovecot >/dev/null || missing="$$missing dovecot-imapd"; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	  if [ -n "$$missing" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "warning: could not install$$missing"; \
	  fi; \
	fi

test: $(BIN)/dunning-mailer system-deps
	$(BIN)/pytest -q

bench: $(BIN)/dunning-mailer system-deps
	$(BIN)/python bench/run.py

clean:
	rm -rf $(DEMO) preview .pytest_cache
