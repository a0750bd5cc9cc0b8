"""The console's browsing pages and the templates editor in a real Chromium, over the prepared
ledger of tests/console_fixtures.py: what each page shows is what the CLI says (`status`, `plan`,
`history`, `templates check`), in the same order; a sent email opens as its stored bytes; a template
saved in the page is the file on disk and changes the rendering; a save without the form's check
changes nothing. Screenshots at 1280 px and 375 px go to build/screenshots/."""
from __future__ import annotations

import dataclasses
import datetime as dt
import email
import re
from decimal import Decimal
from email import policy
from urllib.parse import quote

from console_fixtures import SCREENSHOTS, TZ, cli_json, serve

BOTH_LEDGERS = True  # the ledger reads the pages add run on SQLite and PostgreSQL (conftest.py)
MONEY = re.compile(r"-?[\d,]+\.\d\d\s₪")


def _money(text: str) -> Decimal:
    m = MONEY.search(text)
    assert m, text
    return Decimal(m[0].split()[0].replace(",", ""))


def _total(balance: dict) -> Decimal:
    return sum((Decimal(v) for v in balance.values()), Decimal(0))


def screenshot(page, name: str) -> None:
    """The whole page at 1280 px and at 375 px in build/screenshots/ (beside the console's own). The
    window is made as tall as the page first: a frame below the fold is not drawn in a full-page capture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": width, "height": min(height, 8000)})
        page.wait_for_timeout(150)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"))
    page.set_viewport_size(size)


def _status(world) -> dict:
    return cli_json(world.workdir, "status", "--now", world.now.isoformat())


def _no_overflow(page) -> None:
    """Nothing wider than the screen: a phone never scrolls sideways to read a page."""
    page.set_viewport_size({"width": 375, "height": 800})
    wide = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert wide <= 375, f"the page is {wide}px wide at 375px"


def test_customers_and_aging_match_status_largest_first(console_page, console_server):
    page, world = console_page, console_server.world
    status = _status(world)
    page.goto(console_server.url + "/customers/")
    shown = page.locator("#customers details.customer")
    ids = [shown.nth(i).get_attribute("data-customer") for i in range(shown.count())]
    expected = sorted(status["customers"], key=lambda c: (-_total(c["balance"]),
                                                          min(i["due_date"] for i in c["invoices"]), c["customer_id"]))
    assert ids == [c["customer_id"] for c in expected]
    assert ids[0] == world.cases["plan_request"]           # 9,900 + 450: the largest debt first
    for i, c in enumerate(expected):
        summary = shown.nth(i).locator("summary")
        assert world.names[c["customer_id"]] in summary.inner_text()
        assert _money(summary.locator(".amount").inner_text()) == _total(c["balance"])
    # each customer's open invoices, with the stages sent
    first = shown.nth(0)
    first.locator("summary").click()
    rows = first.locator("tr[data-invoice]")
    assert sorted(rows.nth(i).get_attribute("data-invoice") for i in range(rows.count())) == \
        sorted(i["number"] for i in expected[0]["invoices"])
    assert "תזכורת" in first.inner_text()                  # the reminder stage went out
    # the buckets add up to everything open, and the chart is there without any script
    buckets = page.locator("#buckets li")
    total = sum((_money(buckets.nth(i).inner_text()) for i in range(buckets.count())
                 if MONEY.search(buckets.nth(i).inner_text())), Decimal(0))
    assert total == sum(_total(c["balance"]) for c in status["customers"] if "ILS" in c["balance"])
    assert page.locator("svg.aging-chart rect").count() >= 1
    assert page.evaluate("document.scripts.length") == 0
    screenshot(page, "customers")
    _no_overflow(page)


def test_call_list_is_the_planners_largest_and_oldest_first(console_page, console_server):
    page, world = console_page, console_server.world
    status = _status(world)
    page.goto(console_server.url + "/calls/")
    cards = page.locator("#calls .call")
    ids = [cards.nth(i).get_attribute("data-customer") for i in range(cards.count())]
    on_list = [c for c in status["customers"] if c["call_list"]]
    assert on_list, "the prepared ledger has customers a person should phone"
    assert sorted(ids) == sorted(status["call_list"])
    totals = [_money(cards.nth(i).locator(".amount").inner_text()) for i in range(cards.count())]
    assert totals == sorted(totals, reverse=True)
    by_id = {c["customer_id"]: c for c in status["customers"]}
    for i, cid in enumerate(ids):
        text = cards.nth(i).inner_text()
        assert world.names[cid] in text
        assert totals[i] == _total(by_id[cid]["balance"])
        assert "קשר אחרון" in text
        for address in by_id[cid]["emails"]:
            assert address in text
    disputed = world.cases["dispute"]
    assert disputed in ids and "מחלוקת" in cards.nth(ids.index(disputed)).inner_text()
    # The phone from the contacts file, as a person dials it, with a link a phone can dial.
    dial = cards.nth(ids.index(disputed)).locator("a[href^='tel:']")
    assert dial.inner_text().strip() == "052-7654321" and dial.get_attribute("href") == "tel:+972527654321"
    others = [i for i, cid in enumerate(ids) if cid != disputed]
    assert others and "לא ידוע" in cards.nth(others[0]).inner_text()
    screenshot(page, "calls")
    _no_overflow(page)


def test_timeline_opens_the_exact_email_that_was_sent(console_page, console_server):
    page, world = console_page, console_server.world
    cid = world.cases["dispute"]
    history = cli_json(world.workdir, "history", cid)["items"]
    sent = [i for i in history if i["kind"] == "email"]
    assert sent
    page.goto(console_server.url + f"/customers/{quote(cid)}")
    kinds = page.locator("#timeline > li")
    shown = [kinds.nth(i).get_attribute("data-kind") for i in range(kinds.count())]
    assert shown.count("email") == len(sent)
    assert "import" in shown and "reply" in shown
    reply = page.locator("#timeline > li.reply").first.inner_text()
    assert world.texts["dispute"] in reply
    assert "מחלוקת" in reply and "ביטחון" in reply        # what it was read as, and how sure
    screenshot(page, "timeline")
    _no_overflow(page)

    page.locator("a.open-email").first.click()
    page.wait_for_load_state()
    first = sent[0]
    facts = page.locator("#email-facts").inner_text()
    assert first["message_id"] in facts
    frame = page.frame_locator("iframe.mail")
    body = frame.locator("body").inner_text()
    for invoice in first["invoices"]:
        assert invoice["number"] in body
    assert world.names[cid] in body
    assert page.locator("iframe.mail").get_attribute("sandbox") == ""
    # the frame's document is the stored HTML part, under a policy that lets it run nothing
    link = page.locator("iframe.mail").get_attribute("src")
    r = page.request.get(console_server.url + link)
    assert "sandbox" in r.headers["content-security-policy"]
    assert "script-src" not in r.headers["content-security-policy"]   # default-src 'none' covers it
    raw = page.request.get(console_server.url + page.locator("a[download]").get_attribute("href")).body()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Message-ID"] == first["message_id"]
    assert r.text() == message.get_body(preferencelist=("html",)).get_content()
    screenshot(page, "email")


def test_next_window_is_what_plan_says(console_page, console_server):
    page, world = console_page, console_server.world
    plan = cli_json(world.workdir, "plan", "--now", world.now.isoformat())
    page.goto(console_server.url + "/next/")
    emails = page.locator("#emails > li")
    held = page.locator("#held > li")
    assert [emails.nth(i).get_attribute("data-customer") for i in range(emails.count())] == \
        [e["customer_id"] for e in plan["emails"]]
    assert [held.nth(i).get_attribute("data-customer") for i in range(held.count())] == \
        [h["customer_id"] for h in plan["held"]]
    assert held.count() > 0
    disputed = [h["customer_id"] for h in plan["held"]].index(world.cases["dispute"])
    assert "מחלוקת" in held.nth(disputed).inner_text()   # why, in words
    screenshot(page, "next")
    _no_overflow(page)


def test_next_window_in_the_evening_is_tomorrow_mornings(browser, console_workdir):
    evening = dt.datetime(2026, 12, 1, 20, 0, tzinfo=TZ)
    world = dataclasses.replace(console_workdir, now=evening)
    plan = cli_json(world.workdir, "plan", "--now", evening.isoformat())
    assert plan["next_window"] is not None
    served = serve(world)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="he-IL")
    try:
        page = context.new_page()
        page.goto(served.login_url("/next/"))
        lead = page.locator("p.lead").first.inner_text()
        opens = dt.datetime.fromisoformat(plan["next_window"]["opens"]).astimezone(TZ)
        assert opens.strftime("%d/%m/%Y %H:%M") in lead
        emails = page.locator("#emails > li")
        assert [emails.nth(i).get_attribute("data-customer") for i in range(emails.count())] == \
            [e["customer_id"] for e in plan["next_window"]["emails"]]
    finally:
        context.close()
        served.stop()


def _templates_folder(world):
    return world.workdir / "templates" / "he"


def test_editing_a_template_saves_the_file_and_changes_the_rendering(console_page, console_server):
    page, world = console_page, console_server.world
    path = _templates_folder(world) / "reminder.md"
    before = path.read_text(encoding="utf-8")
    page.goto(console_server.url + "/templates/")
    assert page.locator("#stages [data-stage='reminder']").count() == 1
    screenshot(page, "templates")
    page.locator("#stages [data-stage='reminder'] a").click()
    page.wait_for_load_state()
    assert page.locator("textarea#text").input_value() == before
    frame = page.frame_locator("#preview-desktop")
    assert "בדיקה מהדף" not in frame.locator("body").inner_text()
    assert page.frame_locator("#preview-phone").locator("table").count() > 0   # both frames drawn
    screenshot(page, "template-reminder")
    _no_overflow(page)

    sentence = "זו שורה חדשה, בדיקה מהדף."
    text = before.replace("# סיום\n", f"# סיום\n{sentence}\n\n", 1)
    assert text != before
    page.locator("textarea#text").fill(text)
    page.locator("form#edit button[type=submit]").click()
    page.wait_for_load_state()
    assert path.read_text(encoding="utf-8") == text
    assert "נשמר" in page.locator(".flash").inner_text()
    for frame_id in ("#preview-desktop", "#preview-phone"):
        assert sentence in page.frame_locator(frame_id).locator("body").inner_text()
    phone = page.locator("#preview-phone").bounding_box()
    assert 370 <= phone["width"] <= 380
    # the CLI renders the same file: `preview` prints the new sentence too
    check = cli_json(world.workdir, "templates", "check")
    assert not [f for f in check["findings"] if f["severity"] == "error"]


def test_a_template_with_errors_is_saved_only_when_confirmed(console_page, console_server):
    page, world = console_page, console_server.world
    path = _templates_folder(world) / "reminder.md"
    before = path.read_text(encoding="utf-8")
    page.goto(console_server.url + "/templates/reminder")
    broken = before.replace("# סיום\n", "# סיום\nהיתרה היא {סכום שלא קיים}.\n\n", 1)
    page.locator("textarea#text").fill(broken)
    page.locator("form#edit button[type=submit]").click()
    page.wait_for_load_state()
    assert path.read_text(encoding="utf-8") == before     # not written
    assert page.locator("#confirm").count() == 1
    assert "run" in page.locator("#run-refuses").inner_text()
    assert page.locator("#findings .finding.error").count() >= 1
    assert "{סכום שלא קיים}" in page.locator("#findings .finding.error .line-text").first.inner_text()
    assert "{סכום שלא קיים}" in page.locator("textarea#text").input_value()   # the words are kept
    screenshot(page, "template-errors")
    page.locator("#confirm input[name=confirm]").check()
    page.locator("form#edit button[type=submit]").click()
    page.wait_for_load_state()
    assert path.read_text(encoding="utf-8") == broken
    assert "run" in page.locator(".flash.error[role=status]").inner_text()
    # the CLI agrees: `templates check` fails, so `run` will not send
    r = cli_json_failing(world, "templates", "check")
    assert any(f["severity"] == "error" and f["file"] == "reminder.md" for f in r["findings"])


def cli_json_failing(world, *args):
    import json

    from conftest import run_cli
    r = run_cli(*args, "--config", str(world.config), "--json")
    assert r.returncode == 1, r.stderr
    return json.loads(r.stdout)


def test_a_save_without_the_forms_check_changes_nothing(console_page, console_server):
    page, world = console_page, console_server.world
    path = _templates_folder(world) / "reminder.md"
    before = path.read_text(encoding="utf-8")
    page.goto(console_server.url + "/templates/reminder")
    token = page.locator("form#edit input[name=csrf]").input_value()
    url = console_server.url + "/templates/reminder"
    changed = before + "\nשורה שלא הייתה.\n"
    # no check field; a wrong one; the right one from another site
    for form, origin in (({"text": changed}, console_server.url),
                         ({"text": changed, "csrf": "x" + token}, console_server.url),
                         ({"text": changed, "csrf": token}, "http://evil.example")):
        r = page.request.post(url, form=form, headers={"Origin": origin}, max_redirects=0)
        assert r.status == 403, (form.keys(), origin, r.status)
        assert path.read_text(encoding="utf-8") == before
    # and from a browser without the session (a cross-site page can only send a form blind)
    r = page.context.browser.new_context().request.post(url, form={"text": changed}, max_redirects=0)
    assert r.status in (401, 403)
    assert path.read_text(encoding="utf-8") == before


def test_every_page_works_without_javascript(browser, console_server):
    """Links, the folding customer cards and the template form are plain HTML: a browser with
    scripts off reads every page and saves a template."""
    world = console_server.world
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(console_server.login_url("/calls/"))
        assert page.locator("#calls .call").count() > 0
        page.goto(console_server.url + "/customers/")
        first = page.locator("#customers details.customer").first
        first.locator("summary").click()
        assert first.locator("tr[data-invoice]").first.is_visible()
        first.locator("a", has_text="ציר הזמן").click()
        assert page.locator("#timeline > li").count() > 0
        page.goto(console_server.url + "/next/")
        assert page.locator("#held > li").count() > 0
        page.goto(console_server.url + "/templates/before_due")
        path = _templates_folder(world) / "before_due.md"
        text = path.read_text(encoding="utf-8").replace("# סיום\n", "# סיום\nשורה בלי סקריפט.\n\n", 1)
        page.locator("textarea#text").fill(text)
        page.locator("form#edit button[type=submit]").click()
        assert path.read_text(encoding="utf-8") == text
        assert "נשמר" in page.locator(".flash[role=status]").inner_text()
    finally:
        context.close()


def test_what_customers_wrote_is_shown_as_text(browser, console_workdir):
    """A customer's name from the export with markup in it is text on every page, never markup."""
    from books import Row, write_xlsx
    from conftest import run_cli

    world = console_workdir
    name = '<img src=x id=injected onerror="document.title=1">אבי & בניו'
    (world.workdir / "drop" / "extra").mkdir()
    write_xlsx(world.workdir / "drop" / "extra" / "open-2026-12-01.xlsx",
               [Row("X1", name, "avi@sons.example", "2026-0999", dt.date(2026, 10, 1), Decimal("99999.00"),
                    Decimal("99999.00"))])
    evening = dt.datetime(2026, 12, 1, 20, 0, tzinfo=TZ)   # imports, sends nothing
    r = run_cli("run", "--config", str(world.config), "--now", evening.isoformat())
    assert r.returncode in (0, 1), r.stderr
    served = serve(world)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served.login_url("/customers/"))
        for path in ("/customers/", "/customers/X1", "/next/", "/calls/"):
            page.goto(served.url + path)
            assert page.locator("#injected").count() == 0, path
            assert page.title() != "1", path
        page.goto(served.url + "/customers/")
        first = page.locator("#customers details.customer").first
        assert first.get_attribute("data-customer") == "X1"          # the largest debt
        assert name in first.locator("summary").inner_text()
    finally:
        context.close()
        served.stop()


