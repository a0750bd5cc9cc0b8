"""check_templates: every rule over one template folder.

Pure checks over a template folder (no network). A stage is either one wording file
(`<stage>.md`, with the folder's `_phrases.md`; see lint/wording.py) or, in folders made before
issue 17, three Jinja files on `_base.*`. For both: what cannot be read, in plain words at the
right line; unknown names; the Hebrew layout of what each line sends; the tone rules of
`domain.md` (C1, C2, C4, C13) and of the Hebrew voice notes; then every stage is rendered with
sample data, and the result is checked again: a one-line subject, a text part that starts in
Hebrew, well-formed right-to-left HTML, and the tone of what the customer actually reads.

Every finding names its file, its line when one can be named, and the principle it protects;
one mistake is one finding (several tone rules matching one sentence are reported together)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import jinja2
from jinja2 import meta, nodes

from .. import render
from ..config import Business
from ..model import Layout, Stage
from . import wording
from .bidi import has_hebrew, jinja_fix, unisolated
from .findings import _WHEN, ERROR, Finding, RTL_LANGUAGES, WARNING, _dedupe
from .layout import _CELL_TAG, _TagChecker, _first_visible, _is_hebrew_letter
from .samples import sample_contexts
from .syntax import explain
from .tone import _JINJA, _JINJA_COMMENT, _blank, normalize, tone_spans
from .variables import ContextShape, _defined_names, _first_line_of_name, _parent, _static_attribute_findings, context_shape

# Several rules can match one sentence ("נאלץ לנקוט בצעדים משפטיים"): one finding, named for the
# most serious principle.
_PRIORITY = ("C13", "C2", "C1", "C4", "voice", "gender")
# In a wording file, the names around the text: placeholders, phrases, conditions.
_WORDING_NAMES = re.compile(r"\{[^{}]*\}|\[\[.*?\]\]|`[^`]*`|^\s*(?:אם|if)\s[^:]*:|^\s*(?:אחרת|otherwise)\s*:", re.I)
_LEGACY_ISOLATED = re.compile(r"<(span|bdi)\b[^>]*dir=\"ltr\"[^>]*>.*?</\1>", re.S | re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


class _Linter:
    def __init__(self, folder: Path, language: str, shape: ContextShape, layout: Layout, business: Business | None):
        self.folder = folder
        self.language = language
        self.shape = shape
        self.rtl = language in RTL_LANGUAGES
        self.env = render.environment(folder, language, layout)
        self.business = business
        self.findings: list[Finding] = []
        self.sources: dict[str, str] = {}
        self.asts: dict[str, nodes.Template] = {}
        self.broken: set[str] = set()  # files that cannot be read: not rendered
        self._chains: dict[str, list[str]] = {}
        self._seen_outputs: set[tuple] = set()
        self.source_tone: set[tuple[str, str, str]] = set()  # (file, rule id, words) found in the source
        self._tone: dict[tuple[str, int | None, str], list] = {}

    def add(self, file: str, line: int | None, severity: str, principle: str | None, message: str) -> None:
        self.findings.append(Finding(file, line, severity, principle, message))

    def tone(self, file: str, line: int | None, rule, words: str, span: tuple[str, int, int], note: str = "") -> None:
        """A tone rule's match; matches that overlap in one text are one mistake (flush_tone)."""
        self.source_tone.add((file, rule.id, words))
        self._tone.setdefault((file, line, rule.severity), []).append((span, rule, words, note))

    def flush_tone(self) -> None:
        for (file, line, severity), hits in self._tone.items():
            hits.sort(key=lambda h: h[0])
            clusters: list[list] = []
            for hit in hits:
                (text, start, _), last = hit[0], clusters[-1][-1] if clusters else None
                if last and text == last[0][0] and start < last[0][2] and hit[3] == last[3]:
                    clusters[-1].append(hit)
                else:
                    clusters.append([hit])
            for cluster in clusters:
                cluster.sort(key=lambda h: _PRIORITY.index(h[1].principle) if h[1].principle in _PRIORITY else 99)
                _, first, _, note = cluster[0]
                quoted = ", ".join(dict.fromkeys(f"\"{w}\"" for _, _, w, _ in cluster))
                others = list(dict.fromkeys(r.principle for _, r, _, _ in cluster[1:] if r.principle != first.principle))
                also = f" (also {', '.join(others)})" if others else ""
                self.add(file, line, severity, first.principle, f"{quoted}{note}: {first.message}{also}")
        self._tone.clear()

    # -- the older, two-file layout -----------------------------------------
    def load(self, name: str) -> None:
        path = self.folder / name
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            self.add(name, None, ERROR, "syntax", f"not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8")
            self.broken.add(name)
            return
        self.sources[name] = source
        try:
            ast = self.env.parse(source, name, str(path))
            self.env.get_template(name)  # compiles (and caches): unknown filters and tests are found here
        except jinja2.TemplateSyntaxError as e:
            line, message = explain(self.env, source, e)
            self.add(name, line, ERROR, "syntax", message)
            self.broken.add(name)
            return
        self.asts[name] = ast

    def chain(self, name: str) -> list[str]:
        """The file and the files it extends, nearest first."""
        if name in self._chains:
            return self._chains[name]
        out = [name]
        while out[-1] in self.asts:
            parent = _parent(self.asts[out[-1]])
            if parent is None or parent in out:
                break
            out.append(parent)
        self._chains[name] = out
        return out

    def check_source(self, name: str) -> None:
        ast = self.asts.get(name)
        source = self.sources.get(name)
        if ast is None or source is None:
            return
        allowed = self.shape.names | set(self.env.globals)
        for ancestor in self.chain(name):  # itself too: macros and blocks read its top-level sets
            if ancestor not in self.asts:
                continue  # missing: reported when the stage renders
            allowed |= _defined_names(self.asts[ancestor])
        for var in sorted(meta.find_undeclared_variables(ast) - allowed):
            self.add(name, _first_line_of_name(ast, var), ERROR, "context",
                     f"'{var}' is not in the template context (known: {', '.join(sorted(self.shape.names))})")
        self.findings.extend(_static_attribute_findings(name, ast, self.shape))
        is_html = name.endswith((".html", ".htm"))
        if is_html:
            self.check_cells(name, source)
        self.check_unwrapped(name, ast, is_html)
        visible = _JINJA_COMMENT.sub(_blank, source)
        for rule, line, words, span in tone_spans(visible, is_html=is_html):
            self.tone(name, line, rule, words, (name, *span))
        if self.rtl:
            self.check_literal_numbers(name, visible, is_html)

    def check_literal_numbers(self, name: str, source: str, is_html: bool) -> None:
        """Numbers, ranges, addresses and Latin words typed straight into a Hebrew line."""
        for lineno, line in enumerate(source.split("\n"), start=1):
            text = _JINJA.sub(" \u2063 ", line)
            if is_html:
                text = _ANY_TAG.sub(" ", _LEGACY_ISOLATED.sub(" \u2063 ", text))
            if not has_hebrew(text):
                continue
            for u in unisolated(text):
                self.add(name, lineno, u.severity, "RTL", u.message(jinja_fix(u, is_html)))

    def check_cells(self, name: str, source: str) -> None:
        for m in _CELL_TAG.finditer(source):
            attrs = _JINJA.sub("", m.group(2))
            missing = [a for a in ("dir", "align") if not re.search(rf"\b{a}\s*=", attrs, re.I)]
            if missing:
                line = source.count("\n", 0, m.start()) + 1
                want = ('dir="rtl" align="right"' if self.rtl else 'dir="ltr" align="left"')
                self.add(name, line, WARNING, "RTL",
                         f"<{m.group(1).lower()}> without {' and '.join(missing)}: mail clients that drop "
                         f"styles need {want} on every table and cell")

    # Attributes whose value is an id, an amount, a date or a phone number.
    _NEEDS_ISOLATION = frozenset({"number", "amount", "balance", "phone", "issue_date", "due_date",
                                  "due", "date", "made_at", "discount_until", "instalment_amount",
                                  "discount_percent"})

    def check_unwrapped(self, name: str, ast: nodes.Template, is_html: bool) -> None:
        """Ids, amounts, dates and phone numbers printed as they are break inside Hebrew."""
        if not self.rtl:
            return
        for output in ast.find_all(nodes.Output):
            for node in output.nodes:
                if isinstance(node, nodes.TemplateData):
                    continue
                field = None
                if isinstance(node, nodes.Getattr) and node.attr in self._NEEDS_ISOLATION:
                    field = node.attr
                    if field == "number" and isinstance(node.node, nodes.Name) and node.node.name == "instalment":
                        field = None  # "2 of 3", not an id
                elif isinstance(node, nodes.Name) and node.name in ("today", "earliest_due"):
                    field = node.name
                if field:
                    self.add(name, node.lineno, WARNING, "RTL",
                             f"'{field}' is printed without |ltr, |money or |date: numbers, ids and dates "
                             f"lose their order inside right-to-left text")

    def _where(self, exc: BaseException, default: str) -> tuple[str, int | None]:
        tb = exc.__traceback__
        found: tuple[str, int | None] = (default, None)
        root = self.folder.resolve()
        while tb is not None:
            try:
                rel = Path(tb.tb_frame.f_code.co_filename).resolve().relative_to(root).as_posix()
            except (ValueError, OSError):
                rel = None
            if rel is not None:
                found = (rel, tb.tb_lineno)
            tb = tb.tb_next
        return found

    def render_part(self, name: str, ctx: dict, label: str) -> str | None:
        if any(f in self.broken for f in self.chain(name)):
            return None
        try:
            return self.env.get_template(name).render(ctx)
        except jinja2.TemplateNotFound as e:
            self.add(name, None, ERROR, "files", f"needs {e.name!r}, which does not exist")
        except jinja2.UndefinedError as e:
            file, line = self._where(e, name)
            self.add(file, line, ERROR, "context", f"{e.message}: not in the template context{_WHEN}{label})")
        except jinja2.TemplateSyntaxError as e:
            line, message = explain(self.env, self.sources.get(e.name or name, ""), e)
            self.add(e.name or name, line, ERROR, "syntax", message)
        except Exception as e:  # a filter on the wrong type, a division by zero…
            file, line = self._where(e, name)
            self.add(file, line, ERROR, "render", f"{type(e).__name__}: {e}{_WHEN}{label})")
        return None

    # -- wording files ---------------------------------------------------------
    def render_wording(self, template: str, ctx: dict, label: str) -> dict[str, str] | None:
        try:
            out = render.render(self.env, template, ctx)
        except render.TemplateError as e:
            principle = "context" if "has no value" in str(e) or "not a ready phrase" in str(e) else "render"
            message = str(e).split(": ", 1)[-1]
            self.add(e.template, e.line, ERROR, principle, f"{message}{_WHEN}{label})")
            return None
        return {".subject.txt": out.subject, ".txt": out.text, ".html": out.html}

    # -- what the customer reads ------------------------------------------------
    def locate(self, rendered_line: str, files: list[str], words: str) -> tuple[str, int | None]:
        """The source line that most likely produced `rendered_line` (best effort)."""
        best: tuple[float, str, int | None] = (0.0, files[0], None)
        target = rendered_line.strip()
        wanted = [w for w in words.split() if len(w) >= 3]
        for file in files:
            names = _WORDING_NAMES if file.endswith(render.STAGE_SUFFIX) else _JINJA
            for lineno, line in enumerate(self.sources.get(file, "").split("\n"), start=1):
                fragments = [f.strip() for f in names.split(line)]
                fragments = [f for f in fragments if len(f) >= 3]
                if not fragments:
                    continue
                score = sum(len(f) for f in fragments if f in target)
                if wanted and score:
                    plain = normalize(line, is_html=True)[0]
                    score += 50 * sum(w in plain for w in wanted)
                if score > best[0]:
                    best = (score, file, lineno)
        return best[1], best[2]

    def config_field(self, words: str) -> str | None:
        """The business text in config.toml that says `words`, if one does."""
        if self.business is None:
            return None
        for name in ("name", "signature_name", "signature_role", "bank_details", "payment_methods", "website"):
            value = getattr(self.business, name)
            text = " ".join(value) if isinstance(value, tuple) else value
            if text and words in normalize(text, is_html=False)[0]:
                return name
        return None

    def check_rendered(self, template: str, parts: dict[str, str], files: dict[str, str],
                       chains: dict[str, list[str]]) -> None:
        """`files`: the file to name for each part; `chains`: where each part's text comes from."""
        key = (template, tuple(sorted(parts.items())))
        if key in self._seen_outputs:
            return  # the same email from another sample: nothing new to find
        self._seen_outputs.add(key)
        subject_file, text_file, html_file = (files[s] for s in (".subject.txt", ".txt", ".html"))
        subject = parts.get(".subject.txt")
        if subject is not None:
            lines = [ln for ln in subject.strip().split("\n")]
            if not subject.strip():
                self.add(subject_file, None, ERROR, "subject", "the subject renders empty")
            elif len(lines) > 1:
                src = self.sources.get(subject_file, "").split("\n")
                nonblank = [i for i, ln in enumerate(src, start=1) if ln.strip()]
                self.add(subject_file, nonblank[1] if len(nonblank) > 1 else 1, ERROR, "subject",
                         f"the subject renders on {len(lines)} lines; it must be one line")
            elif self.rtl and not _is_hebrew_letter(_first_visible(subject)):
                self.add(subject_file, self.first_line(subject_file, "subject"), WARNING, "RTL",
                         "the subject should start with a Hebrew word so mail clients show it right to left")
        text = parts.get(".txt")
        if text is not None:
            if not text.strip():
                self.add(text_file, None, ERROR, "text", "the plain-text part renders empty")
            elif self.rtl and not _is_hebrew_letter(_first_visible(text)):
                self.add(text_file, self.first_line(text_file, "greeting"), ERROR, "RTL",
                         "the plain-text part must start with a Hebrew letter (bidi marks aside) so mail "
                         "clients lay it out right to left")
        page = parts.get(".html")
        if page is not None:
            self.check_html(html_file, page, chains[".html"])
        # Tone rules on what the customer actually reads.
        for suffix, is_html in ((".subject.txt", False), (".txt", False), (".html", True)):
            out = parts.get(suffix)
            if out is None:
                continue
            chain = chains[suffix]
            out_lines = out.split("\n")
            for rule, line, words, span in tone_spans(out, is_html=is_html):
                span = (f"{template}{suffix}{len(self._seen_outputs)}", *span)
                if any((f, rule.id, words) in self.source_tone for f in chain):
                    continue  # already reported on its source line
                field = self.config_field(words)
                if field:
                    self.tone("config.toml", None, rule, words, span, f" (business.{field} in config.toml, "
                                                                     f"printed by the emails)")
                    continue
                file, src_line = self.locate(out_lines[line - 1], chain, words)
                self.tone(file, src_line, rule, words, span, " (in the rendered email, built from variables or config text)")

    def first_line(self, file: str, what: str) -> int | None:
        """Where a wording file's subject, or `_phrases.md`'s greeting, is written; 1 otherwise."""
        source = self.sources.get(file, "")
        if not file.endswith(render.STAGE_SUFFIX):
            return 1
        if what == "greeting":
            marker = re.compile(r"\[\[\s*(ברכה|greeting)\s*\]\]", re.I)
        else:
            marker = re.compile(r"#\s*(נושא|subject)\s*$", re.I)
        for lineno, line in enumerate(source.split("\n"), start=1):
            if marker.match(line.strip()):
                return lineno + 1
        return None

    def check_html(self, file: str, page: str, chain: list[str]) -> None:
        checker = _TagChecker()
        checker.feed(page)
        checker.close()
        page_lines = page.split("\n")
        for line, problem in checker.problems[:5]:
            src_file, src_line = self.locate(page_lines[line - 1] if line <= len(page_lines) else "", chain, "")
            self.add(src_file, src_line, ERROR, "html", f"{problem} (line {line} of the rendered HTML)")
        base = chain[-1]
        want_dir = "rtl" if self.rtl else "ltr"
        html_line = next((i for i, ln in enumerate(self.sources.get(base, "").split("\n"), start=1)
                          if re.search(r"<html\b", ln, re.I)), None)
        if checker.first is None or checker.first[0] != "html":
            self.add(base, html_line, ERROR, "RTL",
                     f"the HTML part must start with <html lang=\"{self.language}\" dir=\"{want_dir}\">")
        else:
            attrs = checker.first[1]
            if (attrs.get("dir") or "").strip().lower() != want_dir:
                self.add(base, html_line, ERROR, "RTL",
                         f"the root <html> needs dir=\"{want_dir}\"" + (
                             " (without it the whole email is laid out left to right)" if self.rtl else ""))
            lang = (attrs.get("lang") or "").strip().lower()
            if lang.split("-")[0] != self.language:
                self.add(base, html_line, ERROR, "RTL", f"the root <html> needs lang=\"{self.language}\"")
        if checker.body is not None and (checker.body.get("dir") or "").strip().lower() != want_dir:
            body_line = next((i for i, ln in enumerate(self.sources.get(base, "").split("\n"), start=1)
                              if re.search(r"<body\b", ln, re.I)), None)
            self.add(base, body_line, WARNING, "RTL", f"<body> should carry dir=\"{want_dir}\" as well")


