"""Release-notes / change report generator: diffs two config versions with difflib,
wraps and templates text, ranks with heapq, buckets with bisect, pretty-prints
nested data with pprint, and renders a calendar-ish summary."""
import bisect
import calendar
import difflib
import heapq
import pprint
import string
import textwrap
from collections import ChainMap, namedtuple
from datetime import date

OLD_CONFIG = """\
[server]
host = 0.0.0.0
port = 8080
workers = 4
timeout = 30

[database]
url = postgres://db/prod
pool = 10

[features]
beta = false
"""

NEW_CONFIG = """\
[server]
host = 0.0.0.0
port = 8443
workers = 8
timeout = 30
tls = true

[database]
url = postgres://db-primary/prod
pool = 10
replica = postgres://db-replica/prod

[features]
"""

Ticket = namedtuple("Ticket", "key title kind points opened closed assignee")

TICKETS = [
    Ticket("APP-101", "Login page sometimes shows a blank screen after a failed attempt "
                      "when the session cookie has expired", "bug", 3, date(2023, 4, 3), date(2023, 4, 5), "ana"),
    Ticket("APP-102", "Add TLS termination", "feature", 8, date(2023, 4, 1), date(2023, 4, 20), "bo"),
    Ticket("APP-103", "Upgrade database driver", "chore", 2, date(2023, 4, 10), date(2023, 4, 11), "cy"),
    Ticket("APP-104", "Crash when uploading files > 2GB", "bug", 5, date(2023, 4, 12), date(2023, 4, 28), "ana"),
    Ticket("APP-105", "Read replicas for reporting queries", "feature", 13, date(2023, 3, 20), date(2023, 4, 27), "bo"),
    Ticket("APP-106", "Typo in footer", "bug", 1, date(2023, 4, 14), date(2023, 4, 14), "di"),
    Ticket("APP-107", "Remove beta feature flag", "chore", 1, date(2023, 4, 18), date(2023, 4, 19), "cy"),
    Ticket("APP-108", "Dark mode", "feature", 5, date(2023, 4, 2), None, "di"),
]

HEADER = string.Template("""\
$product release $version
${underline}
Released: $when ($weekday) by $team.
Contains $n_closed closed tickets worth $points points; $$-budget: ${budget}.
""")


