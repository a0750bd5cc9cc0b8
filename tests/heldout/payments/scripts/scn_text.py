"""Description vocabulary shared by the scenarios (phrasing learned from public
parsers' test data and bank help pages; every name and number is invented)."""
import datetime as dt

HE_NUM = ["חש' {n}", "חשבונית {n}", "תשלום חשבונית {n}", "חשבונית מס {n}", "ח-ן {n}",
          "עבור חשבונית {n}", "חש {n}", "תשלום עבור חש' {n}", "חשבונית מס' {n}", "תשלום ח\"ן {n}"]
EN_NUM = ["inv{n}", "inv{n}", "INV {n}", "invoice {n}", "Inv #{n}", "INV-{n}", "payment inv {n}", "INVOICE NO {n}"]
HE_LIST = ["חש' {a}", "חשבוניות {a}", "תשלום חשבוניות {a}", "עבור חש {a}"]
EN_LIST = ["INV {a}", "invoices {a}", "inv {a}"]
HE_PART = ["מקדמה חש' {n}", "תשלום ראשון חשבונית {n}", "חלק מחש' {n}", "ע\"ח חשבונית {n}", "תשלום 1 חש' {n}"]
EN_PART = ["part payment inv {n}", "1st instalment INV {n}", "on account inv{n}"]
HE_REST = ["יתרה חש' {n}", "השלמה חשבונית {n}", "יתרת תשלום חש' {n}", "תשלום 2 חש' {n}"]
EN_REST = ["balance inv {n}", "remaining INV {n}", "final payment inv{n}"]
HE_NOTEXT = ["תשלום", "העברה", "", "", "ספקים", "תשלום לספק", "עבור עבודה"]
EN_NOTEXT = ["PAYMENT", "", "SUPPLIER PAYMENT", "SERVICES"]


def trunc(s, n):
    return s if len(s) <= n else s[:n]


def acct(rng, bank=None):
    bank = bank or rng.choice(["12", "10", "11", "20", "31", "04", "17"])
    return f"{bank}-{rng.randint(100, 999)}-{rng.randint(10 ** 5, 10 ** 6 - 1):06d}{rng.randint(0, 999):03d}"


def mangle(rng, number: str) -> str:
    """Partial or mistyped invoice number, the way payers really type it."""
    digits = "".join(ch for ch in number if ch.isdigit())
    tail = digits.lstrip("0") or digits
    choice = rng.choice(["tail", "swap", "drop"])
    if choice == "tail" and len(tail) >= 3:
        return tail[-3:] if len(tail) > 3 else tail[-2:]
    if choice == "swap" and len(tail) >= 3:
        t = list(tail)
        j = rng.randrange(len(t) - 1)
        if t[j] != t[j + 1]:
            t[j], t[j + 1] = t[j + 1], t[j]
            return "".join(t)
    return tail[:-1] if len(tail) > 3 else tail[-2:]


def num_text(rng, invs, mode, lang, amount=None):
    nums = [i.number for i in invs]
    H = lang == "he"
    if mode in ("num", "O"):
        return rng.choice(HE_NUM if H else EN_NUM).format(n=nums[0])
    if mode == "numlist":
        sep = rng.choice([",", ", ", " ", "/", "+"])
        return rng.choice(HE_LIST if H else EN_LIST).format(a=sep.join(nums))
    if mode == "partial_num":
        return rng.choice(HE_PART if H else EN_PART).format(n=nums[0])
    if mode == "rest_num":
        return rng.choice(HE_REST if H else EN_REST).format(n=nums[0])
    if mode == "numpartial":
        return rng.choice(HE_NUM if H else EN_NUM).format(n=mangle(rng, nums[0]))
    return rng.choice(HE_NOTEXT if H else EN_NOTEXT)
