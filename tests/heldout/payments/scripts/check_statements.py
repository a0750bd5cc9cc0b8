"""Reads every statement file back with general-purpose libraries, finding
the header row by its words, and compares with NAME.expected.json.  This
only proves the files are self-consistent and readable; it is not the
product's reader and was not tuned on it."""
import csv
import datetime as dt
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal as D
from html.parser import HTMLParser

import openpyxl
import xlrd

sys.path.insert(0, os.path.dirname(__file__))
from stmt_common import norm, join_desc  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "statements")


def num(s):
    if s is None:
        return None
    if isinstance(s, (int, float)):
        return D(str(s)).quantize(D("0.01"))
    s = norm(s).replace(",", "").replace("₪", "").strip()
    if not s:
        return None
    neg = s.startswith("(") and s.endswith(")")
    s = s.strip("()")
    v = D(s).quantize(D("0.01"))
    return -v if neg else v


def date(s):
    if isinstance(s, dt.datetime):
        return s.date()
    s = norm(s).lstrip("*").strip()
    for f in ("%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    return None


class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell, self.depth = [], None, None, 0

    def handle_starttag(self, tag, a):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
            self.attrs = dict(a)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(("".join(self.cell), self.attrs))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, d):
        if self.cell is not None:
            self.cell.append(d)


def rows_html(path, enc):
    p = Tables()
    p.feed(open(path, encoding=enc).read())
    return p.tables


def find_header(rows, must):
    for k, r in enumerate(rows):
        cells = [norm(c) for c in r]
        if all(m in cells for m in must):
            return k, cells
    raise AssertionError(f"header {must} not found")


def line(d, vd, desc, ref, amt):
    return {"date": d.isoformat(), "value_date": vd.isoformat() if vd else None, "description": desc,
            "reference": (norm(ref) or None) if ref is not None else None, "amount": f"{amt:.2f}"}


def read_generic(rows, cols, datecol, vcol, desccols, refcol, debit=None, credit=None, signed=None):
    k, head = find_header(rows, cols)
    ix = {h: i for i, h in enumerate(head)}
    out = []
    for r in rows[k + 1:]:
        r = list(r) + [None] * (len(head) - len(r))
        d = date(r[ix[datecol]]) if r[ix[datecol]] is not None else None
        if d is None:
            continue
        if signed:
            amt = num(r[ix[signed]])
        else:
            db, cr = num(r[ix[debit]]), num(r[ix[credit]])
            amt = cr if cr else -db
        vd = date(r[ix[vcol]]) if vcol else None
        desc = join_desc(*[r[ix[c]] for c in desccols])
        ref = r[ix[refcol]] if refcol else None
        out.append(line(d, vd, desc, ref if ref not in ("",) else None, amt))
    return out


def xlsx_rows(path, sheet=None):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [[c for c in r] for r in ws.iter_rows(values_only=True)]


