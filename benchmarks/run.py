"""The benchmark runner: pyperformance's pure-Python benchmarks, natively and under
pyceval in the same run.

    pip install -e '.[bench]'                     # pyperformance (and pyperf)
    python3 benchmarks/run.py [--repeat N] [--scale S] [--only a,b] [--no-off]
                              [--no-stats] [--json FILE] [--timeout SECONDS] [--pyceval DIR]
    python3 benchmarks/compare.py OLD.json NEW.json

Every measurement is a subprocess running `benchmarks/driver.py WORKLOAD` (see there:
one warm-up call, one timed call, CPU time, a fingerprint of the result, peak RSS):

    native          python3 benchmarks/driver.py WORKLOAD
    pyceval         python3 -m pyceval run benchmarks/driver.py WORKLOAD
    off             python3 -m pyceval run --no-specialize benchmarks/driver.py WORKLOAD
    instructions    python3 -m pyceval stats --json OUT benchmarks/driver.py WORKLOAD --no-warmup

The times are medians of `--repeat` runs (the three configurations take turns).
"instructions" is `total_instructions` of one extra, untimed run: the whole driver
(imports, setup, one call); a count far below the others' means the workload ran
natively by accident. The `off` column and the instruction count show "n/a" when the
pyceval being measured does not have `--no-specialize` or `stats` (yet), or when
`--no-off` / `--no-stats` skip them to save time.

The table: native and pyceval seconds, ratio, ratio with specialization off, memory
ratio (peak RSS pyceval / native), instructions; then geometric means (all workloads,
and the call-heavy ones) and the targets. A workload whose result differs between
native and pyceval is marked FAILED, and so is one that crashes; either makes the exit
status 1. `--json FILE` keeps every timing, median, ratio, memory and instruction count
with the machine's description, for `compare.py`. `--pyceval DIR` measures the pyceval
of another source tree (a checkout of another commit, say) with this runner.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

from driver import INSTALL_HINT, WORKLOADS, benchmarks_dir

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DRIVER = os.path.join(HERE, "driver.py")

CALL_HEAVY = ("richards", "go", "deltablue", "raytrace", "chaos")
TARGETS = {     # summary key -> (label, limit)
    "geomean": ("geomean of the ratios", 15.0),
    "call_heavy": ("geomean, call-heavy (" + ", ".join(CALL_HEAVY) + ")", 30.0),
    "memory_worst": ("memory (peak RSS), worst workload", 2.0),
}
PYCEVAL = [sys.executable, "-m", "pyceval"]
CONFIGS = {     # configuration -> the command that runs the driver
    "native": [sys.executable],
    "pyceval": PYCEVAL + ["run"],
    "off": PYCEVAL + ["run", "--no-specialize"],
}


class MeasurementError(Exception):
    pass


def run_command(argv, args):
    """Run argv with the pyceval of `--pyceval` importable (first on the path, and the
    working directory, which `python3 -m` puts first)."""
    path = os.environ.get("PYTHONPATH")
    env = dict(os.environ, PYTHONPATH=args.pyceval + (os.pathsep + path if path else ""),
               PYTHONHASHSEED="0")
    try:
        return subprocess.run(argv, capture_output=True, text=True, env=env,
                              cwd=args.pyceval, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        raise MeasurementError(f"timed out after {args.timeout} s") from None


def failure(proc):
    lines = (proc.stderr or proc.stdout).strip().splitlines()
    return f"exit status {proc.returncode}: {lines[-1] if lines else '(no output)'}"


def measure(config, workload, args):
    """One driver run in `config`: {"seconds", "fingerprint", "result", "maxrss_kb"}."""
    argv = CONFIGS[config] + [DRIVER, workload, "--scale", str(args.scale)]
    proc = run_command(argv, args)
    if proc.returncode != 0:
        raise MeasurementError(f"{config}: {failure(proc)}")
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise MeasurementError(f"{config}: no measurement in the output") from None


def count_instructions(workload, args):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "stats.json")
        argv = PYCEVAL + ["stats", "--json", out, DRIVER, workload,
                          "--scale", str(args.scale), "--no-warmup"]
        proc = run_command(argv, args)
        if proc.returncode != 0:
            raise MeasurementError(f"stats: {failure(proc)}")
        with open(out) as f:
            return json.load(f)["total_instructions"]


def feature_supported(command, args):
    """Does this pyceval accept an option or command being added? `command(script,
    out)` is the command line that runs an empty script, writing to `out` if it must."""
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "empty.py")
        open(script, "w").close()
        return run_command(command(script, os.path.join(tmp, "out.json")), args).returncode == 0


def summarize_config(runs):
    return {
        "seconds": [r["seconds"] for r in runs],
        "maxrss_kb": [r["maxrss_kb"] for r in runs],
        "median": statistics.median(r["seconds"] for r in runs),
        "median_maxrss_kb": statistics.median(r["maxrss_kb"] for r in runs),
        "fingerprint": runs[0]["fingerprint"],
        "result": runs[0]["result"],
        "fingerprints_stable": len({r["fingerprint"] for r in runs}) == 1,
    }


def run_workload(name, args, configs, with_stats):
    """All measurements of one workload, as the JSON record of it."""
    record = {"error": None, "agree": False, "ratio": None, "ratio_off": None,
              "memory_ratio": None, "instructions": None}
    try:
        runs = {config: [] for config in configs}
        for _ in range(args.repeat):
            for config in configs:
                runs[config].append(measure(config, name, args))
        for config in configs:
            record[config] = summarize_config(runs[config])
    except MeasurementError as e:
        record["error"] = str(e)
        return record
    native = record["native"]
    fingerprints = {record[config]["fingerprint"] for config in configs}
    record["agree"] = len(fingerprints) == 1 and all(
        record[config]["fingerprints_stable"] for config in configs)
    for config, key in (("pyceval", "ratio"), ("off", "ratio_off")):
        if config in record:
            record[key] = record[config]["median"] / max(native["median"], 1e-9)
    record["memory_ratio"] = record["pyceval"]["median_maxrss_kb"] / native["median_maxrss_kb"]
    if with_stats:
        try:
            record["instructions"] = count_instructions(name, args)
        except (MeasurementError, OSError, KeyError, ValueError) as e:
            record["instructions_error"] = str(e)
    return record


def geomean(values):
    values = [v for v in values if v]
    return statistics.geometric_mean(values) if values else None


def summarize(results):
    ok = {name: r for name, r in results.items() if r["error"] is None}
    heavy = [r for name, r in ok.items() if name in CALL_HEAVY]
    memory = {name: r["memory_ratio"] for name, r in ok.items()}
    summary = {
        "geomean": geomean(r["ratio"] for r in ok.values()),
        "geomean_off": geomean(r["ratio_off"] for r in ok.values()),
        "call_heavy": geomean(r["ratio"] for r in heavy),
        "call_heavy_off": geomean(r["ratio_off"] for r in heavy),
        "memory_geomean": geomean(memory.values()),
        "memory_worst": max(memory.values(), default=None),
        "memory_worst_workload": max(memory, key=memory.get, default=None),
    }
    summary["targets"] = {
        key: {"limit": limit, "value": summary[key],
              "pass": summary[key] is not None and summary[key] <= limit}
        for key, (label, limit) in TARGETS.items()}
    return summary


# The table.

COLUMNS = (("workload", 16), ("native s", 10), ("pyceval s", 11), ("ratio", 9),
           ("ratio off", 10), ("memory", 8), ("instructions", 14), ("", 0))


def row(*cells):
    return "".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                   for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS))).rstrip()


def ratio_text(value):
    return "n/a" if value is None else f"{value:.1f}x"


def instructions_text(record):
    n = record["instructions"]
    if n is None:
        return "error" if "instructions_error" in record else "n/a"
    return f"{n / 1e6:.1f}M" if n >= 1e5 else f"{n:,}"


def table_row(name, record):
    if record["error"]:
        return row(name, "", "", "", "", "", "", "   FAILED: " + record["error"])
    status = "" if record["agree"] else "   FAILED: results differ: " + ", ".join(
        f"{c} {record[c]['result']!r}" for c in CONFIGS if c in record)
    return row(name, f"{record['native']['median']:.4f}", f"{record['pyceval']['median']:.4f}",
               ratio_text(record["ratio"]), ratio_text(record["ratio_off"]),
               ratio_text(record["memory_ratio"]), instructions_text(record), status)


def print_summary(summary):
    print(row("geometric mean", "", "", ratio_text(summary["geomean"]),
              ratio_text(summary["geomean_off"]), ratio_text(summary["memory_geomean"])))
    print(row("call-heavy", "", "", ratio_text(summary["call_heavy"]),
              ratio_text(summary["call_heavy_off"])))
    print("\ntargets:")
    for key, (label, limit) in TARGETS.items():
        target = summary["targets"][key]
        mark = "pass" if target["pass"] else "FAIL"
        worst = summary["memory_worst_workload"]
        where = f" ({worst})" if key == "memory_worst" and worst else ""
        print(f"  [{mark}] {label}: {ratio_text(target['value'])}{where} <= {limit:g}x")


def git(args, *command):
    return subprocess.run(["git", "-C", args.pyceval, *command],
                          capture_output=True, text=True).stdout.strip()


def machine_info(args):
    commit = git(args, "rev-parse", "--short", "HEAD")
    return {
        "python": sys.version,
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "pyceval_dir": args.pyceval,
        "pyceval_commit": commit or None,
        "pyceval_modified": bool(commit and git(args, "status", "--porcelain", "pyceval")),
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="pyperformance workloads natively and under pyceval",
        epilog="See the module docstring (benchmarks/run.py) for details.")
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration (median)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size factor of every workload (1: ~0.05-0.1 s natively)")
    parser.add_argument("--only", help="comma-separated workloads: " + ", ".join(WORKLOADS))
    parser.add_argument("--no-off", action="store_true",
                        help="skip the run with specialization off")
    parser.add_argument("--no-stats", action="store_true",
                        help="skip the run that counts instructions")
    parser.add_argument("--json", metavar="FILE", help="write all results to FILE")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds allowed for one subprocess")
    parser.add_argument("--pyceval", metavar="DIR", default=ROOT,
                        help="the source tree whose pyceval to measure (default: this one)")
    args = parser.parse_args(argv)
    args.pyceval = os.path.abspath(args.pyceval)
    if not os.path.isfile(os.path.join(args.pyceval, "pyceval", "__main__.py")):
        parser.error(f"no pyceval package in {args.pyceval}")
    args.workloads = args.only.split(",") if args.only else list(WORKLOADS)
    unknown = [name for name in args.workloads if name not in WORKLOADS]
    if unknown:
        parser.error(f"unknown workloads: {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
    if args.repeat < 1 or args.scale <= 0:
        parser.error("--repeat must be at least 1 and --scale positive")
    return args


def main(argv):
    args = parse_args(argv)
    if benchmarks_dir() is None:
        print(f"pyperformance is not installed; install it with: {INSTALL_HINT}", file=sys.stderr)
        return 2
    configs = ["native", "pyceval"]
    off_supported = not args.no_off and feature_supported(
        lambda script, out: CONFIGS["off"] + [script], args)
    if off_supported:
        configs.append("off")
    stats_supported = not args.no_stats and feature_supported(
        lambda script, out: PYCEVAL + ["stats", "--json", out, script], args)
    if not args.no_off and not off_supported:
        print("note: `pyceval run --no-specialize` is not accepted: the off column is n/a")
    if not args.no_stats and not stats_supported:
        print("note: `pyceval stats` is not available: instructions are n/a")

    machine = machine_info(args)
    commit = machine["pyceval_commit"] or "(commit unknown)"
    if machine["pyceval_modified"]:
        commit += " with uncommitted changes"
    print(f"pyceval {commit} ({args.pyceval}), Python {platform.python_version()}, "
          f"scale {args.scale:g}, median of {args.repeat}\n")
    results = {}
    print(row(*(title for title, _ in COLUMNS)))
    for name in args.workloads:
        results[name] = run_workload(name, args, configs, stats_supported)
        print(table_row(name, results[name]), flush=True)
    summary = summarize(results)
    print_summary(summary)

    failed = [name for name, r in results.items() if r["error"] or not r["agree"]]
    if failed:
        print(f"\nFAILED: {', '.join(failed)}")
    if args.json:
        report = {"machine": machine,
                  "settings": {"repeat": args.repeat, "scale": args.scale,
                               "configs": configs, "stats": stats_supported},
                  "workloads": results, "summary": summary}
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
            f.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
