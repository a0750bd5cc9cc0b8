"""Template lint: what `dunning-mailer templates check` reports before anything is sent.

Pure checks over a template folder (no network): Jinja syntax, the documented
context (statically and by rendering every stage with sample data), the three
files per stage, a single-line subject, well-formed right-to-left HTML, a plain
text part that starts in Hebrew, and the tone rules of `domain.md` (C1, C2, C4,
C13) and of the Hebrew voice notes. Every finding names its file, its line when
one can be named, and the principle it protects.

Tone rules run twice: on the template source (so the line is right) and on the
rendered output (so a sentence assembled from variables or config text is
caught as well).
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Sequence

import jinja2
from jinja2 import meta, nodes

from . import render
from .config import Business
from .model import Stage

ERROR, WARNING = "error", "warning"


RTL_LANGUAGES = frozenset({"he", "ar", "fa", "ur", "yi"})


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    severity: str  # "error" | "warning"
    principle: str | None  # "C2", "C1", "RTL", "context", "syntax", ...
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = f" [{self.principle}]" if self.principle else ""
        return f"{where}: {self.severity}{tag} {self.message}"


# ---------------------------------------------------------------------------
# Tone rules

@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    principle: str
    pattern: re.Pattern
    message: str


_HE = "\u05d0-\u05ea"
# Hebrew words take one-letter prefixes (ו, ה, ב, כ, ל, מ, ש): "ולאלתר", "בצעדים".
_PRE = rf"(?<![{_HE}\w])[והבכלמש]{{0,3}}"
_END = rf"(?![{_HE}\w])"


def _he(core: str) -> str:
    return f"{_PRE}(?:{core}){_END}"


def _en(core: str) -> str:
    return rf"\b(?:{core})\b"


def _rule(id_: str, severity: str, principle: str, pattern: str, message: str) -> Rule:
    return Rule(id_, severity, principle, re.compile(pattern), message)


_PRESSURE = ("pressure or a threat has no place in an automatic email: look for agreement, "
             "speak person to person (C1)")
_LEGAL = ("legal threats are never sent automatically: the last step hands the customer to a "
          "person, it does not threaten (C13, C1)")
_LAST = ("the ladder climbs slowly and its last step names a person and a next step, not a "
         "'final warning' (C4, C1)")
_SUPPLIERS = ("never argue that you need this payment to pay your own suppliers or cover cash "
              "flow: it advertises weak finances; remind of the agreement instead (C2, C3)")
_REGISTER = ("bureaucratic register reads like a collection agency; write everyday Hebrew "
             "(hebrew-voice.md)")
_TRANSLATED = "translated-English filler; say it the way a Hebrew speaker would (hebrew-voice.md)"
_SLASH = ("slash gender forms read like a form letter; use the plural of respect "
          "(\"תוכלו\") or an impersonal form (\"ניתן\", \"אפשר\") (hebrew-voice.md)")

RULES: tuple[Rule, ...] = (
    # Pressure and threats (C1, C4, C13).
    _rule("he-final-final", ERROR, "C4", _he("אחרונה ואחרונה|אחרון ואחרון"), _LAST),
    _rule("he-final-notice", ERROR, "C4",
          _he("(?:התראה|התרעה|אזהרה|הזדמנות|תזכורת|פנייה|פניה|דרישה|הודעה) אחרונה"), _LAST),
    _rule("he-warning-letter", ERROR, "C13", _he("מכתב (?:התראה|התרעה)"), _LEGAL),
    _rule("he-forced", ERROR, "C1",
          _he("(?:נאלץ|נאלצת|נאלצים|נאלצנו|ניאלץ|נאלצתי|נצטרך) (?:לנקוט|לפעול|לפנות|להעביר)"), _PRESSURE),
    _rule("he-take-steps", ERROR, "C13", _he("(?:לנקוט|ננקוט|נקיטת) (?:ב)?(?:צעדים|הליכים|אמצעים)"), _LEGAL),
    _rule("he-legal-steps", ERROR, "C13",
          _he("(?:צעדים|הליכים|הליך|צעד|אמצעים) (?:משפטיים|משפטי|משפטיות)|תביעה משפטית|נתבע|נתבעכם|"
              "בית (?:ה)?משפט|הוצאה לפועל|הוצאה לפעל|הוצל\"פ|ההוצל\"פ"), _LEGAL),
    _rule("he-lawyer", ERROR, "C13",
          _he("עורך (?:ה)?דין|עורכת (?:ה)?דין|עורכי (?:ה)?דין|עו\"ד|עוה\"ד|עורכי הדין שלנו"), _LEGAL),
    _rule("he-collection-agency", ERROR, "C13", _he("(?:חברת|חברות|משרד) (?:ה)?גבייה|(?:חברת|משרד) (?:ה)?גביה"),
          _LEGAL),
    _rule("he-immediately", ERROR, "C1", _he("מיידית|מיידי|מידית|לאלתר|ללא דיחוי|בלי דיחוי|תוך 24 שעות"),
          _PRESSURE),
    _rule("he-wont-hesitate", ERROR, "C1", _he("לא נהסס|לא נהסס לרגע|לא תהיה לנו ברירה|אין לנו ברירה"),
          _PRESSURE),
    _rule("en-final-warning", ERROR, "C4",
          _en("final (?:warning|notice|demand|reminder)|last (?:warning|chance|notice)"), _LAST),
    _rule("en-legal", ERROR, "C13",
          _en(r"legal (?:action|steps|proceedings|measures)|take (?:you )?to court|court action|"
              r"small claims|lawyers?|attorneys?|solicitors?|sue|lawsuit"), _LEGAL),
    _rule("en-collections", ERROR, "C13",
          _en("collections? agency|collections? agencies|debt collectors?|collection agents?"), _LEGAL),
    _rule("en-immediately", ERROR, "C1",
          _en("immediately|immediate payment|without (?:further )?delay|at once|within 24 hours"), _PRESSURE),
    _rule("en-no-choice", ERROR, "C1",
          _en(r"(?:will )?not hesitate|(?:we will )?have no (?:other )?choice|(?:we (?:will|shall) be )?forced to"),
          _PRESSURE),
    # The supplier argument (C2).
    _rule("he-suppliers", ERROR, "C2",
          _he("לשלם (?:ל)?ספקים|לשלם (?:ל)?ספקינו|(?:ה)?ספקים (?:שלנו|שלי)|ספקינו|ספקיי|לספקים שלנו|לספקים שלי"),
          _SUPPLIERS),
    _rule("he-so-we-can-pay", ERROR, "C2",
          _he("(?:כדי|על מנת|בשביל) ש(?:נוכל|אוכל|נצליח|אצליח) לשלם|(?:כדי|על מנת) לשלם (?:את )?(?:ה)?חשבונות שלנו"),
          _SUPPLIERS),
    _rule("he-cash-flow", ERROR, "C2",
          _he("תזרים(?: ה?מזומנים)?|(?:אנחנו |אנו )?(?:זקוקים|צריכים) (?:ל|את )?(?:ה)?כסף"), _SUPPLIERS),
    _rule("en-suppliers", ERROR, "C2",
          _en(r"pay (?:our|my) (?:own )?(?:suppliers|vendors|bills)|our (?:own )?suppliers|my (?:own )?suppliers|"
              r"cash[- ]?flow|(?:so|in order) (?:that )?we can pay|we need (?:the|this|your) (?:money|payment)"),
          _SUPPLIERS),
    # Bureaucratic and translated register (hebrew-voice.md).
    _rule("he-register", WARNING, "voice",
          _he("הנך מתבקש|הנך מתבקשת|הנכם מתבקשים|הנך נדרש|הנכם נדרשים|הרינו|הריני|הננו|לידיעתך|לידיעתכם|"
              "בהתאם לאמור לעיל|כאמור לעיל|נבקשך|נבקשכם|הנ\"ל"), _REGISTER),
    _rule("he-translated", WARNING, "voice",
          _he("מוצא אותך בטוב|מוצא אתכם בטוב|רק רציתי לבדוק|תודה על תשומת הלב לעניין זה|תודה על תשומת לבך"),
          _TRANSLATED),
    # Slash gender forms: "את/ה", "תוכל/י", "יקר/ה" (but "ו/או" is fine).
    _rule("he-slash-gender", WARNING, "gender",
          rf"(?<![{_HE}])(?!ו/או)[{_HE}]*[{_HE}]/[{_HE}]{{1,3}}(?![{_HE}])", _SLASH),
)

# ---------------------------------------------------------------------------
# Normalisation: niqqud, geresh variants, bidi marks, entities, tags

_DROP = {c: None for c in range(0x0591, 0x05C8) if c not in (0x05BE, 0x05C0, 0x05C3, 0x05C6)}
_DROP.update({c: None for c in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
                                0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C, 0xFEFF,
                                0x00AD, 0x2060)})
_MAP = {"\u05f3": "'", "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
        "\u05f4": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u05be": " "}
_INLINE_TAGS = frozenset({"a", "b", "i", "u", "em", "strong", "span", "font", "small", "big", "sup",
                          "sub", "abbr", "mark", "s", "strike", "code"})
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<![^>]*>", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def _blank(m: re.Match) -> str:
    # Keep the line count so offsets still map to the right line.
    return re.sub(r"[^\n]", " ", m.group(0))


_SPACES = re.compile(r"\s+")
_MAP_TABLE = str.maketrans({**_MAP, **_DROP, "\u00a0": " "})


def normalize(text: str, *, is_html: bool) -> tuple[str, list[tuple[int, int]]]:
    """Text for the tone rules, and (offset, 1-based source line) where each line starts.

    Tags go (inline ones without a trace, block ones as a space), entities are
    decoded, niqqud and bidi marks vanish, geresh/gershayim look like ASCII
    quotes, every run of white space (line ends too) is one space, and Latin is
    lower case.
    """
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        if is_html:
            raw = _TAG.sub(lambda m: "" if (m.group(2) or "").lower() in _INLINE_TAGS else " ", raw)
            raw = html.unescape(raw)
        raw = raw.replace('\\"', '"').replace("\\'", "'")
        if not raw.isascii():
            raw = unicodedata.normalize("NFKD", raw).translate(_MAP_TABLE)
        raw = _SPACES.sub(" ", raw).strip().lower()
        if not raw:
            continue
        starts.append((offset, lineno))
        parts.append(raw)
        offset += len(raw) + 1
    return " ".join(parts), starts


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    i = bisect.bisect_right(starts, (offset, float("inf"))) - 1
    return starts[max(i, 0)][1] if starts else 1


def tone_matches(text: str, *, is_html: bool) -> list[tuple[Rule, int, str]]:
    """(rule, line, matched words) for every tone rule that matches `text`."""
    norm, starts = normalize(text, is_html=is_html)
    found = []
    for rule in RULES:
        for m in rule.pattern.finditer(norm):
            found.append((rule, _line_at(starts, m.start()), m.group(0).strip()))
    return found


# ---------------------------------------------------------------------------
# Sample data: every branch a stage may take

SAMPLE_TODAY = dt.date(2026, 12, 1)


def sample_businesses(language: str) -> tuple[Business, Business]:
    """A business with every optional part set, and one with none of them."""
    if language == "he":
        full = Business(name="סטודיו גפן", email="billing@gefen.example", reply_to="michal@gefen.example",
                        phone="+972-50-555-1234", website="https://gefen.example", signature_name="מיכל לוי",
                        signature_role="מנהלת לקוחות", payment_methods=("העברה בנקאית", "כרטיס אשראי", "ביט"),
                        payment_link="https://pay.example/gefen", color="#2b6cb0",
                        bank_details="בנק לאומי (10), סניף 800\nחשבון 123456/78\nIBAN IL620108000000012345678",
                        logo_url="https://gefen.example/logo.png")
    else:
        full = Business(name="Gefen Studio", email="billing@gefen.example", reply_to="michal@gefen.example",
                        phone="+972-50-555-1234", website="https://gefen.example", signature_name="Michal Levi",
                        signature_role="Account manager", payment_methods=("bank transfer", "credit card", "PayPal"),
                        payment_link="https://pay.example/gefen", color="#2b6cb0",
                        bank_details="Bank Leumi (10), branch 800\nAccount 123456/78\nIBAN IL620108000000012345678",
                        logo_url="https://gefen.example/logo.png")
    minimal = Business(name=full.name, email=full.email, payment_methods=())
    return full, minimal


def _make(cls: type, **values: Any) -> Any:
    """An instance of a dataclass from the values it knows (its fields change over time)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def sample_offers() -> tuple[Any, ...]:
    """No offer, a discount with instalments, instalments only."""
    offer = getattr(render, "Offer", None)
    if offer is None:
        return (None,)
    until = SAMPLE_TODAY + dt.timedelta(days=10)
    return (None,
            _make(offer, discount_percent=Decimal("5"), discount_until=until, instalments=3,
                  instalment_amount=Decimal("1180")),
            _make(offer, instalments=4, instalment_amount=Decimal("885")))


