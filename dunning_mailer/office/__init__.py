"""Several businesses from one install: a bookkeeping office's folder holds one folder per client
business (its config.toml, templates, drop folder), and its office.toml the defaults they share
(often one PostgreSQL database for every business's ledger). Its rooms:

- ``folders`` the office on disk: office.toml, which businesses there are, each one's config
- ``cycles``  one business's guarded cycle as an office runs it, and `run` across businesses
- ``worker``  the long-running office worker: any number of them, on one machine or several,
              share the businesses through the businesses' own cycle locks
- ``watch``   what wakes a worker for one business: its IMAP inbox (IDLE, a thread each) and
              its drop folder

Each business keeps its own sending identity, calendar, limits and templates; whatever goes wrong
in one (a bad file, a wrong password, a full mailbox, a broken config) is reported under its name
and never holds up the others.
"""
from .cycles import BusinessRun, business_cycle, run_office
from .folders import Office, OfficeError, find_office, load_office

__all__ = ["BusinessRun", "Office", "OfficeError", "business_cycle", "find_office", "load_office", "run_office"]
