"""check_templates: every rule over one template folder.

Pure checks over a template folder (no network): Jinja syntax, the documented
context (statically and by rendering every stage with sample data), the three
files per stage, a single-line subject, well-formed right-to-left HTML, a plain
text part that starts in Hebrew, and the tone rules of `domain.md` (C1, C2, C4,
C13) and of the Hebrew voice notes. Every finding names its file, its line when
one can be named, and the principle it protects.

Tone rules run twice: on the template source (so the line is right) and on the
rendered output (so a sentence assembled from variables or config text is
caught as well)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import jinja2
from jinja2 import meta, nodes

from .. import render
from ..config import Business
from ..model import Stage
from .findings import _WHEN, ERROR, Finding, RTL_LANGUAGES, WARNING, _dedupe
from .layout import _CELL_TAG, _TagChecker, _first_visible, _is_hebrew_letter
from .samples import sample_contexts
from .tone import _JINJA, _JINJA_COMMENT, _blank, normalize, tone_matches
from .variables import ContextShape, _defined_names, _first_line_of_name, _parent, _static_attribute_findings, context_shape


class _Linter:
    def __init__(self, folder: Path, language: str, shape: ContextShape):
        self.folder = folder
        self.language = language
        self.shape = shape
        self.rtl = language in RTL_LANGUAGES
        self.env = render.environment(folder, language)
        self.findings: list[Finding] = []
        self.sources: dict[str, str] = {}
        self.asts: dict[str, nodes.Template] = {}
        self.broken: set[str] = set()  # files with a syntax error: not rendered
        self._chains: dict[str, list[str]] = {}
        self._seen_outputs: set[tuple] = set()
        self.source_tone: set[tuple[str, str, str]] = set()  # (file, rule id, words) found in the source

    def add(self, file: str, line: int | None, severity: str, principle: str | None, message: str) -> None:
        self.findings.append(Finding(file, line, severity, principle, message))

    # -- source ------------------------------------------------------------
    def load(self, name: str) -> None:
        path = self.folder / name
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            self.add(name, None, ERROR, "syntax", f"not UTF-8 text ({e.reason} at byte {e.start})")
            self.broken.add(name)
            return
        self.sources[name] = source
        try:
            ast = self.env.parse(source, name, str(path))
            self.env.get_template(name)  # compiles (and caches): unknown filters and tests are found here
        except jinja2.TemplateSyntaxError as e:
            self.add(name, e.lineno, ERROR, "syntax", e.message or str(e))
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
        for rule, line, words in tone_matches(visible, is_html=is_html):
            self.source_tone.add((name, rule.id, words))
            self.add(name, line, rule.severity, rule.principle, f"\"{words}\": {rule.message}")

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

    # -- rendering ---------------------------------------------------------
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
            self.add(e.name or name, e.lineno, ERROR, "syntax", e.message or str(e))
        except Exception as e:  # a filter on the wrong type, a division by zero…
            file, line = self._where(e, name)
            self.add(file, line, ERROR, "render", f"{type(e).__name__}: {e}{_WHEN}{label})")
        return None

    def locate(self, rendered_line: str, files: list[str], words: str) -> tuple[str, int | None]:
        """The source line that most likely produced `rendered_line` (best effort)."""
        best: tuple[float, str, int | None] = (0.0, files[0], None)
        target = rendered_line.strip()
        wanted = [w for w in words.split() if len(w) >= 3]
        for file in files:
            for lineno, line in enumerate(self.sources.get(file, "").split("\n"), start=1):
                fragments = [f.strip() for f in _JINJA.split(line)]
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

    def check_rendered(self, template: str, parts: dict[str, str]) -> None:
        key = (template, tuple(sorted(parts.items())))
        if key in self._seen_outputs:
            return  # the same email from another sample: nothing new to find
        self._seen_outputs.add(key)
        subject_file, text_file, html_file = (template + s for s in (".subject.txt", ".txt", ".html"))
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
                self.add(subject_file, 1, WARNING, "RTL",
                         "the subject should start with a Hebrew word so mail clients show it right to left")
        text = parts.get(".txt")
        if text is not None:
            if not text.strip():
                self.add(text_file, None, ERROR, "text", "the plain-text part renders empty")
            elif self.rtl and not _is_hebrew_letter(_first_visible(text)):
                self.add(text_file, 1, ERROR, "RTL",
                         "the plain-text part must start with a Hebrew letter (bidi marks aside) so mail "
                         "clients lay it out right to left")
        page = parts.get(".html")
        if page is not None:
            self.check_html(html_file, page)
        # Tone rules on what the customer actually reads.
        for suffix, is_html in ((".subject.txt", False), (".txt", False), (".html", True)):
            out = parts.get(suffix)
            if out is None:
                continue
            chain = self.chain(template + suffix)
            out_lines = out.split("\n")
            for rule, line, words in tone_matches(out, is_html=is_html):
                if any((f, rule.id, words) in self.source_tone for f in chain):
                    continue  # already reported on its source line
                file, src_line = self.locate(out_lines[line - 1], chain, words)
                self.add(file, src_line, rule.severity, rule.principle,
                         f"\"{words}\" (in the rendered email, built from variables or config text): {rule.message}")

    def check_html(self, file: str, page: str) -> None:
        checker = _TagChecker()
        checker.feed(page)
        checker.close()
        chain = self.chain(file)
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



def check_templates(folder: Path, stages: Sequence[Stage], *, language: str = "he",
                    business: Business | None = None) -> list[Finding]:
    """Every problem in the templates of `folder` for `stages`, errors and warnings.

    `business` (optional): also render with the real business from the config, so
    its texts (signature, payment methods, bank details) pass the tone rules too.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return [Finding(str(folder), None, ERROR, "files", "the template folder does not exist")]
    stages = list(stages)
    named = {stage.template for stage in stages}
    # Templates the planner uses outside the configured ladder (promise_followup, thank_you…) are
    # checked the same way when their files are there.
    for subject in sorted(folder.glob("*.subject.txt")):
        template = subject.name[: -len(".subject.txt")]
        if template not in named and not template.startswith("_"):
            stages.append(Stage(template, 0, template))
            named.add(template)
    shape = context_shape(stages, language)
    lint = _Linter(folder, language, shape)
    # business/ holds mail to the business itself (the daily digest), with a context of its own.
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.suffix in (".txt", ".html", ".htm") and not p.name.startswith(".")
                   and p.relative_to(folder).parts[0] != "business")
    for name in names:
        lint.load(name)
    for name in names:
        lint.check_source(name)

    templates = list(dict.fromkeys(stage.template for stage in stages))
    for stage in stages:
        if stage.template not in templates:
            continue
        templates.remove(stage.template)
        missing = [stage.template + s for s in (".subject.txt", ".txt", ".html")
                   if not (folder / (stage.template + s)).is_file()]
        for name in missing:
            lint.add(name, None, ERROR, "files", f"stage {stage.name!r} needs {name}, which is missing")
        contexts = list(sample_contexts(stage, language))
        if business is not None:
            contexts += list(sample_contexts(stage, language, business))
        for label, ctx in contexts:
            parts: dict[str, str] = {}
            for suffix in (".subject.txt", ".txt", ".html"):
                name = stage.template + suffix
                if name in missing:
                    continue
                out = lint.render_part(name, ctx, label)
                if out is not None:
                    parts[suffix] = out
            lint.check_rendered(stage.template, parts)
    return _dedupe(lint.findings)
