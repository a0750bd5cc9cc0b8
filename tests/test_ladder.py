"""The ladder's judgment, end to end through the CLI: promises, plans, approvals, thank-yous,
people in the loop, and what replies do (C4–C17)."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from decimal import Decimal
from pathlib import Path

from books import Row, write_xlsx
from conftest import D, run_cli, write_config
from dunning_mailer.cli import main

TZ = D.tzinfo


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), TZ)


def one_customer(due: dt.date, balance: str = "1200.00", number: str = "2026-0042", cid: str = "C1") -> Row:
    return Row(cid, "נגריית השרון", f"{cid.lower()}@cust.example", number, due, Decimal(balance), Decimal(balance))


def drop(workdir: Path, rows: list[Row], day: dt.date) -> None:
    write_xlsx(workdir / "drop" / f"open-{day.isoformat()}.xlsx", rows)


def run(workdir: Path, now: dt.datetime, *extra: str) -> int:
    return main(["run", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), *extra])


def cli(workdir: Path, *args: str) -> int:
    return main([*args, "--config", str(workdir / "config.toml")])


def sent(workdir: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted((workdir / "outbox").glob("*.eml"))]


def stages_sent(workdir: Path) -> list[str]:
    items = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)["items"]
    return [i["stage"] for i in items if i["kind"] == "email" and i["status"] == "sent"]


def status(workdir: Path, now: dt.datetime) -> dict:
    r = run_cli("status", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), "--json")
    return json.loads(r.stdout)


def plan(workdir: Path, now: dt.datetime) -> dict:
    r = run_cli("plan", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), "--json")
    return json.loads(r.stdout)


def body(msg) -> str:
    return msg.get_body(("plain",)).get_content()


def test_a_missed_promise_gets_one_friendly_follow_up(workdir):
    start = D.date()
    drop(workdir, [one_customer(start - dt.timedelta(days=5))], start)
    assert run(workdir, D) == 0 and stages_sent(workdir) == ["reminder"]
    promised = dt.date(2026, 12, 10)  # a Thursday
    assert main(["promise", "C1", "--date", promised.isoformat(), "--config", str(workdir / "config.toml"),
                 "--now", (D + dt.timedelta(days=1)).isoformat()]) == 0
    for day in range(1, 11):  # nothing until the promise date and a grace day have passed
        run(workdir, D + dt.timedelta(days=day))
    assert stages_sent(workdir) == ["reminder"]
    assert any("promised" in h["reason"] for h in plan(workdir, at(promised))["held"])
    run(workdir, at(promised + dt.timedelta(days=3)))  # Sunday 13/12
    assert stages_sent(workdir) == ["reminder", "promise_followup"]
    followup = sent(workdir)[-1]
    assert "כפי שסיכמנו" in body(followup) and "10 בדצמבר 2026" in body(followup)
    run(workdir, at(promised + dt.timedelta(days=4)))
    assert stages_sent(workdir) == ["reminder", "promise_followup"]  # once only
    # The ladder then goes on at its own pace.
    for day in range(5, 20):
        run(workdir, at(promised + dt.timedelta(days=day)))
    assert stages_sent(workdir)[2:3] == ["checkin"]


def test_a_kept_promise_means_no_follow_up(workdir):
    start = D.date()
    rows = [one_customer(start - dt.timedelta(days=5)), one_customer(start - dt.timedelta(days=4), "800", "2026-0043")]
    drop(workdir, rows, start)
    assert run(workdir, D) == 0
    assert main(["promise", "C1", "--date", "2026-12-08", "--amount", "1200", "--config",
                 str(workdir / "config.toml"), "--now", D.isoformat()]) == 0
    drop(workdir, rows[1:], dt.date(2026, 12, 7))  # the first invoice was paid
    run(workdir, at(dt.date(2026, 12, 7)))
    run(workdir, at(dt.date(2026, 12, 10)))
    assert "promise_followup" not in stages_sent(workdir)
    events = json.loads(run_cli("history", "C1", "--config", str(workdir / "config.toml"), "--json").stdout)["items"]
    assert any(e["kind"] == "promise_kept" for e in events)


def test_thank_you_once_when_a_reminded_invoice_is_paid(workdir):
    start = D.date()
    rows = [one_customer(start - dt.timedelta(days=5))]
    drop(workdir, rows, start)
    assert run(workdir, D) == 0
    drop(workdir, [], dt.date(2026, 12, 3))
    run(workdir, at(dt.date(2026, 12, 3)))
    run(workdir, at(dt.date(2026, 12, 6)))
    assert stages_sent(workdir) == ["reminder", "thank_you"]
    thanks = sent(workdir)[-1]
    assert "תודה" in thanks["Subject"] and "2026-0042" in body(thanks)
    assert "איך משלמים" not in body(thanks)


def test_the_final_stage_waits_for_approval(workdir):
    start = D.date()
    drop(workdir, [one_customer(start - dt.timedelta(days=3))], start)
    day = D
    for _ in range(80):
        run(workdir, day)
        day += dt.timedelta(days=1)
    assert stages_sent(workdir) == ["reminder", "checkin", "solution"]
    doc = status(workdir, day)
    assert doc["awaiting_approval"] and doc["awaiting_approval"][0]["stage"] == "final"
    assert not [m for m in sent(workdir) if "final" in m["Message-ID"]]
    assert cli(workdir, "approve", "C1") == 0
    while not (day.weekday() in (6, 0, 1, 2, 3)):
        day += dt.timedelta(days=1)
    run(workdir, day)
    assert stages_sent(workdir) == ["reminder", "checkin", "solution", "final"]
    assert "C1" in status(workdir, day)["call_list"]


def test_solution_offers_instalments_from_the_config(workdir):
    start = D.date()
    drop(workdir, [one_customer(start - dt.timedelta(days=25), "3000.00")], start)
    day = D
    for _ in range(20):
        run(workdir, day)
        day += dt.timedelta(days=1)
    solution = [m for m in sent(workdir) if ".solution." in m["Message-ID"]]
    assert solution
    text = body(solution[0])
    assert "3" in text and "1,000" in text  # three instalments of 1,000 ₪ (offer_plan in the config)


def test_a_payment_plan_replaces_the_ladder_with_short_notes(workdir):
    start = D.date()
    drop(workdir, [one_customer(start - dt.timedelta(days=5), "3000.00")], start)
    assert run(workdir, D) == 0
    assert main(["plan", "C1", "--instalments", "3", "--first", "2026-12-15", "--config",
                 str(workdir / "config.toml"), "--now", D.isoformat()]) == 0
    day = D
    for _ in range(80):  # notes before 15/12, 15/01 and 15/02
        day += dt.timedelta(days=1)
        run(workdir, day)
    assert stages_sent(workdir) == ["reminder", "plan_instalment", "plan_instalment", "plan_instalment"]
    notes = [m for m in sent(workdir) if "plan_instalment" in m["Message-ID"]]
    assert "1,000.00" in body(notes[0]) and "1 מתוך 3" in body(notes[0]) and "3 מתוך 3" in body(notes[2])


def test_after_three_unanswered_emails_a_person_should_call(workdir):
    start = D.date()
    drop(workdir, [one_customer(start - dt.timedelta(days=3))], start)
    day = D
    for _ in range(30):
        run(workdir, day)
        day += dt.timedelta(days=1)
    assert len(stages_sent(workdir)) == 3
    assert "C1" in status(workdir, day)["call_list"]


def test_min_total_skips_a_stage_for_small_balances(workdir):
    extra = '\n'.join(f'[[stage]]\nname = "{n}"\ndays = {d}\n' + ('min_total = 1000\n' if n == "checkin" else "")
                      for n, d in (("before_due", -3), ("reminder", 3), ("checkin", 10), ("solution", 21)))
    write_config(workdir, extra)
    start = D.date()
    drop(workdir, [one_customer(start - dt.timedelta(days=3), "250.00")], start)
    day = D
    for _ in range(30):
        run(workdir, day)
        day += dt.timedelta(days=1)
    assert stages_sent(workdir) == ["reminder", "solution"]


def reply(workdir: Path, to_msg, text: str, name: str) -> None:
    raw = (f"From: {to_msg['To'].addresses[0].addr_spec}\r\nTo: billing@gefen-studio.example\r\n"
           f"Subject: Re: payment\r\nMessage-ID: <{name}@cust.example>\r\nIn-Reply-To: {to_msg['Message-ID']}\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() + text.encode()
    (workdir / "mail" / "new" / f"1700000000.{name}.host").write_bytes(raw)


def test_i_transferred_it_yesterday_stops_the_reminders(workdir):
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    assert run(workdir, D) == 0
    reply(workdir, sent(workdir)[0], "שלום, העברתי אתמול. תודה!", "r1")
    for day in range(1, 8):
        run(workdir, D + dt.timedelta(days=day))
    assert stages_sent(workdir) == ["reminder"]
    assert any("says it was paid" in h["reason"] for h in plan(workdir, D + dt.timedelta(days=6))["held"])


def test_a_promise_in_a_reply_pauses_until_that_sunday_then_follows_up(workdir):
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    assert run(workdir, D) == 0  # Tuesday 1/12
    reply(workdir, sent(workdir)[0], "היי, אעביר ביום ראשון.", "r2")
    run(workdir, D + dt.timedelta(days=1))
    doc = status(workdir, D + dt.timedelta(days=1))
    assert doc["customers"][0]["promise"]["due"] == "2026-12-06"
    for day in range(2, 8):
        run(workdir, D + dt.timedelta(days=day))
    assert stages_sent(workdir) == ["reminder", "promise_followup"]


def test_a_dispute_puts_the_customer_on_the_list_for_a_person(workdir):
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    assert run(workdir, D) == 0
    reply(workdir, sent(workdir)[0], "יש טעות בחשבונית, הסכום לא נכון.", "r3")
    for day in range(1, 30):
        run(workdir, D + dt.timedelta(days=day))
    assert stages_sent(workdir) == ["reminder"]
    doc = status(workdir, D + dt.timedelta(days=30))
    assert "C1" in doc["call_list"] and "disputed" in doc["customers"][0]["flags"]


def test_friday_morning_window(workdir):
    write_config(workdir, '[calendar]\nfriday_window = ["09:00", "12:00"]\n')
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    friday = dt.datetime(2026, 12, 4, 10, tzinfo=TZ)
    assert run(workdir, friday.replace(hour=13)) == 0 and stages_sent(workdir) == []
    assert run(workdir, friday) == 0 and stages_sent(workdir) == ["reminder"]


def test_a_daily_digest_tells_the_business_who_needs_a_person(workdir):
    write_config(workdir, '[digest]\nto = "owner@gefen-studio.example"\nat = "09:00"\n')
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    assert run(workdir, D) == 0
    reply(workdir, sent(workdir)[0], "יש טעות בחשבונית, הסכום לא נכון.", "r9")
    next_day = D + dt.timedelta(days=1)
    run(workdir, next_day.replace(hour=8))   # before 09:00: no digest yet
    run(workdir, next_day)
    run(workdir, next_day.replace(hour=12))  # once a day
    digests = [m for m in sent(workdir) if m["To"].addresses[0].addr_spec == "owner@gefen-studio.example"]
    assert len(digests) == 1
    text = body(digests[0])
    assert "נגריית השרון" in text and "מחלוקת" in text and "1,200.00" in text
