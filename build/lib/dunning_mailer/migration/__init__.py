"""`dunning-mailer templates migrate`: a folder of the older two-file layout -> wording files,
keeping the business's own wording, and saying what changed.

Pure: the folder's files come in as text and the new ones go out as text (the command does the
reading, the moving aside and the writing). A converted stage is checked before it is kept: it
is rendered with the lint's sample emails both ways, and the subject, preview line, message and
closing must say the same. A stage that cannot be converted, or would say something else, stays
in the older layout (still read) and the report says why."""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes

from ..render import STAGE_SUFFIX, legacy
from ..render.vocabulary import View
from ..render.wording import parse, render_paragraphs, render_segs, tidy
from .convert import Converter, Unconvertible, Writer, lines_of, paragraphs

PHRASES = "_phrases.md"
PARTS = legacy.LEGACY_PARTS
BASES = ("_base.txt", "_base.html")
# sha256 of the bases as shipped before issue 17, greeting and sign-off blanked (tests check them)
SHIPPED_BASES = {
    "he": {"_base.txt": "9e8254dd1685db7b9a54b91417c631e4b6c505a2614d0455c9b1512679d94d79",
           "_base.html": "f6810613f2e713ab4207e105e22fe606ed8e969fbfb8c5f0ef94b8814aa0be16"},
    "en": {"_base.txt": "655c48d3329ecbe9dfa91bc79891a848462ab0e5623215512b77d42bc1b36162",
           "_base.html": "d1ab19a2b3802ea2002b7879362494a084d7713af36e72b1034f1bbe2075732e"},
}
_MARKS = ("\x01", "\x02", "\x03", "\x04", "\x05", "\x06")
_WRAP = {
    ".txt": ('{% extends "NAME" %}{% block greeting %}{% endblock %}{% block facts %}{% endblock %}'
             '{% block payment %}{% endblock %}{% block signoff %}{% endblock %}'
             '{% block message %}\x01{{ super() }}\x02{% endblock %}{% block closing %}\x03{{ super() }}\x04{% endblock %}'),
    ".html": ('{% extends "NAME" %}{% block preheader %}\x05{{ super() }}\x06{% endblock %}'
              '{% block message %}\x01{{ super() }}\x02{% endblock %}'),
}
_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))
_TAGS = re.compile(r"<[^>]*>")


@dataclass
class Result:
    write: dict[str, str] = field(default_factory=dict)    # file -> its new text
    retire: list[str] = field(default_factory=list)        # older files the new ones replace
    converted: list[str] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)     # stage -> why it stays as it was
    notes: list[str] = field(default_factory=list)


def legacy_stages(files: dict[str, str]) -> list[str]:
    return sorted(name[: -len(".subject.txt")] for name in files
                  if name.endswith(".subject.txt") and not name.startswith("_") and "/" not in name)


def base_fingerprint(text: str) -> str:
    blanked = re.sub(r"(\{%-?\s*block (greeting|signoff)\s*-?%\}).*?(\{%-?\s*endblock)", r"\1\3", text, flags=re.S)
    return hashlib.sha256(blanked.encode("utf-8")).hexdigest()


def migrate(files: dict[str, str], language: str, shipped_phrases: str, contexts) -> Result:
    """`files`: the folder's files (name -> text); `shipped_phrases`: the program's `_phrases.md` for
    this language; `contexts(template)`: the sample (label, context) pairs to check a stage with."""
    result = Result()
    env = jinja2.Environment(loader=jinja2.DictLoader(files), trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
                             autoescape=jinja2.select_autoescape(enabled_extensions=("html",),
                                                                 default_for_string=False))
    env.filters.update(legacy.filters(language))
    phrases_text = files.get(PHRASES)
    if phrases_text is None:
        phrases_text = _carry_base_words(env, files, language, shipped_phrases, result)
        result.write[PHRASES] = phrases_text
    else:
        result.notes.append(f"{PHRASES} is already there and is kept as it is")
    shared = parse(phrases_text, PHRASES, language, shared=True)
    taken = set(shared.phrases)
    known = _definitions(phrases_text)
    for stage_name in legacy_stages(files):
        if stage_name + STAGE_SUFFIX in files:
            result.kept[stage_name] = f"{stage_name}{STAGE_SUFFIX} already exists; the older files were left alone"
            continue
        try:
            text = _convert_stage(env, stage_name, language, taken, known, result)
        except Unconvertible as e:
            where = f" (line {e.line})" if e.line else ""
            result.kept[stage_name] = f"it uses {e.what}{where}, which a wording file cannot say the same way"
            continue
        except jinja2.TemplateError as e:
            result.kept[stage_name] = f"its templates cannot be read ({e}); `templates check` says more"
            continue
        problem, drift = _compare(env, stage_name, text, shared, language, contexts(stage_name))
        result.notes += drift
        if problem:
            result.kept[stage_name] = problem
            continue
        result.write[stage_name + STAGE_SUFFIX] = text
        result.retire += [stage_name + s for s in PARTS if stage_name + s in files]
        result.converted.append(stage_name)
    if not result.kept:
        result.retire += [b for b in BASES if b in files]
    return result


