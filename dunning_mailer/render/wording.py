"""The business owner's wording: one `<stage>.md` per stage and the shared `_phrases.md`.

A stage file has sections, each a `#` heading: the subject (`# נושא`), the inbox preview line
(`# שורת תצוגה`), the message (`# הודעה`), the closing after the payment details (`# סיום`) and
the stage's own ready phrases (`# ביטויים`). Paragraphs are separated by a blank line; a line
starting with `•` or `-` is a bullet. Inside a line:

- `{שם הלקוח}` is a placeholder (vocabulary.py names them all);
- `[[חשוב לי / חשוב לנו]]` is a ready phrase, defined in `# ביטויים` or in `_phrases.md`;
- `` `9:00–16:00` `` keeps a piece of text as it is, left to right and in one piece;
- a line starting with `//` is a note to yourself and is never sent.

A ready phrase is its name in double brackets on a line of its own, followed by what it says:

    [[חשוב לי / חשוב לנו]]
    אם חותם אדם: חשוב לי
    אחרת: חשוב לנו

The first line whose condition holds is used (`אחרת:` when none does; nothing at all without
one). A line or paragraph that comes out empty is left out, so a phrase can make a whole
paragraph optional. The same file gives the HTML and the plain-text part: they cannot drift.

Parsing never raises: every problem is kept with its line, in plain words, for the lint;
rendering raises WordingError on the first one."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html import escape

from .formats import isolated_html, isolated_text
from .vocabulary import STAGE_FACT, Unavailable, View, _key, display, fact, fact_display, names, placeholder

T, L, V, P = 0, 1, 2, 3  # segments: text, kept-as-is text, placeholder, ready phrase
MAX_DEPTH = 12

SECTIONS = {"subject": ("נושא", "Subject"), "preview": ("שורת תצוגה", "Preview"),
            "message": ("הודעה", "Message"), "closing": ("סיום", "Closing"),
            "phrases": ("ביטויים", "Phrases")}
_SECTION_NAMES = {_key(n): key for key, pair in SECTIONS.items() for n in pair}
_SECTION_NAMES[_key("תצוגה מקדימה")] = "preview"
_DEFINITION = re.compile(r"\[\[([^\[\]{}]+)\]\]")
_CONDITION = re.compile(r"(?:אם|if)\s+([^:]*?)\s*:\s?(.*)", re.I | re.S)
_OTHERWISE = re.compile(r"(?:אחרת|otherwise|else)\s*:\s?(.*)", re.I | re.S)
_NEGATION = ("לא", "not")
_BULLET = re.compile(r"[•\-*]\s+")
# A phrase that says nothing leaves its spaces behind: "בתשלום אחד [[עד מתי]]." must not end "אחד ."
_SPACES = re.compile(r" {2,}")
_BEFORE_PUNCTUATION = re.compile(r" +(?=[.,;:!?)])")


def tidy(text: str) -> str:
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if _BEFORE_PUNCTUATION.search(text):
        text = _BEFORE_PUNCTUATION.sub("", text)
    return text.strip()


class WordingError(Exception):
    """A problem in a wording file, at a line."""

    def __init__(self, file: str, line: int | None, message: str):
        super().__init__(message)
        self.file, self.line, self.message = file, line, message


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str
    kind: str = "syntax"   # "syntax" | "context" (an unknown name)


@dataclass
class Line:
    lineno: int
    bullet: bool
    segs: tuple
    fixed: tuple[str, str] | None = None   # a line with no placeholder or phrase: (text, HTML), once

    def __post_init__(self) -> None:
        if all(seg[0] <= L for seg in self.segs):
            self.fixed = ("".join(seg[1] for seg in self.segs).strip(), "".join(seg[2] for seg in self.segs).strip())


@dataclass
class Variant:
    lineno: int
    conds: tuple[tuple[str, bool], ...]   # (fact key, wanted value)
    segs: tuple


@dataclass
class Phrase:
    name: str
    lineno: int
    file: str
    variants: list[Variant] = field(default_factory=list)
    plain: int = 0        # the line of a phrase that is one line with no condition
    otherwise: int = 0    # the line of its 'otherwise:' line


@dataclass
class Wording:
    """One parsed file: its sections (paragraphs of lines), its phrases and its problems."""

    file: str
    language: str
    sections: dict[str, list[list[Line]]] = field(default_factory=dict)
    section_lines: dict[str, int] = field(default_factory=dict)
    phrases: dict[str, Phrase] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    texts: list[tuple[int, str]] = field(default_factory=list)  # what each line sends, names blanked
    refs: list[tuple[int, str, str]] = field(default_factory=list)  # (line, phrase key, name as written)

    def problem(self, line: int | None, message: str, kind: str = "syntax") -> None:
        self.problems.append(Problem(line, message, kind))


def parse(source: str, file: str, language: str, *, shared: bool = False) -> Wording:
    """A stage file, or (shared=True) the `_phrases.md` of a folder."""
    w = Wording(file, language)
    section = "phrases" if shared else None
    paragraph: list[Line] | None = None
    phrase: Phrase | None = None
    for lineno, raw in enumerate(source.replace("\r\n", "\n").split("\n"), start=1):
        s = raw.strip().lstrip("\ufeff")
        if s.startswith("//"):
            continue
        if s.startswith("#"):
            paragraph, phrase = None, None
            if not shared:
                section = _heading(w, lineno, s.lstrip("#").strip())
            continue
        if not s:
            paragraph, phrase = None, None
            continue
        if section is None:
            first = SECTIONS["subject"][0 if language == "he" else 1]
            w.problem(lineno, f"this text comes before the first section; a stage file starts with "
                              f"the heading '# {first}' and the subject under it")
            section = "ignored"
        if section == "ignored":
            continue
        if section == "phrases":
            phrase = _phrase_line(w, lineno, s, phrase)
            continue
        bullet = bool(_BULLET.match(s))
        segs = _segments(w, lineno, _BULLET.sub("", s, count=1) if bullet else s)
        if segs is None:
            continue
        if paragraph is None:
            paragraph = []
            w.sections.setdefault(section, []).append(paragraph)
        paragraph.append(Line(lineno, bullet, segs))
    if not shared:
        _check_sections(w)
    return w


def _heading(w: Wording, lineno: int, title: str) -> str:
    section = _SECTION_NAMES.get(_key(title))
    if section is None:
        known = ", ".join(f"# {pair[0 if w.language == 'he' else 1]}" for pair in SECTIONS.values())
        w.problem(lineno, f"'# {title}' is not a section of a stage file (they are {known}); "
                          f"its lines are not used")
        return "ignored"
    if section in w.section_lines:
        w.problem(lineno, f"a second '# {title}' section: the first one is on line {w.section_lines[section]}; "
                          f"put everything under one heading")
        return "ignored"
    w.section_lines[section] = lineno
    return section


def _check_sections(w: Wording) -> None:
    he = w.language == "he"
    subject = w.sections.get("subject")
    if "subject" not in w.section_lines:
        w.problem(None, f"the stage has no subject: add a '# {SECTIONS['subject'][0 if he else 1]}' "
                        f"section with the subject on one line")
    elif subject and (len(subject) > 1 or len(subject[0]) > 1):
        second = subject[0][1].lineno if len(subject[0]) > 1 else subject[1][0].lineno
        w.problem(second, "the subject must be one line; this line is a second one")
    elif not subject:
        w.problem(w.section_lines["subject"], "the subject is empty: write it on the line under the heading")
    if not w.sections.get("message"):
        w.problem(w.section_lines.get("message"),
                  f"the stage has no message: add a '# {SECTIONS['message'][0 if he else 1]}' section with "
                  f"at least one paragraph")
    preview = w.sections.get("preview")
    if preview and len(preview) > 1:
        w.problem(preview[1][0].lineno, "the preview line is one paragraph; this is a second one")


def _phrase_line(w: Wording, lineno: int, s: str, phrase: Phrase | None) -> Phrase | None:
    m = _DEFINITION.fullmatch(s)
    if m:
        name = m.group(1).strip()
        key = _key(name)
        if key in w.phrases:
            w.problem(lineno, f"[[{name}]] is defined twice; the first is on line {w.phrases[key].lineno}")
            return None
        phrase = w.phrases[key] = Phrase(name, lineno, w.file)
        return phrase
    if phrase is None:
        example = "[[שם הביטוי]]" if w.language == "he" else "[[phrase name]]"
        w.problem(lineno, f"this line belongs to no ready phrase: a phrase starts with its name on a line of "
                          f"its own, like {example}, and ends at a blank line")
        return None
    word, other = ("אם", "אחרת") if w.language == "he" else ("if", "otherwise")
    # A phrase is one line with no condition, or lines that start with a condition, the last of
    # which may be the 'otherwise' line.
    if phrase.otherwise:
        w.problem(lineno, f"this line of [[{phrase.name}]] comes after its '{other}:' line "
                          f"(line {phrase.otherwise}) and is never used")
        return phrase
    m = _CONDITION.fullmatch(s)
    otherwise = None if m else _OTHERWISE.fullmatch(s)
    if m is None and otherwise is None:
        if phrase.variants or phrase.plain:
            w.problem(lineno, f"this line of [[{phrase.name}]] has no condition, but the phrase has other "
                              f"lines: start it with '{word} …:' or with '{other}:'")
            return phrase
        phrase.plain = lineno
        conds, text = (), s
    elif phrase.plain:
        w.problem(phrase.plain, f"this line of [[{phrase.name}]] has no condition, but the phrase has other "
                                f"lines: start it with '{word} …:' or with '{other}:'")
        return phrase
    elif m is not None:
        conds, text = _conditions(w, lineno, m.group(1)), m.group(2)
        if conds is False:
            return phrase
    else:
        conds, text = (), otherwise.group(1)
        phrase.otherwise = lineno
    segs = _segments(w, lineno, text.strip())
    if segs is not None:
        phrase.variants.append(Variant(lineno, conds, segs))
    return phrase


def _conditions(w: Wording, lineno: int, written: str):
    text = written.strip()
    wanted = True
    head, _, rest = text.partition(" ")
    if _key(head) in _NEGATION and rest:
        wanted, text = False, rest
    key = fact(text)
    if key is None:
        facts = names(w.language)[1]
        close = difflib.get_close_matches(text, facts, n=1, cutoff=0.6)
        if close:
            hint = f"; did you mean '{close[0]}'? (README, \"Templates\", lists them all)"
        else:
            stage = STAGE_FACT[0 if w.language == "he" else 1]
            hint = f" (the conditions: {', '.join(facts)}, or '{stage}' and a stage's name)"
        w.problem(lineno, f"'{text}' is not a condition this program knows{hint}", "context")
        return False
    return ((key, wanted),)


def _segments(w: Wording, lineno: int, text: str):
    """The line's segments, or None (a problem was recorded) when it cannot be read."""
    segs: list[tuple] = []
    sent: list[str] = []
    buf: list[str] = []
    i, n = 0, len(text)

    def flush() -> None:
        if buf:
            chunk = "".join(buf)
            segs.append((T, chunk, escape(chunk, quote=False)))
            sent.append(chunk)
            buf.clear()

    while i < n:
        c = text[i]
        if c == "`":
            j = text.find("`", i + 1)
            if j < 0:
                w.problem(lineno, "a ` starts text to keep as it is, but no ` closes it on this line: "
                                  "put one after the text (`like this`)")
                return None
            flush()
            kept = text[i + 1:j]
            segs.append((L, isolated_text(kept), isolated_html(kept)))
            sent.append(" \u2063 ")
            i = j + 1
            continue
        if text.startswith(("{{", "{%"), i):
            w.problem(lineno, "'{{ … }}' and '{% … %}' belong to the older template language; here a "
                              "placeholder has one pair of braces, like {שם הלקוח}, and a choice is a ready "
                              "phrase, like [[חשוב לי / חשוב לנו]]")
            return None
        if c == "{":
            j, bad = text.find("}", i + 1), _first_of(text, "{[]", i + 1)
            if j < 0 or (bad >= 0 and bad < j):
                name = text[i + 1:bad if bad >= 0 else n].strip()
                w.problem(lineno, f"the placeholder {{{name} is not closed: write {{{name}}}")
                return None
            name = text[i + 1:j].strip()
            spec = placeholder(name)
            if spec is None:
                w.problem(lineno, _unknown_placeholder(name, w.language), "context")
            else:
                flush()
                segs.append((V, spec.key, lineno))
                sent.append(" \u2063 ")
            i = j + 1
            continue
        if c == "}":
            w.problem(lineno, "a } with no { before it: a placeholder is written {like this}")
            return None
        if text.startswith("[[", i):
            j, bad = text.find("]]", i + 2), _first_of(text, "[{}", i + 2)
            single = text.find("]", i + 2)
            if j < 0 or (bad >= 0 and bad < j) or (single >= 0 and single < j):
                stop = min(x for x in (bad, single, n) if x >= 0)
                name = text[i + 2:stop].strip()
                if single >= 0 and (j < 0 or single < j):
                    w.problem(lineno, f"[[{name}] is missing a closing bracket: write [[{name}]]")
                else:
                    w.problem(lineno, f"the ready phrase [[{name} is not closed: write [[{name}]]")
                return None
            name = text[i + 2:j].strip()
            flush()
            segs.append((P, _key(name), name, lineno))
            sent.append(" \u2063 ")
            w.refs.append((lineno, _key(name), name))
            i = j + 2
            continue
        if text.startswith("]]", i):
            w.problem(lineno, "]] closes a ready phrase that was never opened with [[")
            return None
        buf.append(c)
        i += 1
    flush()
    w.texts.append((lineno, "".join(sent)))
    return tuple(segs)


