"""Independent re-check of the scenario files (reads only the JSON)."""
import json, sys, glob, datetime as dt
from decimal import Decimal as D

def check(path):
    s = json.load(open(path, encoding="utf-8"))
    inv = {i["number"]: i for i in s["invoices"]}
    assert len(inv) == len(s["invoices"])
    cust = {c["id"] for c in s["customers"]}
    assert all(i["customer_id"] in cust for i in s["invoices"])
    rem = {n: D(i["amount"]) for n, i in inv.items()}
    ids = [c["id"] for c in s["credits"]]
    assert set(ids) == set(s["expected"]) == set(s["notes"])
    last = None
    over = 0
    for c in s["credits"]:
        d = dt.date.fromisoformat(c["date"])
        assert last is None or d >= last, c["id"]
        last = d
        e = s["expected"][c["id"]]
        note = s["notes"][c["id"]]
        if not e:
            assert note.startswith("non-payment"), (c["id"], note)
            continue
        assert sum(D(v) for v in e.values()) == D(c["amount"]), c["id"]
        for n, a in e.items():
            i = inv[n]
            assert dt.date.fromisoformat(i["issue_date"]) <= d, (c["id"], n)
            assert i["currency"] == c["currency"]
            assert rem[n] > 0, ("paying a closed invoice", c["id"], n)
            if D(a) > rem[n]:
                assert "OVERPAYMENT" in note, (c["id"], n)
                over += 1
            rem[n] -= D(a)
        for alt in s.get("acceptable_alternatives", {}).get(c["id"], []):
            assert sum(D(v) for v in alt.values()) == D(c["amount"])
    for i in s["invoices"]:
        assert dt.date.fromisoformat(i["due_date"]) >= dt.date.fromisoformat(i["issue_date"])
    paying = [k for k, v in s["expected"].items() if v]
    hard = [k for k in paying if s["notes"][k].startswith("hard")]
    return dict(file=path.split("/")[-1], invoices=len(inv), credits=len(ids), paying=len(paying),
                hard=len(hard), overpaid_invoices=over)

tot = {}
for p in sorted(glob.glob(sys.argv[1] + "/scenario-*.json")):
    r = check(p)
    print(r)
    for k, v in r.items():
        if isinstance(v, int):
            tot[k] = tot.get(k, 0) + v
print("total", tot)
