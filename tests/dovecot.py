"""A real Dovecot 2.3 on 127.0.0.1 for tests: one temp config, one user, stopped at teardown.

    server = Dovecot.start(tls=True)  # or the `dovecot` fixture in test_imap.py; TLS is optional
    server.deliver(raw)               # through dovecot-lda, as a mail server would
    server.append(raw, folder="Sent") # through IMAP
    server.stop()

Works as root (mail processes run as `nobody`, the temp dir is readable by the
`dovecot` user) and as an ordinary user (every service runs as that user).
"""
from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

LIBEXEC = Path("/usr/lib/dovecot")


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (str(p) for p in (Path("/usr/sbin/dovecot"),) if p.exists()), None)


def lda_binary() -> str | None:
    return shutil.which("dovecot-lda") or next(
        (str(p) for p in (LIBEXEC / "dovecot-lda", LIBEXEC / "deliver") if p.exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CONFIG = """\
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests try wrong passwords on purpose: no 2 s failure delay.
auth_failure_delay = 0
first_valid_uid = 1
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/home/%u
}}
mail_location = maildir:~/Maildir
lda_mailbox_autocreate = yes
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
  }}
{chroot}}}
service anvil {{
{chroot}}}
"""


@dataclass
class Dovecot:
    base: Path
    port: int
    user: str = "billing@gefen-studio.example"
    password: str = "s3cret-imap-pw"
    host: str = "127.0.0.1"
    ssl_port: int = 0  # 0: no TLS; else imaps here and STARTTLS on `port`, with `ca_file` as the cert
    config: Path = field(init=False)

    def __post_init__(self) -> None:
        self.config = self.base / "dovecot.conf"

    # ---- life cycle ------------------------------------------------------------------
    @classmethod
    def start(cls, base: Path | None = None, *, tls: bool = False, timeout: float = 10.0) -> "Dovecot":
        binary = dovecot_binary()
        if binary is None:
            raise FileNotFoundError("dovecot")
        # Not pytest's tmp_path: that is 0700 under /tmp/pytest-of-root, closed to the
        # `dovecot` and `nobody` users.
        base = Path(base or tempfile.mkdtemp(prefix="dovecot-test-"))
        base.mkdir(parents=True, exist_ok=True)
        os.chmod(base, 0o755)
        server = cls(base=base, port=_free_port(), ssl_port=_free_port() if tls else 0)
        if tls:
            server._make_certificate()
        server._write_config()
        # The daemon forks and keeps inherited pipes open: send its output to a file, not a pipe.
        with open(base / "start.err", "wb") as err:
            r = subprocess.run([binary, "-c", str(server.config)], stdin=subprocess.DEVNULL,
                               stdout=err, stderr=err, timeout=timeout)
        if r.returncode != 0:
            text = (base / "start.err").read_text(errors="replace")
            shutil.rmtree(base, ignore_errors=True)
            raise RuntimeError(f"dovecot did not start ({r.returncode}): {text}")
        server._wait_ready(timeout)
        return server

    @property
    def ca_file(self) -> Path:
        return self.base / "cert.pem"

    def _make_certificate(self) -> None:
        """A self-signed certificate for 127.0.0.1 (openssl CLI); trust it with `ca_file`."""
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", str(self.base / "key.pem"), "-out", str(self.ca_file),
                        "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True, timeout=30)

    def _write_config(self) -> None:
        if os.geteuid() == 0:
            pw = pwd.getpwnam("nobody")
            uid, gid = pw.pw_uid, pw.pw_gid
            users, chroot = "", ""
        else:
            uid, gid = os.getuid(), os.getgid()
            me = pwd.getpwuid(uid).pw_name
            group = grp.getgrgid(gid).gr_name
            users = (f"default_login_user = {me}\ndefault_internal_user = {me}\n"
                     f"default_internal_group = {group}\n")
            chroot = "  chroot =\n"
        for sub in ("run", "state", "home"):
            (self.base / sub).mkdir(exist_ok=True)
            os.chmod(self.base / sub, 0o755)
        home = self.base / "home" / self.user
        (home / "Maildir").mkdir(parents=True, exist_ok=True)
        for path in (home, home / "Maildir"):
            os.chown(path, uid, gid) if os.geteuid() == 0 else None
        (self.base / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n", encoding="utf-8")
        os.chmod(self.base / "passwd", 0o644)
        if self.ssl_port:
            tls = f"ssl = yes\nssl_cert = <{self.ca_file}\nssl_key = <{self.base / 'key.pem'}"
        else:
            tls = "ssl = no"
        self.config.write_text(CONFIG.format(base=self.base, port=self.port, ssl_port=self.ssl_port, ssl=tls,
                                             uid=uid, gid=gid, users=users, chroot=chroot), encoding="utf-8")
        os.chmod(self.config, 0o644)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"Dovecot did not answer on port {self.port}; log:\n{self.log()}")

    def stop(self) -> None:
        pid_file = self.base / "run" / "master.pid"
        try:
            pid = int(pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            pid = None
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.02)
        shutil.rmtree(self.base, ignore_errors=True)

    def log(self) -> str:
        try:
            return (self.base / "dovecot.log").read_text(errors="replace")
        except FileNotFoundError:
            return ""

    @property
    def maildir(self) -> Path:
        return self.base / "home" / self.user / "Maildir"

    # ---- putting mail in -------------------------------------------------------------
    def deliver(self, raw: bytes, folder: str | None = None) -> None:
        """Deliver like the MTA would (dovecot-lda), into INBOX or `folder`."""
        lda = lda_binary()
        if lda is None:
            raise FileNotFoundError("dovecot-lda")
        cmd = [lda, "-c", str(self.config), "-d", self.user]
        if folder:
            cmd += ["-m", folder]
        r = subprocess.run(cmd, input=raw, capture_output=True, timeout=10)
        if r.returncode != 0:
            raise RuntimeError(f"dovecot-lda failed ({r.returncode}): {r.stderr.decode(errors='replace')}"
                               f"\n{self.log()}")

    def client(self):
        """A logged-in imapclient connection (the caller logs out)."""
        from imapclient import IMAPClient

        c = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        c.login(self.user, self.password)
        return c

    def append(self, raw: bytes, folder: str = "INBOX", flags=()) -> int | None:
        """APPEND through IMAP; the new UID when the server says it (UIDPLUS)."""
        c = self.client()
        try:
            answer = c.append(folder, raw, flags=flags)
        finally:
            c.logout()
        import re
        m = re.search(rb"APPENDUID \d+ (\d+)", answer or b"")
        return int(m.group(1)) if m else None

    def kick(self) -> None:
        """Drop every IMAP session of the user, server side (`doveadm kick`)."""
        subprocess.run(["doveadm", "-c", str(self.config), "kick", self.user], check=True,
                       capture_output=True, timeout=10)


def message(n: int | str, *, sender: str = "customer@cust.example", subject: str | None = None,
            in_reply_to: str | None = None, body: str = "שלום, קיבלנו את התזכורת.") -> bytes:
    """A small plain-text mail with a unique Message-ID."""
    headers = [f"From: {sender}", "To: billing@gefen-studio.example",
               f"Subject: {subject or f'message {n}'}", f"Message-ID: <m{n}@cust.example>",
               "Date: Tue, 01 Dec 2026 10:00:00 +0200", "MIME-Version: 1.0",
               "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    if in_reply_to:
        headers += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + (body + "\r\n").encode()


def run_with_imap(workdir, server: "Dovecot", *args: str, crash_at: int | None = None):
    """The CLI in a child process with the mailbox password in its environment; optionally
    killed at the N-th crash checkpoint (DUNNING_MAILER_CRASH_AT)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DUNNING_MAILER_IMAP_PASSWORD": server.password}
    env.pop("DUNNING_MAILER_CRASH_AT", None)
    if crash_at:
        env["DUNNING_MAILER_CRASH_AT"] = str(crash_at)
    return subprocess.run([sys.executable, "-m", "dunning_mailer", *args, "--config", str(workdir / "config.toml")],
                          env=env, capture_output=True, text=True, timeout=120)
