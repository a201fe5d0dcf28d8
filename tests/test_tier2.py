"""Tier 2 (pyceval/tier2.py): hot code runs as compiled blocks of inlined handlers.

Behaviour is checked natively-against-VM by tests/programs/runtime/tier2_*.py (the
differential suite); these tests check the machinery: that tier 2 engages, which
handlers it inlines, that rewriting an instruction recompiles what inlined it, that a
polymorphic site becomes volatile, and that tools still see every instruction."""
import ast
import re
import os
import subprocess
import sys

from pyceval import tier2
from pyceval.version import OPMAP
from pyceval.interpreter import dispatch, function_info, run_code
from pyceval.instructions import specialize_v3_11 as spec
from differential import in_process

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


def index_of(pairs, name):
    """The index of the first of `pairs` (info.instrs or info.base) whose handler is `name`."""
    return next(i for i, (h, a) in enumerate(pairs) if h.__name__ == name)


def run_compared(source):
    """Run module source natively and under pyceval; its `r` must be the same in both.
    Returns pyceval's globals."""
    native, vm = in_process(source)
    assert vm["r"] == native["r"]
    return vm


def block_sources(info):
    """The source of each compiled block of `info`, in the order of their starts."""
    return [tier2.block_source(info, start) for start, b in enumerate(info.blocks or ())
            if b is not None]


def block_start(info, index):
    """Where the compiled block that holds instruction `index` starts."""
    return max(i for i, b in enumerate(info.blocks[:index + 1]) if b is not None)


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
    # BINARY_OP_MULTIPLY_INT, inlined, its operands read from the positions' own
    # variables (tier2._forward leaves out the copies to l_left and l_right)
    assert re.search(r"\bs(\d+) = s\1 \* s\d+\n", source), source
    assert "l_left" not in source and "l_right" not in source


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


def test_calls_run_inline():
    """A call of a Python function in a hot block runs the callee's blocks inline and
    the block goes on past the call (tier2.py, "Calls inline"); the continuation block,
    for calls the loop runs, covers the same instructions."""
    g = run("def leaf(x):\n    return x + 1\n"
            "def f(n):\n    t = 0\n    for i in range(n):\n        t = leaf(t)\n    return t\n"
            "r = [f(100) for _ in range(10)]\n")
    assert g["r"] == [100] * 10
    info = function_info(g["f"])
    call = index_of(info.instrs, "CALL_PY_EXACT_ARGS")
    block = next(b for start, b in enumerate(info.blocks)
                 if b is not None and start < call < b.end - 1)
    assert block.end - 1 > call + 1, "the block stops at the call"
    source = tier2.block_source(info, next(i for i, b in enumerate(info.blocks) if b is block))
    assert "return b_HANDOVER" in source
    # the callee is known and hot: its block table (a list for all its life) is read
    # from a cell of the block, without a test that it exists
    assert re.search(r"l_b = a\d+_info_blocks\n *if l_b\[0\] is not None and ", source), source
    assert "l_b = r.info.blocks" not in source
    # the callee's first block is compiled, so the call can run inline
    leaf_info = function_info(g["leaf"])
    assert leaf_info.blocks is not None and leaf_info.blocks[0] is not None
    assert g["f"](5) == 5


def test_blocks_go_on_past_builtin_calls():
    """A specialized PRECALL that makes the whole call (len, isinstance, list.append, a
    builtin class) leaves f.ip past its CALL, at a leader only because a frame pushed
    there would return to it: the block goes on (tier2._call_done_here), so a loop that
    calls builtins is one block that goes round, with no block starting after a call."""
    source = ("def f(n, x):\n    out = []\n    for i in range(n):\n"
              "        if isinstance(i, int) and len(x) > 2:\n"
              "            out.append(tuple(x) + (i,))\n    return len(out), out[-1]\n"
              "r = [f(40, 'abc') for _ in range(40)]\n")
    vm = run_compared(source)
    info = function_info(vm["f"])
    calls = [i for i, (h, a) in enumerate(info.instrs) if h.__name__.startswith("PRECALL_")
             and info.base[i + 1][0].__name__ == "CALL"]
    names = {info.instrs[i][0].__name__ for i in calls}
    assert {"PRECALL_NO_KW_ISINSTANCE", "PRECALL_NO_KW_LEN", "PRECALL_NO_KW_LIST_APPEND",
            "PRECALL_BUILTIN_CLASS"} <= names, names
    starts = [i for i, b in enumerate(info.blocks) if b is not None]
    assert not any(i - 2 in calls for i in starts), (starts, calls)
    loop = next(i for i in starts if "while True:" in tier2.block_source(info, i))
    back = index_of(info.base, "JUMP_BACKWARD")
    inside = [i for i in calls if loop < i < back]
    assert len(inside) == 4 and info.blocks[loop].end > back, (loop, back, calls)


def test_blocks_go_on_into_class_calls():
    """A call of a Python class stays PRECALL_ADAPTIVE and CALL_ADAPTIVE (3.11 does not
    specialize it): the block goes on from the PRECALL, whose base only unpacks a bound
    method, into the CALL, whose __init__ frame runs inline; the loop is one block."""
    source = ("class V:\n    def __init__(self, x):\n        self.x = x\n"
              "    def add(self, o):\n        return V(self.x + o.x)\n"
              "def f(n):\n    a = V(0)\n    for i in range(n):\n        a = V(i).add(a)\n"
              "    return a.x\n"
              "r = [f(60) for _ in range(30)]\n")
    vm = run_compared(source)
    info = function_info(vm["f"])
    pre = [i for i, (h, a) in enumerate(info.instrs) if h.__name__ == "PRECALL_ADAPTIVE"]
    starts = [i for i, b in enumerate(info.blocks) if b is not None]
    assert pre and not any(i - 1 in pre or i - 2 in pre for i in starts), (starts, pre)
    loop = next(i for i in starts if "while True:" in tier2.block_source(info, i))
    assert all(loop < i < info.blocks[loop].end - 1 for i in pre if i > loop), (loop, pre)
    add = function_info(vm["V"].add)
    assert add.blocks[0].end - 1 >= index_of(add.instrs, "RETURN_VALUE"), "add stops at V(...)"


