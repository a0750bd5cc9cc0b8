#!/bin/sh
# Rebuilds every file of the held-out set from the fixed seeds and re-checks it.
set -e
cd "$(dirname "$0")"
PY=../.venv/bin/python
[ -x "$PY" ] || { python3 -m venv ../.venv && ../.venv/bin/pip install -q -r requirements.txt; }
for n in 1 2 3 4; do $PY scenario$n.py ../matching/scenario-$n.json; done
$PY check_matching.py ../matching
$PY gen_statements.py
$PY check_statements.py
