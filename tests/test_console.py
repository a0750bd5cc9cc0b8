"""The console in a real Chromium over a prepared ledger (tests/console_fixtures.py)."""
from console_fixtures import screenshot

def test_page(console_page, console_server):
    page = console_page
    assert page.locator("h1").inner_text() == "צריך אותך"
    screenshot(page, "smoke")
    r = page.request.get(console_server.url + "/")
    assert r.status == 200
