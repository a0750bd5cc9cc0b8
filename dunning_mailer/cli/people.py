"""People's exceptions: `pause`, `resume`, `promise`, a payment plan, `approve`, `paid`."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..config import Config
from .common import UsageError, _amount_arg, _customer, _date_arg, _ledger, _now
from .display import Display


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
        cleared = ledger.resume(args.customer, now=now, reason=args.reason or "")
        state = next((c for c in ledger.customer_states(now.astimezone(config.tz).date())
                      if c.customer.id == args.customer), None)
    # A person's command, run by hand: it always says what it did.
    show = Display(config.tz)
    done = [f"{len(cleared['pauses'])} pause(s) ended" if cleared["pauses"] else "",
            f"flag(s) cleared: {', '.join(cleared['flags'])}" if cleared["flags"] else "",
            f"address(es) usable again: {', '.join(cleared['addresses'])}" if cleared["addresses"] else ""]
    done = [d for d in done if d]
    print(f"{args.customer}: " + ("; ".join(done) if done else "nothing was holding reminders back") + ".")
    still = []
    if state is not None and state.promise is not None:
        still.append(f"a promise to pay by {show.day(state.promise.due)} (reminders wait for it)")
    if state is not None and state.payment_plan is not None:
        still.append("a payment plan (its notes replace the ladder)")
    if state is not None and state.awaiting_approval:
        still.append("an email waiting for approval (`dunning-mailer approve`)")
    if still:
        print(f"{args.customer}: still in place: {'; '.join(still)}.")
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
    if args.instalments not in PLAN_INSTALMENTS:
        raise UsageError("--instalments: expected 2 to 36")
    now = _now(args.now, config)
    first = _date_arg(args.first, "--first")
    with _ledger(config) as ledger:
        _customer(ledger, args.customer)
        dates, amount = payment_plan_terms(ledger.open_balance(args.customer), args.instalments, first,
                                           _amount_arg(args.amount, "--amount"))
        ledger.add_payment_plan(args.customer, dates=dates, amount=amount, now=now)
    if args.verbose:
        print(f"{args.customer}: {args.instalments} instalments of {amount} from {first:%d/%m/%Y}; "
              f"a short note goes out before each date instead of the ladder.")
    return 0


PLAN_INSTALMENTS = range(2, 37)


def payment_plan_terms(balance: Decimal, instalments: int, first: dt.date,
                       amount: Decimal | None = None) -> tuple[list[dt.date], Decimal]:
    """A payment plan's monthly dates from `first`, and the amount of each instalment (default:
    the balance split evenly). `plan CUSTOMER` and the console's plan form both use it."""
    amount = amount or (balance / instalments).quantize(Decimal("0.01"))
    return [_add_months(first, i) for i in range(instalments)], amount


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
