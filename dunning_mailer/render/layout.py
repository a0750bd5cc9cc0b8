"""The shared layout every stage is poured into, in both parts: the business's header, a summary
box (what is owed, by when, a pay button), the greeting, the stage's message, the invoice
table, how to pay, the closing and the signature.

Its HTML and text live here with the program (layout.html, layout.txt), not in the folder the
business edits: a stage cannot change them, by accident or otherwise. What a business chooses
is in config.toml ([business] and [layout]); the layout's words are phrases of `_phrases.md`
(`[[ברכה]]`, `[[טבלה: כותרת]]` …), so they too are changed in one place."""
from __future__ import annotations

import re
from collections import namedtuple
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model import Layout
from .formats import format_date, format_money, isolated_html, isolated_text
from .vocabulary import View, _key
from .wording import L, Phrase, WordingError, render_segs, tidy

# (key the layout uses, the phrase's Hebrew name, its English name)
LAYOUT_WORDS = (
    ("greeting", "ברכה", "Greeting"),
    ("signoff", "ברכת סיום", "Sign-off"),
    ("summary_balance", "סיכום: יתרה", "Summary: balance"),
    ("summary_date", "סיכום: מועד", "Summary: date"),
    ("pay_button", "סיכום: כפתור תשלום", "Summary: pay button"),
    ("table_title", "טבלה: כותרת", "Table: title"),
    ("col_invoice", "טבלה: חשבונית", "Table: invoice"),
    ("col_amount", "טבלה: סכום", "Table: amount"),
    ("col_balance", "טבלה: יתרה", "Table: balance"),
    ("issued", "טבלה: תאריך הפקה", "Table: issued"),
    ("due_on", "טבלה: תאריך לתשלום", "Table: due"),
    ("total", "טבלה: סה״כ", "Table: total"),
    ("paid_title", "טבלה: ששולמו", "Table: paid"),
    ("how_to_pay", "תשלום: כותרת", "Payment: title"),
    ("methods", "תשלום: אמצעים", "Payment: methods"),
    ("pay_online", "תשלום: באתר", "Payment: online"),
    ("bank_title", "תשלום: העברה בנקאית", "Payment: bank transfer"),
    ("transfer_reference", "תשלום: מספר בהעברה", "Payment: reference"),
    ("phone", "חתימה: טלפון", "Signature: phone"),
    ("email", "חתימה: דוא״ל", "Signature: email"),
    ("website", "חתימה: אתר", "Signature: website"),
)
WORD_NAMES = {key: (he, en) for key, he, en in LAYOUT_WORDS}
PHRASES_FILE = "_phrases.md"

_HERE = Path(__file__).resolve().parent
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_HERE)),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
_HTML = _ENV.overlay(autoescape=True)  # every value the second pass prints is escaped
# The first pass of layout.html: what is the same for every email of a language and width.
_FIXED = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_HERE)), variable_start_string="${", variable_end_string="}",
    block_start_string="<%", block_end_string="%>", comment_start_string="<#", comment_end_string="#>",
    undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
_TEMPLATES: dict[tuple, jinja2.Template] = {}
_BLANK_LINES = re.compile(r"\n{3,}")
_JINJA_CHARS = re.compile(r"[{}]")


def template(name: str, words: "LayoutWords", rtl: bool = True, width: int = 600) -> jinja2.Template:
    """layout.html or layout.txt for one folder's words, direction and width, compiled once."""
    html = name.endswith(".html")
    key = (name, words.key, rtl, width)
    if key not in _TEMPLATES:
        fixed = {"dir": "rtl" if rtl else "ltr", "start": "right" if rtl else "left",
                 "lang": "he" if rtl else "en", "width": width, "w": words.first_pass(html)}
        _TEMPLATES[key] = (_HTML if html else _ENV).from_string(_FIXED.get_template(name).render(fixed))
    return _TEMPLATES[key]


def find_word(phrases: dict[str, Phrase], key: str) -> Phrase | None:
    he, en = WORD_NAMES[key]
    return phrases.get(_key(he)) or phrases.get(_key(en))


class LayoutWords:
    """The layout's phrases of one folder, found once; the ones that never change already
    rendered for both parts."""

    def __init__(self, phrases: dict[str, Phrase]):
        self.phrases = {key: find_word(phrases, key) for key in WORD_NAMES}
        self.fixed: tuple[dict, dict] = ({}, {})
        for key, phrase in self.phrases.items():
            if phrase and len(phrase.variants) == 1 and not phrase.variants[0].conds \
                    and all(seg[0] <= L for seg in phrase.variants[0].segs):
                segs = phrase.variants[0].segs
                self.fixed[0][key] = tidy("".join(seg[1] for seg in segs))
                self.fixed[1][key] = Markup(tidy("".join(seg[2] for seg in segs)))
        self.key = tuple(sorted(self.fixed[0].items()))

    def first_pass(self, html: int) -> _Part:
        """What the layout's first pass writes for each word: the words that never change as they
        are, the others as a lookup for every email."""
        out = {}
        for key in WORD_NAMES:
            value = self.fixed[html].get(key)
            out[key] = value if value is not None and not _JINJA_CHARS.search(value) else "{{ d.words.%s }}" % key
        return _Part(**out)


