"""One Jinja stage template of the older layout -> the lines of a wording file.

The older templates say everything in a few recognisable ways: text, `{{ … }}` of a context
value through a filter or a macro of `_base`, `{{ "a" if cond else "b" }}`, and `{% if %}`
around words or whole paragraphs. Each value becomes a placeholder, each choice a ready phrase
whose lines start with the condition. Anything else is not guessed: Unconvertible says what,
and the stage stays in the older layout."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from jinja2 import nodes

from ..render.vocabulary import display, fact_display

# How the older templates wrote each value; the placeholder it is now.
VALUES = {
    "customer.name": "customer", "business.name": "business",
    "business.signature_name": "signer", "business.signature_role": "role",
    "business.phone|ltr": "phone", "business.phone": "phone", "methods_text()": "methods",
    "invoices[0].number|ltr": "number", "focus[0].number|ltr": "number",
    "invoices[0].balance|money(invoices[0].currency)": "balance", "focus[0].balance|money(focus[0].currency)": "balance",
    "total_text()": "total",
    "focus_since|longdate": "due", "focus[0].due_date|longdate": "due", "invoices[0].due_date|longdate": "due",
    "earliest_due|longdate": "due", "day(focus_since)": "due", "day(focus[0].due_date)": "due",
    "day(invoices[0].due_date)": "due", "day(earliest_due)": "due",
    "soon[0].number|ltr": "next_number",
    "offer.instalments|ltr": "instalments", "offer.instalment_amount|money(totals[0].currency)": "per_instalment",
    "('%g'|format(offer.discount_percent) ~ '%')|ltr": "discount",
    "offer.discount_until|longdate": "discount_until", "day(offer.discount_until)": "discount_until",
    "promise.made_at|longdate": "promise_made", "promise.amount|money(invoices[0].currency)": "promise_amount",
    "promise.due|longdate": "promise_due",
    "instalment.number": "plan_number", "instalment.of": "plan_of",
    "instalment.amount|money(invoices[0].currency)": "plan_amount", "instalment.date|longdate": "plan_date",
    "today|longdate": "today", "day(today)": "today",
}
# Macros of `_base` that are ready phrases of `_phrases.md` now: (Hebrew name, English name).
SHARED = {
    "due_when(invoices[0].due_date)": ("מתי מועד התשלום", "is due / was due"),
    "due_when(focus[0].due_date)": ("מתי מועד התשלום", "is due / was due"),
    "due_when(earliest_due)": ("מתי מועד התשלום", "is due / was due"),
    "soon_note()": ("צירפנו גם חשבוניות שמועדן לא הגיע", "we have also included"),
}
# How the older templates wrote each condition: (fact, wanted), or True (always holds).
CONDITIONS = {
    "one": ("listed_one", True), "invoices|length == 1": ("listed_one", True), "focus_one": ("one", True),
    "partial": ("partial", True), "focus[0].balance < focus[0].amount": ("partial", True),
    "soon": ("also_later", True),
    "business.signature_name": ("person", True), "business.signature_role": ("role", True),
    "business.phone": ("phone", True), "business.payment_methods": ("methods", True),
    "offer and (offer.instalments or offer.discount_percent)": ("offer", True),
    "offer.instalments": ("instalments_offered", True), "offer and offer.instalments": ("instalments_offered", True),
    "offer.discount_percent": ("discount_offered", True),
    "offer and offer.discount_percent": ("discount_offered", True),
    "offer.discount_until": ("discount_deadline", True),
    "offer.instalment_amount and totals|length == 1": ("per_instalment", True),
    "promise.amount": ("promise_amount", True),
    "promise.made_at": True, "soon_note()": True,  # always there / a phrase that empties itself
}
_WORDING_SYNTAX = re.compile(r"[{}`]|\[\[|\]\]")


class Unconvertible(Exception):
    """Something the converter does not know how to say in a wording file."""

    def __init__(self, what: str, line: int | None = None):
        super().__init__(what)
        self.what, self.line = what, line


@dataclass
class Choice:
    """What becomes a ready phrase: (conditions, tokens) tried in order, then `otherwise`."""

    variants: list[tuple[tuple[tuple[str, bool], ...], list]] = field(default_factory=list)
    otherwise: list = field(default_factory=list)


@dataclass(frozen=True)
class Value:
    key: str


@dataclass(frozen=True)
class Shared:
    names: tuple[str, str]


def source(node: nodes.Node) -> str:
    """A canonical spelling of an expression, to look it up in the tables above."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{source(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{source(node.node)}[{source(node.arg)}]"
    if isinstance(node, nodes.Filter):
        inner = source(node.node)
        if not isinstance(node.node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Const, nodes.Call)):
            inner = f"({inner})"
        args = f"({', '.join(source(a) for a in node.args)})" if node.args else ""
        return f"{inner}|{node.name}{args}"
    if isinstance(node, nodes.Call):
        return f"{source(node.node)}({', '.join(source(a) for a in node.args)})"
    if isinstance(node, nodes.Concat):
        return " ~ ".join(source(n) for n in node.nodes)
    if isinstance(node, nodes.Compare):
        ops = {"eq": "==", "ne": "!=", "gt": ">", "lt": "<", "gteq": ">=", "lteq": "<="}
        return source(node.expr) + "".join(f" {ops.get(o.op, o.op)} {source(o.expr)}" for o in node.ops)
    if isinstance(node, (nodes.And, nodes.Or)):
        word = "and" if isinstance(node, nodes.And) else "or"
        parts = []
        for side in (node.left, node.right):
            text = source(side)
            parts.append(f"({text})" if isinstance(side, (nodes.And, nodes.Or)) and type(side) is not type(node)
                         else text)
        return f" {word} ".join(parts)
    if isinstance(node, nodes.Not):
        return f"not {source(node.node)}"
    raise Unconvertible(f"the expression of type {type(node).__name__}", getattr(node, "lineno", None))


