"""Dates in what people write, Hebrew and English, read against the day the message was written.

Each expression found is a ``DateExpr`` with a *rule* (what it means, independent of the day it
was written) and ``resolve(rule, day)`` turns a rule into a date. The conventions are the
product's (README, "Dates in replies"):

- a weekday ("ביום שלישי", "by Friday", "יום ג'") is its first occurrence strictly after the day
  the message was written;
- "this week" / "סוף השבוע" is the Thursday of that week (weeks run Sunday to Saturday), "next
  week" / "שבוע הבא" the Thursday of the following week;
- "end of the month" is its last day, "end of next month" the last day of the next;
- "beginning of (next) month" / "תחילת החודש" is the 10th of the next month, "mid-month" the
  next 15th, "mid next month" the 15th of the next month;
- "the 15th" / "עד ה-15" is the next 15th on or after the day written; "15/12", "15 בדצמבר" the
  next such date on or after it (the year when one is written);
- "in N days" / "within N days" / "תוך N ימים" is +N, "בעוד שבוע" +7, "in a month" one month on;
- today, tonight, "עוד שעה", "עכשיו" are that day; tomorrow +1; the day after +2;
- "after the holidays", "soon", "next month", "בקרוב" promise no definite date: rule ``"-"``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DateExpr:
    rule: str            # "tom", "wd:tue", "dom:15", "dm:15/12", "dmy:2026-12-15", "d:7", "-" …
    start: int
    end: int
    phrase: str

    @property
    def definite(self) -> bool:
        return self.rule != "-"


_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


_HE_DAYS = {"ראשון": "sun", "שני": "mon", "שלישי": "tue", "רביעי": "wed", "חמישי": "thu",
            "שישי": "fri", "שבת": "sat"}


_HE_DAY_LETTERS = {"א": "sun", "ב": "mon", "ג": "tue", "ד": "wed", "ה": "thu", "ו": "fri"}


_EN_DAYS = {name.lower(): key for key, name in zip(
    ("mon", "tue", "wed", "thu", "fri", "sat", "sun"), calendar.day_name)}


_EN_DAY_ABBR = {"mon": "mon", "tue": "tue", "tues": "tue", "wed": "wed", "thu": "thu", "thur": "thu",
                "thurs": "thu", "fri": "fri", "sat": "sat", "sun": "sun"}


_HE_MONTHS = {
    "ינואר": 1, "פברואר": 2, "מרץ": 3, "מרס": 3, "אפריל": 4, "מאי": 5, "יוני": 6,
    "יולי": 7, "אוגוסט": 8, "ספטמבר": 9, "אוקטובר": 10, "נובמבר": 11, "דצמבר": 12,
}


_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_EN_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_EN_MONTHS["sept"] = 9


_NUMBER_WORDS = {
    # Hebrew, both genders, and English
    "אחד": 1, "אחת": 1, "שניים": 2, "שתיים": 2, "שני": 2, "שתי": 2, "שלושה": 3, "שלוש": 3,
    "שלושת": 3, "ארבעה": 4, "ארבע": 4, "ארבעת": 4, "חמישה": 5, "חמש": 5, "חמשת": 5, "שישה": 6,
    "שש": 6, "ששת": 6, "שבעה": 7, "שבע": 7, "שבעת": 7, "שמונה": 8, "שמונת": 8, "תשעה": 9,
    "תשע": 9, "תשעת": 9, "עשרה": 10, "עשר": 10, "עשרת": 10,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3,
}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_B = r"(?<![\w])"        # a word starts here
_E = r"(?![\w])"         # a word ends here
_P = r"(?:ו?ש?(?:עד\s+|ב-?|ל-?|מ-?)?)"   # Hebrew prefixes before a time word: ו, ש, ב, ל, עד …
_NUM = r"(?P<n>\d{1,3}|" + _alt(_NUMBER_WORDS) + r")"


_RULES: list[tuple[re.Pattern, object]] = []


def _rule(pattern: str, rule):
    _RULES.append((re.compile(pattern, re.I), rule))


# --- spans of days, weeks and months from the day written -----------------------------------
_rule(_B + _P + r"(?:בעוד|עוד|תוך|בתוך|תן\s+לי|אחרי)\s+" + _NUM + r"\s+(?:ימים|יום|ימי\s+עסקים)" + _E,
      lambda m: f"d:{_n(m)}")
_rule(_B + r"(?:in|within|give\s+me|another|after)\s+" + _NUM + r"\s+(?:more\s+)?(?:business\s+|working\s+)?days?" + _E,
      lambda m: f"d:{_n(m)}")
_rule(_B + _NUM + r"\s+(?:more\s+)?days?\s+from\s+(?:now|today)" + _E, lambda m: f"d:{_n(m)}")
_rule(_B + r"(?:ו?(?:ב|ל)?(?:עוד|תוך|בתוך)\s+)?יומיים" + _E, "d:2")
_rule(_B + r"(?:ו?(?:ב|ל)?(?:עוד|תוך|בתוך)\s+)?שבועיים" + _E, "d:14")
_rule(_B + _P + r"(?:בעוד|עוד|תוך|בתוך)\s+" + _NUM + r"\s+שבועות" + _E, lambda m: f"d:{7 * _n(m)}")
_rule(_B + r"(?:in|within)\s+" + _NUM + r"\s+weeks?" + _E, lambda m: f"d:{7 * _n(m)}")
_rule(_B + _P + r"(?:בעוד|עוד|תוך|בתוך|תן\s+לי)\s+שבוע(?:\s+ימים)?(?!\s+(?:הבא|הזה|שעבר))" + _E, "d:7")
_rule(r"^\s*(?:ו?עוד\s+)?שבוע\s+(?:ו|ואני|ואנחנו|ואז|ואסדיר|ואשלם|ונסגור|ואני\s+מסדר)", "d:7")
_rule(_B + r"(?:in|within)\s+a\s+week" + _E, "d:7")
# "שבוע מהיום", "a week from today", "חודש מהיום"
_rule(_B + _P + r"שבוע\s+מ(?:ה)?יום" + _E + r"|" + _B + r"a\s+week\s+from\s+(?:now|today)" + _E, "d:7")
_rule(_B + _P + r"חודש\s+מ(?:ה)?יום" + _E + r"|" + _B + r"a\s+month\s+from\s+(?:now|today)" + _E, "m1")
_rule(_B + _P + r"(?:בעוד|עוד|תוך|בתוך)\s+חודש(?!\s+(?:הבא|הזה|שעבר))" + _E, "m1")
_rule(_B + r"(?:in|within)\s+a\s+month" + _E, "m1")

# --- the end of a named month, weeks from now, days of the month in words ------------------
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?סוף\s+(?:(?:ה)?חודש\s+)?(?P<mn>" + _alt(_HE_MONTHS) + r")" + _E,
      lambda m: f"eomo:{_HE_MONTHS[m['mn']]}")
_rule(_B + r"(?:by\s+|at\s+|before\s+)?(?:the\s+)?end\s+of\s+(?P<mn>" + _alt(_EN_MONTHS) + r")" + _E,
      lambda m: f"eomo:{_EN_MONTHS[m['mn'].lower()]}")
_rule(_B + _NUM + r"\s+weeks?\s+from\s+(?:now|today)" + _E, lambda m: f"d:{7 * _n(m)}")
_rule(_B + r"(?:ו?(?:עד|ב)\s*)(?:ה)?(?P<ord>עשירי|עשרים\s+ו?חמישה|עשרים|חמישה\s+עשר|שלושים|אחד\s+עשר|עשרה)(?:\s+(?:ל|ב)חודש)?" + _E,
      lambda m: "dom:" + str({"עשירי": 10, "עשרים": 20, "חמישה עשר": 15, "שלושים": 30, "אחד עשר": 11, "עשרה": 10}.get(
          re.sub(r"\s+", " ", m["ord"]), 25)))
# written without the space: "סופחודש", "סוףהחודש", "תחילתחודש הבא"
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?סו[ףפ]\s*(?:ה\s*)?חודש\s*(?:ה)?בא" + _E, "eonm")
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?תחילת\s*(?:ה)?חודש(?:\s+(?:ה)?בא)?" + _E, "bonm")
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?סו[ףפ]\s*(?:ה\s*)?חודש" + _E, "eom")
_rule(_B + r"(?:עוד|תוך|בעוד|בתוך)\s+(?:\d+|\S+)\s+דקות" + _E + r"|" + _B + r"עד\s+(?:ה-?)?\d{1,2}:\d{2}" + _E
      + r"|" + _B + r"(?:in|within)\s+(?:\d+|\w+)\s+min(?:ute)?s" + _E, "today")

_rule(_B + r"(?:לפני\s+ש(?:ה)?חודש\s+(?:נגמר|ייגמר|מסתיים|יסתיים)|לפני\s+סוף\s+(?:ה)?חודש)" + _E
      + r"|" + _B + r"before\s+(?:the\s+)?(?:month\s+is\s+out|end\s+of\s+(?:the\s+)?month|month\s+ends)" + _E, "eom")
_rule(_B + r"(?:לפני\s+סוף\s+(?:ה)?שבוע)" + _E + r"|" + _B + r"before\s+(?:the\s+)?end\s+of\s+(?:the\s+)?week" + _E, "tw")
_rule(_B + _P + r"(?:בעוד|עוד|תוך|בתוך)\s+48\s+שעות" + _E + r"|" + _B + r"(?:in|within)\s+48\s+hours" + _E, "d:2")
_rule(_B + _P + r"(?:בעוד|עוד|תוך|בתוך)\s+24\s+שעות" + _E + r"|" + _B + r"(?:in|within)\s+24\s+hours" + _E, "tom")

# --- parts of this and the next month ------------------------------------------------------
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?סוף\s+(?:ה)?חודש\s+(?:ה)?בא" + _E, "eonm")
_rule(_B + r"(?:by\s+|at\s+|before\s+)?(?:the\s+)?end\s+of\s+next\s+month" + _E, "eonm")
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?אמצע\s+(?:ה)?חודש\s+(?:ה)?בא" + _E, "midnm")
_rule(_B + r"(?:the\s+)?(?:middle\s+of|mid-?)\s*next\s+month" + _E, "midnm")
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?תחילת\s+(?:ה)?חודש(?:\s+(?:ה)?בא)?" + _E, "bonm")
_rule(_B + r"(?:the\s+)?(?:beginning|start)\s+of\s+(?:the\s+|next\s+)?month" + _E, "bonm")
_rule(_B + r"early\s+next\s+month" + _E, "bonm")
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?סוף\s+(?:ה)?חודש(?:\s+(?:הזה|הנוכחי))?" + _E, "eom")
_rule(_B + r"(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?month|month[- ]end|eom)" + _E, "eom")
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?אמצע\s+(?:ה)?חודש(?:\s+(?:הזה|הנוכחי))?" + _E, "mid")
_rule(_B + r"(?:the\s+)?(?:middle\s+of\s+(?:the\s+|this\s+)?month|mid-?month)" + _E, "mid")

# --- weeks ---------------------------------------------------------------------------------
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?(?:סוף\s+|אמצע\s+|תחילת\s+)?(?:ה)?שבוע\s+(?:ה)?בא" + _E, "nw")
_rule(_B + r"(?:by\s+|at\s+|before\s+)?(?:the\s+)?(?:end\s+of\s+|middle\s+of\s+)?next\s+week" + _E, "nw")
_rule(_B + r"(?:ו?(?:עד\s+|ב|ל)?)(?:ה)?סוף\s+(?:ה)?שבוע(?:\s+(?:הזה|הנוכחי))?" + _E, "tw")
_rule(_B + r"ו?(?:עד\s+|ב|ל)?השבוע(?:\s+(?:הזה|הנוכחי))?" + _E, "tw")
_rule(_B + r"(?:by\s+|at\s+|before\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?week|this\s+week|eow)" + _E, "tw")

# --- named days ----------------------------------------------------------------------------
_rule(_B + r"(?:ו?(?:ב|ל|עד\s+)?(?:יום\s+))(?P<he>" + _alt(_HE_DAYS) + r")" + _E, lambda m: "wd:" + _HE_DAYS[m["he"]])
_rule(_B + r"(?:ו?(?:ב|ל|עד\s+)?(?:יום\s+)?)(?P<hl>[אבגדהו])['׳’]", lambda m: "wd:" + _HE_DAY_LETTERS[m["hl"]])
# "בשלישי", "עד חמישי", "ראשון הקרוב", "שני בבוקר" — a bare ordinal is a weekday only so
_rule(_B + r"(?:ו?(?:ב|עד\s+))(?P<he>" + _alt(set(_HE_DAYS) - {"שבת"}) + r")" + _E
      + r"(?!\s+(?:תשלומים|חלקים|ימים|חודשים|שבועות|פעמים|חשבוניות|ה?תשלום))",
      lambda m: "wd:" + _HE_DAYS[m["he"]])
_rule(_B + r"(?P<he>" + _alt(set(_HE_DAYS) - {"שבת"}) + r")\s+(?:הקרוב|הזה|הבא|בבוקר|בערב|בצהריים|אני|אנחנו|אעביר|"
      r"אשלם|מעביר|מעבירה|משלם|משלמת|נעביר|נשלם|אחרי|זה|יהיה|תקבל|תקבלו|בלי|מקסימום|🙏)",
      lambda m: "wd:" + _HE_DAYS[m["he"]])
_rule(r"(?:^|[\n.!,:;])\s*(?P<he>" + _alt(set(_HE_DAYS) - {"שבת", "שני"}) + r")\s*(?:[.!,🙏]|$)",
      lambda m: "wd:" + _HE_DAYS[m["he"]])
_rule(_B + r"(?P<en>" + _alt(_EN_DAYS) + r")" + _E, lambda m: "wd:" + _EN_DAYS[m["en"].lower()])
_rule(_B + r"(?:on|by|until|till|this|next|before)\s+(?P<ea>" + _alt(_EN_DAY_ABBR) + r")\.?" + _E,
      lambda m: "wd:" + _EN_DAY_ABBR[m["ea"].lower()])

# --- calendar dates ------------------------------------------------------------------------
_rule(r"(?<![\d/.])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])", "iso")
_rule(r"(?<![\d/.,])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})(?:[/.](?P<y>\d{4}|\d{2}))?(?![\d]|[/.]\d|\s*%)", "num")
_rule(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:ב|ל|of\s+)?-?(?P<mn>" + _alt(_HE_MONTHS) + "|" + _alt(_EN_MONTHS)
      + r")\.?(?:,?\s+(?P<y>\d{4}))?" + _E, "dmn")
_rule(_B + r"(?P<mn>" + _alt(_EN_MONTHS) + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?(?!\d)", "dmn")
# "עד ה-15", "ב-10 לחודש", "ב20 לחודש", "on the 20th", "by the 5th of next month"
_rule(r"(?:(?<![\w])(?:ו?(?:עד|ב|ל|מ|אחרי)\s*)?ה-?|(?<![\w])ו?(?:ב|ל)-?|(?<![\w\d.,/])(?=\d{1,2}\s+(?:ל|ב)חודש))(?P<d>\d{1,2})(?![\d]|[:.,/]\d)"
      r"(?:\s+(?:ל|ב)(?P<nm>חודש\s+הבא)|\s+(?:ל|ב)חודש|\s+בכל\s+חודש)?"
      r"(?!\s*(?:תשלומים|חלקים|ימים|יום|חודשים|שבועות|שעות|אחוז|%|₪|ש\"?ח|שקל|פעמים|חשבוניות|דקות|לקוחות))",
      "dom")
_rule(_B + r"(?:on|by|before|until|till)?\s*the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the\s+)?(?:(?P<nm>next)|this)\s+month)?" + _E,
      "dom")
_rule(_B + r"(?:on|by|before|until|till)\s+the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?" + _E, "dom")

# --- Hebrew typed in Latin letters, shorthand and typos ------------------------------------
_rule(_B + r"(?:ve-?|u-?)?(?:ha-?)?(?:machar|mahar|machrat(?:ayim)?)" + _E, lambda m: "dat" if "rat" in m.group(0).lower() else "tom")
_rule(_B + r"(?:ha-?)?(?:haiom|hayom|ha-yom|haiyom)" + _E, "today")
_rule(_B + r"(?:be-?|b-?)?yom\s+(?P<tr>rishon|sheni|shlishi|revii|reviei|chamishi|hamishi|shishi)" + _E,
      lambda m: "wd:" + {"rishon": "sun", "sheni": "mon", "shlishi": "tue", "revii": "wed", "reviei": "wed",
                         "chamishi": "thu", "hamishi": "thu", "shishi": "fri"}[m["tr"].lower()])
_rule(_B + r"(?:ba-?|be-?)?shavua\s+(?:ha-?)?ba(?:h)?" + _E, "nw")
_rule(_B + r"(?:ad\s+)?sof\s+(?:ha-?)?(?:chodesh|hodesh)" + _E, "eom")
_rule(_B + r"(?:ad\s+)?sof\s+(?:ha-?)?shavua" + _E, "tw")
_rule(_B + r"ו?(?:עד\s+)?(?:מחר+|מחח|מכר|מחרר+)(?=\s|$|[.!,?🙏])", "tom")
_rule(_B + r"ו?(?:עד\s+)?היו[םמ]{2,}" + _E, "today")
_rule(_B + r"ו?(?:עד\s+)?(?:סופ\"ש|סופש|סוף\s+שבוע)" + _E, "tw")
_rule(_B + r"(?:ו?(?:ב|ל|עד\s+)?)יום\s+(?P<hl>[אבגדהו])(?=\s|$|[.!,])", lambda m: "wd:" + _HE_DAY_LETTERS[m["hl"]])
_rule(_B + r"(?:ב)?מוצאי\s+(?:ה)?שבת" + _E + r"|" + _B + r"(?:ב)?מוצ\"ש" + _E, "wd:sat")
_rule(_B + r"(?:אמרתי|אמרנו|כמו\s+שאמרתי)\s+(?:ב?יום\s+)?(?P<he>" + _alt(set(_HE_DAYS) - {"שבת"}) + r")" + _E,
      lambda m: "wd:" + _HE_DAYS[m["he"]])
_rule(r"(?i)^\s*(?P<ea>" + _alt(_EN_DAY_ABBR) + r")\.?(?=\s|$|[.!,?👍🙏])", lambda m: "wd:" + _EN_DAY_ABBR[m["ea"].lower()])
_rule(_B + r"(?:tmrw|tmr|tomorow|tommorow|tommorrow|2morrow)" + _E, "tom")
_rule(_B + r"day\s+after\s+(?:tmrw|tmr|tomorow|tommorow)" + _E, "dat")
_rule(_B + r"(?:ו?(?:ב|ל)?(?:עוד|תוך|בתוך)\s+)יום(?!\s+(?:ה|שני|שלישי|רביעי|חמישי|שישי|ראשון|\d))" + _E, "d:1")
_rule(_B + r"ו?ב?(?:שבוע\s+(?:ה)?קרוב)" + _E, "d:7")
_rule(_B + r"(?:תן|תנו|תני)\s+לי\s+חודש" + _E + r"|" + _B + r"חודש\s+מהיום" + _E, "m1")
_rule(_B + r"(?:give\s+me\s+)?(?:a|one)\s+month\s+(?:from\s+(?:now|today)|of\s+today)" + _E
      + r"|" + _B + r"within\s+one\s+month" + _E + r"|" + _B + r"give\s+me\s+a\s+month" + _E, "m1")
_rule(_B + r"(?:give\s+me\s+)?(?:a|one)\s+week(?:\s+from\s+(?:now|today))?(?=\s*(?:and|&|from|,|$))" + _E, "d:7")
_rule(_B + r"end[- ]of[- ](?:the[- ])?month" + _E, "eom")
_rule(_B + r"(?P<d>\d{1,2})(?:st|nd|rd|th)(?=\s*(?:ok|okay|fine|works|is|\?|$))", "dom")

# --- today, tomorrow -----------------------------------------------------------------------
_rule(_B + r"ו?(?:ב|עד\s+)?(?:מחרתיים|מחרתים|מחרתייים)" + _E + r"|" + _B + r"(?:the\s+)?day\s+after\s+tomorrow" + _E, "dat")
_rule(_B + r"ו?(?:עד\s+|מ)?מחר" + _E + r"|" + _B + r"tomorrow" + _E + r"|" + _B + r"tmrw" + _E, "tom")
_rule(_B + r"(?:ו?(?:עד\s+)?(?:היום|הערב|הלילה|עכשיו|כרגע\s+מעביר)|עוד\s+היום|בהמשך\s+היום|עד\s+הצהריים|בצהריים|"
      r"(?:עוד|תוך|בעוד)\s+(?:חצי\s+)?שעה|(?:עוד|תוך|בעוד)\s+שעתיים|(?:עוד|תוך|בעוד)\s+\d+\s+דקות|שנייה|בערב|"
      r"אחרי\s+הצהריים)" + _E
      + r"|" + _B + r"(?:today|tonight|this\s+(?:afternoon|evening|morning)|right\s+now|now|later\s+today|"
      r"end\s+of\s+(?:the\s+)?day|eod|within\s+the\s+hour|in\s+an\s+hour)" + _E, "today")

# --- no definite day -----------------------------------------------------------------------
_rule(_B + r"(?:ו?(?:ב|ל)?(?:חודש\s+(?:ה)?בא|קרוב|זמן\s+הקרוב|ימים\s+הקרובים|שבועות\s+הקרובים)|אחרי\s+(?:ה)?(?:חג|חגים)\w*|"
      r"עד\s+אחרי\s+\S+|אחרי\s+(?:ה)?(?:פסח|סוכות|ראש\s+השנה|השנה|יום\s+כיפור|הבחירות|(?:בר|בת)[\s-]+מצו?וה|חתונה|לידה|"
      r"מילואים|טיסה|חופש|חופשה|שבעה|ניתוח|משכורת|חנוכה|פורים|שבועות|קיץ|ירידת\s+המשכורת)|לפני\s+(?:ה)?(?:חג|חגים)\w*)"
      r"|" + _B + r"(?:after\s+(?:the\s+)?(?:passover|pesach|sukkot|succot|rosh\s+hashana\w*|chag|hag|holidays?|new\s+year)|"
      r"any\s+day\s+now|net\s*\d+|within\s+\d+\s+days\s+of\s+(?:approval|receipt|the\s+invoice|invoice)|"
      r"\d+\s+days\s+(?:from|after)\s+(?:the\s+)?(?:end\s+of|approval|receipt|invoice))"
      r"|" + _B + r"(?:next\s+month|soon|shortly|asap|as\s+soon\s+as\s+(?:i|we)\s+can|after\s+the\s+holidays?|"
      r"in\s+the\s+coming\s+(?:days|weeks)|(?:in\s+)?a\s+few\s+(?:days|weeks)|in\s+the\s+next\s+(?:few|couple\s+of)\s+(?:days|weeks)|"
      r"after\s+the\s+weekend|early\s+next\s+week|sometime\s+(?:next|this)\s+(?:week|month)|in\s+the\s+new\s+year)" + _E
      + r"|" + _B + r"(?:ו?(?:ב)?שבוע\s+שאחרי\s+(?:ה)?בא|אחרי\s+(?:ה)?שבת|(?:ב)?תחילת\s+(?:ה)?שבוע(?:\s+(?:ה)?בא)?|בעוד\s+כמה\s+(?:ימים|שבועות))" + _E, "-")


def _n(m: re.Match) -> int:
    v = m["n"].lower()
    return int(v) if v.isdigit() else _NUMBER_WORDS[v]


_FINAL_OF = {"מ": "ם", "נ": "ן", "צ": "ץ", "פ": "ף", "כ": "ך"}
_LOST_FINAL = re.compile(r"(?<=[\u05d0-\u05ea])[מנצפכ](?![\u05d0-\u05ea'\"׳״])")


def with_finals(text: str) -> str:
    """Final letters restored where a phone keyboard dropped them ("היומ" → "היום"), same length."""
    return _LOST_FINAL.sub(lambda m: _FINAL_OF[m.group(0)], text)


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in ``text``, in order, overlaps resolved in favour of the longest."""
    text = with_finals(text)
    found: list[DateExpr] = []
    for rx, rule in _RULES:
        for m in rx.finditer(text):
            r = rule(m) if callable(rule) else _fixed(rule, m)
            if r is None:
                continue
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip("\n.!,:; ")))
            found.append(DateExpr(r, start, m.end(), m.group(0).strip("\n.!,:; ")))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[DateExpr] = []
    for e in found:
        if out and e.start < out[-1].end:
            if e.end - e.start > out[-1].end - out[-1].start:
                out[-1] = e
            continue
        out.append(e)
    return out


