"""Replies that need a person reach one, and a person's reading is applied and remembered:
through the Maildir, the ledger and the CLI (`status`, `history`, `label`, the digest)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import D, run_cli, write_config
from test_ladder import body, drop, one_customer, run, sent, status

DAY = dt.timedelta(days=1)


def deliver(workdir: Path, to_msg, text: str, name: str, date: str = "Tue, 01 Dec 2026 12:00:00 +0200") -> None:
    raw = (f"From: {to_msg['To'].addresses[0].addr_spec}\r\nTo: billing@gefen-studio.example\r\n"
           f"Subject: Re: payment\r\nMessage-ID: <{name}@cust.example>\r\nIn-Reply-To: {to_msg['Message-ID']}\r\n"
           f"Date: {date}\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n").encode() + text.encode()
    (workdir / "mail" / "new" / f"1700000000.{name}.host").write_bytes(raw)


def cli(workdir: Path, *args: str):
    return run_cli(*args, "--config", str(workdir / "config.toml"))


def replies(workdir: Path) -> list[dict]:
    items = json.loads(cli(workdir, "history", "--json").stdout)["items"]
    return [i for i in items if i["kind"] == "reply"]


def started(workdir: Path) -> None:
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    assert run(workdir, D) == 0


def test_a_dispute_reaches_a_person_in_status_and_the_digest(workdir):
    write_config(workdir, '[digest]\nto = "owner@gefen-studio.example"\nat = "09:00"\n')
    started(workdir)
    deliver(workdir, sent(workdir)[0], "הסחורה הגיעה שבורה, אני לא משלם על זה", "d1")
    run(workdir, D + DAY)
    (reply,) = replies(workdir)
    assert isinstance(reply["id"], int) and reply["detail"]["intent"] == "dispute"
    assert 0 <= reply["detail"]["confidence"] <= 1
    doc = status(workdir, D + DAY)
    assert [(n["customer_id"], n["reply_id"]) for n in doc["needs_person"]] == [("C1", reply["id"])]
    assert "dispute" in doc["needs_person"][0]["reason"]
    plain = cli(workdir, "status", "--now", (D + DAY).isoformat()).stdout
    assert f"#{reply['id']}" in plain and "dispute" in plain
    digest = [m for m in sent(workdir) if m["To"].addresses[0].addr_spec == "owner@gefen-studio.example"]
    assert digest and "חולק על החיוב" in body(digest[0])


def test_a_reply_with_nothing_to_act_on_holds_the_customer_and_says_so(workdir):
    started(workdir)
    deliver(workdir, sent(workdir)[0], "קיבלתי, תודה רבה", "n1")
    run(workdir, D + DAY)
    doc = status(workdir, D + DAY)
    assert doc["customers"][0]["pause"] is not None
    assert doc["needs_person"] and doc["needs_person"][0]["customer_id"] == "C1"
    # `resume` is a person dealing with it: off the list
    assert cli(workdir, "resume", "C1", "--now", (D + DAY).isoformat()).returncode == 0
    assert status(workdir, D + DAY)["needs_person"] == []


def test_label_ends_the_wrong_reading_applies_the_right_one_and_is_remembered(workdir):
    started(workdir)
    first = sent(workdir)[0]
    deliver(workdir, first, "שלום, הוכנס לסבב. תודה", "p1")         # the business's phrase for "paid on the next run"
    run(workdir, D + DAY)
    (reply,) = replies(workdir)
    assert reply["detail"]["intent"] != "promise"
    assert status(workdir, D + DAY)["customers"][0]["pause"] is not None

    r = cli(workdir, "label", str(reply["id"]), "promise", "--date", "2026-12-10", "--now", (D + DAY).isoformat(),
            "--json")
    assert r.returncode == 0, r.stderr
    done = json.loads(r.stdout)
    assert done["ended"]["pauses"] == 1
    customer = status(workdir, D + DAY)["customers"][0]
    assert customer["pause"] is None and customer["promise"]["due"] == "2026-12-10"
    assert status(workdir, D + DAY)["needs_person"] == []
    assert replies(workdir)[0]["label"]["intent"] == "promise"

    # The next time the customer writes it, it is read as the person read it.
    deliver(workdir, first, "הוכנס לסבב, יום טוב", "p2", date="Mon, 14 Dec 2026 09:00:00 +0200")
    run(workdir, D + 13 * DAY)
    second = replies(workdir)[-1]
    assert second["detail"]["intent"] == "promise" and second["detail"]["labelled"], second["detail"]["why"]


def test_label_a_dispute_as_nothing_clears_the_flag(workdir):
    started(workdir)
    deliver(workdir, sent(workdir)[0], "יש טעות בחשבונית, הסכום לא נכון", "d2")
    run(workdir, D + DAY)
    (reply,) = replies(workdir)
    assert "disputed" in status(workdir, D + DAY)["customers"][0]["flags"]
    assert cli(workdir, "label", str(reply["id"]), "none", "--now", (D + DAY).isoformat()).returncode == 0
    customer = status(workdir, D + DAY)["customers"][0]
    assert customer["flags"] == [] and customer["pause"] is None


def test_label_refuses_what_it_cannot_do(workdir):
    started(workdir)
    assert cli(workdir, "label", "999", "promise").returncode == 2
    deliver(workdir, sent(workdir)[0], "מחר", "x1")
    run(workdir, D + DAY)
    rid = str(replies(workdir)[0]["id"])
    assert cli(workdir, "label", rid, "maybe").returncode == 2
    assert cli(workdir, "label", rid, "dispute", "--date", "2026-12-10").returncode == 2
    assert cli(workdir, "label", rid, "promise", "--date", "10/12").returncode == 2


def test_classify_shows_the_confidence(workdir, tmp_path):
    eml = tmp_path / "r.eml"
    eml.write_bytes("From: a@b.example\nSubject: Re\nDate: Thu, 14 Jan 2027 10:00:00 +0200\n"
                    "Content-Type: text/plain; charset=utf-8\n\nאשלם ביום שלישי הבא".encode())
    doc = json.loads(cli(workdir, "classify", str(eml), "--json", "--now", "2027-01-20T10:00:00+02:00").stdout)
    assert doc["intent"] == "promise" and doc["promise_date"] == "2027-01-19" and 0 < doc["confidence"] <= 1
    plain = cli(workdir, "classify", str(eml), "--now", "2027-01-20T10:00:00+02:00").stdout
    assert "confidence" in plain and "2027-01-19" in plain


def test_a_reply_from_nobody_we_know_is_listed_and_can_be_given_its_customer(workdir):
    started(workdir)
    raw = ("From: accountant@elsewhere.example\r\nTo: billing@gefen-studio.example\r\nSubject: תשלום\r\n"
           "Message-ID: <u1@elsewhere.example>\r\nDate: Tue, 01 Dec 2026 12:00:00 +0200\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() \
        + "הלקוח שלנו ישלם ביום ראשון".encode()
    (workdir / "mail" / "new" / "1700000000.u1.host").write_bytes(raw)
    run(workdir, D + DAY)
    (waiting,) = status(workdir, D + DAY)["needs_person"]
    assert waiting["customer_id"] is None and "matches no customer" in waiting["reason"]
    rid = str(waiting["reply_id"])
    assert cli(workdir, "label", rid, "promise", "--date", "2026-12-06").returncode == 2   # whose promise?
    assert cli(workdir, "label", rid, "promise", "--date", "2026-12-06", "--customer", "C1",
               "--now", (D + DAY).isoformat()).returncode == 0
    doc = status(workdir, D + DAY)
    assert doc["needs_person"] == [] and doc["customers"][0]["promise"]["due"] == "2026-12-06"
