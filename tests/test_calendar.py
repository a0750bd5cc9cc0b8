from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from dunning_mailer.calendar import BusinessCalendar

TZ = ZoneInfo("Asia/Jerusalem")
CAL = BusinessCalendar(TZ, (6, 0, 1, 2, 3), (dt.time(9), dt.time(17)), "IL", True)


@pytest.mark.parametrize("day, sending", [
    (dt.date(2026, 12, 6), True),     # Sunday
    (dt.date(2026, 12, 4), False),    # Friday
    (dt.date(2026, 12, 5), False),    # Shabbat
    (dt.date(2027, 10, 2), False),    # Rosh Hashanah (also Shabbat)
    (dt.date(2027, 10, 3), False),    # Rosh Hashanah, second day (a Sunday)
    (dt.date(2027, 10, 11), False),   # Yom Kippur
    (dt.date(2027, 10, 10), False),   # the eve of Yom Kippur
    (dt.date(2027, 4, 22), False),    # Pesach
    (dt.date(2027, 4, 21), False),    # the eve of Pesach
    (dt.date(2027, 4, 25), False),    # Chol HaMoed Pesach: no collection mail by default
    (dt.date(2027, 10, 18), False),   # Chol HaMoed Sukkot
    (dt.date(2027, 10, 24), True),    # the Sunday after Simchat Torah
])
def test_sending_days(day, sending):
    assert CAL.is_sending_day(day) is sending


def test_window_is_local_time_across_dst():
    # Israel leaves summer time on the last Sunday before October 31st (25/10/2026, a Sunday).
    summer = dt.datetime(2026, 10, 22, 6, 30, tzinfo=dt.timezone.utc)   # 09:30 local (UTC+3)
    winter = dt.datetime(2026, 10, 26, 6, 30, tzinfo=dt.timezone.utc)   # 08:30 local (UTC+2)
    assert CAL.why_not_sending_now(summer) is None
    assert "window" in CAL.why_not_sending_now(winter)
    assert CAL.next_sending_moment(winter) == dt.datetime(2026, 10, 26, 9, 0, tzinfo=TZ)


def test_next_sending_moment_skips_the_weekend():
    thursday_evening = dt.datetime(2026, 12, 3, 18, 0, tzinfo=TZ)
    assert CAL.next_sending_moment(thursday_evening) == dt.datetime(2026, 12, 6, 9, 0, tzinfo=TZ)


def test_no_holidays():
    cal = BusinessCalendar(TZ, (0, 1, 2, 3, 4), (dt.time(9), dt.time(17)), "none", False)
    assert cal.is_sending_day(dt.date(2027, 10, 11))


def test_holiday_weeks_can_be_turned_off():
    cal = BusinessCalendar(TZ, (6, 0, 1, 2, 3), (dt.time(9), dt.time(17)), "IL", True, holiday_weeks=False)
    assert cal.is_sending_day(dt.date(2027, 4, 25))