def sample_email(stage: Stage, invoices: int = 2, currencies: tuple[str, ...] = ("ILS",)) -> Any:
    from .testing import sample_email as make

    return make(stage, SAMPLE_TODAY, invoices=invoices, currencies=currencies)


def sample_mixed_email(stage: Stage, today: dt.date = SAMPLE_TODAY) -> Any:
    """Ids with letters, a partial payment, a credit note (a negative amount) and two currencies:
    what breaks right-to-left layout when a number is not isolated."""
    from .model import Customer, Invoice
    from .policy import InvoiceState

    email = sample_email(stage)
    customer = Customer("C-2042", "נגרות הגליל בע״מ", ("office@galil-wood.example",))
    due = today - dt.timedelta(days=stage.days)
    rows = (("2024-0042-A", due - dt.timedelta(days=14), "2360.00", "1180.00", "ILS"),
            ("2026-1043", due, "4720.50", "4720.50", "ILS"),
            ("CN-2026-007", due, "-500.00", "-500.00", "ILS"),
            ("INV-88/2026", due - dt.timedelta(days=7), "950.00", "950.00", "USD"))
    states = tuple(InvoiceState(Invoice(number, customer.id, customer.name, customer.emails,
                                        d - dt.timedelta(days=30), d, Decimal(amount), Decimal(balance), currency))
                   for number, d, amount, balance, currency in rows)
    return dataclasses.replace(email, customer=customer, recipients=customer.emails,
                               items=tuple((s, stage) for s in states))


