"""The console in a real Chromium over a prepared ledger (tests/console_fixtures.py): the needs-you
queue shows every kind of item, and each action a person takes there is then visible through the
CLI (`status --json`, `history --json`), exactly as if the CLI command had been run.

Screenshots at 1280 px and 375 px are saved in build/screenshots/ (git-ignored)."""
from __future__ import annotations

from console_fixtures import cli_json, screenshot


def status(world) -> dict:
    return cli_json(world.workdir, "status", "--now", world.now.isoformat())


def history(world, customer: str | None = None) -> list[dict]:
    return cli_json(world.workdir, "history", *([customer] if customer else []))["items"]


def customer_doc(world, cid: str) -> dict | None:
    return next((c for c in status(world)["customers"] if c["customer_id"] == cid), None)


def card(page, cid: str, kind: str = "reply"):
    return page.locator(f'li.item[data-item^="{kind}-{cid}-"]')


def done_line(page) -> str:
    return page.locator(".flash.done").inner_text()


def test_the_queue_shows_every_kind_of_item_with_its_reason_and_text(console_page, console_server):
    world, page = console_server.world, console_page
    assert page.url == console_server.url + "/"          # the token left the address bar
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "צריך אותך"
    c = world.cases
    dispute = card(page, c["dispute"])
    assert "הלקוח חולק על החיוב" in dispute.inner_text()
    assert world.texts["dispute"] in dispute.locator("blockquote").inner_text()
    assert "שאלה" in card(page, c["question"]).inner_text()
    assert "פריסה" in card(page, c["plan_request"]).inner_text()
    assert "לא ברור לנו" in card(page, c["unsure"]).inner_text()          # a low-confidence reading
    assert "תשובה בלי בקשה" in card(page, c["nothing"]).inner_text()
    unmatched = page.locator('li.item[data-item^="reply-none-"]')
    assert "לא זיהינו לאיזה לקוח" in unmatched.inner_text()
    # what the customer wrote is text, never markup
    assert unmatched.locator("blockquote").inner_text() == world.texts["unmatched"]
    assert unmatched.locator("blockquote b").count() == 0
    assert "זיכוי בבנק" in card(page, c["payment"], "payment").inner_text()
    assert "מחכה לאישור" in card(page, c["approval"], "approval").inner_text()
    assert "לא נשלח" in card(page, c["failed"], "failed").inner_text()
    assert "old@ganyarok.example" in card(page, c["bad_address"], "bad_address").inner_text()
    assert card(page, c["quiet"]).count() == 0
    # the queue's replies are the ones `status --json` lists for a person
    listed = {n["reply_id"] for n in status(world)["needs_person"] if n.get("reply_id")}
    shown = {int(k.rsplit("-", 1)[1]) for k in page.locator('li.item[data-item^="reply-"]').evaluate_all(
        "els => els.map(e => e.dataset.item)")}
    assert shown == listed
    # nothing wider than a phone's screen
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})
    print("screenshots:", screenshot(page, "needs-you").parent)