def _block(ast: nodes.Template, name: str) -> nodes.Block | None:
    return next((b for b in ast.find_all(nodes.Block) if b.name == name), None)


def _one_line(tokens: list, language: str, taken: set[str]) -> tuple[str, Writer]:
    writer = Writer(language, taken)
    rows = [row for row in lines_of(tokens) if row]
    if len(rows) != 1:
        raise Unconvertible("text that should be one line but spans several")
    return writer.line(rows[0]), writer


def _carry_base_words(env, files: dict[str, str], language: str, shipped: str, result: Result) -> str:
    """The program's `_phrases.md`, with the greeting and the sign-off of the folder's `_base.txt`."""
    text = shipped
    base = files.get("_base.txt")
    if base is None:
        return text
    ast = env.parse(base)
    for block, (he, en) in (("greeting", ("ברכה", "Greeting")), ("signoff", ("ברכת סיום", "Sign-off"))):
        found = _block(ast, block)
        if found is None:
            continue
        try:
            line, writer = _one_line(Converter().body(found.body), language, set())
        except Unconvertible as e:
            result.notes.append(f"_base.txt: the {block} could not be carried over ({e.what}); {PHRASES} has "
                                f"the program's")
            continue
        name = he if language == "he" else en
        if writer.phrases:
            result.notes.append(f"_base.txt: the {block} depends on conditions and was not carried over; "
                                f"{PHRASES} has the program's [[{name}]]")
            continue
        current = _phrase_line(text, name)
        if current is not None and current != line:
            text = _set_phrase(text, name, line)
            result.notes.append(f"the {block} is yours: [[{name}]] in {PHRASES} says \"{line}\"")
    for name in BASES:
        if name in files and base_fingerprint(files[name]) != SHIPPED_BASES.get(language, {}).get(name):
            result.notes.append(f"{name} has changes besides the greeting and the sign-off; they are not carried "
                                f"over: the layout belongs to the program now, and its words are in {PHRASES} "
                                f"(the old file is kept aside)")
    return text


def _phrase_line(text: str, name: str) -> str | None:
    lines = text.split("\n")
    if f"[[{name}]]" in lines:
        at = lines.index(f"[[{name}]]")
        return lines[at + 1] if at + 1 < len(lines) else ""
    return None


def _set_phrase(text: str, name: str, line: str) -> str:
    lines = text.split("\n")
    at = lines.index(f"[[{name}]]") + 1
    end = at
    while end < len(lines) and lines[end].strip():
        end += 1
    lines[at:end] = [line]
    return "\n".join(lines)


def _definitions(text: str) -> dict[tuple[str, ...], str]:
    """The phrases of a `_phrases.md`, by what their lines say: a converted stage uses one that says
    the same instead of a copy."""
    out: dict[tuple[str, ...], str] = {}
    name, lines = None, []
    for raw in [*text.split("\n"), ""]:
        line = raw.strip()
        if line.startswith("[[") and line.endswith("]]"):
            name, lines = line[2:-2].strip(), []
        elif not line and name:
            out.setdefault(tuple(lines), name)
            name = None
        elif name and not line.startswith("//"):
            lines.append(line)
    return out


def _convert_stage(env, stage: str, language: str, taken: set[str], known: dict, result: Result) -> str:
    he = language == "he"
    heads = ("נושא", "שורת תצוגה", "הודעה", "סיום", "ביטויים") if he else \
        ("Subject", "Preview", "Message", "Closing", "Phrases")
    text_ast = env.parse(env.loader.get_source(env, stage + ".txt")[0])
    html_ast = env.parse(env.loader.get_source(env, stage + ".html")[0])
    subject_ast = env.parse(env.loader.get_source(env, stage + ".subject.txt")[0])
    converter = Converter()
    writer = Writer(language, taken, known)
    subject_rows = [row for row in lines_of(converter.body(subject_ast.body)) if row]
    if len(subject_rows) != 1:
        raise Unconvertible("a subject on more than one line")
    out = [f"// {stage}: converted from {stage}.subject.txt, {stage}.txt and {stage}.html by "
           f"`dunning-mailer templates migrate`", "", f"# {heads[0]}", writer.line(subject_rows[0])]
    preheader = _block(html_ast, "preheader")
    if preheader is not None and preheader.body:
        rows = [row for row in lines_of(Converter().body(preheader.body)) if row]
        if rows:
            out += ["", f"# {heads[1]}", " ".join(writer.line(r) for r in rows)]
    for block, head in (("message", heads[2]), ("closing", heads[3])):
        found = _block(text_ast, block)
        if found is None:
            continue
        local = Converter()
        body = [writer.line(line) for para in paragraphs(lines_of(local.body(found.body))) for line in para + [[]]]
        if body:
            out += ["", f"# {head}", *_blank_between(body)]
    if writer.phrases:
        out += ["", f"# {heads[4]}"]
        for name, lines in writer.phrases:
            out += ["", f"[[{name}]]", *lines]
    for block in ("greeting", "signoff"):
        own = _block(text_ast, block)
        if own is not None:
            said = "".join(getattr(n, "data", "") for o in own.body if isinstance(o, nodes.Output) for n in o.nodes)
            word = ("ברכה" if he else "Greeting") if block == "greeting" else ("ברכת סיום" if he else "Sign-off")
            result.notes.append(f"{stage}: its own {'greeting' if block == 'greeting' else 'sign-off'} "
                                f"\"{said.strip()}\" is not carried over: every email now uses [[{word}]] from "
                                f"{PHRASES} (or put the words in the stage's closing)")
    for block in ("facts", "payment"):
        if _block(text_ast, block) is not None and stage not in ("thank_you", "statement"):
            result.notes.append(f"{stage}: its own {'invoice table' if block == 'facts' else 'payment details'} "
                                f"are not carried over: the shared layout shows them for every stage")
    return "\n".join(out).rstrip("\n") + "\n"


