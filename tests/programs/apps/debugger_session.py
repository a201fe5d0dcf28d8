"""Drive pdb non-interactively, as an IDE or a test harness would: breakpoints,
stepping, printing locals, moving up/down the stack, conditional breakpoints and
post-mortem inspection, with commands fed from a StringIO and the debugger's
output captured and path-stripped. Also a bdb-based tracer."""
import bdb
import io
import os
import pdb
import re
import sys


def compute(items):
    total = 0
    for i, item in enumerate(items):
        weight = i + 1
        total += item * weight
    return helper(total)


def helper(value):
    adjusted = value - 1
    ratio = adjusted / (value % 7)
    return ratio


def clean(text):
    text = re.sub(r"(\S*/)?([\w.]+\.py)", r"\2", text)
    text = re.sub(r"0x[0-9a-f]+", "0x...", text)
    return text


def run_session(commands, func, *args):
    stdin = io.StringIO("\n".join(commands) + "\n")
    stdout = io.StringIO()
    dbg = pdb.Pdb(stdin=stdin, stdout=stdout, nosigint=True, readrc=False)
    dbg.use_rawinput = False
    dbg.prompt = "(Pdb) "
    result = None
    try:
        result = dbg.runcall(func, *args)
    except Exception as e:  # noqa: BLE001
        result = f"raised {type(e).__name__}: {e}"
    finally:
        sys.settrace(None)
    return result, clean(stdout.getvalue())


class CallRecorder(bdb.Bdb):
    def __init__(self):
        super().__init__()
        self.events = []

    def user_call(self, frame, args):
        if frame.f_code.co_name in ("compute", "helper"):
            self.events.append(("call", frame.f_code.co_name))
        self.set_step()

    def user_line(self, frame):
        if frame.f_code.co_name == "helper":
            self.events.append(("line", frame.f_lineno - helper.__code__.co_firstlineno,
                                sorted(frame.f_locals)))
        self.set_step()

    def user_return(self, frame, value):
        if frame.f_code.co_name in ("compute", "helper"):
            self.events.append(("return", frame.f_code.co_name, value))
        self.set_step()

    def user_exception(self, frame, exc_info):
        self.events.append(("exception", frame.f_code.co_name, exc_info[0].__name__))
        self.set_step()


def main():
    base = compute.__code__.co_firstlineno
    me = os.path.basename(compute.__code__.co_filename)

    print("=== session 1: step, next, print, where ===")
    result, out = run_session([
        "step", "next", "next", "p total, items", "pp {'locals': sorted(locals())}",
        f"break {base + 5}", "continue", "p total", "where", "up", "p items", "down",
        "args", "clear 1", "continue",
    ], compute, [1, 2, 3])
    print(out)
    print("result:", result)

    print("=== session 2: conditional breakpoint, display, until, return ===")
    result, out = run_session([
        f"break {base + 4}, item == 30", "continue", "p i, item", "display weight",
        "next", "next", "undisplay", "return", "p __return__ if '__return__' in dir() else 'n/a'",
        "continue",
    ], compute, [10, 20, 30, 40])
    print(out)
    print("result:", result)

    print("=== session 3: exception inside, tbreak on function, ignore ===")
    result, out = run_session([
        "tbreak helper", "continue", "args", "ll", "next", "p adjusted", "!adjusted = 0",
        "p adjusted", "continue",
    ], compute, [7])
    print(out)
    print("result:", result)

    print("=== session 4: bad commands ===")
    result, out = run_session([
        "p undefined_variable", "break nosuchfile.py:1", "frobnicate", "help p", "quit",
    ], compute, [1])
    print(out)
    print("result:", result)

    print("=== post mortem ===")
    try:
        helper(7)
    except ZeroDivisionError:
        tb = sys.exc_info()[2]
    stdin = io.StringIO("p value, adjusted\nup\np items if 'items' in dir() else 'top'\nquit\n")
    stdout = io.StringIO()
    p = pdb.Pdb(stdin=stdin, stdout=stdout, nosigint=True, readrc=False)
    p.use_rawinput = False
    p.reset()
    p.interaction(None, tb)
    sys.settrace(None)
    print(clean(stdout.getvalue()))

    print("=== bdb recorder ===")
    rec = CallRecorder()
    try:
        rec.runcall(compute, [1, 1, 1, 1, 1, 1])
    except ZeroDivisionError as e:
        print("recorder saw exception:", e)
    sys.settrace(None)
    for ev in rec.events:
        print("  ", ev)
    print("breakpoint list empty:", not any(bdb.Breakpoint.bpbynumber[1:]), me)


if __name__ == "__main__":
    main()