def test_resolving_a_dispute_with_a_promise(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["dispute"]
    assert "disputed" in customer_doc(world, cid)["flags"]
    item = card(page, cid)
    item.locator("summary", has_text="עוד פעולות").click()
    item.locator('form[action$="/act/promise"] input[name=date]').fill("2026-12-15")
    item.locator('form[action$="/act/promise"] button').click()
    assert "נרשמה הבטחה לשלם עד" in done_line(page)
    assert "15/12/2026" in done_line(page)
    doc = customer_doc(world, cid)
    assert doc["promise"]["due"] == "2026-12-15" and doc["promise"]["origin"] == "manual"
    events = [i for i in history(world, cid) if i["kind"] == "promise"]
    assert events and events[-1]["origin"] == "manual"
    screenshot(page, "after-promise")


def test_resuming_a_disputed_customer_ends_the_hold_and_takes_it_off_the_list(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["dispute"]
    card(page, cid).locator('form[action$="/act/resume"] button').click()
    assert "מחלוקת" in done_line(page)  # the flag it cleared, in words
    assert card(page, cid).count() == 0
    doc = status(world)
    assert customer_doc(world, cid)["flags"] == []
    assert cid not in {n["customer_id"] for n in doc["needs_person"]}
    assert any(i["kind"] == "resumed" for i in history(world, cid))


def test_approving_an_email(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["approval"]
    assert [a["customer_id"] for a in status(world)["awaiting_approval"]] == [cid]
    card(page, cid, "approval").locator('form[action$="/act/approve"] button').click()
    assert "אושר" in done_line(page)
    assert status(world)["awaiting_approval"] == []
    assert any(i["kind"] == "approved" and i["stage"] == "final" for i in history(world, cid))
    assert card(page, cid, "approval").count() == 0


def test_relabelling_a_reply_as_a_promise(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["unsure"]
    assert customer_doc(world, cid)["pause"] is not None
    item = card(page, cid)
    reply_id = int(item.get_attribute("data-item").rsplit("-", 1)[1])
    form = item.locator('form[action$="/act/label"]')
    form.locator("select[name=intent]").select_option("promise")
    form.locator("input[name=date]").fill("2026-12-08")
    form.locator("button").click()
    assert "הבטחה לשלם" in done_line(page)
    doc = customer_doc(world, cid)
    assert doc["pause"] is None and doc["promise"]["due"] == "2026-12-08"
    (reply,) = [i for i in history(world, cid) if i["kind"] == "reply" and i["id"] == reply_id]
    assert reply["label"]["intent"] == "promise" and reply["label"]["promise_date"] == "2026-12-08"
    assert reply["needs_person"] is None


def test_an_unmatched_reply_is_given_its_customer(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["quiet"]
    item = page.locator('li.item[data-item^="reply-none-"]')
    form = item.locator('form[action$="/act/label"]')
    form.locator("select[name=intent]").select_option("question")
    form.locator("input[name=customer]").fill(cid)
    form.locator("button").click()
    assert "שאלה" in done_line(page)
    assert "question" in customer_doc(world, cid)["flags"]
    assert status(world)["unmatched_replies"] == []


def test_confirming_a_payment_match_closes_the_invoice(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["payment"]
    assert [p["customers"] for p in status(world)["payments_to_review"]] == [[cid]]
    card(page, cid, "payment").locator('button[value=confirm]').click()
    assert "אושר" in done_line(page)
    doc = status(world)
    assert doc["payments_to_review"] == []
    assert customer_doc(world, cid) is None               # its one invoice is paid: nothing open
    payments = cli_json(world.workdir, "payments")["payments"]
    assert payments[0]["status"] != "review"


def test_rejecting_a_payment_match_releases_the_customer(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["payment"]
    card(page, cid, "payment").locator('form[action$="/act/reject"] button').click()
    assert "לא שייך" in done_line(page)
    assert status(world)["payments_to_review"] == []
    assert customer_doc(world, cid)["pause"] is None


def test_marking_an_invoice_paid_and_pausing(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["plan_request"]
    item = card(page, cid)
    item.locator("summary", has_text="עוד פעולות").click()
    number = item.locator('form[action$="/act/paid"] select option').first.get_attribute("value")
    item.locator('form[action$="/act/paid"] button').click()
    assert number in done_line(page)
    numbers = [i["number"] for i in customer_doc(world, cid)["invoices"]]
    assert number not in numbers and numbers
    item = card(page, cid)
    item.locator("summary", has_text="עוד פעולות").click()
    item.locator('form[action$="/act/pause"] input[name=until]').fill("2026-12-20")
    item.locator('form[action$="/act/pause"] button').click()
    assert "20/12/2026" in done_line(page)
    assert customer_doc(world, cid)["pause"]["until"] == "2026-12-20"


def test_recording_a_payment_plan(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["plan_request"]
    item = card(page, cid)
    item.locator("summary", has_text="עוד פעולות").click()
    form = item.locator('form[action$="/act/plan"]')
    form.locator("input[name=instalments]").fill("3")
    form.locator("input[name=first]").fill("2026-12-10")
    form.locator("button").click()
    assert "הסדר" in done_line(page)
    plan = customer_doc(world, cid)["payment_plan"]
    assert plan["dates"] == ["2026-12-10", "2027-01-10", "2027-02-10"]


def test_a_form_that_cannot_be_acted_on_says_why_and_changes_nothing(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["dispute"]
    item = card(page, cid)
    item.locator("summary", has_text="עוד פעולות").click()
    item.locator('form[action$="/act/promise"] input[name=date]').fill("2026-11-01")  # already past
    item.locator('form[action$="/act/promise"] button').click()
    assert "כבר עבר" in page.locator(".flash.error").inner_text()
    assert customer_doc(world, cid)["promise"] is None


def test_the_phone_layout(console_page, console_server):
    page = console_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    nav = page.locator("nav a")
    assert [nav.nth(i).inner_text() for i in range(nav.count())] == [
        "צריך אותך", "רשימת שיחות", "לקוחות", "מה יוצא הבא", "תבניות"]
    page.screenshot(path=str(screenshot(page, "phone").parent / "phone-top-375.png"))


def test_it_works_while_the_worker_runs(console_page, console_server):
    """The worker and the console share the ledger file: each page and action is a few short
    transactions, so neither waits for the other's cycle to end."""
    import subprocess
    import sys

    world, page = console_server.world, console_page
    worker = subprocess.Popen([sys.executable, "-m", "dunning_mailer", "worker", "--config", str(world.config), "-v"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert "worker" in worker.stderr.readline().lower()     # its start line: it is running
        for _ in range(3):
            assert page.reload().status == 200
        card(page, world.cases["approval"], "approval").locator('form[action$="/act/approve"] button').click()
        assert "אושר" in done_line(page)
        card(page, world.cases["question"]).locator('form[action$="/act/resume"] button').click()
        assert "שאלה" in done_line(page)
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    doc = status(world)
    assert doc["awaiting_approval"] == [] and customer_doc(world, world.cases["question"])["flags"] == []