def _fixed(kind: str, m: re.Match) -> str | None:
    g = m.groupdict()
    if kind == "iso":
        return _dmy(int(g["d"]), int(g["m"]), int(g["y"]))
    if kind == "num":
        d, mo = int(g["d"]), int(g["m"])
        if mo > 12 and d <= 12:
            d, mo = mo, d          # "12/15" written the American way
        if g["y"]:
            y = int(g["y"])
            return _dmy(d, mo, y + 2000 if y < 100 else y)
        return f"dm:{d:02d}/{mo:02d}" if _valid(d, mo) else None
    if kind == "dmn":
        name = g["mn"].lower()
        mo = _HE_MONTHS.get(name) or _EN_MONTHS.get(name)
        d = int(g["d"])
        if g.get("y"):
            return _dmy(d, mo, int(g["y"]))
        return f"dm:{d:02d}/{mo:02d}" if _valid(d, mo) else None
    if kind == "dom":
        d = int(g["d"])
        if not 1 <= d <= 31:
            return None
        return f"domn:{d}" if g.get("nm") else f"dom:{d}"
    return kind


def _valid(d: int, mo: int) -> bool:
    return 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(2028, mo)[1]


def _dmy(d: int, mo: int, y: int) -> str | None:
    try:
        return "dmy:" + dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


