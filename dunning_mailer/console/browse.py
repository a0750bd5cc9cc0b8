"""Browsing pages: the call list (/calls), customers and aging (/customers, a customer's timeline),
what goes out next (/next)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("browse", __name__)
