"""Emails rendered the evening before (cycle/prepared.py): the window's run sends what it would
have rendered itself, never anything its own plan does not ask for, and a stale or broken store
only costs the saving."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import shutil
import smtplib
import sqlite3

import pytest

from books import book, write_xlsx
from conftest import D
from dunning_mailer import render
from dunning_mailer.transports.smtp import quoted
from test_sending import run, smtp_config

EVE = D - dt.timedelta(hours=14)  # 20:00 the evening before: outside the window
STORE = "dunning.sqlite3.rendered"


def evening(workdir, port, rows=None):
    smtp_config(workdir, port)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", rows or book(D.date()))
    assert run(workdir, EVE) == 0
    with sqlite3.connect(workdir / STORE) as db:
        return db.execute("SELECT count(*) FROM rendered").fetchone()[0]


def received(sink) -> dict[str, email.message.EmailMessage]:
    with sink.lock:
        got = {rcpts[0]: email.message_from_bytes(raw, policy=email.policy.default) for _, rcpts, raw in sink.messages}
        sink.messages.clear()
    return got


def content(m) -> tuple:
    """What a reader sees: every header but the message's identity, and both parts decoded."""
    headers = tuple((k, v) for k, v in m.items() if k not in ("Message-ID", "Date", "Content-Type"))
    return headers, tuple(part.get_content() for part in m.iter_parts())


def no_rendering(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("rendered in the window although the evening had rendered it")
    monkeypatch.setattr(render, "render", boom)


def test_the_window_sends_what_it_would_have_rendered_with_its_own_identity(workdir, smtp_sink, monkeypatch, tmp_path):
    prepared = evening(workdir, smtp_sink.port)
    assert prepared > 0 and smtp_sink.messages == []
    assert (workdir / STORE).stat().st_mode & 0o077 == 0  # customers' debts: the owner's eyes only
    twin = tmp_path / "twin"
    shutil.copytree(workdir, twin)
    (twin / STORE).unlink()

    with monkeypatch.context() as m:
        no_rendering(m)
        assert run(workdir) == 0
    from_store = received(smtp_sink)
    assert run(twin) == 0
    rendered_now = received(smtp_sink)

    assert len(from_store) == prepared and from_store.keys() == rendered_now.keys()
    with sqlite3.connect(workdir / STORE) as db:
        kept = b"".join(bytes(r[0]) for r in db.execute("SELECT raw FROM rendered"))
    for addr, m in from_store.items():
        assert content(m) == content(rendered_now[addr])
        assert m["Date"] == rendered_now[addr]["Date"]            # the run's own time, not the evening's
        assert m["Message-ID"].encode() not in kept                 # a Message-ID of its own
        assert m["Message-ID"].startswith(f"<{D:%Y%m%d}.")
    ids = [m["Message-ID"] for m in from_store.values()]
    assert len(set(ids)) == len(ids)


def test_what_changed_overnight_is_rendered_again(workdir, smtp_sink):
    evening(workdir, smtp_sink.port)
    config = workdir / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('name = "סטודיו גפן – עיצוב ומיתוג"',
                                                                 'name = "סטודיו גפן בע״מ"'), encoding="utf-8")
    assert run(workdir) == 0
    got = received(smtp_sink)
    assert got and all("סטודיו גפן בע״מ" in m["From"] and "עיצוב ומיתוג" not in m["From"] for m in got.values())


def test_an_email_the_morning_plan_does_not_ask_for_is_never_sent(workdir, smtp_sink):
    rows = book(D.date())
    evening(workdir, smtp_sink.port, rows)
    paid = {r.customer_id for r in rows if r.customer_id == "1001"}
    # The morning export: customer 1001 paid everything overnight.
    write_xlsx(workdir / "drop" / "open-2026-12-01.xlsx", [r for r in rows if r.customer_id not in paid])
    assert run(workdir) == 0
    got = received(smtp_sink)
    assert got and "billing1@cust1.example" not in got


def test_a_broken_store_is_no_store(workdir, smtp_sink, tmp_path):
    evening(workdir, smtp_sink.port)
    twin = tmp_path / "twin"
    shutil.copytree(workdir, twin)
    (twin / STORE).unlink()
    (workdir / STORE).write_bytes(b"not a database at all" * 100)
    assert run(workdir) == 0
    broken = received(smtp_sink)
    assert run(twin) == 0
    assert broken and {a: content(m) for a, m in broken.items()} == \
        {a: content(m) for a, m in received(smtp_sink).items()}


@pytest.mark.parametrize("address", ["a@b.co.il", "first.last+tag@example.com", "o'brien@x.org", "a b@c",
                                     '"q r"@x.org', "a@[1.2.3.4]", "דני@x.il", "Name <a@b.il>", "<a@b.il>", ""])