def _first_of(text: str, chars: str, start: int) -> int:
    found = [p for p in (text.find(c, start) for c in chars) if p >= 0]
    return min(found) if found else -1


def _unknown_placeholder(name: str, language: str) -> str:
    known = names(language)[0]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f"; did you mean {{{close[0]}}}?" if close else ""
    return f"{{{name}}} is not a placeholder{hint} (README, \"Templates\", lists them all)"


# -- rendering -----------------------------------------------------------------------------

def render_segs(segs: tuple, html: int, view: View, phrases: dict[str, Phrase], file: str,
                depth: int = 0) -> str:
    """A line (or a phrase's chosen line) for the text part (html=0) or the HTML part (html=1)."""
    out = []
    for s in segs:
        kind = s[0]
        if kind <= L:
            out.append(s[1 + html])
        elif kind == V:
            try:
                out.append(view.value(s[1], html))
            except Unavailable as e:
                raise WordingError(file, s[2], _unavailable(e, view.language)) from None
        else:
            out.append(render_phrase(s, html, view, phrases, file, depth))
    return "".join(out)


def render_phrase(seg: tuple, html: int, view: View, phrases: dict[str, Phrase], file: str, depth: int) -> str:
    phrase = phrases.get(seg[1])
    if phrase is None:
        raise WordingError(file, seg[3], unknown_phrase(seg[2], phrases, view.language))
    if depth >= MAX_DEPTH:
        raise WordingError(phrase.file, phrase.lineno,
                           f"[[{phrase.name}]] uses itself (through other phrases): it can never finish")
    for variant in phrase.variants:
        for key, wanted in variant.conds:
            if view.fact(key) != wanted:
                break
        else:
            return render_segs(variant.segs, html, view, phrases, phrase.file, depth + 1)
    return ""


