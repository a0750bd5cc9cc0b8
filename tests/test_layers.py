"""The architecture of style.md stays true: the core never imports an edge, and no module of the
package imports itself back through others (an import circle), lazy imports included."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dunning_mailer"
CORE = {"model", "calendar", "policy", "planner", "render", "replies", "matching", "shown", "payments"}
EDGES = {"ledger", "sources", "transports", "mailboxes", "cycle", "cli", "worker", "config", "testing", "console"}
FORBIDDEN_MODULES = {"sqlite3", "smtplib", "imaplib", "imapclient", "socket", "subprocess", "keyring",
                     "openpyxl", "python_calamine", "os", "shutil", "time"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(path: Path) -> set[str]:
    """Absolute names of everything `path` imports (at any depth of the file)."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
                names.add(prefix)
                names |= {f"{prefix}.{a.name}" for a in node.names}  # `from . import render`
            else:
                names.add(node.module or "")
    return names


def test_core_imports_no_edge():
    for name, path in modules().items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in CORE:
            continue
        found = imported(path)
        local = {n.split(".")[1] for n in found if n.startswith("dunning_mailer.") and n.count(".") >= 1}
        assert not local & EDGES, f"{name} imports edge module(s) {local & EDGES}"
        outside = {n.split(".")[0] for n in found if not n.startswith("dunning_mailer")}
        assert not outside & FORBIDDEN_MODULES, f"{name} does I/O through {outside & FORBIDDEN_MODULES}"


def test_the_core_modules_and_packages_exist():
    found = modules()
    for name in CORE:
        assert f"dunning_mailer.{name}" in found, name


def test_no_import_circles():
    mods = modules()
    graph = {}
    for name, path in mods.items():
        deps = set()
        for n in imported(path):
            # the deepest module of the package this name points at
            while n and n not in mods:
                n = n.rpartition(".")[0]
            if n and n != name and not name.startswith(n + ".") and n != "dunning_mailer":
                deps.add(n)
        graph[name] = deps
    # a package's __init__ re-exporting its own modules is not a circle of rooms
    for name in graph:
        graph[name] = {d for d in graph[name] if not (d.startswith(name + ".") and mods[name].name == "__init__.py")}
    seen, stack, circles = set(), [], []

    def visit(node):
        if node in stack:
            circles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            visit(dep)
        stack.pop()

    for node in sorted(graph):
        visit(node)
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles[:5])
