"""A meeting scheduler across time zones: zoneinfo-aware datetimes, DST
transitions, recurring events (weekly/monthly rules), free-slot search over
busy intervals, ISO week/calendar computations, and formatting with strftime,
all relative to a fixed 'now'."""
import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
NOW = datetime(2024, 3, 8, 9, 0, tzinfo=UTC)

PEOPLE = {
    "ana": ZoneInfo("Europe/Lisbon"),
    "ben": ZoneInfo("America/New_York"),
    "chen": ZoneInfo("Asia/Shanghai"),
    "dev": ZoneInfo("Asia/Kolkata"),
}
WORK_START, WORK_END = time(9, 0), time(17, 30)


@dataclass(order=True)
class Interval:
    start: datetime
    end: datetime
    label: str = field(default="", compare=False)

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end

    def __str__(self):
        return f"{self.start:%a %d %H:%M}-{self.end:%H:%M}Z {self.label}".rstrip()


def weekly(first, count, weekday_skip=()):
    d = first
    n = 0
    while n < count:
        if d.weekday() not in weekday_skip:
            yield d
            n += 1
        d += timedelta(weeks=1)


def monthly_nth_weekday(year, month, weekday, nth, count):
    """e.g. the 2nd Tuesday of each month."""
    out = []
    while len(out) < count:
        cal = calendar.Calendar()
        days = [d for d in cal.itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
        out.append(days[nth] if nth >= 0 else days[nth])
        month += 1
        if month > 12:
            month, year = 1, year + 1
    return out


def working_hours_utc(person, day):
    tz = PEOPLE[person]
    start = datetime.combine(day, WORK_START, tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day, WORK_END, tzinfo=tz).astimezone(UTC)
    return Interval(start, end, person)


def merge(intervals):
    out = []
    for iv in sorted(intervals):
        if out and iv.start <= out[-1].end:
            out[-1] = Interval(out[-1].start, max(out[-1].end, iv.end), out[-1].label + "+" + iv.label)
        else:
            out.append(Interval(iv.start, iv.end, iv.label))
    return out


def free_slots(window, busy, length):
    slots = []
    cursor = window.start
    for b in merge(busy):
        if b.end <= window.start or b.start >= window.end:
            continue
        if b.start - cursor >= length:
            slots.append(Interval(cursor, b.start))
        cursor = max(cursor, b.end)
    if window.end - cursor >= length:
        slots.append(Interval(cursor, window.end))
    return slots


def common_window(people, day):
    hours = [working_hours_utc(p, day) for p in people]
    start = max(h.start for h in hours)
    end = min(h.end for h in hours)
    return Interval(start, end, "common") if start < end else None


def main():
    print("now:", NOW.isoformat(), "| local times:")
    for p, tz in PEOPLE.items():
        local = NOW.astimezone(tz)
        print(f"  {p:5} {local:%Y-%m-%d %H:%M %Z} (UTC{local:%z}) dst={bool(local.dst())} "
              f"utcoffset={local.utcoffset()}")

    # DST transitions
    ny = PEOPLE["ben"]
    before = datetime(2024, 3, 10, 1, 30, tzinfo=ny)
    after = before + timedelta(hours=1)
    real_after = (before.astimezone(UTC) + timedelta(hours=1)).astimezone(ny)
    print("naive wall-clock add:", after.strftime("%H:%M %Z"), "| real elapsed add:",
          real_after.strftime("%H:%M %Z"))
    ambiguous = datetime(2024, 11, 3, 1, 30, tzinfo=ny)
    print("fold:", ambiguous.utcoffset(), ambiguous.replace(fold=1).utcoffset())
    gap = datetime(2024, 3, 31, 1, 30, tzinfo=PEOPLE["ana"])
    print("lisbon gap time:", gap.isoformat(), gap.astimezone(UTC).isoformat())

    # a week of meetings for the team
    days = [date(2024, 3, 11) + timedelta(days=i) for i in range(5)]
    busy = {
        "ana": [Interval(datetime(2024, 3, 11, 10, tzinfo=UTC), datetime(2024, 3, 11, 11, 30, tzinfo=UTC), "ana-1:1"),
                Interval(datetime(2024, 3, 12, 13, tzinfo=UTC), datetime(2024, 3, 12, 15, tzinfo=UTC), "ana-review")],
        "ben": [Interval(datetime(2024, 3, 11, 13, 30, tzinfo=UTC), datetime(2024, 3, 11, 14, 0, tzinfo=UTC), "ben-standup"),
                Interval(datetime(2024, 3, 12, 13, 30, tzinfo=UTC), datetime(2024, 3, 12, 14, 0, tzinfo=UTC), "ben-standup"),
                Interval(datetime(2024, 3, 13, 13, 0, tzinfo=UTC), datetime(2024, 3, 13, 17, 0, tzinfo=UTC), "ben-offsite")],
        "dev": [Interval(datetime(2024, 3, 11, 4, 0, tzinfo=UTC), datetime(2024, 3, 11, 5, 0, tzinfo=UTC), "dev-sync")],
    }
    print()
    for team in (["ana", "ben"], ["ana", "dev"], ["ana", "ben", "chen"]):
        print("team", "+".join(team))
        for d in days[:3]:
            win = common_window(team, d)
            if win is None:
                print(f"  {d:%a %d}: no common working hours")
                continue
            all_busy = [iv for p in team for iv in busy.get(p, [])]
            slots = free_slots(win, all_busy, timedelta(minutes=45))
            print(f"  {d:%a %d}: window {win.start:%H:%M}-{win.end:%H:%M}Z, "
                  f"slots: {[f'{s.start:%H:%M}-{s.end:%H:%M}' for s in slots] or 'none'}")

    print("merged busy:", [str(i) for i in merge([iv for ivs in busy.values() for iv in ivs])][:4])

    # recurring meetings
    standups = list(weekly(date(2024, 3, 1), 6))
    print("weekly:", [d.isoformat() for d in standups])
    print("2nd Tuesdays:", [d.isoformat() for d in monthly_nth_weekday(2024, 1, calendar.TUESDAY, 1, 6)])
    print("last Fridays:", [d.strftime("%b %d") for d in monthly_nth_weekday(2024, 10, calendar.FRIDAY, -1, 4)])

    # calendar helpers
    print("iso calendar:", date(2024, 12, 30).isocalendar(), date.fromisocalendar(2025, 1, 1),
          date(2024, 3, 8).timetuple().tm_yday)
    print("week of year:", [date(2024, 1, d).strftime("%U/%W/%V") for d in (1, 7, 8)])
    print(calendar.month_name[3], calendar.weekday(2024, 2, 29), calendar.monthcalendar(2024, 2)[0],
          calendar.isleap(2100))
    hc = calendar.HTMLCalendar(calendar.SUNDAY).formatmonth(2024, 2).count("<td")
    print("html calendar cells:", hc)

    # parsing and formatting
    stamps = ["2024-03-08T09:00:00+00:00", "2024-03-08 10:15", "2024-03-08T23:59:59.123456-05:00",
              "20240308"]
    for s in stamps:
        try:
            dt = datetime.fromisoformat(s)
            print(f"  fromisoformat({s!r}) = {dt!r}")
        except ValueError as e:
            print(f"  fromisoformat({s!r}) failed: {e}")
    dt = datetime.strptime("Fri, 08 Mar 2024 14:05:09 GMT", "%a, %d %b %Y %H:%M:%S %Z")
    print("strptime:", dt, dt.tzinfo, "| strftime:", dt.strftime("%A %B %-d %I:%M %p %j") if False
          else dt.strftime("%A %B %d %I:%M %p %j"))
    print("timestamp:", NOW.timestamp(), datetime.fromtimestamp(1709888400, UTC))
    delta = datetime(2024, 12, 25, tzinfo=UTC) - NOW
    print("until xmas:", delta, delta.days, delta.total_seconds(), delta // timedelta(weeks=1),
          delta % timedelta(days=7))
    print("timedelta math:", timedelta(days=1, hours=-1), -timedelta(minutes=5), timedelta(seconds=1) / 3,
          abs(timedelta(days=-2)), timedelta.max.days, timedelta(weeks=1) * 1.5)
    print("replace/combine:", NOW.replace(hour=0, minute=0).isoformat(),
          datetime.combine(date(2024, 1, 1), time(12, 30, 15, 500)).isoformat(timespec="milliseconds"))
    print("ordering:", sorted([date(2024, 5, 1), date(2023, 1, 1), date(2024, 1, 31)]),
          max(time(1, 2), time(0, 59, 59)), date.min, date.max)
    try:
        datetime(2024, 2, 30)
    except ValueError as e:
        print("invalid date:", e)
    try:
        NOW < datetime(2024, 1, 1)
    except TypeError as e:
        print("naive vs aware:", e)
    fixed = timezone(timedelta(hours=5, minutes=30), "IST")
    print("fixed tz:", NOW.astimezone(fixed), fixed.tzname(None), timezone.utc, timezone(timedelta(hours=-3)))


if __name__ == "__main__":
    main()
