"""Understanding incoming mail: bounce, automatic reply, or a person's answer.

Pure: standard library only, no I/O but the model file shipped with the package, no clock
(``now`` is passed in). ``classify`` is the one public verb; it never raises: a message it cannot
read becomes kind ``"other"`` with the reason in ``why``. Its rooms:

- ``reader``      classify: the order of decisions, the day a message was written
- ``message``     header fields, addresses, MIME parts and their text
- ``bounces``     delivery status notifications and feedback reports
- ``autoreplies`` out-of-office and other automatic replies, and their return dates
- ``quotes``      a reply's new text, with quoted history and signatures cut away
- ``intents``     what a person's reply says: main intent, confidence, promised date
- ``cues``        exact rules: claims and their negation, conditions, receipts attached
- ``features``    the n-grams the learned model sees
- ``learned``     the linear model shipped in data/, scored in plain Python
- ``teach``       a person's corrections, consulted as nearest neighbours
- ``dates``       dates in what people write, and the conventions that resolve them
- ``numbers``     invoice numbers found by token lookup
- ``verdict``     the result types
"""
from .numbers import NumberIndex
from .reader import classify
from .teach import Example, Teacher
from .verdict import FOR_A_PERSON, INTENTS, KINDS, LABELS, PRIORITY, BounceInfo, Verdict

__all__ = ["BounceInfo", "Example", "FOR_A_PERSON", "INTENTS", "KINDS", "LABELS", "NumberIndex", "PRIORITY",
           "Teacher", "Verdict", "classify"]
