"""Business days and the send window, in the business's time zone (C6)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=64)
def _holidays(country: str, year: int, holiday_weeks: bool = True) -> dict[dt.date, str]:
    import holidays as holidays_lib  # pure data: computes the dates, no I/O

    if country.upper() != "IL":
        return dict(holidays_lib.country_holidays(country, years=year).items())
    days = dict(holidays_lib.country_holidays("IL", years=year, language="he").items())
    if holiday_weeks:
        # Chol HaMoed of Sukkot and Pesach: open for business, but not a week for collection mail.
        optional = holidays_lib.country_holidays("IL", years=year, language="he", categories=("optional",))
        days.update({d: n for d, n in optional.items() if "חול המועד" in n})
    return days


@dataclass(frozen=True)
class BusinessCalendar:
    tz: ZoneInfo
    workdays: tuple[int, ...]
    send_window: tuple[dt.time, dt.time]
    holidays: str = "IL"
    holiday_eves: bool = True
    friday_window: tuple[dt.time, dt.time] | None = None
    due_on_non_workday: str = "as_is"
    holiday_weeks: bool = True

    @classmethod
    def from_config(cls, config) -> "BusinessCalendar":
        c = config.calendar
        return cls(config.tz, c.workdays, c.send_window, c.holidays, c.holiday_eves, c.friday_window,
                   c.due_on_non_workday, c.holiday_weeks)

    def window(self, day: dt.date) -> tuple[dt.time, dt.time]:
        if self.friday_window and day.weekday() == 4 and 4 not in self.workdays:
            return self.friday_window
        return self.send_window

    def is_workday(self, day: dt.date) -> bool:
        return day.weekday() in self.workdays and self.holiday(day) is None

    def effective_due(self, due: dt.date) -> dt.date:
        """A due date on Shabbat or a holiday counts from the next workday, if the business says so."""
        if self.due_on_non_workday != "next_workday":
            return due
        day = due
        for _ in range(14):
            if self.is_workday(day) or day == dt.date.max:
                return day
            day += dt.timedelta(days=1)
        return due

    def holiday(self, day: dt.date) -> str | None:
        """The name of the holiday (or holiday eve) on `day`, if any."""
        if self.holidays.lower() == "none":
            return None
        name = _holidays(self.holidays, day.year, self.holiday_weeks).get(day)
        if name:
            return name
        if self.holiday_eves and day < dt.date.max:
            tomorrow = day + dt.timedelta(days=1)
            eve = _holidays(self.holidays, tomorrow.year, False).get(tomorrow)
            if eve:
                return f"ערב {eve}" if self.holidays.upper() == "IL" else f"eve of {eve}"
        return None

    def why_not_sending_day(self, day: dt.date) -> str | None:
        friday_morning = self.friday_window is not None and day.weekday() == 4
        if day.weekday() not in self.workdays and not friday_morning:
            return "not a workday" + (" (Shabbat)" if day.weekday() == 5 else "")
        name = self.holiday(day)
        return f"holiday: {name}" if name else None

    def is_sending_day(self, day: dt.date) -> bool:
        return self.why_not_sending_day(day) is None

    def local(self, now: dt.datetime) -> dt.datetime:
        return now.astimezone(self.tz)

    def why_not_sending_now(self, now: dt.datetime) -> str | None:
        """None when an email may go out at `now`; otherwise the reason."""
        here = self.local(now)
        day = here.date()
        friday_morning = self.friday_window is not None and day.weekday() == 4
        if day.weekday() in self.workdays or friday_morning:
            # The window before the holiday table: an evening cron run stays cheap.
            start, end = self.window(day)
            if not start <= here.time().replace(tzinfo=None) < end:
                return f"outside the send window {start:%H:%M}–{end:%H:%M}"
        return self.why_not_sending_day(day)

    def next_sending_moment(self, now: dt.datetime) -> dt.datetime:
        here = self.local(now)
        day = here.date()
        start, end = self.window(day)
        if self.is_sending_day(day) and here.time().replace(tzinfo=None) < end:
            if here.time().replace(tzinfo=None) >= start:
                return here
            return dt.datetime.combine(day, start, self.tz)
        for _ in range(60):
            day += dt.timedelta(days=1)
            if self.is_sending_day(day):
                return dt.datetime.combine(day, self.window(day)[0], self.tz)
        raise ValueError("no sending day in the next 60 days: check calendar.workdays")