class Converter:
    """Tokens (text, Value, Shared, Choice) for the nodes of one block or template."""

    def __init__(self, local: dict[str, nodes.Node] | None = None):
        self.local = dict(local or {})

    # -- conditions --------------------------------------------------------
    def condition(self, test: nodes.Node):
        """A list of alternatives, each a tuple of (fact, wanted) that must all hold; [()] = always."""
        if isinstance(test, nodes.Name) and test.name in self.local:
            return self.condition(self.local[test.name])
        try:
            written = source(test)
        except Unconvertible:
            written = None
        if written in CONDITIONS:
            found = CONDITIONS[written]
            return [()] if found is True else [(found,)]
        if written is not None and written.startswith("stage.name == "):
            value = written.partition(" == ")[2].strip("'\"")
            return [((f"stage:{value}", True),)]
        if isinstance(test, nodes.Not):
            inner = self.condition(test.node)
            if len(inner) == 1 and len(inner[0]) == 1:
                (key, wanted), = inner[0]
                return [((key, not wanted),)]
        if isinstance(test, nodes.And):
            return [a + b for a in self.condition(test.left) for b in self.condition(test.right)]
        if isinstance(test, nodes.Or):
            return self.condition(test.left) + self.condition(test.right)
        raise Unconvertible(f"the condition '{written or type(test).__name__}'", test.lineno)

    def choice(self, test: nodes.Node, then: list, otherwise: list) -> list:
        alternatives = self.condition(test)
        if () in alternatives:
            return then
        out = Choice()
        for conds in alternatives:
            out.variants.append((conds, then))
        out.otherwise = otherwise
        return [out]

    # -- values ------------------------------------------------------------
    def expression(self, node: nodes.Node) -> list:
        if isinstance(node, nodes.TemplateData):
            return [node.data]
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, nodes.Concat):
            return [t for n in node.nodes for t in self.expression(n)]
        if isinstance(node, nodes.CondExpr):
            return self.choice(node.test, self.expression(node.expr1),
                               self.expression(node.expr2) if node.expr2 is not None else [])
        if isinstance(node, nodes.Or):  # `business.signature_name or "אחד מאיתנו"`
            return self.choice(node.left, self.expression(node.left), self.expression(node.right))
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr) \
                and isinstance(node.node.node, nodes.Dict) and node.node.attr == "get" \
                and len(node.args) == 2 and source(node.args[0]) == "stage.name":
            out = Choice()
            for pair in node.node.node.items:
                out.variants.append(((("stage:" + str(pair.key.value), True),), self.expression(pair.value)))
            out.otherwise = self.expression(node.args[1])
            return [out]
        written = source(node)
        if written in VALUES:
            return [Value(VALUES[written])]
        if written in SHARED:
            return [Shared(SHARED[written])]
        raise Unconvertible(f"'{{{{ {written} }}}}'", node.lineno)

    # -- statements ----------------------------------------------------------
    def body(self, body: list[nodes.Node]) -> list:
        out: list = []
        for node in body:
            if isinstance(node, nodes.Output):
                for child in node.nodes:
                    out += self.expression(child)
            elif isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
                self.local[node.target.name] = node.node
            elif isinstance(node, nodes.If):
                otherwise = self.body(node.else_)
                for branch in reversed(node.elif_):
                    otherwise = self.choice(branch.test, self.body(branch.body), otherwise)
                out += self.choice(node.test, self.body(node.body), otherwise)
            else:
                raise Unconvertible(f"a {{% {type(node).__name__.lower()} %}} tag", node.lineno)
        return out