def test_blocks_go_on_past_a_raise_that_ends_a_region():
    """`assert x` and `if not x: raise E(...)` are regions whose inside ends with a raise:
    nothing falls through to the jump's target, so the block goes on there at the depth
    the jump left (tier2._leaves_into_region_end) instead of ending at every assert. The
    raise still raises, with its line, also inside a `for` loop (its iterator on the
    stack) and from an inline call."""
    source = ("import sys\n"
              "def check(x, limit):\n    assert isinstance(x, int), 'not an int'\n"
              "    if x > limit:\n        raise ValueError(x)\n    return x * 2\n"
              "def scan(xs):\n    t = 0\n    for x in xs:\n        if x < 0:\n"
              "            raise KeyError(x)\n        t += check(x, 90)\n    return t\n"
              "def run(n):\n    out = []\n    for i in range(n):\n        try:\n"
              "            out.append(scan([i % 97, i % 5, 3 - i % 7]))\n"
              "        except (ValueError, KeyError, AssertionError) as e:\n"
              "            out.append((type(e).__name__, e.args, e.__traceback__.tb_next.tb_lineno,\n"
              "                        e.__traceback__.tb_next.tb_next and\n"
              "                        e.__traceback__.tb_next.tb_next.tb_lineno))\n"
              "    try:\n        check('x', 1)\n    except AssertionError as e:\n"
              "        out.append(e.args)\n"
              "    return out\n"
              "r = [run(300) for _ in range(4)]\n")
    vm = run_compared(source)
    assert any(x[0] == "KeyError" for x in vm["r"][0] if type(x) is tuple and len(x) == 4)
    assert any(x[0] == "ValueError" for x in vm["r"][0] if type(x) is tuple and len(x) == 4)
    for name in ("check", "scan"):
        info = function_info(vm[name])
        raises = [i for i, (h, a) in enumerate(info.base) if h.__name__ == "RAISE_VARARGS"]
        spans = [(i, b.end - 1) for i, b in enumerate(info.blocks) if b is not None]
        for i in raises:        # some block runs on past the raise
            assert any(start < i < end for start, end in spans), (name, spans, raises)


def test_only_locals_that_own_a_value_are_cleared():
    """A template local is set to None after its instruction so that a block keeps no
    value alive longer than CPython; locals that only hold what the frame or the
    instruction's argument holds anyway (f.globals, the name in c.arg, c.info) are not
    (tier2._borrowed)."""
    d = dispatch()
    locals_of = {name: tier2.template(vars(d.module)[name]).locals
                 for name in ("LOAD_GLOBAL_MODULE", "LOAD_GLOBAL_BUILTIN", "CALL_PY_EXACT_ARGS")}
    assert locals_of["LOAD_GLOBAL_MODULE"] == ("l_v",), locals_of
    assert locals_of["LOAD_GLOBAL_BUILTIN"] == ("l_v",), locals_of
    assert "l_args" in locals_of["CALL_PY_EXACT_ARGS"], locals_of
    assert "l_info" not in locals_of["CALL_PY_EXACT_ARGS"], locals_of
    # a global's value is still released where CPython releases it
    source = ("import weakref, gc\nclass C: pass\n"
              "def use():\n    return obj\n"
              "def f(n):\n    global obj\n    out = []\n    for i in range(n):\n"
              "        obj = C()\n        r = weakref.ref(obj)\n        use()\n"
              "        seen = obj is not None\n"
              "        del obj\n        out.append(seen and r() is None)\n    return out\n"
              "res = [f(80) for _ in range(4)]\n")
    native, vm = in_process(source)
    assert vm["res"] == native["res"] and all(all(x) for x in vm["res"])


def test_blocks_go_on_into_a_loop_they_reach():
    """A block that falls through into a loop's head writes the loop's first round, up
    to its closing jump, which leaves for the head's own block (tier2._enters_loop): a
    generator's first resumption runs to its first yield in one block."""
    source = ("def f(xs):\n    return set(x * 2 for x in xs), sum(x for x in xs if x % 3)\n"
              "def g(n):\n    t = 0\n    for i in range(n):\n        t += i\n"
              "        if t > 400:\n            break\n    return t\n"
              "r = [(f(range(i % 7)), g(i % 40)) for i in range(400)]\n")
    vm = run_compared(source)
    code = next(c for c in function_info(vm["f"]).code.co_consts
                if getattr(c, "co_name", "") == "<genexpr>")
    from pyceval.interpreter import code_info
    info = code_info(code)
    head = index_of(info.base, "FOR_ITER")
    first = next(i for i, b in enumerate(info.blocks) if b is not None)
    assert first < head, (first, head)
    source_text = tier2.block_source(info, first)
    assert "return r" in source_text and "YIELD" in source_text, source_text
    info = function_info(vm["g"])
    head = index_of(info.base, "FOR_ITER")
    spans = [(i, b.end - 1) for i, b in enumerate(info.blocks) if b is not None]
    assert any(i < head < end for i, end in spans), (spans, head)


def test_frames_of_inline_calls_are_made_in_the_block():
    """A CALL_PY_* form run inline makes its frame with new_frame's own stores, written
    in the block (tier2._frame_made_here: no host call to new_frame), already pushed;
    what the callee sees of its frame is what new_frame and the loop's push give it."""
    from pyceval.frame import Frame
    fields = [field for field, _, _ in tier2._FRAME_STORES]
    assert sorted(fields) == sorted(set(Frame.__slots__) - {"__weakref__"})
    source = ("import sys\n"
              "def leaf(x, y=2):\n    fr = sys._getframe()\n"
              "    return (x, fr.f_back.f_code.co_name, fr.f_locals['y'], fr.f_lineno)\n"
              "def f(n):\n    t = []\n    for i in range(n):\n"
              "        t.append((leaf(i), leaf(i, 3)))\n    return t\n"
              "r = [f(60) for _ in range(6)]\n")
    native, g = in_process(source)
    expected = native["r"]
    assert g["r"] == expected and expected[0][1] == ((1, "f", 2, 4), (1, "f", 3, 4))
    info = function_info(g["f"])
    sources = block_sources(info)
    made = [src for src in sources if "r = b_Frame()" in src]
    assert made, "no block made a frame itself"
    assert not any("__new_frame(" in src for src in made)
    # made already pushed: the run inline does not store depth, back and state again
    assert all("r.back = f" in src and "l_n.back = f" not in src for src in made)
    assert g["f"](3) == expected[0][:3]
    # the frame of a coroutine that only an `await` sees, made in the block too (not
    # pushed: generators.unseen_frame runs it up to its RETURN_GENERATOR)
    source = ("async def fib(n):\n    if n <= 1:\n        return n\n"
              "    return await fib(n - 1) + await fib(n - 2)\n"
              "def run(n):\n    out = []\n    for _ in range(n):\n        c = fib(8)\n"
              "        try:\n            c.send(None)\n"
              "        except StopIteration as e:\n            out.append(e.value)\n"
              "    return out\n"
              "r = [run(5) for _ in range(20)]\n")
    g = run(source)
    assert g["r"] == [[21] * 5] * 20
    info = function_info(g["fib"])
    sources = block_sources(info)
    assert any("r = b_Frame()" in src and "b_unseen_frame(r)" in src
               and "r.state = b_frame_CREATED" in src for src in sources), sources


