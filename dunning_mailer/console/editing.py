"""The templates editor (/templates): each stage's template beside its live rendering."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("editing", __name__)
