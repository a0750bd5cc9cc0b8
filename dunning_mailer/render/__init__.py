"""A planned email + the templates -> subject, text and RTL HTML -> the exact bytes to send.

A template folder (`templates/he/`, `templates/en/`) holds one file per stage, `<stage>.md`,
in the business owner's own words (wording.py), and `_phrases.md`, the ready phrases and the
words of the shared layout. The layout itself (layout.py) belongs to the program; config.toml's
[layout] switches parts of it. Both parts of an email come from the same file.

Folders made before issue 17 (three Jinja files per stage on `_base.*`) are still read
(legacy.py); `dunning-mailer templates migrate` converts them. The daily digest to the business
(`business/digest.*`) stays Jinja.
"""
from __future__ import annotations

from pathlib import Path

import jinja2

from ..model import Layout
from . import layout as _layout
from .context import Instalment, InvoiceLine, Total, context
from .formats import (CURRENCY_SIGNS, ENGLISH_MONTHS, HEBREW_MONTHS, LRI, NBSP, PDI, format_date,
                      format_money, long_date)
from .legacy import LEGACY_PARTS, filters, render_parts
from .message import RenderedEmail, build_message
from .vocabulary import View
from .wording import Phrase, Wording, WordingError, parse, render_paragraphs, render_segs, tidy

__all__ = ["CURRENCY_SIGNS", "ENGLISH_MONTHS", "Environment", "HEBREW_MONTHS", "Instalment", "InvoiceLine",
           "LRI", "Layout", "NBSP", "PDI", "PHRASES_FILE", "RenderedEmail", "TemplateError", "Total",
           "build_message", "context", "environment", "format_date", "format_money", "long_date", "render",
           "stage_format"]

PHRASES_FILE = _layout.PHRASES_FILE
STAGE_SUFFIX = ".md"


class TemplateError(Exception):
    """A template that cannot be loaded or rendered; names the file and line."""

    def __init__(self, template: str, message: str, line: int | None = None):
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: {message}")
        self.template = template
        self.line = line


class Environment(jinja2.Environment):
    """One template folder: its wording files, parsed once when first used, and a Jinja
    environment for the two-file layout and the business's own mail."""

    def __init__(self, folder: Path, language: str, layout: Layout, **options):
        super().__init__(**options)
        self.folder = Path(folder)
        self.language = language
        self.layout = layout
        self.compiled: dict[str, tuple | TemplateError | None] = {}
        self._shared: Wording | None = None

    def shared(self) -> Wording:
        """`_phrases.md`, parsed (an empty one, with its problem, when it is missing)."""
        if self._shared is None:
            path = self.folder / PHRASES_FILE
            try:
                source = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                w = Wording(PHRASES_FILE, self.language)
                w.problem(None, f"the folder has no {PHRASES_FILE}: it holds the layout's words and the ready "
                                f"phrases every stage uses (`dunning-mailer templates migrate` writes one)", "files")
                self._shared = w
                return w
            except UnicodeDecodeError as e:
                w = Wording(PHRASES_FILE, self.language)
                w.problem(None, f"not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8")
                self._shared = w
                return w
            self._shared = parse(source, PHRASES_FILE, self.language, shared=True)
        return self._shared

    def stage(self, template: str):
        """The parsed `<template>.md` with every phrase it can use; None for a two-file stage."""
        if template in self.compiled:
            found = self.compiled[template]
        else:
            found = self.compiled[template] = self._compile_stage(template)
        if isinstance(found, TemplateError):
            raise found
        return found

    def _compile_stage(self, template: str):
        name = template + STAGE_SUFFIX
        path = self.folder / name
        if not path.is_file():
            if (self.folder / (template + ".txt")).is_file():
                return None
            return TemplateError(name, f"the stage's file is missing (or, in the older layout, "
                                       f"{', '.join(template + s for s in LEGACY_PARTS)})")
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            return TemplateError(name, f"not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8")
        w = parse(source, name, self.language)
        shared = self.shared()
        for source_file in (w, shared):
            for problem in source_file.problems:
                return TemplateError(source_file.file, problem.message, problem.line)
        phrases = {**shared.phrases, **w.phrases}
        return w, phrases, _layout.LayoutWords(phrases)


def environment(folder: Path, language: str | None = None, layout: Layout | None = None) -> Environment:
    """Templates from `folder`; the language defaults to the folder's name ("en", else Hebrew)."""
    language = language or ("en" if Path(folder).name == "en" else "he")
    env = Environment(
        Path(folder), language, layout or Layout(),
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # one environment serves one cycle; no stat() of every template per email
    )
    env.filters.update(filters(language))
    return env


def stage_format(folder: Path, template: str) -> str:
    """"wording" (`<template>.md`), "legacy" (the three Jinja files) or "missing"."""
    if (Path(folder) / (template + STAGE_SUFFIX)).is_file():
        return "wording"
    if any((Path(folder) / (template + s)).is_file() for s in LEGACY_PARTS):
        return "legacy"
    return "missing"


def render(env: Environment, template: str, ctx: dict) -> RenderedEmail:
    """The stage's subject, text part and HTML part for one email."""
    compiled = env.stage(template) if isinstance(env, Environment) else None
    if compiled is None:
        subject, text, html = render_parts(env, template, ctx, TemplateError)
    else:
        try:
            subject, text, html = _render_wording(env, template, ctx, *compiled)
        except WordingError as e:
            raise TemplateError(e.file, e.message, e.line) from None
    subject = " ".join(subject.split())
    if not subject:
        raise TemplateError(template + (STAGE_SUFFIX if compiled else ".subject.txt"), "the subject is empty")
    return RenderedEmail(subject, text.strip() + "\n", html)


def _render_wording(env: Environment, template: str, ctx: dict, w: Wording, phrases: dict[str, Phrase],
                    words: _layout.LayoutWords) -> tuple[str, str, str]:
    view = View(ctx, env.language)
    file = w.file
    subject = tidy(render_segs(w.sections["subject"][0][0].segs, 0, view, phrases, file))
    preview = render_paragraphs(w.sections.get("preview"), 1, view, phrases, file)
    kind = _layout.kind_of(template, ctx)
    parts = []
    for html in (0, 1):
        pieces = {"message": render_paragraphs(w.sections["message"], html, view, phrases, file),
                  "closing": render_paragraphs(w.sections.get("closing"), html, view, phrases, file),
                  "preheader": " ".join(text for lines in preview for _, text in lines)}
        if html:
            pieces = {k: _markup(v) for k, v in pieces.items()}
        parts.append(_layout.part(view, phrases, words, pieces, env.layout, kind, html))
    return subject, parts[0], parts[1]


def _markup(value):
    from markupsafe import Markup

    if isinstance(value, str):
        return Markup(value)
    return [[(bullet, Markup(text)) for bullet, text in lines] for lines in value]
