"""The event API (pyceval.events) and the `pyceval trace` command built on it."""
import os
import subprocess
import sys

import pyceval
from pyceval import events
from pyceval.frame import NULL
from pyceval.version import OPNAMES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Recorder:
    def __init__(self):
        self.log = []

    def on_call(self, frame):
        self.log.append(("call", frame.code.co_name))

    def on_return(self, frame, value):
        self.log.append(("return", frame.code.co_name, value))

    def on_line(self, frame, line):
        self.log.append(("line", frame.code.co_name, line))

    def on_instruction(self, frame, index):
        op = OPNAMES[frame.info.ops[index]]
        stack = ["NULL" if v is NULL else v for v in frame.stack]
        self.log.append(("instr", frame.code.co_name, op, list(stack)))

    def on_exception(self, frame, exc):
        self.log.append(("exception", frame.code.co_name, type(exc).__name__))

    def on_yield(self, frame, value):
        self.log.append(("yield", frame.code.co_name, value))


def run(src):
    rec = Recorder()
    events.attach(rec)
    try:
        ns = {"__builtins__": __builtins__, "__name__": "t"}
        pyceval.run_code(compile(src, "<events>", "exec"), ns)
    finally:
        events.detach(rec)
    return rec.log, ns


def test_value_stack_is_visible_at_each_instruction():
    log, ns = run("def add(a, b):\n    return a + b\nr = add(2, 40)\n")
    assert ns["r"] == 42
    instrs = [e for e in log if e[0] == "instr" and e[1] == "add"]
    binop = next(e for e in instrs if e[2] == "BINARY_OP")
    assert binop[3] == [2, 40]                 # both operands on the stack before the add
    ret = next(e for e in instrs if e[2] == "RETURN_VALUE")
    assert ret[3] == [42]


def test_call_return_line_events_are_ordered():
    log, _ = run("def f(x):\n    y = x * 2\n    return y\nf(3)\n")
    calls = [e for e in log if e[0] in ("call", "return")]
    assert calls == [("call", "<module>"), ("call", "f"), ("return", "f", 6), ("return", "<module>", None)]
    lines = [e[2] for e in log if e[0] == "line" and e[1] == "f"]
    assert lines == [1, 2, 3]


def test_exception_and_yield_events():
    log, ns = run(
        "def g():\n    yield 1\n    yield 2\n"
        "out = list(g())\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    caught = True\n")
    assert ns["out"] == [1, 2] and ns["caught"]
    assert ("yield", "g", 1) in log and ("yield", "g", 2) in log
    assert ("exception", "<module>", "ZeroDivisionError") in log


def test_nothing_reported_when_detached():
    rec = Recorder()
    events.attach(rec)
    events.detach(rec)
    pyceval.run_code(compile("x = 1 + 1", "<e>", "exec"), {"__builtins__": __builtins__})
    assert rec.log == [] and events.ACTIVE is None


def test_trace_command_prints_instructions_with_stack(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text("def sq(n):\n    return n * n\nprint(sq(7))\n")
    env = dict(os.environ, PYTHONPATH=ROOT)
    p = subprocess.run([sys.executable, "-m", "pyceval", "trace", str(prog)],
                       capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0
    assert p.stdout == "49\n"                  # the program's own output is untouched
    lines = p.stderr.splitlines()
    binop = [l for l in lines if "BINARY_OP" in l and "sq:2" in l]
    assert binop and binop[0].rstrip().endswith("stack: [7, 7]"), binop
    assert any("--> call sq" in l for l in lines)


def test_guest_exceptions_under_a_host_c_profiler():
    """pyceval itself profiled with cProfile (a C profiler, whose sys.getprofile() object
    is not callable): a guest exception's traceback entry (tracebacks.stand_in_frame
    lifts the host hooks meanwhile) puts the profiler back as it was, still enabled."""
    import cProfile
    from pyceval.interpreter import run_code
    g = {"__name__": "m"}
    prof = cProfile.Profile()
    prof.enable()
    try:
        run_code(compile("r = []\nfor i in range(3):\n    try:\n        {}[i]\n"
                         "    except KeyError as e:\n        r.append(e.args)\n",
                         "<m>", "exec"), g)
        still = sys.getprofile()
    finally:
        prof.disable()
    assert g["r"] == [(0,), (1,), (2,)]
    assert still is prof