def test_arguments_of_inline_calls_are_made_with_their_pad():
    """A CALL_PY_EXACT_ARGS form whose callee is known makes the callee's fast slots in
    one list display, its arguments and the NULLs of its other locals (no in-place add
    of the pad), and tests the argument count as the NULL test it is; a plain call, a
    method call, a miss (another argument count at the site) and an unbound local of the
    callee give what they give natively."""
    source = ("class A:\n    def m(self, x):\n        y = x * 2\n        return y + 1\n"
              "def g(a, b):\n    c = a + b\n    if a > 100:\n        del c\n"
              "    try:\n        return c\n    except NameError as e:\n"
              "        return str(e)\n"
              "def v(*a):\n    return len(a)\n"
              "def f(n, h):\n    o = A()\n    t = []\n    for i in range(n):\n"
              "        t.append((g(i, 1), o.m(i), h(i, 2)))\n    return t\n"
              "r = [f(102, g)[-1]] + [f(60, g if k < 5 else v) for k in range(8)]\n")
    native, g = in_process(source)
    assert g["r"] == native["r"]
    assert native["r"][0][0] == "cannot access local variable 'c' where it is not " \
        "associated with a value"
    made = [src for src in block_sources(function_info(g["f"])) if "r = b_Frame()" in src]
    assert made, "no block made a frame itself"
    text = "\n".join(made)
    assert "l_info.pad" not in text, text
    # g(a, b): c and e after them; A.m(self, x): y
    assert re.search(r"l_args = \[\w+, \w+, g_v3_11_NULL, g_v3_11_NULL\]", text), text
    assert re.search(r"l_args = \[\w+, \w+, g_v3_11_NULL\]", text), text
    assert "__len(l_args)" not in text, text


def test_loop_values_stay_in_variables_round_the_block():
    """A block that goes round takes the `for` iterator from the real stack once, before
    its loop, and keeps it in its variable from round to round (tier2._carry_round); it
    writes it back only where it leaves the block."""
    g = run("def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n"
            "r = [f(100) for _ in range(5)]\n")
    assert g["r"] == [4950] * 5
    info = function_info(g["f"])
    loop = next(start for start, b in enumerate(info.blocks)
                if b is not None and "while True:" in tier2.block_source(info, start))
    source = tier2.block_source(info, loop)
    before, _, body = source.partition("while True:")
    pulled = re.findall(r"\b(t\d+) = stack\.pop\(\)", before)
    assert pulled, source
    assert not re.search(r"\b%s = stack\.pop\(\)" % pulled[0], body), source
    # written back where the block returns to the loop (a tool started listening)
    assert "if b_events.ACTIVE is not None:\n" in body and "continue" in body
    assert g["f"](10) == 45


def test_generators_resumed_and_suspended_by_the_block_itself():
    """A block's SEND resumes a generator frame without exception handlers itself, and
    takes its YIELD and RETURN itself (tier2._send_driver, _inline_send: the common
    cases of generators.resume_driver, yielded and returned); a frame with handlers,
    whose handled-exception slot is linked, goes through those functions, as does the
    first suspension. What the program sees is what it sees natively."""
    source = ("import sys\n"
              "def leaf(n):\n    for i in range(n):\n        yield i\n"
              "def guarded(n):\n    try:\n        yield from leaf(n)\n"
              "    except KeyError:\n        yield -1\n"
              "def seen(n):\n    for i in range(n):\n        yield sys.exc_info()[0]\n"
              "def mid(n):\n    yield from leaf(n)\n    yield from guarded(n)\n"
              "    try:\n        raise KeyError\n    except KeyError:\n"
              "        yield from seen(2)\n"
              "def run(n):\n    return [x for x in mid(n)]\n"
              "r = [run(k % 7) for k in range(60)]\n")
    native, g = in_process(source)
    assert g["r"] == native["r"]
    info = function_info(g["mid"])
    sources = block_sources(info)
    assert any("r = l_rv.frame" in src and "l_n.state = b_SUSPENDED" in src
               and "l_d.done = True" in src for src in sources), sources


def test_exceptions_caught_by_an_inline_callee_stay_in_the_block():
    """An exception out of a callee run inline is unwound from the callee by a loop of
    its own (run_frame, resumed=CAUGHT): when the callee catches it (copy._keep_alive's
    KeyError), the caller's block goes on with what it returns instead of ending."""
    g = run("r = None\ndef keep(memo, x):\n    try:\n        memo[0].append(x)\n"
            "    except KeyError:\n        memo[0] = [x]\n    return len(memo[0])\n"
            "def f(n):\n    t = 0\n    for i in range(n):\n        t += keep({}, i)\n"
            "    return t\n"
            "r = [f(100) for _ in range(10)]\n")
    assert g["r"] == [100] * 10
    info = function_info(g["f"])
    call = index_of(info.instrs, "CALL_PY_EXACT_ARGS")
    source = tier2.block_source(info, block_start(info, call))
    assert "except BaseException as l_e:" in source and "b_run_frame(ts, l_n, None, b_CAUGHT)" in source
    seen = []
    vm_run_frame = tier2.sys.modules["pyceval.interpreter"].run_frame
    block = info.blocks[block_start(info, call)]
    block.__globals__["b_run_frame"] = lambda *a: seen.append(a[3]) or vm_run_frame(*a)
    try:
        assert g["f"](30) == 30
    finally:
        block.__globals__["b_run_frame"] = vm_run_frame
    assert len(seen) == 30                  # each KeyError: the callee's own loop
    assert info.blocks[block_start(info, call)] is block       # the block went on


def test_loops_that_never_quicken_reach_tier_2():
    """A `while` loop closes with a conditional backward jump, which counts no 3.11
    warm-up: a function called once stays unquickened, as in CPython, but its loop heat
    gets it blocks (tier2.loop_heat); quickening later replaces them."""
    g = run("STEP = 1\n"
            "def walk(n):\n    node = [n, None]\n    while n:\n        node = [n, node]\n"
            "        n -= STEP\n    total = 0\n    while node is not None:\n"
            "        total += node[0]\n        node = node[1]\n    return total\n"
            "r = walk(500)\n")
    assert g["r"] == 500 + sum(range(501))
    info = function_info(g["walk"])
    assert info.warmup < 0                      # never quickened: 3.11's counters
    assert info.blocks is not None and any(info.blocks), "no blocks for the hot loop"
    # the base LOAD_GLOBAL is written in its shape: its value stays in a block variable
    text = "\n".join(block_sources(info))
    assert re.search(r"\n\s*s\d+ = g_v3_11__load_global\(f\.globals, f\.builtins, l_name\)",
                     text), text
    stale = [b for b in info.blocks if b is not None]
    for _ in range(10):                         # 8 calls quicken it
        assert g["walk"](100) == 100 + sum(range(101))
    assert info.warmup == 0
    assert not any(b in info.blocks for b in stale), "blocks of the unquickened form kept"