def _blank_between(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def _normal(text: str) -> str:
    text = html.unescape(_TAGS.sub(" ", text)).translate(_ISOLATES).replace("\u00a0", " ")
    return tidy(" ".join(text.split()))


def _before(env, stage: str, ctx: dict) -> dict[str, str]:
    """What the older templates say, part by part, for one sample email."""
    out = {"subject": _normal(env.get_template(stage + ".subject.txt").render(ctx))}
    for suffix, wrap in _WRAP.items():
        rendered = env.from_string(wrap.replace("NAME", stage + suffix)).render(ctx)
        pieces = {"message": ("\x01", "\x02"), "closing": ("\x03", "\x04"), "preview": ("\x05", "\x06")}
        for part, (start, end) in pieces.items():
            if start in rendered:
                chunk = rendered.split(start, 1)[1].split(end, 1)[0]
                key = part if suffix == ".txt" or part == "preview" else "html " + part
                if part in ("message", "closing") and suffix == ".txt":
                    out[key] = "\n\n".join(_normal(p) for p in re.split(r"\n\s*\n", chunk) if p.strip())
                else:
                    out[key] = _normal(chunk)
    return out


def _after(w, phrases, language: str, ctx: dict) -> dict[str, str]:
    view = View(ctx, language)
    out = {"subject": _normal(render_segs(w.sections["subject"][0][0].segs, 0, view, phrases, w.file))}
    preview = render_paragraphs(w.sections.get("preview"), 0, view, phrases, w.file)
    if preview:
        out["preview"] = _normal(" ".join(t for lines in preview for _, t in lines))
    for part in ("message", "closing"):
        found = render_paragraphs(w.sections.get(part), 0, view, phrases, w.file)
        if found:
            out[part] = "\n\n".join(_normal(" ".join(("• " if b else "") + t for b, t in lines)) for lines in found)
    return out


def _compare(env, stage: str, text: str, shared, language: str, contexts) -> tuple[str | None, list[str]]:
    """(None, notes) when the new file says what the old ones did for every sample; else (why not, notes)."""
    w = parse(text, stage + STAGE_SUFFIX, language)
    if w.problems:
        p = w.problems[0]
        return f"the converted file would not read back (line {p.line}: {p.message})", []
    phrases = {**shared.phrases, **w.phrases}
    notes: list[str] = []
    for label, ctx in contexts:
        before = _before(env, stage, ctx)
        try:
            after = _after(w, phrases, language, ctx)
        except Exception as e:  # noqa: BLE001 - any failure means: keep the older files
            return f"the converted file fails with {label}: {e}", notes
        for part in ("subject", "preview", "message", "closing"):
            if before.get(part, "") != after.get(part, ""):
                return (f"the converted {part} would differ with {label}: before \"{before.get(part, '')[:160]}\", "
                        f"after \"{after.get(part, '')[:160]}\""), notes
        html_message, text_message = before.get("html message", ""), _normal(before.get("message", ""))
        if not notes and html_message and html_message != text_message:
            notes.append(f"{stage}: the HTML part and the text part said different things; {stage}{STAGE_SUFFIX} "
                         f"keeps the text part's words (the HTML part said: "
                         f"\"{_first_difference(html_message, text_message)}\")")
    return None, notes


def _first_difference(a: str, b: str) -> str:
    sentences_a = re.split(r"(?<=[.!?])\s+", a)
    sentences_b = set(re.split(r"(?<=[.!?])\s+", b))
    return next((s for s in sentences_a if s not in sentences_b), a[:120])
