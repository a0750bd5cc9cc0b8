"""The documented template context, checked statically: unknown variables and attributes."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Sequence

from jinja2 import nodes

from ..model import Stage
from .findings import ERROR, Finding
from .samples import sample_contexts


@dataclass
class ContextShape:
    """The documented context as render.context() builds it: names, and the type behind each."""

    names: frozenset[str]
    objects: dict[str, type]  # name -> dataclass type of the value
    lists: dict[str, type]  # name -> dataclass type of the items


def context_shape(stages: Sequence[Stage], language: str) -> ContextShape:
    names: set[str] = set()
    objects: dict[str, type] = {}
    lists: dict[str, type] = {}
    for stage in stages:
        for _, ctx in sample_contexts(stage, language):
            names |= set(ctx)
            for key, value in ctx.items():
                if dataclasses.is_dataclass(value) and not isinstance(value, type):
                    objects.setdefault(key, type(value))
                elif isinstance(value, (list, tuple)) and value and dataclasses.is_dataclass(value[0]):
                    lists.setdefault(key, type(value[0]))
    # Lists the shared layouts derive from `invoices` (late, soon, focus) hold the same items.
    if "invoices" in lists:
        for derived in ("focus", "late", "soon"):
            lists.setdefault(derived, lists["invoices"])
    return ContextShape(frozenset(names), objects, lists)


def _attribute_names(cls: type) -> frozenset[str]:
    names = {f.name for f in dataclasses.fields(cls)}
    names |= {n for n in dir(cls) if not n.startswith("_")}
    return frozenset(names)


def _list_name(node: nodes.Node, shape: ContextShape) -> str | None:
    while isinstance(node, nodes.Filter) and node.node is not None:
        if node.name not in ("list", "sort", "reverse", "selectattr", "rejectattr", "unique"):
            return None
        node = node.node
    return node.name if isinstance(node, nodes.Name) and node.name in shape.lists else None


def _static_attribute_findings(file: str, ast: nodes.Template, shape: ContextShape) -> list[Finding]:
    """`inv.balanse`, `business.phon`: attributes that do not exist, even on branches samples skip."""
    out = []
    loop_vars: dict[str, type] = {}
    for loop in ast.find_all(nodes.For):
        name = _list_name(loop.iter, shape)
        if name and isinstance(loop.target, nodes.Name):
            loop_vars[loop.target.name] = shape.lists[name]
    for node in ast.find_all(nodes.Getattr):
        base = node.node
        cls = None
        if isinstance(base, nodes.Name):
            cls = shape.objects.get(base.name) or loop_vars.get(base.name)
            shown = base.name
        elif isinstance(base, nodes.Getitem) and _list_name(base.node, shape):
            listed = _list_name(base.node, shape)
            cls = shape.lists[listed]
            shown = f"{listed}[…]"
        if cls is not None and node.attr not in _attribute_names(cls):
            known = ", ".join(sorted(f.name for f in dataclasses.fields(cls)))
            out.append(Finding(file, node.lineno, ERROR, "context",
                               f"'{shown}.{node.attr}' does not exist (known: {known})"))
    return out


def _defined_names(ast: nodes.Node) -> set[str]:
    """Names a template defines at its top level: what a child that extends it may use."""
    names: set[str] = set()
    for node in ast.iter_child_nodes():
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            target = node.target
            names |= {target.name} if isinstance(target, nodes.Name) else {
                n.name for n in target.find_all(nodes.Name)}
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
        elif isinstance(node, nodes.Import):
            names.add(node.target)
        elif isinstance(node, nodes.FromImport):
            names |= {n if isinstance(n, str) else n[1] for n in node.names}
        elif isinstance(node, nodes.If):  # a top-level {% if %} does not open a scope
            names |= _defined_names(node)
    return names


def _parent(ast: nodes.Template) -> str | None:
    for node in ast.body:  # {% extends %} belongs at the top level
        if not isinstance(node, nodes.Extends):
            continue
        if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
            return node.template.value
    return None


def _first_line_of_name(ast: nodes.Template, name: str) -> int | None:
    lines = [n.lineno for n in ast.find_all(nodes.Name) if n.name == name and n.ctx == "load"]
    return min(lines) if lines else None
