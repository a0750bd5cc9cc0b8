"""The lint of the wording files (`<stage>.md`, `_phrases.md`): what cannot be read, unknown names,
phrases that use each other in a circle, the layout's words, and — on what each line sends —
the tone rules and Hebrew layout."""
from __future__ import annotations

import re
from pathlib import Path

from ..render import PHRASES_FILE, STAGE_SUFFIX
from ..render.layout import LAYOUT_WORDS, find_word
from ..render.wording import Wording, parse, unknown_phrase
from .bidi import has_hebrew, unisolated, wording_fix
from .findings import ERROR, WARNING

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")


def load(lint, name: str, *, shared: bool = False) -> Wording | None:
    path = lint.folder / name
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as e:
        lint.add(name, None, ERROR, "syntax", f"not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8")
        lint.broken.add(name)
        return None
    lint.sources[name] = source
    w = parse(source, name, lint.language, shared=shared)
    for problem in w.problems:
        lint.add(name, problem.line, ERROR, problem.kind, problem.message)
    if w.problems:
        lint.broken.add(name)
    return w


def check_folder(lint, templates: list[str]) -> dict[str, Wording]:
    """Read `_phrases.md` and the stage files of `templates`; every finding that needs no rendering.
    Returns the stage files that can be rendered."""
    shared = load(lint, PHRASES_FILE, shared=True)
    if shared is None and PHRASES_FILE not in lint.broken:
        lint.add(PHRASES_FILE, None, ERROR, "files",
                 f"{PHRASES_FILE} is missing: it holds the layout's words and the ready phrases every stage uses")
        lint.broken.add(PHRASES_FILE)
    shared_phrases = shared.phrases if shared else {}
    if shared is not None:
        for key, he, en in LAYOUT_WORDS:
            if find_word(shared_phrases, key) is None:
                lint.add(PHRASES_FILE, None, ERROR, "files",
                         f"the shared layout needs the phrase [[{he if lint.language == 'he' else en}]]; "
                         f"add it to {PHRASES_FILE}")
        _check_lines(lint, shared)
        _check_refs(lint, shared, shared_phrases)
    stages: dict[str, Wording] = {}
    for template in templates:
        name = template + STAGE_SUFFIX
        w = load(lint, name)
        if w is None:
            continue
        phrases = {**shared_phrases, **w.phrases}
        _check_lines(lint, w)
        _check_refs(lint, w, phrases)
        used = {key for _, key, _ in w.refs}
        for key, phrase in w.phrases.items():
            if key in shared_phrases:
                lint.add(name, phrase.lineno, WARNING, "phrases",
                         f"[[{phrase.name}]] is also defined in {PHRASES_FILE}; this stage uses its own version")
            elif key not in used and not any(key in _refs_of(p) for p in w.phrases.values()):
                lint.add(name, phrase.lineno, WARNING, "phrases",
                         f"[[{phrase.name}]] is defined here but never used (a misspelt name where it is used?)")
        if name not in lint.broken:
            stages[template] = w
    return stages


def _refs_of(phrase) -> set[str]:
    return {seg[1] for variant in phrase.variants for seg in variant.segs if seg[0] == 3}


def _check_refs(lint, w: Wording, phrases: dict) -> None:
    for line, key, name in w.refs:
        if key not in phrases:
            lint.add(w.file, line, ERROR, "context", unknown_phrase(name, phrases, lint.language))
            lint.broken.add(w.file)
    # A phrase that uses itself, through others, never finishes.
    for key, phrase in w.phrases.items():
        seen, todo = set(), list(_refs_of(phrase))
        while todo:
            nxt = todo.pop()
            if nxt == key:
                lint.add(w.file, phrase.lineno, ERROR, "syntax",
                         f"[[{phrase.name}]] uses itself (through other phrases): it can never finish")
                lint.broken.add(w.file)
                break
            if nxt not in seen and nxt in phrases:
                seen.add(nxt)
                todo += _refs_of(phrases[nxt])


def _check_lines(lint, w: Wording) -> None:
    """Tone, Hebrew layout and stray HTML on what each line sends (names and placeholders aside)."""
    from .tone import tone_spans

    by_line: dict[int, str] = {}
    for line, text in w.texts:
        by_line[line] = (by_line.get(line, "") + " " + text).strip()
    if not by_line:
        return
    pseudo = "\n".join(by_line.get(i, "") for i in range(1, max(by_line) + 1))
    for rule, line, words, span in tone_spans(pseudo, is_html=False):
        lint.tone(w.file, line, rule, words, (w.file, *span))
    for line, text in sorted(by_line.items()):
        if _TAG.search(text):
            lint.add(w.file, line, WARNING, "html",
                     f"{_TAG.search(text).group(0)} is sent as typed: the layout does the formatting, so write "
                     f"plain text here")
        if lint.rtl and has_hebrew(text):
            for u in unisolated(text):
                lint.add(w.file, line, u.severity, "RTL", u.message(wording_fix(u)))


def wording_stages(folder: Path) -> list[str]:
    """The stage files in a folder (`_phrases.md` and other `_` files aside)."""
    return sorted(p.name[: -len(STAGE_SUFFIX)] for p in folder.glob("*" + STAGE_SUFFIX)
                  if not p.name.startswith(("_", ".")))
