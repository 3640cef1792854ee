"""The fixed dates figures go out on (issue 26): the last day of each month, and 1 December
(KS's reference date). A release goes out once its date is over and is frozen from then on;
readers outside the services get the latest one (`serving_day`)."""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["is_release_day", "latest_release_day", "next_release_day", "serving_day"]


def is_release_day(day: date) -> bool:
    """The fixed dates figures go out on: the last day of each month, and 1 December."""
    return (day + timedelta(days=1)).month != day.month or (day.month, day.day) == (12, 1)


def latest_release_day(today: date) -> date:
    """The last fixed date that is over on `today` (its release can go out)."""
    found = today - timedelta(days=1)
    while not is_release_day(found):
        found -= timedelta(days=1)
    return found


def serving_day(day: date, today: date) -> date:
    """The date whose figures a reader outside the services gets when asking for `day` on
    `today`: for today (or a later day) the latest release, the last fixed date that is over;
    an earlier date as asked. The service's own pages stay live and never ask."""
    latest = latest_release_day(today)
    return latest if day > latest else day


def next_release_day(today: date) -> date:
    """The next fixed date whose release is not out on `today` (it goes out the day after)."""
    found = today
    while not is_release_day(found):
        found += timedelta(days=1)
    return found