def test_a_file_changed_meanwhile_is_not_overwritten(console_page, console_server):
    page, world = console_page, console_server.world
    path = _templates_folder(world) / "checkin.md"
    page.goto(console_server.url + "/templates/checkin")
    mine = page.locator("textarea#text").input_value().replace("# סיום\n", "# סיום\nהנוסח שלי.\n\n", 1)
    theirs = path.read_text(encoding="utf-8").replace("# סיום\n", "# סיום\nהנוסח של מישהו אחר.\n\n", 1)
    path.write_text(theirs, encoding="utf-8")          # another editor saved meanwhile
    page.locator("textarea#text").fill(mine)
    page.locator("form#edit button[type=submit]").click()
    page.wait_for_load_state()
    assert path.read_text(encoding="utf-8") == theirs
    assert page.locator("#changed").count() == 1
    assert page.locator("textarea#text").input_value() == mine   # nothing typed is lost
    page.locator("form#edit button[type=submit]").click()          # now knowingly in its place
    page.wait_for_load_state()
    assert path.read_text(encoding="utf-8") == mine


def test_the_ledger_reads_the_pages_use_on_both_databases(tmp_path, ledger_backend):
    """A sent email's exact bytes, a customer's imports and the customers' names, on SQLite and on
    PostgreSQL: the same code, the same answers."""
    from test_ledger import Place

    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    raw = bytes(range(256)) * 4
    with Place(tmp_path, ledger_backend).open() as ledger:
        ledger.record_intent(customer_id="C1", stage="reminder", message_id="<m1@x>", recipients=("a@x.example",),
                             subject="תזכורת", raw=raw, now=now, local_date=now.date(), transport="smtp",
                             items=[("default", "101", "reminder", 100, "ILS")])
        row = ledger.sent_email("<m1@x>")
        assert row["raw"] == raw and row["customer_id"] == "C1" and row["recipients"] == ["a@x.example"]
        assert ledger.sent_email("<nobody@x>") is None
        ledger.db.execute("INSERT INTO customers(id, name) VALUES(?,?)", ("C1", "נגריית השרון"))
        for n, file in ((1, "a.xlsx"), (2, "b.xlsx"), (3, "other.xlsx")):
            ledger.db.execute("INSERT INTO imports(id, source, file_name, sha256, snapshot_at, imported_at, status)"
                              " VALUES(?,?,?,?,?,?,?)", (n, "default", file, f"h{n}", now.isoformat(),
                                                         (now + dt.timedelta(days=n)).isoformat(), "applied"))
        ledger.db.execute("INSERT INTO invoices(source, number, customer_id, due_date, amount, balance, currency,"
                          " status, first_import, last_import) VALUES(?,?,?,?,?,?,?,?,?,?)",
                          ("default", "101", "C1", "2026-11-19", "100", "100", "ILS", "open", 1, 2))
        assert [i["file"] for i in ledger.customer_imports("C1")] == ["a.xlsx", "b.xlsx"]
        assert ledger.customer_imports("C2") == []
        assert ledger.customer_names() == {"C1": "נגריית השרון"}


def test_the_shared_phrases_are_edited_beside_a_stages_email(console_page, console_server):
    page, world = console_page, console_server.world
    path = _templates_folder(world) / "_phrases.md"
    page.goto(console_server.url + "/templates/")
    page.locator("#stages [data-stage='_phrases'] a").click()
    page.wait_for_load_state()
    before = path.read_text(encoding="utf-8")
    assert page.locator("textarea#text").input_value() == before
    shown = page.frame_locator("#preview-desktop").locator("body").inner_text()
    greeting = re.search(r"^\[\[ברכה\]\]\n(.+)$", before, re.M)
    assert greeting, "the shipped phrases open with a greeting"
    changed = before.replace(greeting[0], "[[ברכה]]\nאהלן וסהלן {שם הלקוח},", 1)
    assert changed != before
    page.locator("textarea#text").fill(changed)
    page.locator("form#edit button[type=submit]").click()
    page.wait_for_load_state()
    assert path.read_text(encoding="utf-8") == changed
    after = page.frame_locator("#preview-desktop").locator("body").inner_text()
    assert "אהלן וסהלן" in after and "אהלן וסהלן" not in shown
