"""Guards are correct before they are fast: generated programs warm up specialized
instructions, mutate what their guards depend on between calls (class attributes,
__getattr__, globals, builtins, __dict__, methods, operand types, big ints), and must
print exactly what CPython prints."""
import os
import subprocess
import sys
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PRELUDE = textwrap.dedent("""
    import builtins
    class C:
        def __init__(self):
            self.x = 1
        def m(self):
            return "m"
    class S:
        __slots__ = ("x",)
        def __init__(self):
            self.x = 2
    class Box:
        def __getitem__(self, i):
            return ("box", i)
    g = 5
    def probe(o, s, box, seq, a, b):
        out = []
        for step in (lambda: o.x, lambda: o.m(), lambda: s.x, lambda: g, lambda: len(seq),
                     lambda: box[1], lambda: seq[0], lambda: a + b, lambda: a - b, lambda: a * b,
                     lambda: a < b, lambda: a == b, lambda: str(a), lambda: isinstance(a, int)):
            try:
                out.append(repr(step()))
            except Exception as e:
                out.append(type(e).__name__)
        return out
    def run(o, s, box, seq, a, b):
        r = None
        for _ in range(WARM):
            r = probe(o, s, box, seq, a, b)
        print(r)
""")

MUTATIONS = {
    "class_attr": "C.x = property(lambda self: 'prop')",
    "class_plain_attr": "C.y = 3",
    "getattr": "C.__getattr__ = lambda self, n: 'ga'",
    "getattribute": "C.__getattribute__ = lambda self, n: 'gat'",
    "del_instance_attr": "del o.x",
    "replace_dict": "o.__dict__ = {'x': 'new'}",
    "monkeypatch_method": "C.m = lambda self: 'patched'",
    "instance_method": "o.m = lambda: 'inst'",
    "rebind_global": "g = 'rebound'",
    "delete_global": "del g",
    "shadow_len": "len = lambda x: 'shadow'",
    "builtin_len": "builtins.len = lambda x: 'blt'",
    "slot_descr": "S.x = 'class-level'",
    "getitem": "Box.__getitem__ = lambda self, i: 'new-getitem'",
    "big_int": "a = 2 ** 100",
    "float_operands": "a, b = 1.5, float('nan')",
    "str_operands": "a, b = 'p', 'q'",
    "bool_operand": "a = True",
    "list_to_tuple": "seq = (9, 8)",
    "empty_seq": "seq = []",
    "subclass_instance": "o = type('D', (C,), {'x': 'cls-x'})()",
}


def program(sequence, warm=12):
    lines = ["WARM = %d" % warm, PRELUDE, "o, s, box, seq, a, b = C(), S(), Box(), [7, 6], 3, 4",
             "run(o, s, box, seq, a, b)"]
    for name in sequence:
        lines.append(f"try:\n    {MUTATIONS[name]}\nexcept Exception as e:\n    print('mutation', type(e).__name__)")
        lines.append("run(o, s, box, seq, a, b)")
    return "\n".join(lines) + "\n"


def outputs(src):
    env = dict(os.environ, PYTHONPATH=ROOT)
    native = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True, env=env)
    vm = subprocess.run([sys.executable, "-m", "pyceval", "run", "-c", src], capture_output=True,
                        text=True, env=env)
    return native, vm


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=4))
def test_mutations_between_calls_match_native(sequence):
    native, vm = outputs(program(sequence))
    assert (vm.returncode, vm.stdout, vm.stderr) == (native.returncode, native.stdout, native.stderr)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=4))
def test_mutations_between_hot_calls_match_native(sequence):
    # 60 warm-up calls: probe's loop and every lambda it calls run as tier-2 blocks from
    # the first run on, the lambdas inline in probe's block (tier2.py, "Calls inline"),
    # when the mutations come
    native, vm = outputs(program(sequence, warm=60))
    assert (vm.returncode, vm.stdout, vm.stderr) == (native.returncode, native.stdout, native.stderr)


def test_every_mutation_once():
    native, vm = outputs(program(sorted(MUTATIONS)))
    assert native.returncode == 0, native.stderr
    assert (vm.returncode, vm.stdout, vm.stderr) == (native.returncode, native.stdout, native.stderr)
