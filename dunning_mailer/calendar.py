"""Business days and the send window, in the business's time zone (C6)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=32)
def _holidays(country: str, year: int) -> dict[dt.date, str]:
    import holidays as holidays_lib  # pure data: computes the dates, no I/O

    language = "he" if country.upper() == "IL" else None
    return dict(holidays_lib.country_holidays(country, years=year, language=language).items())


@dataclass(frozen=True)
class BusinessCalendar:
    tz: ZoneInfo
    workdays: tuple[int, ...]
    send_window: tuple[dt.time, dt.time]
    holidays: str = "IL"
    holiday_eves: bool = True

    @classmethod
    def from_config(cls, config) -> "BusinessCalendar":
        c = config.calendar
        return cls(config.tz, c.workdays, c.send_window, c.holidays, c.holiday_eves)

    def holiday(self, day: dt.date) -> str | None:
        """The name of the holiday (or holiday eve) on `day`, if any."""
        if self.holidays.lower() == "none":
            return None
        name = _holidays(self.holidays, day.year).get(day)
        if name:
            return name
        if self.holiday_eves:
            tomorrow = day + dt.timedelta(days=1)
            eve = _holidays(self.holidays, tomorrow.year).get(tomorrow)
            if eve:
                return f"ערב {eve}" if self.holidays.upper() == "IL" else f"eve of {eve}"
        return None

    def why_not_sending_day(self, day: dt.date) -> str | None:
        if day.weekday() not in self.workdays:
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
        reason = self.why_not_sending_day(here.date())
        if reason:
            return reason
        start, end = self.send_window
        if not start <= here.time().replace(tzinfo=None) < end:
            return f"outside the send window {start:%H:%M}–{end:%H:%M}"
        return None

    def next_sending_moment(self, now: dt.datetime) -> dt.datetime:
        here = self.local(now)
        start, end = self.send_window
        day = here.date()
        if self.is_sending_day(day) and here.time().replace(tzinfo=None) < end:
            if here.time().replace(tzinfo=None) >= start:
                return here
            return dt.datetime.combine(day, start, self.tz)
        for _ in range(60):
            day += dt.timedelta(days=1)
            if self.is_sending_day(day):
                return dt.datetime.combine(day, start, self.tz)
        raise ValueError("no sending day in the next 60 days: check calendar.workdays")
