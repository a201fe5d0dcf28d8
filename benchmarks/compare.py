"""Compare two results of `benchmarks/run.py --json`: did pyceval get slower?

    python3 benchmarks/compare.py OLD.json NEW.json [--threshold PERCENT]

Prints, per workload, the old and the new ratio (pyceval time / native time), and the
change in percent; then the same for the geometric means. A ratio that grew by more
than the threshold (10% by default), or a workload that failed in NEW, is flagged as
a regression, and the exit status is 1.
"""
import argparse
import json
import sys

from run import ratio_text


def load(path):
    with open(path) as f:
        return json.load(f)


def compare(old, new, threshold):
    """Rows (name, old ratio, new ratio, change %, flag) and whether any regressed."""
    before, after = old["workloads"], new["workloads"]
    names = list(before) + [name for name in after if name not in before]
    lines = [(name, before.get(name, {}).get("ratio"), after.get(name, {}).get("ratio"),
              after.get(name)) for name in names]
    lines += [(label, old["summary"][key], new["summary"][key], None)
              for key, label in (("geomean", "geometric mean"), ("call_heavy", "call-heavy"))]
    rows, regressed = [], False
    for name, old_ratio, new_ratio, record in lines:
        change = flag = ""
        if name in names and name not in after:
            flag = "(not in new)"
        elif name in names and name not in before:
            flag = "(not in old)"
        elif record is not None and (record["error"] or not record["agree"]):
            flag, regressed = "FAILED in new", True
        if old_ratio and new_ratio:
            percent = (new_ratio - old_ratio) / old_ratio * 100
            change = f"{percent:+.1f}%"
            if percent > threshold:
                flag, regressed = flag or "REGRESSION", True
        rows.append((name, old_ratio, new_ratio, change, flag))
    return rows, regressed


def main(argv):
    parser = argparse.ArgumentParser(description="compare two benchmarks/run.py results")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--threshold", type=float, default=10.0,
                        help="percent of slow-down flagged as a regression (default 10)")
    args = parser.parse_args(argv)
    rows, regressed = compare(load(args.old), load(args.new), args.threshold)
    print(f"{'workload':<26}{'old ratio':>10}{'new ratio':>10}{'change':>9}")
    for name, before, after, change, flag in rows:
        line = f"{name:<26}{ratio_text(before):>10}{ratio_text(after):>10}{change:>9}  {flag}"
        print(line.rstrip())
    if regressed:
        print(f"\nregressions (over {args.threshold:g}% slower, or failing) flagged above")
    return 1 if regressed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