def _extra_stages(folder: Path, stages: list[Stage]) -> list[Stage]:
    """Templates the planner uses outside the configured ladder (promise_followup, thank_you…),
    checked the same way when their files are there."""
    named = {stage.template for stage in stages}
    found = [p.name[: -len(".subject.txt")] for p in sorted(folder.glob("*.subject.txt"))]
    found += wording.wording_stages(folder)
    for template in dict.fromkeys(found):
        if template not in named and not template.startswith("_"):
            stages.append(Stage(template, 0, template))
            named.add(template)
    return stages


def check_templates(folder: Path, stages: Sequence[Stage], *, language: str = "he",
                    business: Business | None = None, layout: Layout | None = None) -> list[Finding]:
    """Every problem in the templates of `folder` for `stages`, errors and warnings.

    `business` (optional): also render with the real business from the config, so
    its texts (signature, payment methods, bank details) pass the tone rules too.
    `layout`: config.toml's [layout] switches (the defaults without it).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return [Finding(str(folder), None, ERROR, "files", "the template folder does not exist")]
    stages = _extra_stages(folder, list(stages))
    shape = context_shape(stages, language)
    lint = _Linter(folder, language, shape, layout or Layout(), business)
    templates = list(dict.fromkeys(stage.template for stage in stages))
    formats = {t: render.stage_format(folder, t) for t in templates}
    new = [t for t, f in formats.items() if f == "wording"]
    parsed = wording.check_folder(lint, new) if new else {}
    for template in new:
        stale = [template + s for s in render.LEGACY_PARTS if (folder / (template + s)).is_file()]
        if stale:
            lint.add(stale[0], None, WARNING, "files",
                     f"{template}.md is used; {', '.join(stale)} (the older layout) are not: remove them")
    # The older layout's files, and any other Jinja file; business/ holds mail to the business
    # itself (the daily digest), with a context of its own.
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.suffix in (".txt", ".html", ".htm") and not p.name.startswith(".")
                   and p.relative_to(folder).parts[0] != "business"
                   and p.name.split(".")[0] not in new)
    for name in names:
        lint.load(name)
    for name in names:
        lint.check_source(name)

    for stage in stages:
        if stage.template not in templates:
            continue
        templates.remove(stage.template)
        kind = formats[stage.template]
        if kind == "missing":
            lint.add(stage.template + render.STAGE_SUFFIX, None, ERROR, "files",
                     f"stage {stage.name!r} needs {stage.template}{render.STAGE_SUFFIX}, which is missing")
            continue
        if kind == "wording":
            _render_wording_stage(lint, stage, business, parsed)
        else:
            _render_legacy_stage(lint, stage, business, folder)
    lint.flush_tone()
    return _dedupe(lint.findings)


def _contexts(stage: Stage, language: str, business: Business | None):
    contexts = list(sample_contexts(stage, language))
    if business is not None:
        contexts += list(sample_contexts(stage, language, business))
    return contexts


def _render_wording_stage(lint: _Linter, stage: Stage, business: Business | None, parsed: dict) -> None:
    name = stage.template + render.STAGE_SUFFIX
    if stage.template not in parsed or render.PHRASES_FILE in lint.broken:
        return
    files = dict.fromkeys((".subject.txt", ".txt", ".html"), name)
    files[".txt"] = render.PHRASES_FILE if lint.first_line(render.PHRASES_FILE, "greeting") else name
    chain = [name, render.PHRASES_FILE]
    chains = dict.fromkeys((".subject.txt", ".txt", ".html"), chain)
    for label, ctx in _contexts(stage, lint.language, business):
        parts = lint.render_wording(stage.template, ctx, label)
        if parts is not None:
            lint.check_rendered(stage.template, parts, files, chains)


def _render_legacy_stage(lint: _Linter, stage: Stage, business: Business | None, folder: Path) -> None:
    missing = [stage.template + s for s in render.LEGACY_PARTS if not (folder / (stage.template + s)).is_file()]
    for name in missing:
        lint.add(name, None, ERROR, "files", f"stage {stage.name!r} needs {name}, which is missing")
    files = {s: stage.template + s for s in render.LEGACY_PARTS}
    chains = {s: lint.chain(stage.template + s) for s in render.LEGACY_PARTS}
    for label, ctx in _contexts(stage, lint.language, business):
        parts: dict[str, str] = {}
        for suffix in render.LEGACY_PARTS:
            name = stage.template + suffix
            if name in missing:
                continue
            out = lint.render_part(name, ctx, label)
            if out is not None:
                parts[suffix] = out
        lint.check_rendered(stage.template, parts, files, chains)
