"""Sales data pipeline: CSV in, JSON in, join, aggregate, report tables, CSV/JSON out."""
import csv
import io
import itertools
import json
import statistics
from collections import Counter, OrderedDict, defaultdict, namedtuple
from datetime import date, datetime, timedelta
from operator import attrgetter, itemgetter

SALES_CSV = """\
order_id,date,region,rep,product,units,unit_price
1001,2023-01-05,North,Alice,Widget,12,2.50
1002,2023-01-05,South,Bob,Gadget,3,19.99
1003,2023-01-06,North,Alice,Gizmo,7,7.25
1004,2023-01-09,East,Carol,Widget,40,2.40
1005,2023-01-10,West,Dan,"Gadget, deluxe",1,49.00
1006,2023-01-11,South,Bob,Widget,25,2.50
1007,2023-01-11,North,Erin,Gadget,6,19.99
1008,2023-01-12,East,Carol,Gizmo,11,7.00
1009,2023-01-15,West,Dan,Widget,,2.50
1010,2023-01-16,South,Frank,Gizmo,9,7.25
1011,2023-02-01,North,Alice,Widget,18,2.45
1012,2023-02-02,East,Carol,"Gadget, deluxe",2,47.50
1013,2023-02-03,West,Dan,Gizmo,4,7.25
1014,2023-02-07,South,Bob,Gadget,5,19.50
1015,2023-02-08,North,Erin,Widget,30,2.40
1016,2023-02-14,East,Gina,Gadget,8,19.99
1017,2023-02-20,West,Dan,Widget,14,bad
1018,2023-02-21,South,Frank,Widget,22,2.50
"""

REPS_JSON = """
{
  "reps": [
    {"name": "Alice", "team": "Blue", "hired": "2019-03-01", "quota": 60},
    {"name": "Bob", "team": "Red", "hired": "2020-07-15", "quota": 45},
    {"name": "Carol", "team": "Blue", "hired": "2018-11-20", "quota": 70},
    {"name": "Dan", "team": "Green", "hired": "2021-01-04", "quota": 30},
    {"name": "Erin", "team": "Red", "hired": "2022-05-30", "quota": 40},
    {"name": "Frank", "team": "Green", "hired": "2022-09-12", "quota": 35}
  ],
  "discounts": {"Widget": 0.05, "Gadget": 0.0, "Gizmo": 0.1}
}
"""

Sale = namedtuple("Sale", "order_id day region rep product units unit_price")


def load_sales(text):
    good, bad = [], []
    reader = csv.DictReader(io.StringIO(text))
    for lineno, row in enumerate(reader, start=2):
        try:
            sale = Sale(
                order_id=int(row["order_id"]),
                day=datetime.strptime(row["date"], "%Y-%m-%d").date(),
                region=row["region"],
                rep=row["rep"],
                product=row["product"],
                units=int(row["units"]),
                unit_price=float(row["unit_price"]),
            )
        except ValueError as exc:
            bad.append((lineno, row["order_id"], str(exc)))
            continue
        good.append(sale)
    return good, bad


def revenue(sale, discounts):
    base = sale.units * sale.unit_price
    disc = discounts.get(sale.product.split(",")[0], 0.0)
    return round(base * (1 - disc), 2)


def table(headers, rows, aligns=None):
    aligns = aligns or ["<"] * len(headers)
    widths = [len(h) for h in headers]
    srows = [[str(c) for c in r] for r in rows]
    for r in srows:
        widths = [max(w, len(c)) for w, c in zip(widths, r)]
    fmt = " | ".join("{:%s%d}" % (a, w) for a, w in zip(aligns, widths))
    lines = [fmt.format(*headers), "-+-".join("-" * w for w in widths)]
    lines += [fmt.format(*r) for r in srows]
    return "\n".join(lines)


