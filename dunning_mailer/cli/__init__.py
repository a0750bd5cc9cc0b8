"""The command line, one module per command family:

- ``main``      the parser, logging and exit codes
- ``common``    the clock, JSON output, the config path, argument reading
- ``setup``     init, set-password
- ``doctor``    doctor: is the working folder ready
- ``display``   how the terminal shows dates, money, stages and Hebrew
- ``running``   run, plan, worker
- ``reports``   status, history
- ``reading``   inspect, classify
- ``people``    pause, resume, promise, payment plans, approve, paid
- ``templates`` preview, templates check
- ``console``   console: the web page over the ledger (dunning_mailer/console/)
- ``office``    office init, add, list, and run, plan, status, worker across an office's businesses
"""
from .main import build_parser, main

__all__ = ["build_parser", "main"]