def test_rewrite_recompiles_and_polymorphic_sites_become_volatile():
    # a site deoptimized and then specialized the same way again is in its normal life
    # (a module still defining its globals): its blocks are recompiled, still inlining it
    g = run("X = 1\ndef get():\n    return X\n"
            "def drive(n):\n    return [get() for _ in range(n)]\n"
            "r1 = [drive(60) for _ in range(4)]\n")
    info = function_info(g["get"])
    index = index_of(info.instrs, "LOAD_GLOBAL_MODULE")
    block_before = next(b for b in info.blocks if b is not None)
    g["Y"] = 2                      # (the module's keys change: 53 misses deoptimize)
    for _ in range(4):
        g["drive"](60)
    assert info.instrs[index][0].__name__ == "LOAD_GLOBAL_MODULE"
    assert info.instrs[index][1].counter > 0
    assert block_before not in info.blocks               # the stale block was dropped
    assert 1 < info.rewrites[index] < tier2.VOLATILE
    assert "instrs[%d]" % index not in tier2.block_source(info, block_start(info, index))
    assert g["drive"](2) == [1, 1]
    # a site specialized again for another type than before is polymorphic: volatile at
    # once (its blocks then inline each form behind a check of the form)
    g = run("def add(a, b):\n    return a + b\n"
            "def drive(xs):\n    return [add(x, x) for x in xs]\n"
            "r1 = [drive(range(60)) for _ in range(4)]\n")
    info = function_info(g["add"])
    index = index_of(info.instrs, "BINARY_OP_ADD_INT")
    block_before = next(b for b in info.blocks if b is not None)
    assert info.rewrites is None or info.rewrites.get(index, 0) < tier2.VOLATILE
    # floats: 53 misses deoptimize the site, which then specializes for floats
    for _ in range(4):
        g["drive"]([float(x) for x in range(60)])
    assert info.instrs[index][0].__name__ == "BINARY_OP_ADD_FLOAT"
    assert block_before not in info.blocks
    assert info.rewrites[index] >= tier2.VOLATILE
    start = block_start(info, index)
    assert "instrs[%d]" % index in tier2.block_source(info, start)   # now dispatched
    blocks = list(info.blocks)
    for xs in ([x for x in range(60)], [float(x) for x in range(60)]) * 2:
        for _ in range(4):
            g["drive"](xs)
    assert info.blocks == blocks, "a form the site had before recompiled its block"
    assert g["drive"](["a", "b"]) == ["aa", "bb"]


def _respecialized_for_another(source, fn, name, other, expected):
    """Run module `source`, whose calls of `drive` warm the `name` site of `fn` up for one
    class or callee, then drive it with `other(g)` instead: the site is specialized again
    for that, and is volatile from then. Returns (g, info, index)."""
    g = run(source)
    info = function_info(g[fn])
    index = index_of(info.instrs, name)
    assert info.rewrites is None or info.rewrites.get(index, 0) < tier2.VOLATILE
    for _ in range(4):
        assert g["drive"](other(g), 60) == expected
    assert info.instrs[index][0].__name__ == name
    assert info.rewrites[index] >= tier2.VOLATILE
    return g, info, index


def test_sites_that_see_another_class_become_volatile():
    """The same specialized form for another class than the last specialization's (an
    attribute of instances of two classes) is a polymorphic site too."""
    g, info, index = _respecialized_for_another(
        "class A:\n    def __init__(self):\n        self.x = 1\n"
        "class B:\n    def __init__(self):\n        self.x = 2\n"
        "def get(o):\n    return o.x\n"
        "def drive(o, n):\n    return sum([get(o) for _ in range(n)])\n"
        "r = [drive(A(), 60) for _ in range(4)]\n",
        "get", "LOAD_ATTR_INSTANCE_VALUE", lambda g: g["B"](), 120)
    assert info.instrs[index][1].tref() is g["B"]
    assert "instrs[%d]" % index in tier2.block_source(info, block_start(info, index))
    # and a call of another function than before
    g, info, index = _respecialized_for_another(
        "def one(x):\n    return x + 1\ndef two(x):\n    return x + 2\n"
        "def call(fn, x):\n    return fn(x)\n"
        "def drive(fn, n):\n    return sum([call(fn, i) for i in range(n)])\n"
        "r = [drive(one, 60) for _ in range(4)]\n",
        "call", "CALL_PY_EXACT_ARGS", lambda g: g["two"], 1890)
    assert info.instrs[index][1].obj() is g["two"]


def test_volatile_site_inlines_each_form_it_had():
    """A site that goes from tuples to lists and back (unpack_sequence's) is inlined in
    both specialized forms, each behind a check of its form; a failed guard runs the
    generic instruction and the block goes on; phases after the block was made recompile
    nothing."""
    g = run("def f(n, seq):\n    t = 0\n    for i in range(n):\n        a, b = seq\n"
            "        t += a - b\n    return t\n"
            "def phases(k):\n    return [f(120, s) for _ in range(k) for s in ((5, 2), [7, 1])]\n"
            "r = phases(3)\n")
    assert g["r"] == [360, 720] * 3
    info = function_info(g["f"])
    index = next(i for i, (h, a) in enumerate(info.instrs)
                 if h.__name__.startswith("UNPACK_SEQUENCE"))
    cache = info.instrs[index][1]
    assert {h.__name__ for h in cache.forms} == {"UNPACK_SEQUENCE_TWO_TUPLE", "UNPACK_SEQUENCE_LIST"}
    assert info.rewrites[index] >= tier2.VOLATILE
    start = block_start(info, index)
    source = tier2.block_source(info, start)
    assert "h is h%d_0:" % index in source and "h is h%d_1:" % index in source, source
    assert re.search(r"\bs\d+, s\d+ = s\d+\n", source), source      # unpacked in the block
    blocks = list(info.blocks)
    assert g["phases"](2) == [360, 720] * 2
    assert info.blocks == blocks, "a form the site had before recompiled its block"
    # a kind with no specialized form runs the generic instruction through the dispatch
    assert g["f"](60, {3: "x", 1: "y"}) == 120
    assert g["phases"](1) == [360, 720]


