"""A simulated quarter: `run` stepped day by day over a generated book with payments,
promises, disputes and holidays; every invariant of the ladder must hold."""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import invariants
from books import Row, write_xlsx
from conftest import run_cli
from dunning_mailer.calendar import BusinessCalendar
from dunning_mailer.cli import main
from dunning_mailer.config import load

TZ = ZoneInfo("Asia/Jerusalem")
NAMES = ["נגריית", "סטודיו", "מאפיית", "משרד", "מכולת", "קפה", "מוסך", "גלריית", "דפוס", "משתלת"]
PLACES = ["השרון", "הכרמל", "הגליל", "הנגב", "העמק", "הים", "הצפון", "המרכז", "הגולן", "הערבה"]


def generated_book(start: dt.date, invoices: int, rng: random.Random) -> list[Row]:
    customers = max(invoices // 4, 1)
    rows = []
    for n in range(invoices):
        c = rng.randrange(customers)
        amount = Decimal(rng.randrange(200, 20000)).quantize(Decimal("0.01"))
        rows.append(Row(f"{7000 + c}", f"{NAMES[c % 10]} {PLACES[(c // 10) % 10]} {c}", f"c{c}@sim.example",
                        f"S-{n:05d}", start + dt.timedelta(days=rng.randrange(-40, 70)), amount, amount))
    return rows


def reply_file(workdir: Path, to: str, message_id: str, text: str, name: str) -> None:
    raw = (f"From: {to}\r\nTo: billing@gefen-studio.example\r\nSubject: Re\r\nMessage-ID: <{name}@sim.example>\r\n"
           f"In-Reply-To: {message_id}\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n").encode() + text.encode()
    (workdir / "mail" / "new" / f"1700000000.{name}.sim").write_bytes(raw)


@pytest.mark.parametrize("start,invoices,holidays", [
    (dt.date(2027, 9, 1), 500, {dt.date(2027, 10, 2): "Rosh Hashanah", dt.date(2027, 10, 3): "Rosh Hashanah",
                                dt.date(2027, 10, 11): "Yom Kippur", dt.date(2027, 10, 10): "Yom Kippur eve",
                                **{dt.date(2027, 10, d): "Sukkot week" for d in range(15, 23)}}),
    (dt.date(2027, 3, 15), 300, {dt.date(2027, 4, 21): "Pesach eve",
                                 **{dt.date(2027, 4, d): "Pesach week" for d in range(22, 29)}}),
], ids=["autumn-holidays", "pesach"])
def test_a_simulated_quarter_keeps_every_invariant(workdir, start, invoices, holidays):
    rng = random.Random(start.toordinal())
    config_path = workdir / "config.toml"
    config = load(config_path)
    calendar = BusinessCalendar.from_config(config)
    book = generated_book(start, invoices, rng)
    open_rows = {r.number: r for r in book}
    write_xlsx(workdir / "drop" / f"open-{start.isoformat()}.xlsx", book)
    promised, disputed, claimed = set(), set(), set()
    for day in range(91):
        today = start + dt.timedelta(days=day)
        now = dt.datetime.combine(today, dt.time(10), TZ)
        if day and day % 7 == 0:
            # A new weekly export: some invoices paid in full, some in part.
            for number in list(open_rows):
                roll = rng.random()
                if roll < 0.12:
                    del open_rows[number]
                elif roll < 0.16:
                    r = open_rows[number]
                    open_rows[number] = replace(r, balance=(r.balance / 2).quantize(Decimal("0.01")))
            write_xlsx(workdir / "drop" / f"open-{today.isoformat()}.xlsx", list(open_rows.values()))
        if day % 10 == 3:
            history = json.loads(run_cli("history", "--config", str(config_path), "--json").stdout)["items"]
            recent = [i for i in history if i["kind"] == "email" and i["status"] == "sent"][-12:]
            for k, e in enumerate(recent[:3]):
                text, bucket = [("אעביר בשבוע הבא, תודה", promised), ("יש טעות בחשבונית, הסכום לא נכון", disputed),
                                ("העברתי אתמול", claimed)][(day + k) % 3]
                reply_file(workdir, e["recipients"][0], e["message_id"], text, f"d{day}k{k}")
                bucket.add(e["customer_id"])
            if day % 20 == 3 and recent:
                cid = recent[-1]["customer_id"]
                main(["promise", cid, "--date", (today + dt.timedelta(days=6)).isoformat(), "--config",
                      str(config_path), "--now", now.isoformat()])
                promised.add(cid)
        code = main(["run", "--config", str(config_path), "--now", now.isoformat(), "--force"])
        assert code in (0, 1)
        if code == 1:  # only the approvals of `final` may be pending; nothing else may fail
            main(["approve", "--all", "--config", str(config_path), "--now", now.isoformat()])

    history = json.loads(run_cli("history", "--config", str(config_path), "--json").stdout)["items"]
    problems = invariants.check(history, calendar, config.policy.min_days_between, config.policy.promise_grace_days)
    assert problems == []

    emails = [i for i in history if i["kind"] == "email" and i["status"] == "sent"]
    days_with_mail = {dt.datetime.fromisoformat(e["at"]).astimezone(TZ).date() for e in emails}
    for day, name in holidays.items():
        assert day not in days_with_mail, f"email on {day} ({name})"
    assert not any(d.weekday() == 5 for d in days_with_mail), "email on Shabbat"
    stages = {e["stage"] for e in emails}
    assert {"before_due", "reminder", "checkin", "solution"} <= stages, stages
    assert "promise_followup" in stages or "thank_you" in stages
    kinds = {i["kind"] for i in history}
    assert {"paused", "promise", "flagged", "paid"} <= kinds, kinds
    status = json.loads(run_cli("status", "--config", str(config_path), "--now",
                                dt.datetime.combine(start + dt.timedelta(days=91), dt.time(10), TZ).isoformat(),
                                "--json").stdout)
    assert status["call_list"] and disputed & set(status["call_list"])