def unknown_phrase(name: str, phrases: dict[str, Phrase], language: str) -> str:
    close = difflib.get_close_matches(name, [p.name for p in phrases.values()], n=1, cutoff=0.6)
    hint = f"; did you mean [[{close[0]}]]?" if close else ""
    where = "'# ביטויים' or _phrases.md" if language == "he" else "'# Phrases' or _phrases.md"
    return f"[[{name}]] is not a ready phrase{hint} (define it in {where})"


def _unavailable(e: Unavailable, language: str) -> str:
    name = display(e.key, language)
    cond = fact_display(e.fact, language) if e.fact else ""
    word = "אם" if language == "he" else "if"
    return (f"{{{name}}} has no value in this email; use it in a ready phrase, on a line that starts "
            f"with '{word} {cond}:'")


def render_paragraphs(paragraphs: list[list[Line]] | None, html: int, view: View, phrases: dict[str, Phrase],
                      file: str) -> list[list[tuple[bool, str]]]:
    """Each paragraph as its non-empty lines: (is a bullet, text)."""
    out = []
    for paragraph in paragraphs or ():
        lines = []
        for line in paragraph:
            text = line.fixed[html] if line.fixed else tidy(render_segs(line.segs, html, view, phrases, file))
            if text:
                lines.append((line.bullet, text))
        if lines:
            out.append(lines)
    return out
