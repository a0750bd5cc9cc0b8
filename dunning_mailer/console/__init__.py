"""The bookkeeper's console: a local web page over the same ledger, through the same functions the
CLI calls (no second copy of any rule). Its rooms:

- ``app``       create_app: the Flask app, the request's ledger, config and clock (`g`)
- ``security``  the one-time token, the session cookie, CSRF, Origin/Referer and Host checks
- ``server``    serving it with waitress on 127.0.0.1
- ``home``      the needs-you page and, in an office, the business picker
- ``queues``    what needs a person, built from the ledger's own lists
- ``formats``   money, dates, stages and readings as the pages show them (Jinja filters)
- ``actions``   the one-click actions: each calls exactly what the CLI command calls
- ``browse``    call list, customers and aging, a customer's timeline, what goes out next
- ``editing``   the templates beside their live rendering
"""
from .app import create_app

__all__ = ["create_app"]
