"""Fixtures for the console's tests: a prepared ledger made by the product itself (exports dropped,
cycles run against a real SMTP server, replies delivered to the Maildir, a bank statement read),
the console served on a free port of 127.0.0.1, and a real Chromium driven by Playwright.

- `console_world`   (session) the prepared working folder, built once; see World for what is in it
- `console_workdir` a fresh copy of it for one test (each test may change its ledger)
- `console_server`  the console over that copy, served by waitress in a thread: `.url`, `.login_url()`
- `browser`         (session) Playwright's Chromium (/usr/bin/chromium), headless
- `console_page`    a new page at 1280 px, already signed in to `console_server`
- `cli_json(workdir, *args)` the product's CLI in a child process, its JSON output

Every customer case is named in World.cases (customer ids), so tests never hard-code ids."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from books import Row, write_xlsx
from conftest import ROOT, free_port, run_cli, server_missing

TZ = ZoneInfo("Asia/Jerusalem")
CHROMIUM = "/usr/bin/chromium"
START = dt.date(2026, 11, 3)                      # a Tuesday: the first export and reminder
RUNS = [START + dt.timedelta(days=7 * k) for k in range(4)]   # 3, 10, 17, 24 November
BUILT = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TZ)  # the run that reads the replies and the bank
NOW = dt.datetime(2026, 12, 1, 11, 0, tzinfo=TZ)    # the console's clock in the tests
BUSINESS = "billing@gefen-studio.example"


@dataclass
class World:
    """A prepared working folder: its config, and which customer is which case."""
    workdir: Path
    now: dt.datetime = NOW
    cases: dict[str, str] = field(default_factory=dict)   # case -> customer id
    names: dict[str, str] = field(default_factory=dict)   # customer id -> name
    texts: dict[str, str] = field(default_factory=dict)   # case -> the reply's text

    @property
    def config(self) -> Path:
        return self.workdir / "config.toml"

    def copy_to(self, where: Path) -> "World":
        shutil.copytree(self.workdir, where, symlinks=True)
        return World(where, self.now, dict(self.cases), dict(self.names), dict(self.texts))


# case: (customer id, name, addresses, due date, balance)
CUSTOMERS = {
    "dispute": ("C01", "נגריית השרון", "orders@nagarut.example", dt.date(2026, 11, 19), "4,680.00"),
    "question": ("C02", "דנה לוי עיצוב", "dana@danalevi.example", dt.date(2026, 11, 19), "1,250.00"),
    "plan_request": ("C03", "מכולת השכונה", "shop@makolet.example", dt.date(2026, 11, 19), "9,900.00"),
    "unsure": ("C04", "קפה הרצל", "office@cafe-herzl.example", dt.date(2026, 11, 19), "2,340.00"),
    "payment": ("C05", "אלון מיזוג", "alon@mizug.example", dt.date(2026, 11, 19), "3,777.00"),
    "approval": ("C06", "יוגה שקט", "hello@yoga-sheket.example", dt.date(2026, 10, 1), "1,800.00"),
    "failed": ("C07", "משרד כהן", "cohen@nowhere.example", dt.date(2026, 11, 19), "5,200.00"),
    "bad_address": ("C08", "משתלת גן ירק", "garden@ganyarok.example; old@ganyarok.example",
                    dt.date(2026, 11, 19), "760.00"),
    "quiet": ("C09", "מאפיית הבוקר", "bakery@boker.example", dt.date(2026, 11, 19), "1,430.00"),
    "promise": ("C10", "ר.ש. הובלות", "rs@hovalot.example", dt.date(2026, 11, 19), "6,120.00"),
    "nothing": ("C11", "אופטיקה עין טובה", "eyes@ein-tova.example", dt.date(2026, 11, 19), "890.00"),
}
REFUSED = ("cohen@nowhere.example", "old@ganyarok.example")  # the SMTP server answers 550 for these
REPLIES = {  # case -> what the customer wrote back
    "dispute": "הסחורה הגיעה שבורה, אני לא משלם על זה עד שתחליפו אותה.",
    "question": "שלום, על איזה פרויקט החשבונית הזאת? לא מצאתי אצלנו הזמנה כזאת. אפשר פירוט?",
    "plan_request": "היי, החודש קשה לנו. אפשר לחלק את הסכום לשלושה תשלומים?",
    "unsure": "מה זה אומר בעצם",              # read with little confidence: held for a person
    "promise": "אעביר את התשלום ביום ראשון.",
    "nothing": "שלום, הוכנס לסבב. תודה",      # nothing to act on: held for a person
}
UNMATCHED_TEXT = "שלום, קיבלתי מכם מייל על חשבון פתוח, אבל אני לא בטוח שזה אלינו. <b>מי אתם?</b>"


def _rows() -> list[Row]:
    rows = []
    for k, (cid, name, emails, due, balance) in enumerate(CUSTOMERS.values()):
        amount = Decimal(balance.replace(",", ""))
        rows.append(Row(cid, name, emails, f"2026-{310 + k:04d}", due, amount, amount))
    # a second, smaller invoice for the largest debtor, so a customer's page has several lines
    rows.append(Row("C03", "מכולת השכונה", "shop@makolet.example", "2026-0400", dt.date(2026, 11, 25),
                    Decimal("450.00"), Decimal("450.00")))
    return rows


DISPUTE_PHONE = "+972 52 765 4321"   # as the contacts file writes it; shown 052-7654321


def _contacts(path: Path, rows: list[tuple[str, str, str]]) -> None:
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["קוד לקוח", "שם לקוח", "פלאפון"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)


def _deliver(maildir: Path, *, sender: str, text: str, name: str, when: dt.datetime,
             in_reply_to: str | None, subject: str = "Re: תזכורת") -> None:
    from email.header import Header
    from email.utils import format_datetime

    head = (f"From: {sender}\r\nTo: {BUSINESS}\r\nSubject: {Header(subject, 'utf-8').encode()}\r\n"
            f"Message-ID: <{name}@customers.example>\r\n"
            + (f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n" if in_reply_to else "")
            + f"Date: {format_datetime(when)}\r\nMIME-Version: 1.0\r\n"
              "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
    (maildir / "new").mkdir(parents=True, exist_ok=True)
    (maildir / "new" / f"{int(when.timestamp())}.{name}.host").write_bytes(head.encode() + text.encode())


def _main(*args: str) -> int:
    from dunning_mailer.cli import main
    return main(list(args))


def build_world(base: Path) -> World:
    """The prepared ledger, made by the product's own commands, as a bookkeeper's would be after a
    month: see CUSTOMERS and REPLIES for who is in which state."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        server_missing("aiosmtpd", "pip install aiosmtpd (make test installs it)")
    from smtp_sink import Sink
    from test_payments_end_to_end import leumi_statement

    workdir = base / "w"
    assert _main("init", str(workdir)) == 0
    config = workdir / "config.toml"
    plain = (ROOT / "examples" / "config.toml").read_text(encoding="utf-8")
    sink = Sink()
    sink.rcpt_replies = {a: "550 5.1.1 no such user here" for a in REFUSED}
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        config.write_text(plain + f'\n[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {port}\n'
                                  'security = "none"\ntimeout = 5\n', encoding="utf-8")
        write_xlsx(workdir / "drop" / f"open-{START.isoformat()}.xlsx", _rows())
        for k, day in enumerate(RUNS):
            assert _main("run", "--config", str(config), "--now",
                         dt.datetime.combine(day, dt.time(10), TZ).isoformat()) in (0, 1)
            if k == 0:  # the bookkeeper's contacts file, a week later: the disputing customer's phone
                _contacts(workdir / "drop" / "contacts.xlsx", [(CUSTOMERS["dispute"][0], CUSTOMERS["dispute"][1],
                                                                 DISPUTE_PHONE)])
        sent = {}
        for msg in sink.parsed():
            for to in msg["To"].addresses:
                sent[to.addr_spec.lower()] = msg["Message-ID"]  # the latest email to each address
        maildir = workdir / "mail"
        written = dt.datetime(2026, 11, 26, 9, 30, tzinfo=TZ)
        for k, (case, text) in enumerate(REPLIES.items()):
            address = CUSTOMERS[case][2].split(";")[0].strip()
            _deliver(maildir, sender=address, text=text, name=f"{case}-reply", when=written + dt.timedelta(minutes=k),
                     in_reply_to=sent[address])
        _deliver(maildir, sender="someone@elsewhere.example", text=UNMATCHED_TEXT, name="unmatched",
                 when=written + dt.timedelta(hours=2), in_reply_to=None, subject="מי אתם?")
        paid_day = dt.date(2026, 11, 29)
        amount = float(Decimal(CUSTOMERS["payment"][4].replace(",", "")))
        leumi_statement(workdir / "drop" / "leumi-2026-11.xls",
                        [(paid_day, "העברה דיגיטל", "מ. פרידמן", amount), (paid_day, "עמלת ערוץ", "", -12.5)])
        assert _main("run", "--config", str(config), "--now", BUILT.isoformat()) in (0, 1)
    finally:
        controller.stop()
    # The console never sends; an accidental `run` on a copy must not look for a server that is gone.
    config.write_text(plain, encoding="utf-8")
    world = World(workdir, NOW, {case: c[0] for case, c in CUSTOMERS.items()},
                  {c[0]: c[1] for c in CUSTOMERS.values()}, {**REPLIES, "unmatched": UNMATCHED_TEXT})
    return world