class SafeDict(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def size_bucket(points, edges=(1, 3, 5, 8), labels=("XS", "S", "M", "L", "XL")):
    return labels[bisect.bisect_left(edges, points)]


def grade(score, breakpoints=(60, 70, 80, 90), grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


def main():
    version = "2.4.0"
    closed = [t for t in TICKETS if t.closed]
    when = date(2023, 5, 2)
    header = HEADER.substitute(
        product="Pyceval Web", version=version, underline="=" * len(f"Pyceval Web release {version}"),
        when=when.isoformat(), weekday=calendar.day_name[when.weekday()], team="the web team",
        n_closed=len(closed), points=sum(t.points for t in closed), budget="n/a")
    print(header)
    try:
        HEADER.substitute(product="x")
    except KeyError as e:
        print("template missing key:", e)
    print(string.Template("$a and $b and ${c}").safe_substitute(a=1, c=3))
    print("{title} by {owner}".format_map(SafeDict(title="Untitled")))
    print(string.capwords("hello   wide world"), string.ascii_lowercase[:5], string.punctuation[:6])

    # changes grouped by kind, wrapped
    print("Changes")
    print("-------")
    for kind in ("feature", "bug", "chore"):
        items = [t for t in closed if t.kind == kind]
        print(f"{kind.title()}s ({len(items)}):")
        for t in sorted(items, key=lambda t: t.key):
            body = f"{t.key} [{size_bucket(t.points)}] {t.title} (@{t.assignee})"
            print(textwrap.fill(body, width=64, initial_indent="  * ", subsequent_indent="    "))
    print()
    print(textwrap.indent(textwrap.dedent("""\
        Note:
            Tickets still open are listed at the end.
        Thanks to everyone who contributed!
    """), "> ", lambda line: True))
    print(textwrap.shorten("This very long sentence will be shortened to fit in the width", 30,
                           placeholder=" [...]"))

    # largest / slowest tickets with heapq
    durations = [((t.closed - t.opened).days, t.key) for t in closed]
    print("slowest:", heapq.nlargest(3, durations))
    print("fastest:", heapq.nsmallest(2, durations, key=lambda d: (d[0], d[1])))
    heap = []
    for t in TICKETS:
        heapq.heappush(heap, (-t.points, t.key))
    top = [heapq.heappop(heap) for _ in range(3)]
    print("by points:", [(k, -p) for p, k in top])
    merged = list(heapq.merge([1, 4, 9], [2, 3, 10], [5]))
    print("merged:", merged, heapq.heappushpop([5, 7], 6), heapq.heapreplace([5, 7], 1))

    # bisect for grades and insort for a sorted log
    scores = {"ana": 91, "bo": 78, "cy": 64, "di": 55}
    print("grades:", {k: grade(v) for k, v in sorted(scores.items())})
    timeline = []
    for t in TICKETS:
        bisect.insort(timeline, (t.opened, t.key))
    idx = bisect.bisect_left(timeline, (date(2023, 4, 10),))
    print("opened before Apr 10:", [k for _, k in timeline[:idx]])
    print("bisect key:", bisect.bisect_right(TICKETS, 5, key=lambda t: t.points) if False else
          bisect.bisect_right(sorted(t.points for t in TICKETS), 5))

    # difflib: config diff, close matches, ratios
    print()
    diff = difflib.unified_diff(OLD_CONFIG.splitlines(keepends=True),
                                NEW_CONFIG.splitlines(keepends=True),
                                fromfile="config-2.3.ini", tofile="config-2.4.ini", n=1)
    print("".join(diff), end="")
    print()
    cd = list(difflib.context_diff(["a\n", "b\n", "c\n"], ["a\n", "B\n", "c\n"], "x", "y"))
    print("".join(cd), end="")
    nd = list(difflib.ndiff(["server = 1\n"], ["servers = 1\n"]))
    print("".join(nd), end="")
    sm = difflib.SequenceMatcher(None, "release notes", "released nodes")
    print("ratio:", round(sm.ratio(), 3), sm.get_matching_blocks()[:3])
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            print(f"  {tag:7} a[{i1}:{i2}]={sm.a[i1:i2]!r} b[{j1}:{j2}]={sm.b[j1:j2]!r}")
    print("did you mean:", difflib.get_close_matches("featur", ["feature", "future", "bug", "chore"]))
    html = difflib.HtmlDiff(wrapcolumn=40).make_table(["x = 1"], ["x = 2"])
    print("html diff rows:", html.count("<tr>"))

    # pprint of nested structure
    print()
    summary = {
        "version": version,
        "by_assignee": {a: sorted(t.key for t in TICKETS if t.assignee == a)
                        for a in sorted({t.assignee for t in TICKETS})},
        "sizes": [size_bucket(t.points) for t in TICKETS],
        "open": [t._asdict() for t in TICKETS if not t.closed],
        "config": ChainMap({"port": 8443}, {"port": 8080, "host": "0.0.0.0"}).maps,
    }
    pprint.pprint(summary, width=72, sort_dicts=True)
    print(pprint.pformat(list(range(30)), compact=True, width=40))
    print(pprint.pformat({"deep": {"er": {"est": [1, [2, [3, [4]]]]}}}, depth=3))
    print(pprint.isreadable({"a": 1}), pprint.saferepr([1, 2, {"k": "v"}]))
    rec = [1]
    rec.append(rec)
    print(pprint.pformat(rec).split(" with id=")[0], pprint.isrecursive(rec))

    # calendar
    print()
    cal = calendar.TextCalendar(firstweekday=calendar.MONDAY)
    month = cal.formatmonth(2023, 4)
    marks = {t.closed.day for t in closed if t.closed.month == 4}
    for line in month.splitlines():
        print(line.rstrip())
    print("closing days:", sorted(marks), "weekdays:",
          sorted({calendar.day_abbr[date(2023, 4, d).weekday()] for d in marks}))
    print("leap:", calendar.isleap(2024), calendar.leapdays(2000, 2030), calendar.monthrange(2023, 2))


if __name__ == "__main__":
    main()
