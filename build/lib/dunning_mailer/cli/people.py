"""People's exceptions: `pause`, `resume`, `promise`, a payment plan, `approve`, `paid`."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..config import Config
from .common import UsageError, _amount_arg, _customer, _date_arg, _ledger, _now


def cmd_pause(args, config: Config) -> int:
    now = _now(args.now, config)
    until = dt.date.fromisoformat(args.until) if args.until else None
    with _ledger(config) as ledger:
        if not ledger.customer_exists(args.customer):
            raise UsageError(f"no customer with id {args.customer!r} in the ledger")
        ledger.pause(args.customer, now=now, reason=args.reason or "paused by hand", origin="manual", until=until)
    return 0


def cmd_resume(args, config: Config) -> int:
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        if not ledger.customer_exists(args.customer):
            raise UsageError(f"no customer with id {args.customer!r} in the ledger")
        n = ledger.resume(args.customer, now=now, reason=args.reason or "")
    if args.verbose:
        print(f"{args.customer}: {n} pause(s) ended.")
    return 0


def cmd_promise(args, config: Config) -> int:
    now = _now(args.now, config)
    due = _date_arg(args.date, "--date")
    amount = _amount_arg(args.amount, "--amount")
    with _ledger(config) as ledger:
        _customer(ledger, args.customer)
        ledger.add_promise(args.customer, due=due, amount=amount, now=now, origin="manual")
    if args.verbose:
        print(f"{args.customer}: reminders wait until {due:%d/%m/%Y}; then a thank-you or a friendly follow-up.")
    return 0


def _record_payment_plan(args, config: Config) -> int:
    if not args.instalments or not args.first:
        raise UsageError("plan CUSTOMER needs --instalments N and --first DATE")
    if not 2 <= args.instalments <= 36:
        raise UsageError("--instalments: expected 2 to 36")
    now = _now(args.now, config)
    first = _date_arg(args.first, "--first")
    with _ledger(config) as ledger:
        _customer(ledger, args.customer)
        balance = ledger.open_balance(args.customer)
        amount = _amount_arg(args.amount, "--amount") or (balance / args.instalments).quantize(Decimal("0.01"))
        dates = [_add_months(first, i) for i in range(args.instalments)]
        ledger.add_payment_plan(args.customer, dates=dates, amount=amount, now=now)
    if args.verbose:
        print(f"{args.customer}: {args.instalments} instalments of {amount} from {first:%d/%m/%Y}; "
              f"a short note goes out before each date instead of the ladder.")
    return 0


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    import calendar as _cal
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def cmd_approve(args, config: Config) -> int:
    if not args.customer and not args.all:
        raise UsageError("approve CUSTOMER, or approve --all")
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        if args.customer:
            _customer(ledger, args.customer)
        n = ledger.approve(None if args.all else args.customer, now=now)
    print(f"Approved {n} email(s); they go out with the next run." if n else "Nothing was waiting for approval.")
    return 0


def cmd_paid(args, config: Config) -> int:
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        n = ledger.mark_paid(args.invoice, now=now, reason=args.reason or "marked paid by hand")
    if n == 0:
        raise UsageError(f"no open invoice numbered {args.invoice!r}")
    return 0
