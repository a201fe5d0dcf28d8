"""The decoder (pyceval.codeinfo.CodeInfo) checked against CPython's own `dis`.

For every code object of a set of real stdlib modules (and every code object nested in
their co_consts), the decoded instruction list must agree with dis.get_instructions:
opcodes, byte offsets, opargs with EXTENDED_ARG folded in, jump targets, line numbers,
and the exception table resolved per instruction. Then EXTENDED_ARG is exercised on
purpose (more than 256 / 65536 constants and names, jumps longer than 255 and 65535
code units, exception handlers far away) and the resulting programs are run in the VM.
"""
import dis
import importlib.util
import types

import pytest

import pyceval
from pyceval.codeinfo import parse_exception_table
from pyceval.interpreter import code_info

MODULES = [
    "inspect", "dis", "argparse", "json.decoder", "asyncio.base_events", "dataclasses",
    "enum", "typing", "pathlib", "re._parser", "collections", "functools", "traceback",
    "difflib", "email.message", "statistics", "fractions", "_pydecimal", "tarfile",
    "unittest.case", "ast", "contextlib", "threading",
]

SKIPPED = ("CACHE", "EXTENDED_ARG")


def walk(code):
    """`code` and every code object nested in its co_consts, recursively."""
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from walk(const)


def module_code(name):
    spec = importlib.util.find_spec(name)
    source = spec.loader.get_source(name)
    return compile(source, spec.origin, "exec", dont_inherit=True)


def real_offset_map(all_ins):
    """dis offset (including EXTENDED_ARG prefixes) -> offset of the real instruction it
    belongs to. A jump to an EXTENDED_ARG prefix is a jump to the prefixed instruction;
    dis reports the prefix's offset as argval, the decoder the instruction's index."""
    mapping = {}
    pending = []
    for ins in all_ins:
        pending.append(ins.offset)
        if ins.opname != "EXTENDED_ARG":
            for off in pending:
                mapping[off] = ins.offset
            pending = []
    return mapping


def line_table(code):
    """byte offset -> line, from co_lines() (what CPython 3.11 uses for f_lineno)."""
    lines = {}
    for start, end, line in code.co_lines():
        for off in range(start, end, 2):
            lines[off] = line
    return lines


def check_code(code, all_ins=None):
    """Compare the decoding of one code object with dis; return the number of instructions.
    `all_ins`: dis.get_instructions(code) as a list, when the caller has it already."""
    where = f"{code.co_qualname} ({code.co_filename}:{code.co_firstlineno})"
    info = code_info(code)
    info.decode()
    if all_ins is None:
        all_ins = list(dis.get_instructions(code))
    real = [ins for ins in all_ins if ins.opname not in SKIPPED]
    n = len(real)
    assert len(info.instrs) == n, where
    assert len(info.ops) == n and len(info.offsets) == n and len(info.opargs) == n, where
    assert len(info.lines) == n and len(info.handlers or [None] * n) == n, where
    real_off = real_offset_map(all_ins)
    index_of = {off: i for i, off in enumerate(info.offsets)}
    lines = line_table(code)
    for i, ins in enumerate(real):
        at = f"{where}: instruction {i} {ins.opname} at {ins.offset}"
        assert info.ops[i] == ins.opcode, at
        assert info.offsets[i] == ins.offset, at
        # dis gives arg None below HAVE_ARGUMENT; the decoder stores 0 there
        assert info.opargs[i] == (0 if ins.arg is None else ins.arg), at
        if ins.opcode in dis.hasjrel:
            target = info.instrs[i][1]
            assert type(target) is int and 0 <= target <= n, at
            assert target < n, f"{at}: jump past the end"
            assert info.offsets[target] == real_off[ins.argval], at
        # lines: positions.lineno (co_positions) and co_lines() agree in 3.11
        assert info.line(i) == ins.positions.lineno, at
        assert info.line(i) == lines.get(ins.offset), at
        if ins.starts_line is not None:
            assert info.line(i) == ins.starts_line, at

    # exception table: the raw parse, then the per-instruction resolution
    ours = parse_exception_table(code.co_exceptiontable)
    theirs = [(e.start, e.end, e.target, e.depth, e.lasti) for e in dis._parse_exception_table(code)]
    assert ours == theirs, where
    for i, off in enumerate(info.offsets):
        covering = [e for e in theirs if e[0] <= off < e[1]]
        assert len(covering) <= 1, f"{where}: overlapping exception table entries at {off}"
        if covering:
            start, end, target, depth, lasti = covering[0]
            expected = (index_of[real_off[target]], depth, lasti)
        else:
            expected = None
        assert info.handler(i) == expected, f"{where}: handler of instruction {i} at {off}"
    return n


