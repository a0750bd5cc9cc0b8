"""Jinja's syntax errors in plain words, at the line a person has to look at.

"Unexpected end of template" for a deleted `{% endif %}` points past the last line; the line
to look at is the `{% if %}` left open. "expected token 'end of print statement'" means
something in a `{{ … }}` cannot be read. These are for the older two-file templates; the
wording files have their own messages (render/wording.py)."""
from __future__ import annotations

import re

import jinja2

_BLOCK_TAGS = frozenset({"if", "for", "block", "macro", "call", "filter", "raw", "with", "autoescape", "trans"})
_KNOWN_FILTERS = "|ltr, |money, |date and |longdate (and Jinja's own, like |length)"


def _open_tags(env: jinja2.Environment, source: str) -> list[tuple[str, int]]:
    """The block tags still open where lexing stops, outermost first, with their lines."""
    stack: list[tuple[str, int]] = []
    expect_name = False
    set_line: int | None = None
    try:
        for lineno, kind, value in env.lex(source):
            if kind == "whitespace":
                continue
            if kind == "block_begin":
                expect_name, set_line = True, None
                continue
            if expect_name and kind == "name":
                expect_name = False
                if value in _BLOCK_TAGS:
                    stack.append((value, lineno))
                elif value == "set":
                    set_line = lineno
                elif value.startswith("end"):
                    if stack and stack[-1][0] == value[3:]:
                        stack.pop()
                continue
            if kind == "operator" and value == "=" and set_line is not None:
                set_line = None  # `{% set x = … %}` needs no end
            if kind == "block_end" and set_line is not None:
                stack.append(("set", set_line))  # `{% set x %}…{% endset %}`
                set_line = None
            expect_name = False
    except jinja2.TemplateSyntaxError:
        pass
    return stack


def explain(env: jinja2.Environment, source: str, error: jinja2.TemplateSyntaxError) -> tuple[int | None, str]:
    """(line, message in plain words) for a syntax error in `source`."""
    message = error.message or str(error)
    line = error.lineno
    if message.startswith("Unexpected end of template"):
        open_tags = _open_tags(env, source)
        if open_tags:
            tag, at = open_tags[-1]
            return at, (f"the {{% {tag} %}} on this line is never closed: add {{% end{tag} %}} where "
                        f"it should end")
        return line, "the file ends inside a tag that is never closed"
    m = re.match(r"Encountered unknown tag '(\w+)'", message)
    if m:
        tag = m.group(1)
        if tag.startswith("end") or tag in ("else", "elif"):
            open_tags = _open_tags(env, "\n".join(source.split("\n")[:max(line - 1, 0)]))
            if open_tags and tag.startswith("end") and tag != f"end{open_tags[-1][0]}":
                inner, at = open_tags[-1]
                return at, (f"the {{% {inner} %}} on this line is never closed: add {{% end{inner} %}} where it "
                            f"should end (before the {{% {tag} %}} on line {line})")
            return line, f"{{% {tag} %}} here closes nothing: its opening tag is missing or already closed"
        return line, (f"{{% {tag} %}} is not a tag this template language knows (the usual ones: if, elif, else, "
                      f"endif, for, endfor, set, block, endblock)")
    m = re.match(r"no filter named '([^']+)'", message)
    if m:
        return line, f"there is no filter |{m.group(1)}; the filters are {_KNOWN_FILTERS}"
    m = re.match(r"no test named '([^']+)'", message)
    if m:
        return line, f"there is no test 'is {m.group(1)}'"
    if "expected 'end of print statement'" in message and message.startswith("unexpected end of template"):
        return line, "a {{ is never closed with }}"
    m = re.match(r"expected token 'end of (print statement|statement block)', got '(.*)'", message)
    if m and m.group(2) == "{":
        opener, closer = ("{{", "}}") if m.group(1) == "print statement" else ("{%", "%}")
        return line, f"a {opener} on this line is never closed with {closer} (another tag starts before it ends)"
    if m:
        closer = "}}" if m.group(1) == "print statement" else "%}"
        return line, (f"this tag cannot be read from '{m.group(2)}' on (a missing |, quote or operator, "
                      f"or a {closer} in the wrong place?)")
    if message.startswith("Expected an expression"):
        return line, "a tag on this line is missing its value or condition (e.g. {% if %} with nothing after 'if')"
    if message == "tag name expected":
        return line, "{% %} with nothing inside: write the tag's name, or remove it"
    m = re.match(r"unexpected '(.)'", message)
    if m:
        return line, f"a stray '{m.group(1)}' inside a tag: check that every {{{{ ends with }}}} and every {{% with %}}"
    m = re.match(r"unexpected char '(.+?)'", message)
    if m:
        return line, f"{m.group(1)} cannot be part of a tag: check the quotes and brackets on this line"
    return line, f"the template language cannot read this line ({message})"