def sample_contexts(stage: Stage, language: str, business: Business | None = None) -> Iterable[tuple[str, dict]]:
    """(label, context) pairs: 1 and 3 invoices, 2 currencies, with and without an offer and config parts."""
    businesses = (business,) if business is not None else sample_businesses(language)
    for invoices, currencies in ((1, ("ILS",)), (3, ("ILS",)), (3, ("ILS", "USD"))):
        email = sample_email(stage, invoices, currencies)
        for b_index, biz in enumerate(businesses):
            for offer in sample_offers():
                label = (f"{invoices} invoice{'s' if invoices > 1 else ''}, {'/'.join(currencies)}, "
                         f"{'full' if b_index == 0 else 'minimal'} business, "
                         f"{'no offer' if offer is None else 'an offer'}")
                this = email
                if offer is None and getattr(email, "offer", None) is not None:
                    this = dataclasses.replace(email, offer=None)
                yield label, render.context(this, business=biz, today=SAMPLE_TODAY, offer=offer)
    for b_index, biz in enumerate(businesses):
        label = f"ids with letters, a credit note, ILS/USD, {'full' if b_index == 0 else 'minimal'} business"
        yield label, render.context(sample_mixed_email(stage), business=biz, today=SAMPLE_TODAY)


# ---------------------------------------------------------------------------
# Static checks on the template source

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