class Words:
    """The layout's words for one email and one part; the others rendered when the layout uses them."""

    def __init__(self, words: LayoutWords, view: View, phrases: dict[str, Phrase], html: int):
        self.__dict__.update(words.fixed[html])
        self._words, self._view, self._phrases, self._html = words, view, phrases, html

    def __getattr__(self, key: str):
        if key.startswith("_") or key not in WORD_NAMES:
            raise AttributeError(key)
        phrase = self._words.phrases[key]
        if phrase is None:
            name = WORD_NAMES[key][0 if self._view.language == "he" else 1]
            raise WordingError(PHRASES_FILE, None, f"the layout needs the phrase [[{name}]], which "
                                                   f"{PHRASES_FILE} does not define")
        text = ""
        for variant in phrase.variants:
            if all(self._view.fact(k) == wanted for k, wanted in variant.conds):
                text = tidy(render_segs(variant.segs, self._html, self._view, self._phrases, phrase.file, 1))
                break
        out = Markup(text) if self._html else text
        setattr(self, key, out)
        return out


class _Part:
    """What layout.html / layout.txt print, as attributes (Jinja reads those fastest)."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


Row = namedtuple("Row", "number issued due amount balance")


def kind_of(template_name: str, ctx: dict) -> str:
    """What the table shows: the invoices, the ones just paid (thank_you), or balances only."""
    if template_name == "thank_you":
        return "paid"
    if template_name == "statement" or (ctx["invoices"] and all(i.kind == "balance" for i in ctx["invoices"])):
        return "balances"
    return "invoices"


def part(view: View, phrases: dict[str, Phrase], words: LayoutWords, pieces: dict, layout: Layout, kind: str,
         html: int) -> str:
    """One part (HTML or text) of the email: the layout filled with the stage's rendered pieces."""
    ctx = view.ctx
    b = ctx["business"]
    wrap = (lambda s: Markup(isolated_html(s))) if html else isolated_text
    money = format_money
    invoices = ctx["invoices"]
    rows = [Row(wrap(i.number), wrap(format_date(i.issue_date)) if i.issue_date else None,
                wrap(format_date(i.due_date)), wrap(money(i.amount, i.currency)), wrap(money(i.balance, i.currency)))
            for i in invoices]
    totals = [wrap(money(t.balance, t.currency)) for t in ctx["totals"]]
    rtl = view.language == "he"
    if html:
        message, closing = _lines(pieces["message"]), _lines(pieces["closing"])
    else:
        message, closing = _text(pieces["message"]), _text(pieces["closing"])
    d = _Part(
        name=b.name, color=b.color, logo=b.logo_url, words=Words(words, view, phrases, html), kind=kind,
        preheader=pieces.get("preheader", ""), message=message, closing=closing,
        rows=rows, totals=totals, show_totals=len(invoices) > 1 or len(totals) > 1,
        summary=layout.summary and kind != "paid" and bool(invoices),
        earliest=wrap(format_date(ctx["earliest_due"])), link=b.payment_link,
        pay=kind != "paid" and bool(b.payment_methods or b.payment_link or b.bank_details),
        methods=bool(b.payment_methods), bank=[line.strip() for line in b.bank_details.splitlines() if line.strip()],
        transfer_reference=layout.transfer_reference, signer=b.signature_name,
        signed_line=(b.signature_role + ", " if b.signature_role else "") + b.name,
        phone=wrap(b.phone) if b.phone else "", email=b.email, email_shown=wrap(b.email) if b.email else "",
        website=wrap(b.website) if b.website else "")
    if html:
        return template("layout.html", words, rtl, layout.width).render(d=d)
    # Optional sections leave blank lines behind; a paragraph break is one blank line.
    return _BLANK_LINES.sub("\n\n", template("layout.txt", words, rtl).render(d=d))


def _lines(paragraphs: list) -> list[tuple[bool, bool, str]]:
    """(last line of its paragraph, a bullet, the line) for layout.html."""
    return [(i == len(lines) - 1, bullet, text) for lines in paragraphs for i, (bullet, text) in enumerate(lines)]


def _text(paragraphs: list) -> str:
    return "\n\n".join("\n".join(("• " if bullet else "") + text for bullet, text in lines) for lines in paragraphs)
