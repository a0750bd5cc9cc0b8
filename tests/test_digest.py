"""The daily digest (issue 18): on by default once email really goes out (SMTP), to the business's
own reply-to address (else its sender address), listing every message that waits for a person
with its customer and the reason, linking to the console when `digest.console_url` says where it
is; `digest.enabled = false` turns it off; our own digest landing in the inbox is not a reply."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import pytest

from conftest import D, write_config
from test_ladder import body, drop, one_customer, run, status

DAY = dt.timedelta(days=1)
OWN = "billing@gefen-studio.example"   # examples/config.toml's business.email


def smtp(port: int) -> str:
    return f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout = 5\n'


def deliver(workdir: Path, raw: bytes, name: str) -> None:
    (workdir / "mail" / "new" / f"1700000000.{name}.host").write_bytes(raw)


def customer_reply(to_msg, text: str, name: str) -> bytes:
    return (f"From: {to_msg['To'].addresses[0].addr_spec}\r\nTo: {OWN}\r\nSubject: Re: payment\r\n"
            f"Message-ID: <{name}@cust.example>\r\nIn-Reply-To: {to_msg['Message-ID']}\r\n"
            "Date: Tue, 01 Dec 2026 12:00:00 +0200\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n").encode() + text.encode()


def stranger(name: str) -> bytes:
    return (f"From: someone@elsewhere.example\r\nTo: {OWN}\r\nSubject: =?utf-8?b?16nXkNec15Q=?=\r\n"
            f"Message-ID: <{name}@elsewhere.example>\r\nDate: Tue, 01 Dec 2026 12:00:00 +0200\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            ).encode() + "שלום, יש לי שאלה על החשבון".encode()


def mails(sink) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(raw, policy=email.policy.default) for _, _, raw in sink.messages]


def digests(sink, to: str) -> list:
    return [m for m in mails(sink) if m["To"].addresses[0].addr_spec == to and "digest" in m["Message-ID"]]


def test_on_by_default_with_smtp_to_the_business_itself_with_every_reply_for_a_person(workdir, smtp_sink):
    write_config(workdir, smtp(smtp_sink.port) + '[digest]\nconsole_url = "http://127.0.0.1:8765/"\n')
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5)),
                   one_customer(D.date() - dt.timedelta(days=5), "800.00", "2026-0043", "C2")], D.date())
    assert run(workdir, D) == 0
    assert not digests(smtp_sink, OWN)  # nothing for a person yet: no digest
    first = {m["To"].addresses[0].addr_spec: m for m in mails(smtp_sink)}
    deliver(workdir, customer_reply(first["c1@cust.example"], "הסחורה הגיעה שבורה, אני לא משלם על זה", "d1"), "d1")
    deliver(workdir, stranger("u1"), "u1")
    assert run(workdir, D + DAY) in (0, 1)
    (digest,) = digests(smtp_sink, OWN)
    assert digest["From"].addresses[0].addr_spec == OWN
    assert "סטודיו גפן" in str(digest["Subject"])  # which business's digest: an office gets many
    text = body(digest)
    assert "נגריית השרון" in text and "חולק על החיוב" in text            # the customer, the reason
    assert "someone@elsewhere.example" in text and "לא זיהינו" in text     # the unmatched reply
    doc = status(workdir, D + DAY)
    for waiting in doc["needs_person"]:
        if waiting["reply_id"] is not None:
            assert f"#{waiting['reply_id']}" in text                        # each one, by its id
    assert "http://127.0.0.1:8765/" in text
    html = digest.get_body(("html",)).get_content()
    assert 'href="http://127.0.0.1:8765/"' in html
    # The digest lands in the mailbox the product reads: it is not a reply of anyone's.
    before = status(workdir, D + DAY)["needs_person"]
    deliver(workdir, digest.as_bytes(), "digest")
    assert run(workdir, D + DAY + dt.timedelta(hours=1)) in (0, 1)
    assert status(workdir, D + DAY + dt.timedelta(hours=1))["needs_person"] == before
    assert len(digests(smtp_sink, OWN)) == 1  # once a day


def test_reply_to_is_the_default_recipient_and_enabled_false_turns_it_off(workdir, smtp_sink):
    for extra, expected in (('[business]\nreply_to = "office@gefen-studio.example"\n', "office@gefen-studio.example"),
                            ("[digest]\nenabled = false\n", None)):
        text = (Path(__file__).parent.parent / "examples" / "config.toml").read_text(encoding="utf-8")
        if extra.startswith("[business]"):
            text = text.replace("[business]\n", extra, 1)
            extra = ""
        (workdir / "config.toml").write_text(text + "\n" + smtp(smtp_sink.port) + extra, encoding="utf-8")
        from dunning_mailer.config import load
        from dunning_mailer.cycle.digest import digest_recipient
        assert digest_recipient(load(workdir / "config.toml")) == expected


def test_the_recipient_by_transport_and_the_new_keys_checked():
    from dunning_mailer.config import ConfigError, from_mapping
    from dunning_mailer.cycle.digest import digest_recipient

    base = {"business": {"email": "a@b.example"}}
    smtp_t = {"transport": {"kind": "smtp", "host": "127.0.0.1"}}
    assert digest_recipient(from_mapping(base, base=Path("."))) is None              # outbox: nothing leaves
    assert digest_recipient(from_mapping({**base, "digest": {"to": "o@b.example"}}, base=Path("."))) == "o@b.example"
    assert digest_recipient(from_mapping({**base, **smtp_t}, base=Path("."))) == "a@b.example"
    assert digest_recipient(from_mapping({**base, **smtp_t, "digest": {"to": "o@b.example", "enabled": False}},
                                         base=Path("."))) is None
    config = from_mapping({**base, "digest": {"console_url": "https://console.office.example/gefen", "at": "08:30"}},
                          base=Path("."))
    assert config.digest.console_url == "https://console.office.example/gefen" and config.digest.at == dt.time(8, 30)
    for bad, key in (({"console_url": "javascript:alert(1)"}, "digest.console_url"),
                     ({"enabled": "yes"}, "digest.enabled"), ({"too": "x@y.example"}, "too")):
        with pytest.raises(ConfigError) as e:
            from_mapping({**base, "digest": bad}, base=Path("."))
        assert key in str(e.value)
