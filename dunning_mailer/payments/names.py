"""Is this payer that customer? Names as banks print them: Hebrew or English, in capitals,
truncated, abbreviated, with בע"מ/LTD and a Hebrew prefix letter; compared word by word and
by a consonant skeleton that Hebrew and Latin spellings share."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

# Hebrew final letters, so "שמעון" and a truncated "שמעו" compare letter by letter.
_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
_QUOTES = re.compile("[\"'`׳״“”‘’]")
_NOT_WORD = re.compile(r"[^0-9a-z\u05d0-\u05ea]+")
_MARKS = re.compile("[\u0300-\u036f\u0591-\u05c7\u00c0-\u024f]")

# Company forms and bank wording around the payer's name: never part of a name.
STOPWORDS = frozenset("""
בעמ בעמ. חברה חברת בע עמותה שותפות שותפות מוגבלת ltd ltd. limited inc co corp company llc gmbh plc
העברה העברת העב הע מאת מ את אל ל עבור עח ע"ח בגין על חשבון חשבונית חשבוניות חש חשב תשלום תשלומים
זיכוי זכוי זיכ מיידי מיידית אינטרנט דיגיטל דיגיטלית בנקאית בנקאי בנק סניף חשבון. מס מספר
הפועלים לאומי דיסקונט טפחות הבינלאומי בינלאומי יהב מרכנתיל ירושלים אוצר החייל מסד ונוס
ביט bit paybox פייבוקס פיי pay app אפליקציה נייד סלולר
שיק שיקים צק צקים הפקדת הפקדה הפקדות מזומן בסניף כספומט cheque check cheques deposit cash atm
transfer trf tfr from to incoming received receipt credit payment pmt inv invoice invoices ref no
bank hapoalim leumi discount mizrahi fibi yahav mercantile
""".split())

# Hebrew letters -> a consonant class shared with Latin spellings ("" for the vowel-like letters).
_HEBREW = {"א": "", "ב": "B", "ג": "G", "ד": "D", "ה": "", "ו": "", "ז": "Z", "ח": "K", "ט": "T", "י": "",
           "כ": "K", "ל": "L", "מ": "M", "נ": "N", "ס": "S", "ע": "", "פ": "P", "צ": "C", "ק": "K",
           "ר": "R", "ש": "S", "ת": "T"}
_LATIN_PAIRS = (("sch", "S"), ("sh", "S"), ("ch", "K"), ("kh", "K"), ("ck", "K"), ("tz", "C"), ("ts", "C"),
                ("ph", "P"), ("th", "T"), ("zh", "Z"))
_LATIN = {"b": "B", "v": "B", "w": "B", "f": "P", "p": "P", "k": "K", "c": "K", "q": "K", "g": "G",
          "j": "G", "d": "D", "t": "T", "z": "Z", "s": "S", "x": "KS", "l": "L", "m": "M", "n": "N",
          "r": "R"}
HEBREW_PREFIXES = "ומהבלכש"

# Words of business names that companies translate rather than transliterate: both spellings
# become the English one. (Written without finals and quotes, as `normalize` leaves them.)
_SAME_WORD = {
    "הנדסה": "engineering", "שיווק": "marketing", "הפקות": "productions", "ייעוצ": "consulting",
    "יעוצ": "consulting", "consultants": "consulting", "שירותימ": "services", "מערכות": "systems",
    "תעשיות": "industries", "אחזקות": "holdings", "השקעות": "investments", "בניה": "construction",
    "בנייה": "construction", "סחר": "trading", "טכנולוגיות": "technologies", "technology": "technologies",
    "פתרונות": "solutions", "עיצוב": "design", "סטודיו": "studio", "מחשבימ": "computers", "תוכנה": "software",
    "קבוצת": "group", "קבוצה": "group", "מסחר": "commerce", "הובלות": "transport", "לוגיסטיקה": "logistics",
    "תקשורת": "communications", "אדריכלות": "architecture", "ביטוח": "insurance", "מזונ": "food",
    "חשמל": "electric", "אינסטלציה": "plumbing", "מרפאה": "clinic", "משפטימ": "legal", "עורכי": "lawyers",
    "דינ": "law", "רואי": "accountants", "חשבונ": "account", "ישראל": "israel", "מוצרי": "products",
}


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Lower case, no niqqud, quotes or punctuation, Hebrew finals as ordinary letters."""
    if not text.isascii() and _MARKS.search(text):   # niqqud, accents
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _QUOTES.sub("", text.casefold()).translate(_FINALS)
    return " ".join(_NOT_WORD.sub(" ", text).split())


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    """The words of a name or a bank description that can belong to a name."""
    out = []
    for w in normalize(text).split():
        if w in STOPWORDS or w.isdigit() or any(c.isdigit() for c in w):
            continue
        out.append(_SAME_WORD.get(w, w))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """The consonants of a word in classes Hebrew and Latin share: "שמש" and "shemesh" -> "SMS"."""
    if not word:
        return ""
    if "\u05d0" <= word[0] <= "\u05ea":
        return "".join(_HEBREW.get(c, "") for c in word)
    out, i = [], 0
    while i < len(word):
        for pair, sound in _LATIN_PAIRS:
            if word.startswith(pair, i):
                out.append(sound)
                i += len(pair)
                break
        else:
            out.append(_LATIN.get(word[i], ""))
            i += 1
    text = "".join(out)
    return re.sub(r"(.)\1+", r"\1", text)  # "Kravitz"/"Kravvitz": doubled Latin letters are one sound