def main():
    sales, bad = load_sales(SALES_CSV)
    meta = json.loads(REPS_JSON, object_pairs_hook=OrderedDict)
    reps = {r["name"]: r for r in meta["reps"]}
    discounts = meta["discounts"]
    print(f"loaded {len(sales)} sales, rejected {len(bad)}")
    for lineno, oid, msg in bad:
        print(f"  line {lineno} (order {oid}): {msg}")

    # revenue per region
    by_region = defaultdict(float)
    units_by_product = Counter()
    for s in sales:
        by_region[s.region] += revenue(s, discounts)
        units_by_product[s.product] += s.units
    print()
    print(table(["region", "revenue"],
                [(r, f"{v:,.2f}") for r, v in sorted(by_region.items(), key=itemgetter(1), reverse=True)],
                ["<", ">"]))
    print()
    print("top products:", units_by_product.most_common(3))
    print("units total:", sum(units_by_product.values()), "distinct:", len(units_by_product))

    # monthly groupby
    print()
    keyfunc = lambda s: (s.day.year, s.day.month)
    rows = []
    for (y, m), group in itertools.groupby(sorted(sales, key=attrgetter("day")), key=keyfunc):
        group = list(group)
        revs = [revenue(s, discounts) for s in group]
        rows.append((f"{y}-{m:02d}", len(group), f"{sum(revs):.2f}",
                     f"{statistics.mean(revs):.2f}", f"{statistics.median(revs):.2f}",
                     f"{statistics.pstdev(revs):.3f}"))
    print(table(["month", "orders", "total", "mean", "median", "pstdev"], rows,
                ["<", ">", ">", ">", ">", ">"]))

    # per-rep performance vs quota with team join
    print()
    units_by_rep = Counter()
    for s in sales:
        units_by_rep[s.rep] += s.units
    rows = []
    for name, info in sorted(reps.items(), key=lambda kv: (kv[1]["team"], kv[0])):
        units = units_by_rep.get(name, 0)
        pct = units / info["quota"]
        tenure = (date(2023, 3, 1) - date.fromisoformat(info["hired"])).days // 365
        rows.append((info["team"], name, units, info["quota"], f"{pct:.0%}",
                     "yes" if pct >= 1 else "no", tenure))
    print(table(["team", "rep", "units", "quota", "pct", "met", "yrs"], rows))
    # reps in sales data but not in roster
    unknown = sorted({s.rep for s in sales} - reps.keys())
    print("unknown reps:", unknown)

    # team summary using itertools and statistics
    print()
    team_units = defaultdict(list)
    for s in sales:
        team = reps.get(s.rep, {}).get("team", "?")
        team_units[team].append(s.units)
    for team in sorted(team_units):
        u = team_units[team]
        print(f"{team:6} n={len(u):2} sum={sum(u):4} mean={statistics.fmean(u):6.2f} "
              f"mode={statistics.mode(u):3} quantiles={statistics.quantiles(u, n=4) if len(u) > 1 else '-'}")

    # running total with accumulate, weekly buckets
    print()
    daily = defaultdict(float)
    for s in sales:
        daily[s.day] += revenue(s, discounts)
    days = sorted(daily)
    running = list(itertools.accumulate(daily[d] for d in days))
    for d, total in zip(days[::3], running[::3]):
        week = d.isocalendar()
        print(f"{d:%a %d %b} week {week[1]:2}  running {total:9.2f}")
    span = days[-1] - days[0]
    print("span:", span, "| per day:", round(running[-1] / (span / timedelta(days=1)), 3))

    # CSV out
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(["product", "units", "revenue"])
    prod_rev = defaultdict(float)
    for s in sales:
        prod_rev[s.product] += revenue(s, discounts)
    for product in sorted(prod_rev):
        writer.writerow([product, units_by_product[product], f"{prod_rev[product]:.2f}"])
    print()
    print(out.getvalue(), end="")

    # DictWriter with tab dialect, reread with Sniffer
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=["rep", "orders"], delimiter="\t", lineterminator="\n")
    w.writeheader()
    orders = Counter(s.rep for s in sales)
    w.writerows({"rep": r, "orders": n} for r, n in sorted(orders.items()))
    dialect = csv.Sniffer().sniff(out.getvalue())
    print("sniffed delimiter:", repr(dialect.delimiter))
    back = list(csv.DictReader(io.StringIO(out.getvalue()), dialect=dialect))
    print("reread:", [(r["rep"], int(r["orders"])) for r in back])

    # JSON report
    report = {
        "generated": date(2023, 3, 1).isoformat(),
        "regions": {k: round(v, 2) for k, v in sorted(by_region.items())},
        "rejected": [oid for _, oid, _ in bad],
        "best_day": max(daily.items(), key=itemgetter(1))[0],
    }
    print(json.dumps(report, indent=2, default=str))
    try:
        json.dumps({"x": {1, 2}})
    except TypeError as e:
        print("json error:", e)
    try:
        json.loads('{"a": 1,}')
    except json.JSONDecodeError as e:
        print("decode error:", e.msg, "at", e.lineno, e.colno)


if __name__ == "__main__":
    main()