# ---------------------------------------------------------------------------
# HTML checks on the rendered output

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.problems: list[tuple[int, str]] = []
        self.first: tuple[str, dict] | None = None
        self.body: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.first is None:
            self.first = (tag, dict(attrs))
        if tag == "body" and self.body is None:
            self.body = dict(attrs)
        if tag not in _VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if self.first is None:
            self.first = (tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag in _VOID:
            return
        if not self.stack:
            self.problems.append((line, f"</{tag}> closes nothing"))
            return
        if self.stack[-1][0] == tag:
            self.stack.pop()
            return
        open_tags = [t for t, _ in self.stack]
        if tag in open_tags:
            while self.stack and self.stack[-1][0] != tag:
                t, at = self.stack.pop()
                self.problems.append((at, f"<{t}> is never closed (</{tag}> comes first)"))
            self.stack.pop()
        else:
            self.problems.append((line, f"</{tag}> has no matching <{tag}>"))

    def close(self) -> None:
        super().close()
        for t, at in self.stack:
            self.problems.append((at, f"<{t}> is never closed"))
        self.stack.clear()


_CELL_TAG = re.compile(r"<(table|td|th)\b((?:[^>{]|\{\{.*?\}\}|\{%.*?%\}|\{(?![{%]))*)>", re.S | re.I)


# ---------------------------------------------------------------------------
# The check

_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"


def _is_hebrew_letter(ch: str) -> bool:
    return "\u05d0" <= ch <= "\u05ea" or "\ufb1d" <= ch <= "\ufb4f"


def _first_visible(text: str) -> str:
    stripped = text.lstrip(_BIDI + " \t\r\n\u00a0")
    return stripped[:1]


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


_WHEN = " (when rendering with "


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    static_context = {(f.file, f.line) for f in findings if f.principle == "context" and _WHEN not in f.message}
    for f in findings:
        if f.principle == "context" and _WHEN in f.message and (f.file, f.line) in static_context:
            continue
        key = (f.file, f.line, f.severity, f.principle, f.message.split(_WHEN)[0])
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    order = {ERROR: 0, WARNING: 1}
    return sorted(out, key=lambda f: (f.file, f.line or 0, order.get(f.severity, 2), f.principle or ""))


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


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
