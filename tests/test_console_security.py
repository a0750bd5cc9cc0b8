"""Who may change anything through the console: without the token, with a wrong CSRF token, from
another site's form (served by a second local server and submitted by Chromium itself), with a
foreign Host header, or by a GET — nothing changes, as `status --json` shows. And the CLI prints
the address with its token first, and listens on 127.0.0.1 only."""
from __future__ import annotations

import html
import http.cookiejar
import http.server
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from console_fixtures import cli_json


def flags(world, cid: str) -> list[str]:
    doc = cli_json(world.workdir, "status", "--now", world.now.isoformat())
    return next(c["flags"] for c in doc["customers"] if c["customer_id"] == cid)


def request(url: str, *, data: dict | None = None, headers: dict | None = None, opener=None):
    body = None if data is None else "&".join(f"{k}={urllib.request.quote(str(v))}" for k, v in data.items()).encode()
    req = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body is not None else "GET")
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_without_the_token_the_page_is_closed_and_nothing_changes(browser, console_server):
    world = console_server.world
    cid = world.cases["dispute"]
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(console_server.url + "/")
    assert response.status == 401
    assert "צריך להיכנס" in page.locator("h1").inner_text()
    assert page.locator("li.item").count() == 0
    # a form posted without the session: refused, whatever it carries
    answer = page.evaluate("""async (cid) => {
        const r = await fetch('/act/resume', {method: 'POST', body: new URLSearchParams({customer: cid, csrf: 'x'})});
        return r.status; }""", cid)
    assert answer == 401
    status, _ = request(console_server.url + "/act/resume", data={"customer": cid},
                        headers={"Origin": console_server.url})
    assert status == 401
    assert "disputed" in flags(world, cid)
    # a token nobody issued is no way in either
    assert page.goto(console_server.url + "/?token=guessed").status == 401
    context.close()


def test_the_token_works_once(browser, console_server):
    url = console_server.login_url()
    first = browser.new_context()
    page = first.new_page()
    assert page.goto(url).status == 200 and page.url == console_server.url + "/"
    second = browser.new_context()
    other = second.new_page()
    assert other.goto(url).status == 401
    assert "כבר שימש" in other.inner_text("main")
    assert page.reload().status == 200  # the first browser stays signed in
    first.close()
    second.close()


def test_a_wrong_csrf_token_changes_nothing(console_page, console_server):
    world, page = console_server.world, console_page
    cid = world.cases["dispute"]
    form = page.locator(f'li.item[data-item^="reply-{cid}-"] form[action$="/act/resume"]')
    form.locator("input[name=csrf]").evaluate("el => el.value = 'not-the-right-one'")
    with page.expect_response(lambda r: r.url.endswith("/act/resume")) as answer:
        form.locator("button").click()
    assert answer.value.status == 403
    assert "disputed" in flags(world, cid)
    # and without any
    form = page.goto(console_server.url + "/") and page.locator(
        f'li.item[data-item^="reply-{cid}-"] form[action$="/act/resume"]')
    form.locator("input[name=csrf]").evaluate("el => el.remove()")
    with page.expect_response(lambda r: r.url.endswith("/act/resume")) as answer:
        form.locator("button").click()
    assert answer.value.status == 403
    assert "disputed" in flags(world, cid)


class Attacker:
    """A second local web server whose page posts a form to the console as soon as it loads."""

    def __init__(self, target: str, fields: dict):
        inputs = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                         for k, v in fields.items())
        page = (f'<!doctype html><html><body><form id="f" method="post" action="{html.escape(target)}">{inputs}'
                '</form><script>document.getElementById("f").submit()</script></body></html>').encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("site", ["127.0.0.1", "localhost"])
def test_a_form_on_another_site_changes_nothing(console_page, console_server, site):
    """Even with the session's own CSRF token leaked into it: another port of 127.0.0.1 is the same
    *site* to the browser (SameSite sends the cookie), so the Origin check is what refuses it;
    from `localhost` the cookie is not even sent."""
    world, page = console_server.world, console_page
    cid = world.cases["dispute"]
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    attacker = Attacker(console_server.url + "/act/resume", {"customer": cid, "csrf": csrf})
    try:
        with page.expect_response(lambda r: r.url.endswith("/act/resume")) as answer:
            page.goto(f"http://{site}:{attacker.port}/")
        assert answer.value.status == (403 if site == "127.0.0.1" else 401)
    finally:
        attacker.close()
    assert "disputed" in flags(world, cid)
    # the same browser, on the console's own page, still can
    page.goto(console_server.url + "/")
    page.locator(f'li.item[data-item^="reply-{cid}-"] form[action$="/act/resume"] button').click()
    assert flags(world, cid) == []


def test_a_foreign_host_header_is_refused(console_server):
    """A page whose own name resolves to 127.0.0.1 (DNS rebinding) would send its own Host."""
    status, _ = request(console_server.login_url(), headers={"Host": f"attacker.example:{console_server.port}"})
    assert status == 400
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    status, _ = request(console_server.login_url(), headers={"Host": f"localhost:{console_server.port}"},
                        opener=opener)
    assert status == 200


def test_a_get_never_changes_anything(console_page, console_server):
    world = console_server.world
    cid = world.cases["dispute"]
    response = console_page.goto(f"{console_server.url}/act/resume?customer={cid}")
    assert response.status == 405
    assert "disputed" in flags(world, cid)


def test_the_session_cookie_is_http_only_and_strict(console_page, console_server):
    (cookie,) = console_page.context.cookies()
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "token" not in console_page.url
    assert console_page.evaluate("document.cookie") == ""


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(name)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:
                found.add(address)
    return found


def test_the_cli_prints_its_address_first_and_listens_on_127_0_0_1_only(console_workdir):
    world = console_workdir
    proc = subprocess.Popen([sys.executable, "-m", "dunning_mailer", "console", "--config", str(world.config),
                             "--port", "0", "--now", world.now.isoformat()],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        m = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{20,})", first)
        assert m, (first, proc.stderr.read() if proc.poll() is not None else "")
        port = int(m.group(1))
        assert _listening_addresses(port) == {"0100007F"}   # 127.0.0.1, nothing else
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        status, body = request(first, opener=opener)
        assert status == 200 and "צריך אותך" in body and world.names[world.cases["dispute"]] in body
        assert request(first)[0] == 401                      # spent
        csrf = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
        cid = world.cases["approval"]
        status, body = request(f"http://127.0.0.1:{port}/act/approve", data={"customer": cid, "csrf": csrf},
                               headers={"Origin": f"http://127.0.0.1:{port}"}, opener=opener)
        assert status == 200 and "אושר" in body             # followed the redirect back to the queue
        assert cli_json(world.workdir, "status", "--now", world.now.isoformat())["awaiting_approval"] == []
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0


def test_two_consoles_on_one_machine_keep_their_own_sessions(browser, console_server):
    """Cookies ignore the port: two consoles (two businesses) in one browser must not sign each
    other out."""
    from console_fixtures import serve

    other = serve(console_server.world)
    try:
        context = browser.new_context()
        page = context.new_page()
        assert page.goto(console_server.login_url()).status == 200
        assert page.goto(other.login_url()).status == 200
        assert page.goto(console_server.url + "/").status == 200
        assert page.goto(other.url + "/").status == 200
        context.close()
    finally:
        other.stop()