def lines_of(tokens: list) -> list[list]:
    """Tokens -> lines (lists of tokens); a choice whose text spans lines becomes one line per
    line of its longest branch, each a choice of its own."""
    lines: list[list] = [[]]
    for token in tokens:
        if isinstance(token, str):
            first, *rest = token.split("\n")
            if first:
                lines[-1].append(first)
            for part in rest:
                lines.append([part] if part else [])
        elif isinstance(token, Choice) and _spans_lines(token):
            if any(_text(t).strip() for t in lines[-1]):
                raise Unconvertible("an {% if %} that starts in the middle of a line and ends on another")
            branches = [_rows(t) for _, t in token.variants] + [_rows(token.otherwise)]
            height = max(len(b) for b in branches)
            lines.pop()
            for row in range(height):
                cell = Choice([(conds, _pad(branches[i], row)) for i, (conds, _) in enumerate(token.variants)],
                              _pad(branches[-1], row))
                blank = all(not any(_text(t).strip() or not isinstance(t, str) for t in _pad(b, row))
                            for b in branches)
                lines.append([] if blank else [cell])
            lines.append([])
        else:
            lines[-1].append(token)
    return lines


def _rows(tokens: list) -> list[list]:
    rows = lines_of(tokens)
    if rows and not rows[-1]:
        rows.pop()  # the branch ended its last line; that is not a blank line
    return rows


def _pad(branch: list[list], row: int) -> list:
    return branch[row] if row < len(branch) else []


def _spans_lines(choice: Choice) -> bool:
    return any("\n" in _text(t) or (isinstance(t, Choice) and _spans_lines(t))
               for _, tokens in choice.variants for t in tokens) or \
        any("\n" in _text(t) or (isinstance(t, Choice) and _spans_lines(t)) for t in choice.otherwise)


def _text(token) -> str:
    return token if isinstance(token, str) else ""


def paragraphs(lines: list[list]) -> list[list[list]]:
    out: list[list[list]] = [[]]
    for line in lines:
        if not any(not isinstance(t, str) or t.strip() for t in line):
            if out[-1]:
                out.append([])
            continue
        out[-1].append(line)
    return [p for p in out if p]