# --- resolving a rule against the day the message was written ---------------------------

def _add_month(d: dt.date, n: int = 1) -> dt.date:
    y, m = d.year + (d.month - 1 + n) // 12, (d.month - 1 + n) % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _week_thursday(d: dt.date) -> dt.date:
    sunday = d - dt.timedelta(days=(d.weekday() + 1) % 7)
    return sunday + dt.timedelta(days=4)


def _on_or_after_day(d: dt.date, day: int) -> dt.date:
    y, m = d.year, d.month
    for _ in range(14):
        if day <= calendar.monthrange(y, m)[1] and dt.date(y, m, day) >= d:
            return dt.date(y, m, day)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    raise ValueError(day)


def resolve(rule: str, day: dt.date) -> dt.date | None:
    """The date ``rule`` means for a message written on ``day``; None for no definite date."""
    try:
        return _resolve(rule, day)
    except (ValueError, KeyError, OverflowError):
        return None


def _resolve(rule: str, d: dt.date) -> dt.date | None:
    kind, _, arg = rule.partition(":")
    if kind == "-":
        return None
    if kind == "today":
        return d
    if kind == "tom":
        return d + dt.timedelta(days=1)
    if kind == "dat":
        return d + dt.timedelta(days=2)
    if kind == "wd":
        k = (_WEEKDAYS[arg] - d.weekday()) % 7 or 7
        return d + dt.timedelta(days=k)
    if kind == "d":
        return d + dt.timedelta(days=int(arg))
    if kind == "m1":
        return _add_month(d, 1)
    if kind == "tw":
        return max(_week_thursday(d), d)
    if kind == "nw":
        return _week_thursday(d) + dt.timedelta(days=7)
    if kind == "eomo":
        month = int(arg)
        y = d.year if (month, 31) >= (d.month, d.day) or month >= d.month else d.year + 1
        end = _last_day(y, month)
        return end if end >= d else _last_day(y + 1, month)
    if kind == "eom":
        return _last_day(d.year, d.month)
    if kind == "eonm":
        n = _add_month(d.replace(day=1), 1)
        return _last_day(n.year, n.month)
    if kind == "mid":
        return _on_or_after_day(d, 15)
    if kind == "midnm":
        return _add_month(d.replace(day=1), 1).replace(day=15)
    if kind == "bonm":
        return _add_month(d.replace(day=1), 1).replace(day=10)
    if kind == "dom":
        return _on_or_after_day(d, int(arg))
    if kind == "domn":
        n = _add_month(d.replace(day=1), 1)
        return dt.date(n.year, n.month, min(int(arg), calendar.monthrange(n.year, n.month)[1]))
    if kind == "dm":
        day, month = map(int, arg.split("/"))
        for y in (d.year, d.year + 1, d.year + 2):
            try:
                c = dt.date(y, month, day)
            except ValueError:
                continue
            if c >= d:
                return c
        return None
    if kind == "dmy":
        return dt.date.fromisoformat(arg)
    return None


def date_in(text: str, day: dt.date, near: int = 0) -> tuple[dt.date | None, str]:
    """The definite date closest to position ``near`` (one after it preferred) and its phrase."""
    best = None
    for e in find_dates(text):
        if not e.definite:
            continue
        d = resolve(e.rule, day)
        if d is None:
            continue
        dist = e.start - near
        key = (0 if dist >= -5 else 1, abs(dist))
        if best is None or key < best[0]:
            best = (key, d, e.phrase)
    if best is None:
        return None, ""
    return best[1], best[2]
