"""Tier 2 (pyceval/tier2.py): hot code runs as compiled blocks of inlined handlers.

Behaviour is checked natively-against-VM by tests/programs/runtime/tier2_*.py (the
differential suite); these tests check the machinery: that tier 2 engages, which
handlers it inlines, that rewriting an instruction recompiles what inlined it, that a
polymorphic site becomes volatile, and that tools still see every instruction."""
import ast
import os
import subprocess
import sys

from pyceval import tier2
from pyceval.interpreter import dispatch, function_info, run_code
from pyceval.instructions import specialize_v3_11 as spec

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# handlers called rather than inlined, and why (a `return` inside a try or loop, frame
# introspection): blocks call them exactly as the tier-1 loop does
NOT_INLINED = {
    "LOAD_CLASSDEREF": "reads locals()",
    "LOAD_NAME": "reads locals()",
    "STORE_NAME": "reads locals()",
    "DELETE_NAME": "reads locals()",
    "SETUP_ANNOTATIONS": "reads locals()",
    "IMPORT_STAR": "reads locals()",
    "IMPORT_NAME": "return inside try",
    "CALL_FUNCTION_EX": "return inside a loop",
    "SEND": "return inside try",
}


def run(source, name="m"):
    g = {"__name__": name}
    run_code(compile(source, f"<{name}>", "exec"), g)
    return g


def test_handlers_are_inlined_except_the_known_few():
    d = dispatch()
    missing = sorted(name for name, fn in vars(d.module).items()
                     if name.isupper() and getattr(fn, "__code__", None) is not None
                     and tier2.template(fn) is None)
    assert missing == sorted(NOT_INLINED), missing


def test_family_bases_never_move_ip():
    # blocks do not re-check f.ip after `c.base(f, c.arg)` (tier2._keeps_ip): no base
    # instruction of a specializing family may jump
    for family in spec.FAMILIES:
        t = tier2.template(spec.H[family])
        assert t is not None and "f.ip" not in t.body, family


def test_hot_code_runs_in_blocks():
    g = run("def f(n):\n    x = 0\n    for i in range(n):\n        x = x + i * 2\n    return x\n"
            "r = [f(50) for _ in range(30)]\n")
    assert g["r"] == [2450] * 30
    info = function_info(g["f"])
    starts = [i for i, b in enumerate(info.blocks) if b is not None]
    assert starts, "no block was compiled"
    loop = max(starts, key=lambda i: info.blocks[i].end - i)
    source = tier2.block_source(info, loop)
    ast.parse(source)
    assert "fast[" in source and "stack.append" in source
    assert "l_left * l_right" in source          # BINARY_OP_MULTIPLY_INT, inlined


def test_blocks_do_not_overlap():
    g = run("def f(n):\n    t = 0\n    for i in range(n):\n        if i % 3:\n            t += i\n"
            "        else:\n            t -= 1\n    return t\n"
            "r = [f(200) for _ in range(10)]\n")
    info = function_info(g["f"])
    covered = []
    for start, b in enumerate(info.blocks):
        if b is not None:
            covered.extend(range(start, b.end - 1))
    assert len(covered) == len(set(covered))


def test_rewrite_recompiles_and_polymorphic_sites_become_volatile():
    g = run("def add(a, b):\n    return a + b\n"
            "def drive(xs):\n    return [add(x, x) for x in xs]\n"
            "r1 = [drive(range(60)) for _ in range(4)]\n")
    info = function_info(g["add"])
    index = next(i for i, (h, a) in enumerate(info.instrs) if h.__name__ == "BINARY_OP_ADD_INT")
    block_before = next(b for b in info.blocks if b is not None)
    # floats: 53 misses deoptimize the site, which then specializes for floats
    for _ in range(4):
        g["drive"]([float(x) for x in range(60)])
    assert info.instrs[index][0].__name__ == "BINARY_OP_ADD_FLOAT"
    assert block_before not in info.blocks               # the stale block was dropped
    # one deoptimization is a site's normal life (a module still defining its globals):
    # still inlined; a site that keeps cycling between types becomes volatile
    assert info.rewrites[index] < tier2.VOLATILE
    assert "instrs[%d]" % index not in tier2.block_source(info, index)
    for xs in ([x for x in range(60)], [float(x) for x in range(60)]) * 2:
        for _ in range(4):
            g["drive"](xs)
    assert info.rewrites[index] >= tier2.VOLATILE
    start = max(i for i, b in enumerate(info.blocks[:index + 1]) if b is not None)
    assert "instrs[%d]" % index in tier2.block_source(info, start)   # now dispatched
    assert g["drive"](["a", "b"]) == ["aa", "bb"]


def test_tools_see_every_instruction_of_hot_code():
    # tracing runs the tier-1 loop: each of 40 iterations shows its instructions
    program = "def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\nprint(f(40))\n"
    out = subprocess.run([sys.executable, "-m", "pyceval", "trace", "--no-stack", "-c", program],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("STORE_FAST") + out.stderr.count("STORE_FAST") >= 40


def test_tier2_can_be_turned_off():
    program = ("from pyceval.interpreter import function_info, run_code\n"
               "g = {'__name__': 'm'}\n"
               "run_code(compile('def f(n):\\n    return sum(i for i in range(n))\\n"
               "r = [f(30) for _ in range(40)]\\n', 'm', 'exec'), g)\n"
               "print(function_info(g['f']).blocks is None, g['r'][0])\n")
    for value, expected in (("0", "True 435"), ("1", "False 435")):
        env = dict(os.environ, PYCEVAL_TIER2=value)
        out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                             cwd=ROOT, env=env, timeout=120)
        assert out.stdout.split() == expected.split(), out.stderr