def run_with_and_without_tier2(source, name):
    """Run `source` (which sets r) with tier 2 off, then on: for each, (r, the form and
    counter of every specialization site of function `name`), and the CodeInfo of the
    run with tier 2."""
    seen = {}
    for enabled in (False, True):
        tier2.TIER2["enabled"] = enabled
        try:
            g = run(source)
        finally:
            tier2.TIER2["enabled"] = True
        info = function_info(g[name])
        sites = [(h.__name__, a.counter) for h, a in info.instrs if type(a) is spec.Cache]
        seen[enabled] = (g["r"], sites)
    return seen[True], seen[False], info


def test_volatile_site_inlines_its_adaptive_form():
    """A polymorphic attribute site (four classes in turn, as richards' tasks) spends
    part of its time in the adaptive form, counting down to its next specialization:
    that form is inlined too (the deferral runs the generic instruction in the block,
    the specialization at 0 runs on the real stack and the block goes on past it), with
    the same counters, forms and results as tier 1."""
    source = ("class A:\n    def __init__(self, v): self.v = v\n"
              "class B(A): pass\nclass C(A): pass\nclass D(A): pass\n"
              "def f(objs):\n    t = 0\n    for o in objs:\n        t += o.v\n"
              "        t -= 1\n    return t\n"
              "objs = [k(i) for i in range(40) for k in (A, B, C, D)]\n"
              "r = [f(objs) for _ in range(40)]\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    assert on == off
    index = index_of(info.base, "LOAD_ATTR")
    assert info.rewrites[index] >= tier2.VOLATILE
    start = block_start(info, index)
    assert info.blocks[start].end > index + 1, "the block ends at the site"
    text = tier2.block_source(info, start)
    branch = re.search(r"\n( +)elif h is h%d_\d+:\n(.*?)\n\1else:\n" % index, text, re.S)
    assert branch is not None, text
    body = branch.group(2)
    assert ".counter -= 16" in body and "_adapt(f, a%d)" % index in body, text
    assert re.search(r"\n +[st\d, ]+ = stack(\.pop\(\)|\[-\d+:\])", body), text   # taken back
    assert re.search(r"= (s|t)\d+\.v\n", body + "\n"), text            # deferral inline


def test_polymorphic_method_calls_stay_in_the_block():
    """`o.m()` over objects of four classes, each with its own m (deltablue's Plan.execute):
    3.11 cycles both the LOAD_METHOD and the CALL site between a specialization for one
    class or function, its misses and the adaptive form. Both become volatile; the block
    then runs LOAD_METHOD_WITH_VALUES inline (its base inline too) and the call's forms
    on the real stack, CALL_PY_EXACT_ARGS making the frame itself, with the same
    counters, forms and results as tier 1."""
    source = ("class A:\n    def __init__(self, v): self.v = v\n    def m(self): return self.v\n"
              "class B(A):\n    def m(self): return self.v + 1\n"
              "class C(A):\n    def m(self): return self.v + 2\n"
              "class D(A):\n    def m(self): return self.v + 3\n"
              "def f(objs):\n    t = 0\n    for o in objs:\n        t += o.m()\n    return t\n"
              "objs = [k(i) for i in range(40) for k in (A, B, C, D)]\n"
              "r = [f(objs) for _ in range(40)]\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    assert on == off
    load = index_of(info.base, "LOAD_METHOD")
    call = index_of(info.base, "CALL")
    assert info.rewrites[load] >= tier2.VOLATILE and info.rewrites[call] >= tier2.VOLATILE
    assert {h.__name__ for h in info.instrs[load][1].forms} == {"LOAD_METHOD_WITH_VALUES"}
    text = tier2.block_source(info, block_start(info, load))
    with_values = next(j for j, h in enumerate((*info.instrs[load][1].forms,))
                       if h.__name__ == "LOAD_METHOD_WITH_VALUES")
    branch = re.search(r"\n( +)if h is h%d_%d:\n(.*?)\n\1el" % (load, with_values), text, re.S)
    assert branch is not None and ".tref()" in branch.group(2), text
    assert re.search(r"= l_owner\.m\n", branch.group(2)), text            # the base inline
    branch = re.search(r"\n( +)if h is h%d_0:\n(.*?)\n\1el" % call, text, re.S)
    assert branch is not None and "r = b_Frame()" in branch.group(2), text
    assert "r = h(f, a)" in text                    # any other form: through instrs


def test_block_goes_on_past_a_method_load():
    """LOAD_METHOD_WITH_VALUES always ends in its base instruction, which its form runs
    inline: the block goes on to the call (run inline) instead of ending there. Its
    guard may fail without leaving the block, so the block learns nothing from it: a
    later guard on the same object still counts its miss, as tier 1 does."""
    source = ("class A:\n    def __init__(self): self.x = 1\n    def m(self, k): return k\n"
              "class B(A): pass\n"
              "def f(o, n):\n    t = 0\n    for i in range(n):\n"
              "        t += o.m(o.x) + i\n    return t\n"
              "r = [f(A(), 30) for _ in range(20)] + [f(B(), 5)]\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    assert on == off
    assert any(name == "LOAD_ATTR_INSTANCE_VALUE" and counter < spec.MISS_COUNTER_START
               for name, counter in on[1]), on[1]     # o.x missed after o.m missed
    # (o.x is loaded between o.m and its call: a guard the block took as known would
    # have hidden that miss)
    index = index_of(info.base, "LOAD_METHOD")
    start = block_start(info, index)
    assert info.blocks[start].end > index + 2, "the block ends at the method load"
    assert "l_n = r" in tier2.block_source(info, start)     # the call runs inline


def test_await_and_yield_from_of_a_call_stay_in_the_block():
    """`await f(...)` and `yield from g(...)` at a specialized call site: the call pushes
    the generator's frame (CALL_PY_EXACT_ARGS keeps the callee's info only there) and
    the block runs it up to RETURN_GENERATOR itself, pushing the unseen generator; SEND
    goes on past the `await` loop when the callee returns, and yields itself when it
    yields; the block at the loop's RESUME runs its SEND again. Results and counters
    are those of tier 1."""
    source = ("import types\n"
              "@types.coroutine\ndef pause():\n    got = yield 'p'\n    return got\n"
              "async def fib(n):\n    if n <= 1:\n        return n\n"
              "    return await fib(n - 1) + await fib(n - 2)\n"
              "async def waits(n):\n    a = await pause()\n    return (await fib(n)) + (a or 0)\n"
              "def leaf(n):\n    yield n\n    return -n\n"
              "def chain(n):\n    t = 0\n    for i in range(n):\n"
              "        t += yield from leaf(i)\n    return t\n"
              "def drive(c, send):\n    out = []\n    try:\n        v = c.send(None)\n"
              "        while True:\n            out.append(v)\n            v = c.send(send)\n"
              "    except StopIteration as e:\n        return out, e.value\n"
              "r = [drive(waits(i % 9), i) for i in range(40)]\n"
              "r += [drive(chain(i % 7), None) for i in range(40)]\n")
    on, off, info = run_with_and_without_tier2(source, "fib")
    assert on == off
    g = run(source)
    for name, kind in (("fib", "coroutine"), ("chain", "generator")):
        info = function_info(g[name])
        calls = [(i, a) for i, (h, a) in enumerate(info.instrs)
                 if h.__name__ == "CALL_PY_EXACT_ARGS"]
        assert calls and all(a.info is not None and a.info.kind == kind for _, a in calls)
        index = calls[0][0]
        start = block_start(info, index)
        text = tier2.block_source(info, start)
        assert "b_unseen_frame(r)" in text, text
        send = next(i for i, op in enumerate(info.ops) if op == tier2._SEND_OP and i > index)
        assert info.blocks[start].end > send + 1, "the block ends at the SEND"
        assert "return b_YIELD" in text
        # the block at the RESUME after the yield runs the SEND again, resuming the
        # unseen generator itself (the handler only when resume_driver declines)
        resume = tier2.block_source(info, send + 2)
        assert "h%d(f, %d)" % (send, info.base[send][1]) in resume, resume
        assert "r = b_resume_driver(f, l_rv, stack[-1])" in resume, resume


def test_resumed_generator_runs_to_its_next_yield_in_one_block():
    """The block at the RESUME after a generator's yield goes on through the loop's
    backward jump at the loop's head, up to the next yield (one block per resumption);
    the block's span then reaches below its start, and rewriting an instruction there
    drops it. Results and counters are those of tier 1."""
    source = ("class A:\n    def __init__(self, v):\n        self.v = v\n"
              "def gen(xs):\n    for x in xs:\n        yield x.v\n"
              "def consume(n):\n    return sum(gen([A(i) for i in range(n)]))\n"
              "r = [consume(i % 30) for i in range(60)]\n")
    on, off, info = run_with_and_without_tier2(source, "gen")
    assert on == off
    g = run(source)
    info = function_info(g["gen"])
    yield_at = info.ops.index(tier2._YIELD_OP)
    resume = yield_at + 1
    block = info.blocks[resume]
    assert block is not None
    head = info.base[info.ops.index(OPMAP["JUMP_BACKWARD"], resume)][1]
    assert block.low == head < resume, (block.low, head, resume)
    text = tier2.block_source(info, resume)
    assert text.count("return r") >= 1 and "b_YIELD" not in text.split("g_v3_11__next")[0]
    assert text.count("g_v3_11__next(") == 1, text      # FOR_ITER, written in this block
    load = next(i for i in range(head, yield_at) if info.ops[i] == OPMAP["LOAD_ATTR"])
    tier2.invalidate(info, load, True)
    assert info.blocks[resume] is None, "a rewrite below the block's start drops it"


def test_short_returns_are_written_where_jumps_go_to_them():
    """`return a and b`, `return x if c else y` and an `if` without `else` at the end of
    a function jump to (or run into) a short run that returns: each block writes that
    run itself, so no block starts at it and results, tracebacks of an unbound local
    there, and counters are those of tier 1."""
    source = ("def both(o):\n    return o.a and o.b\n"
              "def pick(c, x, y):\n    return x if c else y\n"
              "def tail(c, log):\n    if c:\n        log.append(c)\n"
              "def late(c):\n    if c:\n        v = 1\n    return v\n"
              "class O:\n    def __init__(self, a, b): self.a, self.b = a, b\n"
              "log = []\n"
              "r = [(both(O(i % 2, i)), pick(i % 3, i, -i), tail(i % 2, log)) for i in range(60)]\n"
              "r += [late(1) for _ in range(20)]\n"
              "try:\n    late(0)\nexcept UnboundLocalError as e:\n    r.append(str(e))\n"
              "r.append(len(log))\n")
    on, off, info = run_with_and_without_tier2(source, "both")
    assert on == off
    g = run(source)
    for name in ("both", "pick", "tail", "late"):
        info = function_info(g[name])
        # (the first block writes both returns; a block may still start at the return
        # itself, for a failed guard's exit to the loop)
        text = tier2.block_source(info, 0)
        assert text.count("r = g_common_RETURN") == 2, text


def test_exceptions_find_their_state_from_the_offset():
    """A block's handler finds the state an exception was raised in from the traceback's
    tb_lasti (b_AT, one entry per code unit of the compiled block, made from its line
    map at its first exception), not tb_lineno (which walks the block's line table); the
    guest sees the same handler, traceback and values as tier 1."""
    source = ("def f(d, keys):\n    n = 0\n    for k in keys:\n        try:\n"
              "            n += d[k]\n        except KeyError as e:\n"
              "            n -= 1\n            last = (e.__traceback__.tb_lineno, e.args)\n"
              "    return n, last\n"
              "r = [f({1: 5}, [1, 2, 1, 3] * 20) for _ in range(60)]\n")
    g = run(source)
    assert g["r"][-1] == (5 * 40 - 40, (5, (3,)))
    info = function_info(g["f"])
    blocks = [b for b in info.blocks if b is not None and b.__globals__["b_AT"]]
    assert blocks                           # (made at a block's first exception)
    for block in blocks:
        ns = block.__globals__
        code = block.__code__
        assert len(ns["b_AT"]) == len(code.co_code) // 2
        for start, end, line in code.co_lines():
            if line is not None:
                assert {ns["b_AT"][i] for i in range(start // 2, end // 2)} == {ns["b_LINEMAP"][line]}
    text = tier2.block_source(info, block_start(info, index_of(info.base, "BINARY_SUBSCR")))
    assert "tb_lasti" in text and "tb_lineno" not in text


def test_forward_jumps_stay_in_the_block():
    """`if flag: ...` without `else`: the jump over the body, taken or not, goes on in
    the same block (a region: `while True:` left by `break`), with results, counters, a
    call inline inside the region and an error raised inside it as in tier 1; a region
    the block ends in (`if flag: return ...`) leaves for its target when taken."""
    source = ("def g(x):\n    return x + 1\n"
              "def f(n, flag):\n    t = 0\n    for i in range(n):\n        if flag:\n"
              "            t += g(i)\n            t = t - 1\n        t += i\n    return t\n"
              "def early(flag, x):\n    if flag:\n        return x * 2\n    y = x + 1\n"
              "    return y\n"
              "def bad(flag):\n    if flag:\n        v = missing_name\n    y = 1\n    return y\n"
              # an if/else whose `if` part holds an if/else the block ends in (richards'
              # runTask): its jump over the `else` part must still reach the end of it
              "def run_task(o, log):\n    if o[0]:\n        msg = o[1]\n        o[1] = o[2]\n"
              "        if o[1] is None:\n            log.append('none')\n"
              "        else:\n            log.append(msg)\n    else:\n        msg = None\n"
              "    return (msg, len(log))\n"
              "log = []\n"
              "r = [run_task([k % 3, k, None if k % 2 else k], log) for k in range(300)]\n"
              "r += [f(30, k % 2) for k in range(30)] + [early(k % 2, k) for k in range(30)]\n"
              "r += [bad(0) for _ in range(20)]\n"
              "try:\n    bad(1)\nexcept NameError as e:\n    r.append(str(e))\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    assert on == off
    region = re.compile(r"try:\n(.*\n)*?( +)while True:\n(.*\n)*?\2    +break\n")
    text = "\n".join(block_sources(info))
    assert region.search(text), text
    assert "l_n = r" in text                        # g(i) still runs inline in the region
    g = run(source)
    for name in ("early", "bad"):
        text = tier2.block_source(function_info(g[name]), 0)
        assert region.search(text), text
    # (early's region ends in a return, which nothing falls through: the block goes on
    # at its target, up to the function's other return)
    text = tier2.block_source(function_info(g["early"]), 0)
    assert text.count("r = g_common_RETURN") == 2, text


def test_blocks_count_misses_and_test_comparisons_inline():
    """A block counts a miss down itself (specialize's `missed` is called only at 0 or
    when a tool listens) and the counters, deoptimizations and results are the tier-1
    loop's; a specialized compare-and-jump is a plain `if x < y:`; a stack variable set
    again on the next line by a plain load is not cleared first."""
    source = ("def f(n, x):\n    t = 0\n    i = 0\n    while i < n:\n        t = t + x\n"
              "        if i >= 3:\n            t = t - 1\n        i += 1\n    return t\n"
              "r = [f(40, 2) for _ in range(30)] + [f(20, 2.5)]\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    text = "\n".join(block_sources(info))
    assert on == off
    assert any(name == "BINARY_OP_ADD_INT" and counter < spec.MISS_COUNTER_START
               for name, counter in on[1]), on[1]     # misses counted
    assert re.search(r"\.counter -= 1\n\s*if \w+\.counter <= 0 or b_events\.ACTIVE is not None:"
                     r"\n\s*b_missed\(f, ", text), text
    assert "_miss(f" not in text
    assert re.search(r"\n\s*if (not )?\(\w+ (<|>=) \w+\):\n", text), text
    assert " is True:" not in text and " is False:" not in text
    assert not re.search(r"\n( *)(\w+) = None\n\1\2 = fast\[", text), text


def test_guards_on_constant_operands_are_left_out():
    """A constant's int stays known through COPY and SWAP (`v[0] -= x`): a specialized
    subscript or comparison does not test its type or its range again, and the block
    gives the tier-1 results, misses included (a list too short, a float index)."""
    source = ("def f(v, x, k):\n    v[0] -= x * 2\n    v[1] += v[0]\n"
              "    if x < 3:\n        v[k] = x\n    return v[0] + v[1]\n"
              "r = [f([1, 2, 3], i, 2) for i in range(60)]\n"
              "r += [f([1, 2, 3], 7, 1), f([4.5, 2], 1, 0)]\n"
              "try:\n    f([1], 1, 0)\nexcept IndexError as e:\n    r.append(str(e))\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    assert on == off
    text = "\n".join(block_sources(info))
    assert "not 0 <= " in text, text            # v[k]: k is not a constant
    assert text.count("not 0 <= ") == 1, text
    assert re.search(r"\(not \w+ <= \w+ <= \w+\) or False", text) or \
        re.search(r"or False\)?:", text), text   # x < 3: only x is tested


def test_guards_teach_the_types_of_the_locals_tested():
    """After a specialized form's guard passed on an operand loaded from a local (its
    failure leaves the block), the block knows the local's type: `i + j` tested twice
    tests i and j once. A store to the local forgets it; results and misses are tier 1's."""
    source = ("def f(i, j):\n    a = (i + j) * (i + j + 1)\n    i = 0.5\n"
              "    return a + (i + j if j < 100 else j)\n"
              "r = [f(k, k + 1) for k in range(60)] + [f(2.5, 1), f(1, 2.5)]\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    assert on == off
    text = tier2.block_source(info, 0)
    # i and j are tested once, by the first i + j; `j < 100` tests only j's range
    assert len(re.findall(r"g_v3_11_type\((\w+)\) is not b_int", text)) == 2, text
    assert re.search(r"if False or False or \(not \w+ <= \w+ <= \w+\) or False:", text), text


def test_global_loads_after_the_first_test_only_the_keys():
    """A frame's globals and builtins are its own for all its life: once a LOAD_GLOBAL
    guard passed (its failure leaves the block), the next ones in the block no longer
    test that they are exact dicts, only their keys (as CPython's keys versions); the
    name looked up is written as a literal. Results and misses are tier 1's."""
    source = ("K = 3\nJ = 4\n"
              "def f(x):\n    return K * J + x - J * K + (len is not None)\n"
              "r = [f(k) for k in range(60)]\n"
              "K = 5\nr += [f(k) for k in range(3)]\n")
    on, off, info = run_with_and_without_tier2(source, "f")
    assert on == off
    text = tier2.block_source(info, 0)
    loads = re.findall(r"\n *l_name = ('\w+')\n *if (.*):", text)
    assert [name for name, _ in loads] == ["'K'", "'J'", "'J'", "'K'", "'len'"], text
    assert "type(l_g) is not g_v3_11_dict" in loads[0][1], text   # the first tests it
    for _, test in loads[1:]:
        assert "type(l_g) is not" not in test and "_len(l_g) != " in test, text
    # (builtins: the first builtin load still tests them)
    assert "type(l_b) is not g_v3_11_dict" in loads[-1][1], text


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


def test_forwarded_copies_keep_what_runs():
    """tier2._forward leaves out the copies between handler locals and stack positions
    only where no path reads a position after it changed (see "Copies left out")."""
    fwd = tier2._forward
    # an input read on the other branch than the flush: forwarded
    src = ("l_right = __Sm1__\nl_left = __Sm2__\nif type(l_left) is not int:\n"
           "    __FLUSH_p0__\n    r = base(f)\n    __SYNC__\nelse:\n"
           "    __NORMAL__\n    __Sm2__ = l_left + l_right\n__NORMAL__")
    out = fwd(src)
    assert "l_left" not in out and "l_right" not in out
    assert "__Sm2__ = __Sm2__ + __Sm1__" in out
    # an input read after a flush on the same path: kept
    src2 = "l_x = __Sm1__\nif c:\n    __FLUSH_p0__\n    g(l_x)\n__NORMAL__"
    assert fwd(src2) == src2
    # an input read after its position was assigned: kept
    src3 = "l_x = __Sm1__\n__Sm1__ = h()\ng(l_x)"
    assert fwd(src3) == src3
    # ... unless the read is in the assignment itself (evaluated first)
    assert fwd("l_x = __Sm1__\n__Sm1__ = h(l_x)") == "__Sm1__ = h(__Sm1__)"
    # an input assigned twice: kept
    src4 = "l_x = __Sm1__\nl_x = g(l_x)\n__Sm1__ = l_x"
    assert "l_x = g(l_x)" in fwd(src4)
    # an output: the local becomes the position, the copy goes
    assert fwd("l_v = fast[3]\nif l_v is NULL:\n    raise E()\n__Sp0__ = l_v") == \
        "__Sp0__ = fast[3]\nif __Sp0__ is NULL:\n    raise E()"
    # an output read after the copy, or a position written elsewhere: kept
    src5 = "l_v = g()\n__Sp0__ = l_v\nh(l_v)\n__Sp0__ = 1"
    assert fwd(src5) == src5
    # a branch left empty gets `pass`; loops and nested scopes are left alone
    assert fwd("try:\n    l_v = g()\nexcept E:\n    raise\nelse:\n    __Sp0__ = l_v") == \
        "try:\n    __Sp0__ = g()\nexcept E:\n    raise\nelse:\n    pass"
    src6 = "l_x = __Sm1__\nfor i in y:\n    g(l_x)\n    __Sm1__ = i"
    assert fwd(src6) == src6
    src7 = "l_x = __Sm1__\n__Sm1__ = [l_x for _ in y]"
    assert fwd(src7) == src7


def test_every_form_still_compiles_after_forwarding():
    d = dispatch()
    checked = 0
    for name, fn in vars(d.module).items():
        t = tier2.template(fn) if name.isupper() and hasattr(fn, "__code__") else None
        if t is None:
            continue
        forms = [t.vstack, t.vbase] + (list(t.shapes[1].values()) if t.shapes else [])
        for form in forms:
            if form is not None:
                compile(tier2._forward(form[0]), name, "exec", ast.PyCF_ONLY_AST)
                checked += 1
    assert checked > 100


def test_blocks_write_host_syntax():
    """A block writes the builtin getattr/setattr/delattr of a plain name as attribute
    syntax and an operator function as the operator (the host then specializes them);
    a name that is not an identifier keeps the call."""
    g = run("class P:\n    pass\n"
            "def f(n):\n    p = P()\n    t = 0\n    acc = []\n    for i in range(n):\n"
            "        p.x = i\n        t += p.x % 7 + (i << 1)\n        del p.x\n"
            "        acc += [i]\n    return t + len(acc)\n"
            "r = [f(100) for _ in range(10)]\n")
    assert g["r"] == [sum(i % 7 + (i << 1) for i in range(100)) + 100] * 10
    info = function_info(g["f"])
    source = "\n".join(block_sources(info))
    assert re.search(r"\bs\d+\.x = s\d+\n", source), source          # STORE_ATTR
    assert re.search(r"\bs\d+ = s\d+\.x\n", source), source          # LOAD_ATTR
    assert re.search(r"\n\s*del s\d+\.x\n", source), source          # DELETE_ATTR
    assert re.search(r"\(s\d+ % s\d+\)", source) and re.search(r"\(s\d+ << s\d+\)", source)
    assert re.search(r"\n\s*s\d+ \+= (s\d+|l_right)\n", source), source      # acc += [i]
    assert "getattr(" not in source and "setattr(" not in source
    # a name no source can spell keeps the builtin call
    code = compile("def h(o):\n    return o.x\n", "<h>", "exec").co_consts[0]
    g2 = {}
    h = type(run)(code.replace(co_names=("not a name",)), g2)

    class O:
        pass
    o = O()
    setattr(o, "not a name", 5)
    g3 = {"h": h, "o": o}
    run_code(compile("r = [h(o) for _ in range(80)]", "<calls>", "exec"), g3)
    assert g3["r"] == [5] * 80
    hinfo = function_info(h)
    hsource = "\n".join(tier2.block_source(hinfo, i) for i, b in enumerate(hinfo.blocks or ()) if b)
    assert "getattr(" in hsource and ".not a name" not in hsource


def test_unpacking_and_c_calls_stay_in_block_variables():
    """UNPACK_SEQUENCE's items go to stack positions (a shape per item count), and the
    C-callable PRECALL variants call in the block with their arguments in variables."""
    g = run("def f(n, seq):\n    t = 0\n    for i in range(n):\n"
            "        a, b, c, d, e, f_, g_, h, i2, j = seq\n"
            "        t += len(seq) + abs(-a) + divmod(j, i + 1)[0] + isinstance(i, int)\n    return t\n"
            "r = [f(100, tuple(range(10))) for _ in range(10)]\n")
    assert g["r"] == [sum(10 + 0 + 9 // (i + 1) + 1 for i in range(100))] * 10
    info = function_info(g["f"])
    names = [h.__name__ for h, a in info.instrs]
    assert "UNPACK_SEQUENCE_TUPLE" in names and "PRECALL_NO_KW_BUILTIN_O" in names
    assert "PRECALL_NO_KW_BUILTIN_FAST" in names and "PRECALL_NO_KW_LEN" in names
    source = "\n".join(block_sources(info))
    assert re.search(r"\n\s*s9, s8, s7, s6, s5, s4, s3, s2, s1, s0 = s0\n", source), source
    assert "stack.extend(l_seq" not in source
    assert re.search(r"l_v = l_func\(s\d+\)\n", source)              # abs(x)
    assert re.search(r"l_v = l_func\(s\d+, s\d+\)\n", source)        # divmod(j, i + 1)
    assert "_c_call(" in source         # (the loop's call, for frame-aware builtins and tools)
