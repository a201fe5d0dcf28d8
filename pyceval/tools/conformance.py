"""`pyceval conformance`: CPython's own test suite (Lib/test), run natively and under
pyceval, compared case by case.

    pyceval conformance [-j N] [--timeout S] [--json FILE] [--markdown FILE] [--known FILE]
                        [--title T] [MODULE ...]
    python -m pyceval.tools.conformance ...

Each `test.<module>` runs in its own process, once with `python3` and once with
`python3 -m pyceval run`, through a small unittest driver that records every case's
outcome. A case *conforms* when its outcome under pyceval equals the native one (pass,
skip, expected failure). Cases that do not pass natively are left out of the score. A
module whose pyceval process crashes or times out counts all its cases as failing.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

CORE = """test_grammar test_opcodes test_scope test_class test_super test_descr test_exceptions
test_raise test_exception_group test_except_star test_with test_contextlib test_contextlib_async
test_generators test_coroutines test_asyncgen test_patma test_listcomps test_setcomps
test_dictcomps test_unpack test_unpack_ex test_keywordonlyarg test_positional_only_arg
test_decorators test_funcattrs test_augassign test_bool test_int test_float test_list
test_tuple test_dict test_set test_fstring test_iter test_property test_richcmp test_compare
test_contains test_slice test_sort test_unary test_pow test_types test_string_literals
test_global test_named_expressions test_extcall test_genexps test_syntax test_builtin""".split()

# The driver runs as the program (natively, or as guest code under pyceval): it loads
# test.<module> with unittest's loader (load_tests protocol included) and writes the
# outcome of every case to a JSON file.
DRIVER = r'''
import json, sys, unittest, traceback
module, out = sys.argv[1], sys.argv[2]
results = {}
def first_line(err):
    lines = traceback.format_exception_only(err[0], err[1])
    text = lines[-1].strip() if lines else repr(err[1])
    text = text.splitlines()[0] if text else text
    return text if len(text) <= 200 else text[:197] + "..."
class Recorder(unittest.TextTestResult):
    def addSuccess(self, test):
        super().addSuccess(test); results.setdefault(test.id(), ["pass", ""])
    def addFailure(self, test, err):
        super().addFailure(test, err); results[test.id()] = ["fail", first_line(err)]
    def addError(self, test, err):
        super().addError(test, err); results[test.id()] = ["error", first_line(err)]
    def addSkip(self, test, reason):
        super().addSkip(test, reason); results[test.id()] = ["skip", str(reason)[:200]]
    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err); results[test.id()] = ["xfail", ""]
    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test); results[test.id()] = ["xpass", ""]
    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "fail" if issubclass(err[0], test.failureException) else "error"
            results[test.id()] = [kind, first_line(err)]
def save():
    with open(out, "w") as fh:
        json.dump(results, fh)
try:
    suite = unittest.defaultTestLoader.loadTestsFromName("test." + module)
except Exception as e:
    results["<load>"] = ["error", f"{type(e).__name__}: {e}"]
    save(); raise SystemExit(3)
import atexit; atexit.register(save)
runner = unittest.TextTestRunner(resultclass=Recorder, verbosity=0, stream=sys.stderr)
runner.run(suite)
save()
'''

PASSING = {"pass", "skip", "xfail"}


def run_module(module, under_vm, timeout):
    """Run one module; returns (outcomes dict, status string, seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "results.json")
        argv = [sys.executable]
        if under_vm:
            argv += ["-m", "pyceval", "run"]
        argv += ["-c", DRIVER, module, out]
        env = dict(os.environ, PYTHONHASHSEED="0")
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
        start = time.monotonic()
        status = "ok"
        try:
            p = subprocess.run(argv, cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
            if p.returncode < 0:
                status = f"crashed (signal {-p.returncode})"
            elif p.returncode not in (0, 1):
                tail = p.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                status = f"crashed (status {p.returncode}: {tail[0][:120]})"
        except subprocess.TimeoutExpired:
            status = f"timed out after {timeout}s"
        seconds = time.monotonic() - start
        try:
            with open(out) as fh:
                results = json.load(fh)
        except (OSError, ValueError):
            results = {}
        return results, status, seconds


def compare(module, timeout):
    native, nstatus, nsec = run_module(module, False, timeout)
    vm, vstatus, vsec = run_module(module, True, timeout)
    row = {"module": module, "native_status": nstatus, "vm_status": vstatus,
           "native_seconds": round(nsec, 2), "vm_seconds": round(vsec, 2),
           "native_passing": 0, "conforming": 0, "failing": 0, "erroring": 0, "lost": 0,
           "nonconforming": []}
    vm_ok = vstatus == "ok"
    for case, (outcome, _) in sorted(native.items()):
        if outcome not in PASSING:
            continue
        row["native_passing"] += 1
        got = vm.get(case)
        if vm_ok and got is not None and got[0] == outcome:
            row["conforming"] += 1
            continue
        if got is None or not vm_ok:
            row["lost"] += 1
            detail = vstatus if not vm_ok else "not run under pyceval"
            row["nonconforming"].append([case, "lost", detail])
        elif got[0] == "error":
            row["erroring"] += 1
            row["nonconforming"].append([case, "error", got[1]])
        else:
            row["failing"] += 1
            row["nonconforming"].append([case, got[0], got[1] or f"native {outcome}"])
    return row


def render_table(rows):
    head = (f"{'module':<30}{'native':>8}{'conform':>9}{'fail':>6}{'error':>7}{'lost':>6}"
            f"{'%':>8}  status")
    lines = [head, "-" * len(head)]
    tot = {"native_passing": 0, "conforming": 0, "failing": 0, "erroring": 0, "lost": 0}
    for r in rows:
        for k in tot:
            tot[k] += r[k]
        pct = 100.0 * r["conforming"] / r["native_passing"] if r["native_passing"] else 100.0
        lines.append(f"{r['module']:<30}{r['native_passing']:>8}{r['conforming']:>9}"
                     f"{r['failing']:>6}{r['erroring']:>7}{r['lost']:>6}{pct:>7.1f}%  {r['vm_status']}")
    pct = 100.0 * tot["conforming"] / tot["native_passing"] if tot["native_passing"] else 100.0
    lines.append("-" * len(head))
    lines.append(f"{'total':<30}{tot['native_passing']:>8}{tot['conforming']:>9}{tot['failing']:>6}"
                 f"{tot['erroring']:>7}{tot['lost']:>6}{pct:>7.1f}%")
    return "\n".join(lines), pct


def load_known(path):
    """The known divergences file: (CAUSES, KNOWN) -- cause -> reason, case -> cause."""
    if not path:
        return {}, {}
    ns = {}
    with open(path) as fh:
        exec(compile(fh.read(), path, "exec"), ns)
    return ns.get("CAUSES", {}), ns.get("KNOWN", {})


def render_markdown(rows, pct, command, known=({}, {}), title="Core list"):
    causes, cases = known
    v = sys.version.split()[0]
    out = [f"## {title}", "",
           f"Generated {time.strftime('%Y-%m-%d')} with CPython {v} by `{command}`.", "",
           f"**{pct:.2f}%** of the natively passing cases conform.", "",
           "| module | native passing | conforming | failing | erroring | lost | % | pyceval status |",
           "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        p = 100.0 * r["conforming"] / r["native_passing"] if r["native_passing"] else 100.0
        out.append(f"| {r['module']} | {r['native_passing']} | {r['conforming']} | {r['failing']} "
                   f"| {r['erroring']} | {r['lost']} | {p:.1f} | {r['vm_status']} |")
    groups = {}
    for r in rows:
        for case, kind, detail in r["nonconforming"]:
            groups.setdefault(cases.get(case, "not yet classified"), []).append((case, kind, detail))
    out += ["", "### Remaining failures by cause", ""]
    if not groups:
        out.append("None.")
    for cause, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        out += [f"**{cause}** ({len(items)}): {causes.get(cause, '')}", ""]
        out += [f"- `{case}` ({kind}): {detail[:200]}" for case, kind, detail in items]
        out.append("")
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(prog="pyceval conformance", description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help="test modules (default: the core list)")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, help="modules in parallel")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per module and run")
    ap.add_argument("--json", help="write the results as JSON")
    ap.add_argument("--markdown", help="write a Markdown report section to this file")
    ap.add_argument("--title", default="Core list", help="heading of the Markdown section")
    ap.add_argument("--known", help="known divergences file (CAUSES, KNOWN) to group failures by")
    args = ap.parse_args(argv)
    modules = args.modules or CORE
    rows = {}
    lock = threading.Lock()
    done = [0]

    def one(mod):
        row = compare(mod, args.timeout)
        with lock:
            done[0] += 1
            print(f"[{done[0]}/{len(modules)}] {mod}: {row['conforming']}/{row['native_passing']} "
                  f"conform ({row['vm_seconds']}s under pyceval, {row['native_seconds']}s native)"
                  + ("" if row["vm_status"] == "ok" else f" -- {row['vm_status']}"),
                  file=sys.stderr, flush=True)
        rows[mod] = row

    with ThreadPoolExecutor(max(1, args.j)) as ex:
        list(ex.map(one, modules))
    ordered = [rows[m] for m in modules]
    table, pct = render_table(ordered)
    print(table)
    bad = [(r["module"], c) for r in ordered for c in r["nonconforming"]]
    if bad:
        print("\nnon-conforming cases:")
        for mod, (case, kind, detail) in bad:
            print(f"  {case} [{kind}] {detail}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"python": sys.version, "date": time.strftime("%Y-%m-%d"),
                       "percent": pct, "modules": ordered}, fh, indent=1)
    if args.markdown:
        cmd = "pyceval conformance " + " ".join(argv if argv is not None else sys.argv[1:])
        with open(args.markdown, "w") as fh:
            fh.write(render_markdown(ordered, pct, cmd.strip(), load_known(args.known),
                                     args.title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
