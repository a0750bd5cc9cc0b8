"""An office's console: a picker chooses the business, and every page and action is about that
business alone — the same customer id in two businesses is two customers."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from conftest import ROOT, run_cli
from console_fixtures import ServedConsole
from test_ladder import at, drop, one_customer, sent
from test_reply_people import deliver

DAY = dt.date(2026, 12, 1)


def business(office: Path, key: str, name: str) -> Path:
    assert run_cli("office", "add", key, "--office", str(office)).returncode == 0
    folder = office / key
    text = (ROOT / "examples" / "config.toml").read_text(encoding="utf-8")
    (folder / "config.toml").write_text(text.replace("סטודיו גפן – עיצוב ומיתוג", name), encoding="utf-8")
    drop(folder, [one_customer(DAY - dt.timedelta(days=5))], DAY)
    return folder


def office_status(office: Path, key: str) -> dict:
    r = run_cli("status", "--office", str(office), "--business", key, "--json", "--now", at(DAY + dt.timedelta(days=1)).isoformat())
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_an_office_console_works_per_business(tmp_path, browser):
    from dunning_mailer.console import create_app
    from dunning_mailer.console.security import new_secret
    from dunning_mailer.office import load_office

    office = tmp_path / "office"
    assert run_cli("office", "init", str(office)).returncode == 0
    folders = {"gefen": business(office, "gefen", "סטודיו גפן"), "ofek": business(office, "ofek", "אופק הנדסה")}
    assert run_cli("run", "--office", str(office), "--now", at(DAY).isoformat()).returncode == 0
    for key, folder in folders.items():  # the same customer id disputes in both businesses
        deliver(folder, sent(folder)[0], "הסחורה הגיעה שבורה, אני לא משלם על זה", f"d-{key}")
    assert run_cli("run", "--office", str(office), "--now", at(DAY + dt.timedelta(days=1)).isoformat()).returncode == 0
    for key in folders:
        assert "disputed" in office_status(office, key)["customers"][0]["flags"]

    app = create_app(None, office=load_office(office), token=new_secret(), now=at(DAY + dt.timedelta(days=1)))
    served = ServedConsole(app)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served.login_url())
        assert page.url.endswith("/businesses")
        buttons = page.locator("ul.businesses button")
        assert buttons.count() == 2 and "אופק הנדסה" in buttons.nth(1).inner_text()
        page.locator("ul.businesses button", has_text="אופק הנדסה").click()
        assert "אופק הנדסה" in page.locator("header .business").inner_text()
        item = page.locator('li.item[data-item^="reply-C1-"]')
        assert "הלקוח חולק על החיוב" in item.inner_text()
        item.locator('form[action$="/act/resume"] button').click()
        assert "מחלוקת" in page.locator(".flash.done").inner_text()
        assert office_status(office, "ofek")["customers"][0]["flags"] == []
        assert "disputed" in office_status(office, "gefen")["customers"][0]["flags"]   # the other one: untouched
        page.locator("a.switch").click()
        page.locator("ul.businesses button", has_text="סטודיו גפן").click()
        assert page.locator('li.item[data-item^="reply-C1-"]').count() == 1
    finally:
        context.close()
        served.stop()
        shutil.rmtree(office, ignore_errors=True)


def test_the_console_over_a_postgresql_ledger(tmp_path, postgres):
    """The same pages and actions on an office whose ledgers are in PostgreSQL (Flask's own client:
    the browser adds nothing here that the SQLite tests do not show)."""
    import re

    from dunning_mailer.console import create_app
    from dunning_mailer.office import load_office

    office = tmp_path / "office"
    assert run_cli("office", "init", str(office), "--database", postgres).returncode == 0
    folder = business(office, "gefen", "סטודיו גפן")
    assert run_cli("run", "--office", str(office), "--now", at(DAY).isoformat()).returncode == 0
    deliver(folder, sent(folder)[0], "הסחורה הגיעה שבורה, אני לא משלם על זה", "pg-dispute")
    assert run_cli("run", "--office", str(office), "--now", at(DAY + dt.timedelta(days=1)).isoformat()).returncode == 0

    app = create_app(None, office=load_office(office), token="first-token-0123456789",
                     now=at(DAY + dt.timedelta(days=1)))
    client = app.test_client()
    page = client.get("/?token=first-token-0123456789", follow_redirects=True).get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    page = client.post("/businesses", data={"business": "gefen", "csrf": csrf}, headers={"Origin": "http://localhost"},
                       follow_redirects=True).get_data(as_text=True)
    assert "הלקוח חולק על החיוב" in page and "הסחורה הגיעה שבורה" in page
    answer = client.post("/act/resume", data={"customer": "C1", "csrf": csrf}, headers={"Origin": "http://localhost"},
                         follow_redirects=True)
    assert answer.status_code == 200 and "מחלוקת" in answer.get_data(as_text=True)
    assert office_status(office, "gefen")["customers"][0]["flags"] == []
