"""`console`: the bookkeeper's web page over the ledger, served on this machine.

The first line printed is the address with a one-time access token; open it in a browser (it signs
that browser in and the token is spent). It binds 127.0.0.1 unless `--host` says otherwise, and
runs beside the worker: each page is a few short ledger transactions through the same code."""
from __future__ import annotations

import signal
import socket
import sys

from ..config import Config
from .common import UsageError, _now, log


def cmd_console(args, config: Config) -> int:
    """One business's console."""
    fixed = _now(args.now, config) if args.now else None
    return _serve(args, config=config, office=None, now=fixed)


def cmd_office_console(args, office) -> int:
    """An office's console: a picker chooses the business, each page is about that one."""
    import datetime as dt

    fixed = None
    if args.now:
        try:
            fixed = dt.datetime.fromisoformat(args.now)
        except ValueError:
            raise UsageError(f"--now: not an ISO 8601 time: {args.now!r} (e.g. 2026-12-01T10:00:00+02:00)") from None
        if fixed.tzinfo is None:
            raise UsageError("--now: in an office, give the time with its offset (e.g. 2026-12-01T10:00:00+02:00)")
    return _serve(args, config=None, office=office, now=fixed)


def _serve(args, *, config, office, now) -> int:
    from ..console import create_app
    from ..console.security import new_secret
    from ..console.server import address, make_server

    host = args.host or "127.0.0.1"
    if not 0 <= args.port <= 65535:
        raise UsageError("--port: 0 to 65535 (0: any free port)")
    if config is not None:
        from ..ledger import open_ledger  # a ledger that cannot be opened is said now, not on the first page
        open_ledger(config).close()
    token = new_secret()
    app = create_app(config, token=token, now=now, office=office, hosts=_names_of(host))
    try:
        server = make_server(app, host=host, port=args.port)
    except OSError as e:
        raise UsageError(f"--port {args.port}: cannot listen on {host}:{args.port} ({e.strerror or e}); "
                         "another program uses it: try --port 0 for any free port") from None
    url = f"{address(host, server.effective_port)}/?token={token}"
    print(url, flush=True)
    print("Open it in a browser on this machine; it signs that browser in, once. "
          "Ctrl-C stops the console.", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}: anyone who can reach this machine can ask for the page "
              "(the token still guards it; without https it crosses the network in the clear)", file=sys.stderr)

    def stop(*_):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
        log.info("console stopped")
    return 0


def _names_of(host: str) -> tuple[str, ...]:
    """The Host names a browser may use for this address (beside 127.0.0.1, localhost, ::1): the
    address itself, and for 0.0.0.0 / :: this machine's names and addresses."""
    if host not in ("0.0.0.0", "::", ""):
        return (host,)
    names = {socket.gethostname(), socket.getfqdn()}
    try:
        names |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        pass
    return tuple(sorted(n for n in names if n))
