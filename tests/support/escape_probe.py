"""Run a program under pyceval with a host profiler that records every Python frame the
*host* executes; report those that are not pyceval's own machinery.

Usage: python escape_probe.py OUT.json program.py [args...]
"""
import json
import os
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from pyceval import runner  # noqa: E402
from pyceval.tracebacks import is_internal_code, is_shim_code  # noqa: E402

out_path, program, args = sys.argv[1], sys.argv[2], sys.argv[3:]
seen = {}
started = False
_run_code = runner.run_code


def run_code_counting(code, globals):
    """Count from the program's first instruction on (not pyceval's own start-up)."""
    global started
    started = True
    return _run_code(code, globals)


runner.run_code = run_code_counting


def classify(code):
    if is_internal_code(code) or is_shim_code(code):
        return None
    fn = code.co_filename
    if fn.startswith("<frozen importlib") or fn.startswith("<frozen zipimport"):
        return None      # the import system itself: CPython's machinery, not the program
    return f"{fn}:{code.co_name}"


def profiler(frame, event, arg):
    if event == "call" and started:
        key = classify(frame.f_code)
        if key is not None:
            seen[key] = seen.get(key, 0) + 1


sys.setprofile(profiler)
threading.setprofile(profiler)
try:
    status = runner.run_program("script", program, args)
finally:
    sys.setprofile(None)
    threading.setprofile(None)
program_abs = os.path.abspath(program)
guest = {k: v for k, v in seen.items() if k.startswith(program_abs + ":")}
with open(out_path, "w") as fh:
    json.dump({"status": status, "guest_native": guest, "other_native": seen}, fh, indent=1)
