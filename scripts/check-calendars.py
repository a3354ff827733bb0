#!/usr/bin/env python3
"""Checks every room's iCalendar feed on a running Alongside against the API, with other people's code: each feed is
parsed by `icalendar` and its series expanded by `recurring-ical-events` (both from PyPI), and the occurrences they give
must be exactly the ones `/api/v1/rooms/{id}/bookings` lists over the same days — no more, no fewer, at the same times.

Usage: check-calendars.py http://127.0.0.1:8097 [--days 120]
"""
import argparse
import datetime as dt
import json
import sys
import urllib.request

import icalendar
import recurring_ical_events


def get(base, path):
    with urllib.request.urlopen(base + path) as response:
        return response.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--days", type=int, default=120)
    args = parser.parse_args()
    today = dt.date.today()
    first, last = today - dt.timedelta(days=7), today + dt.timedelta(days=args.days)
    rooms = json.loads(get(args.base, "/api/v1/rooms"))["rooms"]
    assert rooms, "the demo has rooms"
    total, failures = 0, []
    for room in rooms:
        listed = json.loads(get(args.base, f"/api/v1/rooms/{room['id']}/bookings?from={first}&to={last}"))["bookings"]
        expected = sorted((dt.datetime.fromisoformat(b["starts_at"].replace("Z", "+00:00")), dt.datetime.fromisoformat(b["ends_at"].replace("Z", "+00:00")))
                          for b in listed)
        calendar = icalendar.Calendar.from_ical(get(args.base, f"/rooms/{room['id']}/calendar.ics"))
        events = recurring_ical_events.of(calendar).between(first, last + dt.timedelta(days=1))
        expanded = sorted((e["DTSTART"].dt.astimezone(dt.timezone.utc), e["DTEND"].dt.astimezone(dt.timezone.utc)) for e in events)
        # The API lists what overlaps the days; the expansion the same span.
        total += len(expected)
        if expanded != expected:
            missing = [str(x[0]) for x in expected if x not in expanded][:5]
            extra = [str(x[0]) for x in expanded if x not in expected][:5]
            failures.append(f"{room['name']}: the API lists {len(expected)}, the feed expands to {len(expanded)}; missing {missing}, extra {extra}")
        else:
            print(f"{room['name']}: {len(expected)} occurrences, the same in the feed and the API")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"{len(rooms)} rooms, {total} occurrences: every feed expands to exactly what the API lists")


if __name__ == "__main__":
    main()
