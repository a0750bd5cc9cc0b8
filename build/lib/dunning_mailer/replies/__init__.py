"""Understanding incoming mail: bounce, automatic reply, or a person's answer.

Pure: standard library only, no I/O, no clock (``now`` is passed in).
``classify`` is the one public verb; it never raises: a message it cannot read
becomes kind ``"other"`` with the reason in ``why``. Its rooms:

- ``reader``      classify: the order of decisions
- ``message``     header fields, addresses, MIME parts and their text
- ``bounces``     delivery status notifications and feedback reports
- ``autoreplies`` out-of-office and other automatic replies, and their return dates
- ``quotes``      a reply's new text, with quoted history and signatures cut away
- ``intents``     what a person's reply says
- ``dates``       dates in what people write
- ``verdict``     the result types
"""
from .reader import classify
from .verdict import INTENTS, KINDS, BounceInfo, Verdict

__all__ = ["BounceInfo", "Verdict", "classify", "INTENTS", "KINDS"]
