"""A reply's new text: HTML to text, quoted history and signatures cut away (Gmail, Outlook, Apple, Hebrew and English)."""
from __future__ import annotations

import email
import email.message
import email.policy
import re
from html.parser import HTMLParser

from .message import _bodies, _strip_bidi


_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3",
               "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article",
               "header", "footer"}


_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
         "source", "track", "wbr", "param"}


class _HTMLText(HTMLParser):
    def __init__(self, cut_quotes: bool):
        super().__init__(convert_charrefs=True)
        self.cut = cut_quotes
        self.out: list[str] = []
        self.skip_depth = 0          # >0 while inside a skipped subtree
        self.stack: list[tuple[str, bool]] = []
        self.stopped = False

    def _skip_this(self, tag: str, attrs: dict[str, str]) -> bool | str:
        if tag in ("script", "style", "head", "title"):
            return True
        if not self.cut:
            return False
        cls = " " + (attrs.get("class") or "").lower() + " "
        ident = (attrs.get("id") or "").lower()
        if ident in ("divrplyfwdmsg", "appendonsend", "stopspelling", "olk_src_body_section") \
                or "olk_src_body_section" in cls:
            return "stop"
        if tag == "hr" and ident == "stopspelling":
            return "stop"
        if " gmail_quote" in cls or " gmail_quote_container" in cls or " gmail_attr" in cls \
                or " yahoo_quoted" in cls or " moz-cite-prefix" in cls \
                or " gmail_signature" in cls or " moz-signature" in cls \
                or ident in ("signature", "x_signature", "divsignature") \
                or "applemailsignature" in ident:
            return True
        if tag == "blockquote":
            return True
        return False

    def handle_starttag(self, tag, attrs):
        if self.stopped:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        s = self._skip_this(tag, a)
        if s == "stop":
            self.stopped = True
            return
        if s:
            if tag not in _VOID:
                self.skip_depth = 1
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if self.stopped or self.skip_depth:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if self._skip_this(tag, a) == "stop":
            self.stopped = True
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if self.stopped:
            return
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_depth -= 1
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_data(self, data):
        if self.stopped or self.skip_depth:
            return
        self.out.append(re.sub(r"[ \t\r\n]+", " ", data))


def _html_to_text(html: str, cut_quotes: bool = True) -> str:
    p = _HTMLText(cut_quotes)
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; be safe anyway
        pass
    text = "".join(p.out).replace("\xa0", " ")
    lines = [ln.strip() for ln in text.split("\n")]
    return "\n".join(lines)


_ATTRIB_PATTERNS = [
    re.compile(r"^\s*On\b.{0,400}\bwrote\s*:\s*$", re.I | re.S),
    re.compile(r"^\s*בתאריך\b.{0,400}(?:כתב(?:/ה|ה)?|>)\s*:\s*$", re.S),
    re.compile(r"^\s*ב-?\s?\d{1,2}\s.{0,400}כתב(?:/ה|ה)?\s*:\s*$", re.S),
    re.compile(r"^.{0,300}\bכתב(?:/ה|ה)?\s*:\s*$", re.S),
    re.compile(r"^.{0,300}<[^<>\s]+@[^<>\s]+>\s*(?:wrote|schrieb|a écrit)\s*:\s*$", re.I | re.S),
    re.compile(r"^\s*-{2,}\s*(?:Original Message|Forwarded message|Reply message|"
               r"הודעה מקורית|ההודעה המקורית|הודעה שהועברה)\s*-{2,}\s*$", re.I),
    re.compile(r"^\s*(?:הודעה מקורית|Original Message)\s*:?\s*$", re.I),
    re.compile(r"^\s*_{8,}\s*$"),
]


_OUTLOOK_FROM = re.compile(r"^\s*\**\s*(?:From|מאת|מ)\s*\**\s*:\s*\**\s*\S", re.I)


_OUTLOOK_NEXT = re.compile(r"^\s*\**\s*(?:Sent|Date|נשלח|תאריך|To|אל|Subject|נושא)\s*\**\s*:", re.I)


_SIG_LINE = re.compile(
    r"^\s*(?:--|—|Sent from my \w+.*|Sent from (?:Outlook|Mail|Yahoo Mail).*|"
    r"Get Outlook for \w+.*|נשלח מה-?\s?iPhone שלי|נשלח מה-?\s?iPad שלי|"
    r"נשלח מהסמארטפון.*|נשלח מ-?\s?Outlook.*|נשלח מהנייד.*|נשלח מ.{0,20}Samsung.*|"
    r"קבל את Outlook.*|השג את Outlook.*)\s*$", re.I)


def _cut_text(text: str) -> str:
    text = _strip_bidi(text).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = text.split("\n")
    cut = len(lines)
    for i, line in enumerate(lines):
        st = line.strip()
        if not st:
            continue
        two = st + " " + (lines[i + 1].strip() if i + 1 < len(lines) else "")
        three = two + " " + (lines[i + 2].strip() if i + 2 < len(lines) else "")
        hit = False
        # a line of the reply that merely starts like an attribution ("בתאריך 05.03 בוצע תשלום")
        # is not joined to the real attribution on one of the two lines after it
        nxt_alone = any(ln.strip() and any(rx.match(ln.strip()) for rx in _ATTRIB_PATTERNS) for ln in lines[i + 1:i + 3])
        for rx in _ATTRIB_PATTERNS:
            if rx.match(st) or (not nxt_alone and ((rx.match(two) and not st.endswith(":")) or
                                                   (st.lower().startswith(("on ", "בתאריך")) and rx.match(three)))):
                hit = True
                break
        if not hit and _OUTLOOK_FROM.match(st):
            nxt = [ln for ln in lines[i + 1:i + 6] if ln.strip()]
            if any(_OUTLOOK_NEXT.match(ln) for ln in nxt[:4]):
                hit = True
        if not hit and _SIG_LINE.match(line.rstrip()) and (st in ("--", "—") or len(st) < 60):
            hit = True
        if hit:
            cut = i
            break
    kept = [ln.rstrip() for ln in lines[:cut] if not ln.lstrip().startswith(">")]
    out = "\n".join(kept).strip()
    out = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", out)
    return out


def _new_text(msg: email.message.Message) -> str:
    plain, html = _bodies(msg)
    if html.strip():
        t = _cut_text(_html_to_text(html, cut_quotes=True))
        if t or not plain.strip():
            return t
    return _cut_text(plain)
