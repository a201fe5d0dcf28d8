"""Differential testing: run a program natively and under pyceval, compare everything.

`compare(path)` runs `python3 path` and `python3 -m pyceval run path` from the
repository root with the same environment and empty stdin, and returns a list of
differences (stdout, stderr, exit status); empty when they behave the same.
`in_process(source)` runs module source both ways in this process, for tests that
then look at the VM's own state.
"""
import difflib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 120


def _env():
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONWARNINGS", None)
    return env


def run(argv, stdin=b""):
    p = subprocess.run(argv, cwd=ROOT, env=_env(), input=stdin, capture_output=True,
                       timeout=TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def native(target, args=(), stdin=b""):
    return run([sys.executable, *target, *args], stdin)


def vm(target, args=(), stdin=b""):
    return run([sys.executable, "-m", "pyceval", "run", *target, *args], stdin)


def compare(target, args=(), stdin=b""):
    """target: a list like ['tests/programs/x.py'] or ['-m', 'mod'] or ['-c', 'code']."""
    if isinstance(target, str):
        target = [target]
    n = native(target, args, stdin)
    v = vm(target, args, stdin)
    problems = []
    for what, a, b in (("stdout", n[1], v[1]), ("stderr", n[2], v[2])):
        if a != b:
            diff = "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                                f"native {what}", f"pyceval {what}", n=2))
            problems.append(diff[:6000])
    if n[0] != v[0]:
        problems.append(f"exit status: native {n[0]}, pyceval {v[0]}")
    return problems


def in_process(source, name="m"):
    """Run module source `source` natively (exec) and under pyceval (run_code) in this
    process, each in a fresh namespace; returns (native globals, pyceval globals)."""
    from pyceval.interpreter import run_code
    code = compile(source, "<%s>" % name, "exec")
    native_globals = {"__name__": name}
    exec(code, native_globals)
    vm_globals = {"__name__": name}
    run_code(code, vm_globals)
    return native_globals, vm_globals


def main(argv):
    failed = 0
    for path in argv:
        problems = compare(path)
        print(("FAIL " if problems else "ok   ") + path)
        for p in problems:
            print(p)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
