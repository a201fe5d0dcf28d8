"""PEP 659 fidelity: pyceval's quickened and specialized instruction streams against
CPython's own (`dis.get_instructions(f, adaptive=True)`) after the same warm-up, plus
the counter state machine (warm-up, back-off, deopt timing) measured in pyceval/reference."""
import json
import os
import subprocess
import sys

import pytest

from pyceval.interpreter import function_info, run_code
from differential import in_process

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "specialization", "corpus.py")
TARGET = 0.95

NATIVE = r"""
import dis, json, sys, importlib.util
spec = importlib.util.spec_from_file_location("corpus", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
m.warm()
out = {}
for name in m.FUNCTIONS + m.METHODS:
    obj = m
    for part in name.split("."):
        obj = getattr(obj, part)
    out[name] = [i.opname for i in dis.get_instructions(obj, adaptive=True)
                 if i.opname not in ("CACHE", "EXTENDED_ARG", "EXTENDED_ARG_QUICK")]
print(json.dumps(out))
"""


def native_streams():
    p = subprocess.run([sys.executable, "-c", NATIVE, CORPUS], capture_output=True, text=True,
                       check=True)
    return json.loads(p.stdout)


def vm_streams():
    g = {"__name__": "corpus", "__file__": CORPUS}
    with open(CORPUS) as fh:
        run_code(compile(fh.read(), CORPUS, "exec"), g)
    run_code(compile("warm()", "<warm>", "exec"), g)
    out = {}
    for name in g["FUNCTIONS"] + g["METHODS"]:
        obj = g[name.split(".")[0]]
        for part in name.split(".")[1:]:
            obj = getattr(obj, part)
        info = function_info(obj)
        out[name] = [h.__name__ for h, _ in info.instrs]
    return out


def agreement():
    native, vm = native_streams(), vm_streams()
    same = total = 0
    diffs = []
    for name, ops in native.items():
        mine = vm[name]
        assert len(mine) == len(ops), (name, ops, mine)
        for i, (a, b) in enumerate(zip(ops, mine)):
            total += 1
            if a == b:
                same += 1
            else:
                diffs.append(f"{name}#{i}: CPython {a}, pyceval {b}")
    return same, total, diffs


def test_adaptive_streams_agree_with_cpython():
    same, total, diffs = agreement()
    print(f"agreement {same}/{total} = {same / total:.1%}")
    for d in diffs:
        print("  ", d)
    assert same / total >= TARGET, "\n".join(diffs)


def test_c_methods_of_subclass_instances_agree():
    """`lst.append(x)` on a list subclass with a __dict__: the method load pushes the
    descriptor (as CPython's _PyObject_GetMethod), so the call specializes as CPython's."""
    native, vm = native_streams(), vm_streams()
    name = "c_methods_of_a_subclass"
    assert vm[name] == native[name]
    assert "PRECALL_NO_KW_LIST_APPEND" in vm[name]


def _run_add_timeline(calls):
    """Warm `add` as in pep659.md and record the specialized form after each call."""
    g = {"__name__": "t"}
    run_code(compile("def add(a, b):\n    return a + b\n", "<t>", "exec"), g)
    add = g["add"]
    info = None
    seen = []
    for n, args in enumerate(calls, 1):
        add(*args)
        info = function_info(add)
        handler, cache = info.instrs[3]
        seen.append((n, handler.__name__, getattr(cache, "counter", None)))
    return seen


def test_timeline_specialize_deopt_respecialize():
    """pep659.md: 3.11 specializes on call 8 (ADD_INT, 0x35); after 53 float calls goes
    ADAPTIVE (0x1F5) and re-specializes to ADD_FLOAT on the 85th."""
    seen = _run_add_timeline([(1, 2)] * 8 + [(1.0, 2.0)] * 85)
    assert seen[6][1] == "BINARY_OP"          # not yet quickened
    assert seen[7][1:] == ("BINARY_OP_ADD_INT", 0x35)
    after_53 = seen[7 + 53]
    assert after_53[1:] == ("BINARY_OP_ADAPTIVE", 0x1F5)
    assert seen[7 + 84][1] == "BINARY_OP_ADAPTIVE"
    assert seen[7 + 85][1] == "BINARY_OP_ADD_FLOAT"


