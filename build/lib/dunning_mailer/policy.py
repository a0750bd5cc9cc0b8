"""Which stage of the ladder is due for one invoice (C4, C6).

Rules: stages go out in order, each at most once; a stage is due when its
day (due date + days) has come and the invoice's previous stage went out at
least `min_days_between` days before; a stage before the due date is skipped
once the invoice is past due; nothing else is ever skipped.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from .model import Invoice, Stage


@dataclass(frozen=True, slots=True)
class InvoiceState:
    """An open invoice with the stages already sent for it (local dates, in order)."""

    invoice: Invoice
    source: str = "default"
    sent: tuple[tuple[str, dt.date], ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.invoice.number)


@dataclass(frozen=True)
class StageDecision:
    stage: Stage | None          # due now, or None
    next_stage: Stage | None     # the stage that comes next, due or not
    next_on: dt.date | None      # the earliest day the next stage may go out
    finished: bool = False       # the last stage has gone out


def decide(state: InvoiceState, stages: tuple[Stage, ...], today: dt.date,
           min_days_between: int, skip: tuple[str, ...] = ()) -> StageDecision:
    """`skip`: stages not used for this invoice (a stage's `min_total` above the customer's total)."""
    last_index = -1
    if state.sent:
        positions = _positions(stages)
        last_index = max((positions.get(name, -1) for name, _ in state.sent), default=-1)
        if last_index == len(stages) - 1:
            return StageDecision(None, None, None, finished=True)
    due = state.invoice.due_date
    stage = next((s for s in stages[last_index + 1:]
                  if not (s.days < 0 and today > due) and s.name not in skip), None)
    if stage is None:
        return StageDecision(None, None, None, finished=True)
    on = _shifted(due, stage.days)
    if state.sent:
        on = max(on, state.sent[-1][1] + dt.timedelta(days=min_days_between))
    return StageDecision(stage if today >= on else None, stage, on)


def _shifted(day: dt.date, days: int) -> dt.date:
    """`day` + `days`, held at the calendar's ends: a due date of 31/12/9999 (a placeholder some
    exports use for "no due date") simply never comes."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


@lru_cache(maxsize=8)
def _positions(stages: tuple[Stage, ...]) -> dict[str, int]:
    return {s.name: i for i, s in enumerate(stages)}


def stage_index(stages: tuple[Stage, ...], name: str) -> int:
    return _positions(stages).get(name, -1)