@lru_cache(maxsize=1 << 16)
def skeletons(word: str) -> tuple[str, ...]:
    """The skeleton, and for Hebrew also the one where ו is the consonant v ("לוי" = Levi)."""
    first = skeleton(word)
    if "ו" in word and _is_hebrew(word):
        other = "".join("B" if c == "ו" else _HEBREW.get(c, "") for c in word)
        return (first, other) if other != first else (first,)
    return (first,)


def _is_hebrew(word: str) -> bool:
    return bool(word) and "\u05d0" <= word[0] <= "\u05ea"


@lru_cache(maxsize=1 << 18)
def word_similarity(a: str, b: str) -> float:
    """How surely two words are the same name-word (1.0 the same; 0 unrelated). Words in one
    script are compared by their letters; across scripts, by their consonant skeletons."""
    if a == b:
        return 1.0
    if _is_hebrew(a) == _is_hebrew(b):
        short, long_ = sorted((a, b), key=len)
        if len(short) == 1:
            return 0.75 if long_.startswith(short) else 0.0   # an initial: "כהן א." for "כהן אדריכלות"
        if len(short) >= 3 and long_.startswith(short):
            return 0.9   # the bank cut the name short
        if _is_hebrew(a) and len(long_) > 3 and long_[0] in HEBREW_PREFIXES and long_[1:] == short:
            return 0.9   # "מאור" for "אור"
        ratio = SequenceMatcher(None, a, b).ratio()
        return ratio * 0.9 if ratio >= 0.8 and len(short) >= 4 else 0.0
    return max(_skeleton_similarity(sa, sb, False) for sa in skeletons(a) for sb in skeletons(b))


def _skeleton_similarity(sa: str, sb: str, same_script: bool) -> float:
    if not sa or not sb:
        return 0.0
    if sa == sb:
        return 0.85 if len(sa) >= 2 else (0.7 if not same_script else 0.6)
    short, long_ = sorted((sa, sb), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return 0.75
    if min(len(sa), len(sb)) >= 3:
        ratio = SequenceMatcher(None, sa, sb).ratio()
        if ratio >= 0.75:
            return ratio * 0.8
    return 0.0


def initials(tokens: tuple[str, ...]) -> str:
    return "".join(t[0] for t in tokens)


def name_score(name: tuple[str, ...], payer: tuple[str, ...], common: dict[str, int] | None = None) -> float:
    """0..1: how well the payer's words cover a customer's name-words (and the other way).

    A bank may print only the first words of a long name, so a payer whose every word matches
    the start of the name scores nearly as high as the whole name. `common`: how many customers'
    names have each word; a word many share ("הנדסה") tells little."""
    if not name or not payer:
        return 0.0
    if len(payer) >= 2 and all(len(p) == 1 for p in payer):
        return 0.9 if initials(name) == "".join(payer) else 0.0   # "א ב ד" (א.ב.ד.) for a three-word name
    best_for_name = [max(word_similarity(n, p) for p in payer) for n in name]
    # An initial ("כהן א.") may stand for a word the customer's name spells another way: it
    # neither helps nor hurts the payer's side.
    best_for_payer = [max(word_similarity(p, n) for n in name) for p in payer if len(p) > 1] or [0.0]
    weight = [max(1, len(skeleton(n)) or len(n)) / (common.get(n, 1) if common else 1) ** 0.5 for n in name]
    name_cover = sum(w * s for w, s in zip(weight, best_for_name)) / sum(weight)
    payer_cover = sum(best_for_payer) / len(best_for_payer)
    score = 0.75 * name_cover + 0.25 * payer_cover
    matched_lead = 0
    for s in best_for_name:
        if s < 0.7:
            break
        matched_lead += 1
    if payer_cover >= 0.75 and (matched_lead >= 2 or (matched_lead == 1 and len(name) <= 2 and len(name[0]) >= 4)):
        score = max(score, 0.8 + 0.15 * name_cover)   # the leading words, the rest cut off
    return min(score, 1.0)
