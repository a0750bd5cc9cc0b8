"""The tone rules of domain.md (C1, C2, C4, C13) and of the Hebrew voice notes, matched on
normalised text so niqqud, geresh forms and markup do not hide a phrase."""
from __future__ import annotations

import bisect
import html
import re
import unicodedata

from .findings import ERROR, Rule, WARNING


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


def tone_spans(text: str, *, is_html: bool) -> list[tuple[Rule, int, str, tuple[int, int]]]:
    """(rule, line, matched words, where in the normalised text) for every rule that matches."""
    norm, starts = normalize(text, is_html=is_html)
    found = []
    for rule in RULES:
        for m in rule.pattern.finditer(norm):
            found.append((rule, _line_at(starts, m.start()), m.group(0).strip(), m.span()))
    return found


def tone_matches(text: str, *, is_html: bool) -> list[tuple[Rule, int, str]]:
    """(rule, line, matched words) for every tone rule that matches `text`."""
    return [(rule, line, words) for rule, line, words, _ in tone_spans(text, is_html=is_html)]