class Writer:
    """Tokens -> wording text, naming each choice as a ready phrase of the stage."""

    def __init__(self, language: str, taken: set[str], known: dict[tuple[str, ...], str] | None = None):
        self.language = language
        self.taken = set(taken)
        self.known = dict(known or {})  # a phrase's lines -> its name, in _phrases.md or written already
        self.phrases: list[tuple[str, list[str]]] = []

    def line(self, tokens: list) -> str:
        bullet = ""
        if tokens and isinstance(tokens[0], str) and tokens[0].lstrip().startswith("• "):
            bullet, tokens = "• ", [tokens[0].lstrip()[2:], *tokens[1:]]
        elif len(tokens) == 1 and isinstance(tokens[0], Choice) and _all_start(tokens[0], "• "):
            bullet, tokens = "• ", [_strip_start(tokens[0], "• ")]
        text = self.inline(tokens).strip()
        if text.startswith(("#", "//")) or re.match(r"[-*]\s", text):
            raise Unconvertible(f"a line that starts with '{text[:2]}'")
        return bullet + text

    def inline(self, tokens: list) -> str:
        out = []
        for token in tokens:
            if isinstance(token, str):
                if _WORDING_SYNTAX.search(token):
                    raise Unconvertible(f"the text '{token.strip()[:40]}', which has a character wording files "
                                        f"use for placeholders or phrases ({{ }} [[ ]] `)")
                out.append(token)
            elif isinstance(token, Value):
                out.append("{" + display(token.key, self.language) + "}")
            elif isinstance(token, Shared):
                out.append("[[" + token.names[0 if self.language == "he" else 1] + "]]")
            else:
                lead, trail = _spaces(token)
                out.append(lead + "[[" + self.phrase(token) + "]]" + trail)
        return "".join(out)

    def phrase(self, choice: Choice) -> str:
        word, other = ("אם", "אחרת") if self.language == "he" else ("if", "otherwise")
        if len(choice.variants) == 1 and len(choice.variants[0][0]) == 1 and not choice.variants[0][0][0][1] \
                and _filled(choice.otherwise):  # "if not A: x, otherwise: y" reads better as "if A: y, otherwise: x"
            ((key, _),), tokens = choice.variants[0]
            choice = Choice([(((key, True),), choice.otherwise)], tokens)
        lines = []
        for conds, tokens in choice.variants:
            key, wanted = conds[0]
            written = ("" if wanted else ("לא " if self.language == "he" else "not ")) + fact_display(key, self.language)
            if len(conds) > 1:
                text = "[[" + self.phrase(Choice([(conds[1:], tokens)], choice.otherwise)) + "]]"
            else:
                text = self.inline(_trimmed(tokens)).strip()
            lines.append(f"{word} {written}: {text}".rstrip())
        if _filled(choice.otherwise):
            lines.append(f"{other}: {self.inline(_trimmed(choice.otherwise)).strip()}")
        if tuple(lines) in self.known:
            return self.known[tuple(lines)]
        name = self._name(choice, lines)
        self.known[tuple(lines)] = name
        self.phrases.append((name, lines))
        return name

    def _name(self, choice: Choice, lines: list[str]) -> str:
        said = [line.partition(":")[2].strip() for line in lines]
        if len(said) == 2 and all(0 < len(s.split()) <= 3 and not re.search(r"[{\[]", s) for s in said):
            words = [" / ".join(said)]  # "אני פונה / אנחנו פונים", as the shipped phrases are named
        else:
            words = _plain(choice).split()[:4]
        base = " ".join(words) or ("ביטוי" if self.language == "he" else "phrase")
        name, n = base, 2
        while name.casefold() in self.taken:
            name, n = f"{base} ({n})", n + 1
        self.taken.add(name.casefold())
        return name


def _plain(choice: Choice) -> str:
    """The first words a choice can say, for its name."""
    for _, tokens in [*choice.variants, ((), choice.otherwise)]:
        text = "".join(_text(t) if isinstance(t, str) else _plain(t) if isinstance(t, Choice) else " "
                       for t in tokens)
        text = re.sub(r"[^\w\s׳״'\"־-]", " ", text)
        if text.split():
            return text
    return ""


def _filled(tokens: list) -> bool:
    return any(_text(t).strip() or not isinstance(t, str) for t in tokens)


def _all_start(choice: Choice, prefix: str) -> bool:
    texts = [t for _, t in choice.variants] + [choice.otherwise]
    filled = [t for t in texts if any(_text(x).strip() or not isinstance(x, str) for x in t)]
    return bool(filled) and all(t and isinstance(t[0], str) and t[0].lstrip().startswith(prefix) for t in filled)


def _strip_start(choice: Choice, prefix: str) -> Choice:
    def strip(tokens: list) -> list:
        if tokens and isinstance(tokens[0], str) and tokens[0].lstrip().startswith(prefix):
            return [tokens[0].lstrip()[len(prefix):], *tokens[1:]]
        return tokens
    return Choice([(c, strip(t)) for c, t in choice.variants], strip(choice.otherwise))


def _trimmed(tokens: list) -> list:
    return [t for t in tokens if not (isinstance(t, str) and not t.strip() and "\n" in t)]


def _spaces(choice: Choice) -> tuple[str, str]:
    """A phrase's line cannot start or end with a space; one every text of it has moves outside."""
    texts = ["".join(_text(t) if isinstance(t, str) else "x" for t in tokens)
             for tokens in [*(t for _, t in choice.variants), choice.otherwise]]
    filled = [t for t in texts if t.strip()]
    lead = " " if filled and all(t.startswith(" ") for t in filled) else ""
    trail = " " if filled and all(t.endswith(" ") for t in filled) else ""
    return lead, trail