@pytest.mark.parametrize("module", MODULES)
def test_decoder_matches_dis(module):
    codes = list(walk(module_code(module)))
    assert len(codes) > 1
    total = sum(check_code(c) for c in codes)
    assert total > 100


def test_corpus_covers_the_interesting_cases():
    """The corpus above really contains jumps to EXTENDED_ARG prefixes, EXTENDED_ARG-folded
    opargs, multi-byte exception-table varints and instructions without a line."""
    seen = {"jump_to_prefix": False, "ext_arg": False, "long_varint": False, "no_line": False}
    for module in MODULES:
        for code in walk(module_code(module)):
            all_ins = list(dis.get_instructions(code))
            prefixes = {ins.offset for ins in all_ins if ins.opname == "EXTENDED_ARG"}
            if prefixes:
                seen["ext_arg"] = True
            if any(ins.opcode in dis.hasjrel and ins.argval in prefixes for ins in all_ins):
                seen["jump_to_prefix"] = True
            if any(b & 0x40 for b in code.co_exceptiontable):
                seen["long_varint"] = True
            if any(ins.positions.lineno is None for ins in all_ins if ins.opname not in SKIPPED):
                seen["no_line"] = True
    assert all(seen.values()), seen


def test_parse_exception_table_edge_cases():
    assert parse_exception_table(b"") == []
    # one entry, every field a multi-byte varint: start=100 units, size=70, target=5000, depth 3, lasti
    def varint(v):
        chunks = []
        while True:
            chunks.append(v & 63)
            v >>= 6
            if not v:
                break
        chunks.reverse()
        return bytes([c | 64 for c in chunks[:-1]] + [chunks[-1]])
    table = bytes([varint(100)[0] | 0x80]) + varint(100)[1:] + varint(70) + varint(5000) + varint(3 << 1 | 1)
    assert parse_exception_table(table) == [(200, 340, 10000, 3, True)]


# --- EXTENDED_ARG on purpose ------------------------------------------------------------------

def run_both(src):
    """Run `src` natively and in the VM; return both globals dicts."""
    code = compile(src, "<t>", "exec")
    native = {"__builtins__": __builtins__}
    exec(code, native)
    vm = {"__builtins__": __builtins__}
    pyceval.run_code(compile(src, "<t>", "exec"), vm)
    return code, native, vm


def ext_arg_count(code):
    return sum(1 for c in walk(code) for ins in dis.get_instructions(c) if ins.opname == "EXTENDED_ARG")


def test_many_constants_and_names():
    """> 256 constants and > 256 names: LOAD_CONST, STORE_NAME, LOAD_NAME, LOAD_GLOBAL,
    LOAD_ATTR take EXTENDED_ARG prefixes."""
    n = 600
    lines = [f"v{i} = {i}.25" for i in range(n)]
    lines.append("import types as _t")
    lines.append("ns = _t.SimpleNamespace(" + ", ".join(f"a{i}={i}" for i in range(n)) + ")")
    lines.append("def f():\n    return (" + " + ".join(f"v{i}" for i in range(0, n, 7)) + ", "
                 + " + ".join(f"ns.a{i}" for i in range(0, n, 5)) + ")")
    lines.append("def g():\n    t = 0.0\n" + "".join(f"    t += {i}.75\n" for i in range(n)) + "    return t")
    lines.append("result = (v599, f(), g(), " + " + ".join(f"v{i}" for i in range(n)) + ")")
    src = "\n".join(lines) + "\n"
    code, native, vm = run_both(src)
    assert ext_arg_count(code) > 100
    assert len(code.co_names) > 256 and len(code.co_consts) > 256
    for c in walk(code):
        check_code(c)
    assert vm["result"] == native["result"]
    assert vm["result"][0] == 599.25


