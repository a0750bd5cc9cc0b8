"""Dates in what people write, Hebrew and English: explicit, weekdays, relative words."""
from __future__ import annotations

import calendar
import datetime as dt
import re


_HE_MONTHS = {
    "ינואר": 1, "פברואר": 2, "מרץ": 3, "מרס": 3, "אפריל": 4, "מאי": 5, "יוני": 6,
    "יולי": 7, "אוגוסט": 8, "ספטמבר": 9, "אוקטובר": 10, "נובמבר": 11, "דצמבר": 12,
}


_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


_EN_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})


_EN_MONTHS["sept"] = 9


_HE_DAYS = {"ראשון": 6, "שני": 0, "שלישי": 1, "רביעי": 2, "חמישי": 3, "שישי": 4, "שבת": 5}


_HE_DAY_LETTERS = {"א": 6, "ב": 0, "ג": 1, "ד": 2, "ה": 3, "ו": 4}


_EN_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


_EN_DAYS.update({d.lower(): i for i, d in enumerate(calendar.day_abbr)})


_MONTH_RE = "|".join(sorted(list(_HE_MONTHS) + list(_EN_MONTHS), key=len, reverse=True))


_DAY_RE_HE = "|".join(_HE_DAYS)


_DAY_RE_EN = "|".join(sorted(_EN_DAYS, key=len, reverse=True))


_DATE_RX = re.compile(
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<num>(?<![\d/.])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})(?:[/.](?P<y>\d{2,4}))?(?![\d/]|\.\d))"
    r"|(?P<dm>(?<!\d)(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+(?:ב|ל|of\s+)?(?P<mn>" + _MONTH_RE +
    r")\.?(?:,?\s+(?P<yy>\d{4}))?)"
    r"|(?P<md>(?<![\w])(?P<mn2>" + _MONTH_RE + r")\.?\s+(?P<dd2>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<yy2>\d{4}))?(?!\d))"
    r"|(?P<afterto>מחרתיים|day after tomorrow)"
    r"|(?P<tomorrow>מחר|tomorrow)"
    r"|(?P<today>היום|today)"
    r"|(?P<eom>(?:עד\s+|ב)?סוף\s+(?:ה)?חודש(?:\s+הזה|\s+הנוכחי)?|end\s+of\s+(?:the\s+|this\s+)?month)"
    r"|(?P<eow>(?:עד\s+|ב)?סוף\s+(?:ה)?שבוע(?!\s+הבא)|end\s+of\s+(?:the\s+|this\s+)?week)"
    r"|(?P<nextweek>(?:ב)?שבוע\s+הבא|next\s+week)"
    r"|(?P<nextmonth>(?:ב)?חודש\s+הבא|next\s+month)"
    r"|(?P<dom>(?:עד\s+|ב)?(?:ה-?|-)?(?P<domd>\d{1,2})\s+(?:לחודש|בחודש)|the\s+(?P<domd2>\d{1,2})"
    r"(?:st|nd|rd|th)(?:\s+of\s+(?:the|this|next)\s+month)?)"
    r"|(?P<wd>(?:ב?יום\s+)(?P<wdn>" + _DAY_RE_HE + r")|ב?יום\s+(?P<wdl>[אבגדהו])['׳]"
    r"|(?<![\w])(?P<wde>" + _DAY_RE_EN + r")(?![\w]))",
    re.I)


def _shift_year(d: dt.date, today: dt.date, explicit_year: bool) -> dt.date:
    if not explicit_year and d < today - dt.timedelta(days=45):
        try:
            return d.replace(year=d.year + 1)
        except ValueError:
            return d + dt.timedelta(days=365)
    return d


def _next_weekday(today: dt.date, wd: int) -> dt.date:
    delta = (wd - today.weekday()) % 7
    return today + dt.timedelta(days=delta or 7)


def _resolve(m: re.Match, today: dt.date) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["iso"]:
            return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["num"]:
            d, mo = int(g["d"]), int(g["m"])
            if mo > 12 and d <= 12:
                d, mo = mo, d
            y = g["y"]
            year = (int(y) + 2000 if len(y) == 2 else int(y)) if y else today.year
            if y and len(y) == 3:
                return None
            return _shift_year(dt.date(year, mo, d), today, bool(y))
        if g["dm"] or g["md"]:
            name = (g["mn"] or g["mn2"]).lower()
            mo = _HE_MONTHS.get(name) or _EN_MONTHS.get(name)
            day = int(g["dd"] or g["dd2"])
            y = g["yy"] or g["yy2"]
            return _shift_year(dt.date(int(y) if y else today.year, mo, day), today, bool(y))
        if g["afterto"]:
            return today + dt.timedelta(days=2)
        if g["tomorrow"]:
            return today + dt.timedelta(days=1)
        if g["today"]:
            return today
        if g["eom"]:
            return today.replace(day=calendar.monthrange(today.year, today.month)[1])
        if g["eow"]:
            # The end of the Israeli working week: the coming Thursday.
            return today + dt.timedelta(days=(3 - today.weekday()) % 7)
        if g["nextweek"]:
            return _next_weekday(today, 6)
        if g["nextmonth"]:
            y, mo = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
            return dt.date(y, mo, 1)
        if g["dom"]:
            day = int(g["domd"] or g["domd2"])
            d = dt.date(today.year, today.month, day)
            if d < today:
                y, mo = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
                d = dt.date(y, mo, day)
            return d
        if g["wd"]:
            if g["wdn"]:
                return _next_weekday(today, _HE_DAYS[g["wdn"]])
            if g["wdl"]:
                return _next_weekday(today, _HE_DAY_LETTERS[g["wdl"]])
            return _next_weekday(today, _EN_DAYS[g["wde"].lower()])
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
    return None


def _date_in(text: str, today: dt.date, near: int = 0) -> tuple[dt.date | None, str]:
    """The date expression closest to position ``near`` (after it preferred)."""
    best = None
    for m in _DATE_RX.finditer(text):
        if m.group("wde") and m.group("wde").lower() in ("may", "sat", "sun", "wed") and \
                not re.search(r"(?i)(?:on|by|until|till|this|next)\s+$", text[:m.start()]):
            continue  # "may", "sun" as plain words
        if m.group("wde") and m.group("wde").lower() in ("mon", "tue", "thu", "fri") and \
                not re.search(r"(?i)(?:on|by|until|till|this|next)\s+$", text[:m.start()]):
            continue
        if m.group("today") and m.group("today") == "היום" and \
                re.match(r"\s*(?:אני|אנחנו)", text[m.end():]):
            pass
        d = _resolve(m, today)
        if d is None:
            continue
        dist = m.start() - near
        key = (0 if dist >= -5 else 1, abs(dist))
        if best is None or key < best[0]:
            best = (key, d, m.group(0).strip())
    if best is None:
        return None, ""
    return best[1], best[2]
