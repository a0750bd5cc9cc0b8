"""dunning-mailer: warm, agreement-seeking Hebrew payment reminders."""

__version__ = "0.1.0"
