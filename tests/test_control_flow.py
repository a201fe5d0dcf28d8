"""Tier-2 blocks follow the control flow of hot code: jumps taken stay in the block
(regions, if/else), short returns are written at the jumps that reach them, loops close
in the block. Generated functions of nested if/elif/else, early returns, `and`/`or`,
conditional expressions and loops with break/continue run hot in the VM and must give
what CPython gives, call by call."""
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyceval.interpreter import run_code

CONDS = ["x % 3 == 0", "flag", "t > 5", "x and y", "not flag", "y is None", "x < y",
         "x >= 4", "(x or y) and flag", "t % 2"]
EXPRS = ["x", "1", "t", "x + 1", "(x if flag else 2)", "(y or 3)", "len(log)", "-x"]


def _block(draw, depth, in_loop):
    n = draw(st.integers(1, 3))
    return [line for _ in range(n) for line in _stmt(draw, depth, in_loop)]


def _stmt(draw, depth, in_loop):
    kinds = ["add", "log"]
    if depth < 2:
        kinds += ["if", "ifelse", "elif", "return_if", "for"]
    if in_loop:
        kinds += ["break", "continue"]
    kind = draw(st.sampled_from(kinds))
    cond = draw(st.sampled_from(CONDS))
    expr = draw(st.sampled_from(EXPRS))
    inner = lambda loop=in_loop: ["    " + s for s in _block(draw, depth + 1, loop)]  # noqa: E731
    if kind == "add":
        return ["t += %s" % expr]
    if kind == "log":
        return ["log.append(%s)" % expr]
    if kind == "if":
        return ["if %s:" % cond] + inner()
    if kind == "ifelse":
        return ["if %s:" % cond] + inner() + ["else:"] + inner()
    if kind == "elif":
        other = draw(st.sampled_from(CONDS))
        return ["if %s:" % cond] + inner() + ["elif %s:" % other] + inner() + ["else:"] + inner()
    if kind == "return_if":
        return ["if %s:" % cond, "    return (t, %s)" % expr]
    if kind == "for":
        return ["for x in range(%d):" % draw(st.integers(0, 4))] + inner(True)
    return ["if %s:" % cond, "    %s" % kind]


@st.composite
def functions(draw):
    body = _block(draw, 0, False)
    return "def f(x, flag, y, log):\n    t = 0\n" + textwrap.indent(
        "\n".join(body), "    ") + "\n    return (t, len(log))\n"


DRIVER = ("def drive():\n    out = []\n    for k in range(150):\n        log = []\n"
          "        try:\n            got = f(k % 7, k % 2, None if k % 5 == 0 else k % 4, log)\n"
          "        except TypeError as e:\n            got = str(e)\n"
          "        out.append((got, log))\n"
          "    return out\nresult = drive()\n")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(functions())
def test_hot_control_flow_matches_cpython(source):
    program = source + DRIVER
    native = {}
    exec(compile(program, "<gen>", "exec"), native)
    vm = {"__name__": "gen"}
    run_code(compile(program, "<gen>", "exec"), vm)
    assert vm["result"] == native["result"], source
