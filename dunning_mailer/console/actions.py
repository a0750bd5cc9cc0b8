"""The one-click actions (POST /act/…): each calls exactly what the CLI command calls, then goes
back to the queue with a Hebrew line that says what was done."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("actions", __name__)