def test_backoff_retry_points():
    """pep659.md: with add(1, 2.0) always failing, 3.11 retries at 8, 9, 12, 19, 34, 65, 128."""
    from pyceval import events
    attempts = []

    class L:
        observes_specialized = True

        def __init__(self):
            self.n = 0

        def on_call(self, frame):
            if frame.code.co_name == "add":
                self.n += 1

        def on_specialize(self, frame, index, family, what, detail):
            if what in ("success", "failure"):
                attempts.append(self.n)

    listener = L()
    events.attach(listener)
    try:
        _run_add_timeline([(1, 2.0)] * 130)
    finally:
        events.detach(listener)
    assert attempts == [8, 9, 12, 19, 34, 65, 128]


def test_no_specialize_keeps_base_instructions():
    env = dict(os.environ, PYTHONPATH=os.path.dirname(HERE))
    prog = "def f(a):\n    return a + 1\nfor i in range(50): f(i)\nprint(f(1))\n"
    p = subprocess.run([sys.executable, "-m", "pyceval", "run", "--no-specialize", "-c", prog],
                       capture_output=True, text=True, env=env)
    assert p.stdout == "2\n"
    p = subprocess.run([sys.executable, "-m", "pyceval", "dis", "--adaptive", "-c", prog],
                       capture_output=True, text=True, env=env)
    assert p.returncode in (0, 1, 2)


def test_function_versions_are_given_and_reset_as_cpython_does():
    """CALL_PY_* guards on func_version, as 3.11 does: pyceval gives a function without
    one a version (cpython_internals.function_version) and CPython resets it to 0 when
    __code__ or __defaults__ is assigned, even to the same object."""
    from pyceval import cpython_internals as ci
    assert ci.FUNC_LAYOUT_OK

    def f(a=1):
        return a
    version = ci.function_version(f)
    assert version and ci.function_version(f) == version
    f.__defaults__ = f.__defaults__
    assert ci.function_version_view(f).value == 0
    again = ci.function_version(f)
    assert again and again != version
    f.__code__ = f.__code__
    assert ci.function_version_view(f).value == 0
    # a hot call site of the function misses and deoptimizes, as CPython's does
    g = {"__name__": "m"}
    run_code(compile("def callee(x, y=2):\n    return x + y\n"
                     "def caller(n):\n    t = 0\n    for i in range(n):\n"
                     "        t += callee(i)\n    return t\n"
                     "r = [caller(20) for _ in range(4)]\n"
                     "callee.__defaults__ = callee.__defaults__\n"
                     "r.append(caller(100))\n", "<m>", "exec"), g)
    assert g["r"] == [230] * 4 + [5150]
    info = function_info(g["caller"])
    names = [h.__name__ for h, _ in info.instrs]
    assert "CALL_PY_WITH_DEFAULTS" in names, names


def test_call_caches_hold_a_namespace_only_while_its_function_lives():
    """A CALL_PY_* cache keeps its function's globals for the frames it makes, but only
    while the function lives: a namespace released with its last function is released
    under pyceval when it is natively (the cache is specialized.Cache, _held_while)."""
    source = (
        "log = []\n"
        "class Noisy:\n"
        "    def __del__(self):\n"
        "        log.append('freed')\n"
        "def make():\n"
        "    ns = {'marker': Noisy()}\n"
        "    exec('def f(x):\\n    return x + 1\\n', ns)\n"
        "    return ns.pop('f')\n"       # (no cycle: the namespace dies with f)
        "def caller(fn, n):\n"
        "    t = 0\n"
        "    for i in range(n):\n"
        "        t += fn(i)\n"
        "    return t\n"
        "fn = make()\n"
        "r = [caller(fn, 50) for _ in range(5)]\n"
        "fn = None\n"
        "log.append('dropped')\n")
    native, g = in_process(source)
    assert native["log"] == ["freed", "dropped"]
    assert g["r"] == native["r"] and g["log"] == native["log"]
    names = [h.__name__ for h, _ in function_info(g["caller"]).instrs]
    assert "CALL_PY_EXACT_ARGS" in names, names