def test_long_jumps_forward_and_backward():
    """Jumps over more than 255 code units: a huge if-block, a huge while/for loop body
    (backward jump and FOR_ITER with EXTENDED_ARG, loop head behind an EXTENDED_ARG
    prefix), break/continue across it, and an exception handler far away."""
    body = "".join(f"        t = t + {i}\n" for i in range(200))
    src = f"""
def big_if(flag):
    t = 0
    if flag:
{body}    elif flag is None:
{body}    else:
        t = -1
    return t

def big_while(n):
    i = 0
    t = 0
    while i < n:
        i += 1
        if i == 2:
            continue
{body}        if i > 5:
            break
    return i, t

def big_for(n):
    t = 0
    for i in range(n):
        if i % 2:
            continue
{body}    return t

def far_handler(x):
    t = 0
    try:
{body}        t = t / x
    except ZeroDivisionError:
        return "handled", t
    return "ok", t

result = (big_if(True), big_if(False), big_while(10), big_for(5),
          far_handler(0), far_handler(2))
"""
    code, native, vm = run_both(src)
    assert ext_arg_count(code) > 4
    long_jumps = set()
    for c in walk(code):
        check_code(c)
        long_jumps.update(ins.opname for ins in dis.get_instructions(c)
                          if ins.opcode in dis.hasjrel and ins.arg > 255)
    assert {"POP_JUMP_FORWARD_IF_FALSE", "JUMP_FORWARD", "FOR_ITER", "JUMP_BACKWARD",
            "POP_JUMP_BACKWARD_IF_TRUE"} <= long_jumps, long_jumps
    assert vm["result"] == native["result"]
    assert vm["result"][0] == sum(range(200))
    assert vm["result"][1] == -1
    assert vm["result"][4] == ("handled", sum(range(200)))


def test_double_extended_arg():
    """opargs above 65535 (two EXTENDED_ARG prefixes): > 65536 constants, and a forward
    jump and an exception-table entry spanning more than 65535 code units."""
    n = 66000
    # a list display with a non-constant element is built with LOAD_CONST/LIST_APPEND
    # pairs: one constant per element, no folding into a tuple constant
    items = ", ".join(f"{i}.5" for i in range(n))
    src = f"""
def f(flag, zero):
    t = 0.0
    try:
        if flag:
            t = sum([zero, {items}])
            t = t / zero
    except ZeroDivisionError:
        return "handled", t
    return "plain", t
result = (f(True, 0), f(False, 0), f(True, 1))
"""
    code = compile(src, "<t>", "exec")
    fcode = code.co_consts[0]
    assert len(fcode.co_consts) > 65536
    all_ins = list(dis.get_instructions(fcode))
    assert max(ins.arg for ins in all_ins if ins.arg is not None) > 65535
    jump = next(ins for ins in all_ins if ins.opcode in dis.hasjrel and ins.arg > 65535)
    check_code(fcode, all_ins)
    info = code_info(fcode)
    i = info.offsets.index(jump.offset)
    assert info.opargs[i] == jump.arg
    assert info.offsets[info.instrs[i][1]] == jump.argval
    # three-byte varints in the exception table
    assert any(e[1] - e[0] > 2 * 4096 for e in parse_exception_table(fcode.co_exceptiontable))

    vm = {"__builtins__": __builtins__}
    pyceval.run_code(code, vm)
    native = {"__builtins__": __builtins__}
    exec(code, native)
    total = sum(i + 0.5 for i in range(n))
    assert vm["result"] == native["result"] == (("handled", total), ("plain", 0.0), ("plain", total + 1))


def test_shared_instruction_pairs_keep_argument_identity():
    """Decoded (handler, arg) pairs are shared between code objects to save memory
    (codeinfo._shared), but never in a way the program could see: a constant stays its
    own code object's constant, and a name is shared only when it is the same object."""
    a = compile("x = 10 ** 30; y = 'not an identifier!'; z.attr", "<a>", "exec")
    b = compile("x = 10 ** 30; y = 'not an identifier!'; z.attr", "<b>", "exec")
    ia, ib = code_info(a).decode(), code_info(b).decode()
    consts_a = [arg for (h, arg) in ia if h.__name__ == "LOAD_CONST"]
    consts_b = [arg for (h, arg) in ib if h.__name__ == "LOAD_CONST"]
    assert consts_a == consts_b and len(consts_a) >= 2
    assert all(any(c is k for k in a.co_consts) for c in consts_a)
    assert all(any(c is k for k in b.co_consts) for c in consts_b)
    assert not any(ca is cb for ca, cb in zip(consts_a, consts_b) if type(ca) is int)
    # plain int arguments and identical names: one pair for both code objects
    attr_a = next(p for p in ia if p[0].__name__.startswith("LOAD_ATTR"))
    attr_b = next(p for p in ib if p[0].__name__.startswith("LOAD_ATTR"))
    assert attr_a[1] is a.co_names[-1] and attr_a is attr_b
    # (an equal name that is another object cannot reach the decoder: code objects
    # intern their co_names, even when made by replace())
    other = "".join(["at", "tr"])
    c = b.replace(co_names=b.co_names[:-1] + (other,))
    assert c.co_names[-1] is a.co_names[-1]
    # line numbers, offsets and opargs answer as dis does (compact arrays underneath)
    info = code_info(a)
    assert [info.line(i) for i in range(len(info.ops))] == \
        [ins.positions.lineno for ins in dis.get_instructions(a) if ins.opname not in SKIPPED]