def read(path):
    name = os.path.basename(path)
    if name.startswith("hapoalim-2025-01"):
        rows = xlsx_rows(path)
        return read_generic(rows, ["תאריך", "הפעולה", "חובה", "זכות"], "תאריך", "תאריך ערך",
                            ["הפעולה", "פרטים", "לטובת", "עבור"], "אסמכתא", "חובה", "זכות")
    if name.startswith("hapoalim-2025-03"):
        raw = open(path, encoding="utf-8-sig").read()
        rows = list(csv.reader(raw.splitlines()))
        rows = [[norm(c) for c in r] for r in rows]
        return read_generic(rows, ["תאריך", "הפעולה", "חובה", "זכות"], "תאריך", "תאריך ערך",
                            ["הפעולה", "פרטים", "לטובת", "עבור"], "אסמכתא", "חובה", "זכות")
    if name.startswith("hapoalim-old"):
        assert b"charset=windows-1255" in open(path, "rb").read(400)
        t = [tb for tb in rows_html(path, "cp1255") if any(a.get("id") == "header1" for r in tb for _, a in r)][0]
        out = []
        heads = {a.get("id"): norm(v) for _, a in [(v, a) for v, a in t[0]] for v in [_]}
        for r in t[1:]:
            by = {a.get("headers"): v for v, a in r if a.get("headers")}
            if not by:
                memo = [v for v, a in r if a.get("colspan") == "5"][0]
                out[-1]["description"] = join_desc(out[-1]["description"], memo)
                continue
            db, cr = num(by["header5"]), num(by["header6"])
            out.append(line(date(by["header1"]), date(by["header4"]), join_desc(by["header2"]),
                            by["header3"] if norm(by["header3"]) else None, cr if cr else -db))
        return out
    if name.startswith("leumi"):
        tb = max(rows_html(path, "utf-8"), key=len)
        rows = [[v for v, a in r] for r in tb]
        out = read_generic(rows, ["תאריך", "תאריך ערך", "בחובה", "בזכות"], "תאריך", "תאריך ערך",
                           ["תיאור", "תאור מורחב", "הערה"], "אסמכתא", "בחובה", "בזכות")
        return sorted(out, key=lambda x: x["date"])  # file is newest first; stable for same-day order
    if name.startswith("discount"):
        rows = xlsx_rows(path, "עובר ושב")
        out = read_generic(rows, ["תאריך", "יום ערך", "תיאור התנועה"], "תאריך", "יום ערך", ["תיאור התנועה"],
                           "אסמכתה", signed="₪ זכות/חובה")
        return list(reversed(out))
    if name.startswith("mizrahi"):
        tb = max(rows_html(path, "utf-8"), key=len)
        rows = [[v for v, a in r] for r in tb]
        return read_generic(rows, ["תאריך", "סוג תנועה", "זכות", "חובה"], "תאריך", "תאריך ערך", ["סוג תנועה"],
                            "אסמכתא", "חובה", "זכות")
    if name.startswith("fibi"):
        rows = xlsx_rows(path)
        return read_generic(rows, ["תאריך ערך", "זכות", "חובה", "תאור"], "תאריך ביצוע", "תאריך ערך", ["תאור"],
                            "אסמכתא", "חובה", "זכות")
    if name.startswith("yahav"):
        wb = xlrd.open_workbook(path)
        sh = wb.sheet_by_index(0)
        rows = [sh.row_values(i) for i in range(sh.nrows)]
        rows = [[(c if c != "" else None) for c in r] for r in rows]
        return read_generic(rows, ["תאריך", "אסמכתא", "תיאור פעולה"], "תאריך", "תאריך ערך", ["תיאור פעולה"],
                            "אסמכתא", "חובה(₪)", "זכות(₪)")
    if name.endswith(".ofx"):
        from ofxtools.Parser import OFXTree
        t = OFXTree()
        t.parse(path)
        st = t.convert().statements[0]
        out = []
        for tr in st.transactions:
            out.append(line(tr.dtposted.date(), tr.dtavail.date() if tr.dtavail else None,
                            join_desc(tr.name, tr.memo), tr.fitid, tr.trnamt))
        return out
    if name.endswith(".xml"):
        ns = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"}
        root = ET.parse(path).getroot()
        out = []
        for n in root.iter("{%s}Ntry" % ns["c"]):
            g = lambda p: n.findtext(p, namespaces=ns)
            amt = D(g("c:Amt")) * (1 if g("c:CdtDbtInd") == "CRDT" else -1)
            party = g(".//c:Dbtr/c:Nm") or g(".//c:Cdtr/c:Nm") or ""
            out.append(line(dt.date.fromisoformat(g("c:BookgDt/c:Dt")), dt.date.fromisoformat(g("c:ValDt/c:Dt")),
                            join_desc(party, g(".//c:RmtInf/c:Ustrd")), g("c:AcctSvcrRef"), amt))
        return out
    raise ValueError(name)


def main():
    ok = True
    keys = {}
    for exp in sorted(glob.glob(os.path.join(ROOT, "*.expected.json"))):
        e = json.load(open(exp, encoding="utf-8"))
        base = exp[:-len(".expected.json")]
        data = [p for p in glob.glob(base + ".*") if not p.endswith(".expected.json")]
        assert len(data) == 1, (exp, data)
        got = read(data[0])
        want = [{k: v for k, v in l.items() if k != "currency"} for l in e["lines"]]
        if name_order_free(data[0]):
            got, want = sorted(got, key=sk), sorted(want, key=sk)
        same = got == want
        ok &= same
        print(f"{os.path.basename(data[0]):42s} lines={len(want):4d} {'OK' if same else 'MISMATCH'}")
        if not same:
            for a, b in zip(got, want):
                if a != b:
                    print("  got ", a, "\n  want", b)
                    break
            print("  counts", len(got), len(want))
        keys[os.path.basename(data[0])] = {(l["date"], l["amount"], l["reference"], l["description"]) for l in want}
    a, b = keys["hapoalim-2025-01-03.xlsx"], keys["hapoalim-2025-03-06.csv"]
    print("hapoalim downloads overlap:", len(a & b), "identical lines")
    # chained scenarios: the statement's credits in the period are exactly the scenario's credits
    mroot = os.path.join(os.path.dirname(ROOT), "matching")
    for stmt, scen, lo, hi, cur in [("hapoalim-2025-03-06", 2, "2025-04-01", "2025-06-30", "ILS"),
                                    ("leumi-2024-q4", 1, "2024-10-01", "2024-12-31", "ILS"),
                                    ("discount-2024-h2", 3, "2024-07-01", "2024-12-31", "ILS")]:
        e = json.load(open(os.path.join(ROOT, stmt + ".expected.json"), encoding="utf-8"))
        sc = json.load(open(os.path.join(mroot, f"scenario-{scen}.json"), encoding="utf-8"))
        got = sorted((l["date"], l["amount"], l["reference"]) for l in e["lines"]
                     if lo <= l["date"] <= hi and D(l["amount"]) > 0 and not l["description"].startswith("המרת מט"))
        want = sorted((c["date"], c["amount"], c["reference"]) for c in sc["credits"]
                      if lo <= c["date"] <= hi and c["currency"] == cur)
        same = got == want
        ok &= same
        print(f"chain {stmt} <-> scenario-{scen}: {len(want)} credits {'OK' if same else 'MISMATCH'}")
    sys.exit(0 if ok else 1)


def name_order_free(p):
    return os.path.basename(p).startswith(("leumi", "discount"))


def sk(x):
    return (x["date"], x["amount"], x["reference"] or "", x["description"])


if __name__ == "__main__":
    main()
