"""The config: what a business runs with (config.settings) and how it is read from TOML (config.reading).

Every key has an embedded default, so an empty file (or none) is a working demo setup.
"""
from .reading import SELF_FILING_HOSTS, files_own_sent, from_mapping, load, office_defaults
from .settings import (BUSINESS_KEY_RE, DEFAULT_STAGES, EMAIL_RE, OFFICE_FILE, WEEKDAYS, Business, Calendar, Config,
                       ConfigError, Digest, Mailbox, Paths, Payments, Policy, Transport, Worker)

__all__ = ["BUSINESS_KEY_RE", "DEFAULT_STAGES", "EMAIL_RE", "OFFICE_FILE", "SELF_FILING_HOSTS", "WEEKDAYS", "Business",
           "Calendar", "Config", "ConfigError", "Digest", "Mailbox", "Paths", "Payments", "Policy", "Transport",
           "Worker", "files_own_sent", "from_mapping", "load", "office_defaults"]
