"""Credits that pay no customer's invoice, whatever their amount: card-clearing settlements,
loans, refunds and reversals, interest, transfers from the business's own accounts, tax refunds
and grants. Read from the bank's own wording of the line."""
from __future__ import annotations

import re

from .names import normalize

# (what it is, patterns over the normalized description: no quotes, lower case, finals plain)
_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("a card-clearing settlement", (
        r"שוברי? אשראי", r"שוברים", r"ישראכרט", r"isracard", r"\bכ ?א ?ל\b", r"\bכאל\b", r"visa ?cal",
        r"\bcal\b", r"מקס איט", r"\bמקס\b", r"\bmax\b", r"לאומי קארד", r"leumi ?card", r"אמריקנ? אקספרס",
        r"\bamex\b", r"american express", r"דיינרס", r"diners", r"כרטיסי אשראי", r"כרטיס אשראי",
        r"זיכוי כרטיס", r"סליקה", r"clearing", r"settlement", r"קארדקומ", r"cardcom", r"טרנזילה",
        r"tranzila", r"משולמ", r"meshulam", r"\bpaypal\b", r"פייפאל", r"\bstripe\b", r"אשראית",
    )),
    ("a loan", (r"הלוואה", r"הלואה", r"\bloan\b", r"העמדת אשראי", r"מסגרת אשראי")),
    ("a tax refund or grant", (
        r"החזר מס", r"החזרי מס", r"מס הכנסה", r"\bמעמ\b", r"רשות המסימ", r"ביטוח לאומי", r"tax refund",
        r"income tax", r"\bvat\b", r"מענק", r"\bgrant\b", r"פיצוי מלחמה", r"קרנ פיצויימ",
    )),
    ("a refund or reversal", (
        r"\bהחזר\b", r"החזר חיוב", r"ביטול חיוב", r"ביטול הוראת קבע", r"ביטול עסקה", r"\bביטול\b",
        r"זיכוי עמלה", r"החזר עמלה", r"\brefund", r"reversal", r"chargeback", r"\breturned\b", r"\bהחזרה\b",
    )),
    ("interest or a dividend", (r"ריבית", r"רבית", r"\binterest\b", r"דיבידנד", r"dividend")),
    ("a transfer from the business's own account or deposit", (
        r"העברה עצמית", r"בינ חשבונות", r"מחשבונ אחר", r"פקדונ", r"פיקדונ", r"פקמ", r"חסכונ", r"חיסכונ",
        r"own account", r"internal transfer", r"between accounts", r"\bsavings\b", r"ניירות ערכ", r"\bניע\b",
        r"משיכה מ",
    )),
)
_COMPILED = tuple((label, re.compile("|".join(patterns))) for label, patterns in _KINDS)


def unrelated_kind(description: str) -> str | None:
    """What kind of credit pays nothing, if this description says one; None for a possible payment."""
    text = normalize(description)
    for label, pattern in _COMPILED:
        if pattern.search(text):
            return label
    return None
