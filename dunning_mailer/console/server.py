"""Serving the console: waitress (pure Python, threaded) on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import socket

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def make_server(app, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, threads: int = 4):
    """A waitress server bound now (port 0: a free one; `server.effective_port` says which);
    `server.run()` serves until `server.close()`."""
    from waitress.server import create_server

    return create_server(app, host=host, port=port, threads=threads, ident="dunning-mailer",
                         clear_untrusted_proxy_headers=True, expose_tracebacks=False)


def address(host: str, port: int) -> str:
    """The address a person types: IPv6 in brackets, 0.0.0.0 / :: as this machine's name."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"
