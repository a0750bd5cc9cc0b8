"""The core never imports an edge: keeps the architecture of style.md true."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dunning_mailer"
CORE = {"model", "calendar", "policy", "planner", "render", "replies", "matching"}
EDGES = {"ledger", "sources", "transports", "mailboxes", "cycle", "cli", "worker", "config", "testing"}
FORBIDDEN_MODULES = {"sqlite3", "smtplib", "imaplib", "imapclient", "socket", "subprocess", "keyring",
                     "openpyxl", "python_calamine", "os", "shutil", "time"}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                names.add("." + (node.module or ""))
            else:
                names.add(node.module or "")
    return names


def test_core_imports_no_edge():
    for name in CORE:
        path = PACKAGE / f"{name}.py"
        found = imports(path)
        local = {n.lstrip(".").split(".")[0] for n in found if n.startswith(".")}
        assert not local & EDGES, f"{name}.py imports edge module(s) {local & EDGES}"
        outside = {n.split(".")[0] for n in found if not n.startswith(".")}
        assert not outside & FORBIDDEN_MODULES, f"{name}.py does I/O through {outside & FORBIDDEN_MODULES}"