def test_envelope_addresses_are_quoted_as_smtplib_quotes_them(address):
    assert quoted(address) == smtplib.quoteaddr(address)


def test_only_the_emails_that_changed_are_rendered_in_the_window(workdir, smtp_sink, monkeypatch):
    rows = book(D.date())
    prepared = evening(workdir, smtp_sink.port, rows)
    # The morning export: one customer paid part of one invoice overnight.
    changed = next(r for r in rows if r.customer_id == "1002" and r.due < D.date())
    part = changed.balance - 100
    write_xlsx(workdir / "drop" / "open-2026-12-01.xlsx",
               [r if r is not changed else type(r)(**{**r.__dict__, "balance": part}) for r in rows])
    calls = []
    real = render.render
    monkeypatch.setattr(render, "render", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert run(workdir) == 0
    got = received(smtp_sink)
    assert len(got) == prepared and len(calls) == 1
    text = got["billing2@cust2.example"].get_body(("plain",)).get_content()
    assert f"{part:,.2f}" in text


def test_templates_edited_overnight_send_the_store_back_to_the_rendering_child(workdir, smtp_sink, monkeypatch):
    import os

    from dunning_mailer import prerender

    prepared = evening(workdir, smtp_sink.port)
    for stage_file in (workdir / "templates").rglob("*.md"):
        os.utime(stage_file, ns=(stage_file.stat().st_atime_ns, stage_file.stat().st_mtime_ns + 10**9))
    used = []
    real = prerender.rendered_ahead
    monkeypatch.setattr(prerender, "rendered_ahead", lambda items, **k: used.append(1) or real(items, **k))
    assert run(workdir) == 0
    assert used == [1] and len(received(smtp_sink)) == prepared


def test_an_unchanged_night_needs_no_rendering_child(workdir, smtp_sink, monkeypatch):
    from dunning_mailer import prerender

    prepared = evening(workdir, smtp_sink.port)
    monkeypatch.setattr(prerender, "rendered_ahead", lambda *a, **k: pytest.fail("a rendering child was started"))
    assert run(workdir) == 0
    assert len(received(smtp_sink)) == prepared


def test_from_the_store_the_ledger_is_still_ahead_of_every_data_it_sends(workdir, smtp_sink):
    """The store changes where the bytes come from, not the protocol: whenever an email's data
    reaches the server, the ledger already says `sending` for it and `sent` for every email
    before it but the last one."""
    from books import many_customers

    prepared = evening(workdir, smtp_sink.port, many_customers(D.date(), 60))
    assert prepared == 60
    seen = []

    def look(raw: bytes) -> None:
        mid = email.message_from_bytes(raw)["Message-ID"]
        db = sqlite3.connect(f"file:{workdir / 'dunning.sqlite3'}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT id, message_id, status FROM reminders ORDER BY id").fetchall()
        finally:
            db.close()
        mine = next(r for r in rows if r[1] == mid)
        seen.append((mine[2], [r[2] for r in rows if r[0] < mine[0]]))

    smtp_sink.on_data = look
    assert run(workdir) == 0
    assert len(seen) == 60 and {status for status, _ in seen} == {"sending"}
    assert all(set(before[:-1]) <= {"sent"} and set(before[-1:]) <= {"sent", "sending"} for _, before in seen)


def test_killed_again_and_again_with_the_store_every_reminder_arrives_exactly_once(workdir, smtp_sink):
    import os
    import random
    import subprocess
    import sys
    from collections import Counter

    from books import many_customers
    from test_sending import history, one_email_per_customer_and_stage

    n = 150
    assert evening(workdir, smtp_sink.port, many_customers(D.date(), n)) == n
    cmd = [sys.executable, "-m", "dunning_mailer", "run", "--config", str(workdir / "config.toml"),
           "--now", D.isoformat()]
    rng = random.Random(20261204)
    kills, points = 0, Counter()
    while True:
        crash_at = rng.randint(1, 24) if kills < 30 else 0
        env = dict(os.environ)
        env.pop("DUNNING_MAILER_CRASH_AT", None)
        if crash_at:
            env["DUNNING_MAILER_CRASH_AT"] = str(crash_at)
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if p.returncode == -9:
            kills += 1
            points[crash_at] += 1
            continue
        assert p.returncode == 0, p.stderr
        if not crash_at:
            break
    assert kills >= 25 and len(points) >= 12
    ids = smtp_sink.message_ids()
    assert len(set(ids)) == n
    assert {m["To"].addresses[0].addr_spec for m in smtp_sink.parsed()} == {f"c{i}@many.example" for i in range(n)}
    one_email_per_customer_and_stage(smtp_sink)
    assert len(ids) - len(set(ids)) <= kills  # byte-identical repeats after a kill between 250 and commit
    emails = [i for i in history(workdir) if i["kind"] == "email"]
    assert len(emails) == n and {i["status"] for i in emails} == {"sent"}