def cli_json(workdir: Path, *args: str) -> dict:
    """`dunning-mailer ARGS --json` on the working folder, through the real entry point."""
    r = run_cli(*args, "--config", str(workdir / "config.toml"), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="session")
def console_world(tmp_path_factory) -> World:
    return build_world(tmp_path_factory.mktemp("console-world"))


@pytest.fixture
def console_workdir(console_world: World, tmp_path: Path) -> World:
    return console_world.copy_to(tmp_path / "w")


class ServedConsole:
    """The console app served by waitress on 127.0.0.1 in a thread of the test process."""

    def __init__(self, app, host: str = "127.0.0.1"):
        from dunning_mailer.console.server import make_server

        self.app = app
        self.server = make_server(app, host=host, port=0)
        self.port = self.server.effective_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.run, name="console", daemon=True)
        self.thread.start()

    def login_url(self, path: str = "/") -> str:
        """A fresh one-time address that signs a browser in."""
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}token={self.app.extensions['console'].new_token()}"

    def stop(self) -> None:
        self.server.close()
        self.thread.join(timeout=5)


def serve(world: World, **kwargs) -> ServedConsole:
    from dunning_mailer.config import load
    from dunning_mailer.console import create_app
    from dunning_mailer.console.security import new_secret

    app = create_app(load(world.config), token=new_secret(), now=world.now, **kwargs)
    return ServedConsole(app)


@pytest.fixture
def console_server(console_workdir: World):
    served = serve(console_workdir)
    served.world = console_workdir
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's), driven by Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        server_missing("Playwright", "pip install playwright (make test installs it)")
    if not os.path.exists(CHROMIUM):
        server_missing("Chromium", "apt-get install chromium (make system-deps installs it)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def console_page(browser, console_server):
    """A page at 1280 px, signed in (the one-time token exchanged for the session cookie)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="he-IL")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(console_server.login_url())
    try:
        yield page
    finally:
        context.close()


SCREENSHOTS = ROOT / "build" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save the whole page at its width and at 375 px (a phone) in build/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    out = SCREENSHOTS / f"{name}-{size['width']}.png"
    page.screenshot(path=str(out), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / f"{name}-375.png"), full_page=True)
    page.set_viewport_size(size)
    return out


__all__ = ["BUILT", "NOW", "SCREENSHOTS", "ServedConsole", "World", "build_world", "cli_json", "screenshot",
           "serve"]
