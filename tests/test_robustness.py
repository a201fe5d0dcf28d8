"""Bad input gets a clear error, and nothing is lost on the way.

- malformed bytecode (unknown opcode, jump outside the code, oparg out of range) raises
  pyceval.errors.VMError naming the opcode, offset and code object, is never delivered to
  the guest's exception handlers, and leaves the VM usable; through the CLI: status 2.
- malformed .pyc files give one clear line and python3's status, no internal traceback.
- runaway recursion ends like python3 (RecursionError, status 1, collapsed traceback), and
  a program that catches RecursionError goes on exactly as natively.
- Ctrl-C reaches the guest's `except KeyboardInterrupt`; uncaught, the process ends as
  python3's does.
- a code object with free variables but no closure does not crash the host.
"""
import dis
import importlib.util
import marshal
import os
import py_compile
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
import types

import pytest

import pyceval
from pyceval.errors import VMError
from pyceval.interpreter import thread_state

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 60
MAGIC = importlib.util.MAGIC_NUMBER


# --- helpers ------------------------------------------------------------------------------------

def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONWARNINGS", None)
    return env


def _argv(target, vm):
    target = [str(t) for t in target]
    return [sys.executable, "-m", "pyceval", "run", *target] if vm else [sys.executable, *target]


def run(target, vm=True):
    """Run `target` (a list of arguments) under pyceval (vm=True) or natively."""
    p = subprocess.run(_argv(target, vm), cwd=ROOT, env=_env(), capture_output=True,
                       timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def write(path, text):
    path.write_text(textwrap.dedent(text))
    return path


def pyc_bytes(payload):
    """A .pyc: magic, flags 0 (timestamp-based), mtime 0, size 0, then `payload`."""
    return MAGIC + b"\0" * 12 + payload


def patch(code, offset, op=None, arg=None):
    raw = bytearray(code.co_code)
    if op is not None:
        raw[offset] = op
    if arg is not None:
        raw[offset + 1] = arg
    return code.replace(co_code=bytes(raw))


def replace_const(code, name, new):
    """`code` with its nested code object called `name` replaced by `new`."""
    consts = tuple(new if isinstance(c, types.CodeType) and c.co_name == name else c
                   for c in code.co_consts)
    assert consts != code.co_consts
    return code.replace(co_consts=consts)


def unknown_opcode():
    """An opcode number that is not an instruction of CPython 3.11 (dis shows it as <N>).

    CPython 3.11 de-specializes co_code when it is read back: the <N> numbers that
    belong to specialized instructions (dis._all_opname names them) read back as their
    base instruction, every other unused number (181..254) reads back as 0, i.e. CACHE.
    So the only unknown opcode pyceval can ever see in a 3.11 code object is 0, and the
    message must name the number that is really in co_code. (Do not probe the specialized
    numbers with code.replace(): reading co_code back then writes CACHE entries past the
    end of a short co_code and corrupts CPython's heap.)
    """
    names = getattr(dis, "_all_opname", dis.opname)
    return next(n for n, name in enumerate(dis.opname)
                if name.startswith("<") and names[n].startswith("<"))


def assert_vm_clean():
    ts = thread_state()
    assert ts.depth == 0 and ts.frame is None, (ts.depth, ts.frame)
    g = {"__builtins__": __builtins__}
    pyceval.run_code(compile("def f(n):\n    return n if n < 1 else f(n - 1) + 1\nr = f(50)\n",
                             "<after>", "exec"), g)
    assert g["r"] == 50


# --- malformed bytecode in the VM ---------------------------------------------------------------

BROKEN_SRC = '''
def broken(a):
    log.append("in broken")
    a = a + 1
    log.append("not reached")
    return a

def through_try():
    try:
        return broken(1)
    except BaseException as e:
        log.append("guest caught %s" % type(e).__name__)
    finally:
        log.append("finally ran")

def through_map():
    return list(map(broken, [1, 2]))

def gen():
    yield broken(1)

def through_generator():
    for x in gen():
        log.append(x)

log.append("before")
WHO()
log.append("after")
'''


def broken_program(who, mutate):
    code = compile(BROKEN_SRC.replace("WHO", who), "<bad>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType) and c.co_name == "broken")
    bad, expected = mutate(fcode)
    return replace_const(code, "broken", bad), expected


def _store_fast(fcode):
    return next(i for i in dis.get_instructions(fcode) if i.opname == "STORE_FAST")


def mutate_unknown_opcode(fcode):
    ins = _store_fast(fcode)
    bad = patch(fcode, ins.offset, op=unknown_opcode())
    seen = bad.co_code[ins.offset]
    assert seen not in {i.opcode for i in dis.get_instructions(fcode)}
    return bad, [rf"unknown opcode {seen}\b", rf"at offset {ins.offset}\b", r"code object broken\b"]


def mutate_jump_outside(fcode):
    # broken() has no jump: put a JUMP_FORWARD with a huge target in place of STORE_FAST
    ins = _store_fast(fcode)
    bad = patch(fcode, ins.offset, op=dis.opmap["JUMP_FORWARD"], arg=250)
    target = ins.offset + 2 + 2 * 250
    return bad, [rf"jump at offset {ins.offset}\b", rf"offset {target}\b", r"code object broken\b"]


def mutate_oparg_range(fcode):
    ins = next(i for i in dis.get_instructions(fcode) if i.opname == "LOAD_CONST")
    bad = patch(fcode, ins.offset, arg=250)
    return bad, [r"oparg 250\b", rf"offset {ins.offset}\b", r"code object broken\b"]


MUTATIONS = {"unknown_opcode": mutate_unknown_opcode, "jump_outside": mutate_jump_outside,
             "oparg_range": mutate_oparg_range}
CALLERS = {
    "broken(1)": ["before", "in broken"],
    "through_try": ["before", "in broken"],      # neither except nor finally may run
    "through_map": ["before", "in broken"],
    "through_generator": ["before", "in broken"],
}


@pytest.mark.parametrize("who", list(CALLERS))
@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_malformed_bytecode_raises_vmerror(mutation, who):
    code, patterns = broken_program(who, MUTATIONS[mutation])
    log = []
    with pytest.raises(VMError) as info:
        pyceval.run_code(code, {"__builtins__": __builtins__, "__name__": "__main__", "log": log})
    message = str(info.value)
    for pattern in patterns:
        assert re.search(pattern, message), (pattern, message)
    expected = CALLERS[who]
    if mutation != "unknown_opcode":
        expected = expected[:-1]    # decoding fails before the first instruction of broken()
    assert log == expected
    assert_vm_clean()


def test_oparg_wider_than_32_bits_is_a_vmerror():
    # five EXTENDED_ARG prefixes: an oparg no CPython instruction can have (the decoder
    # keeps opargs in 32 bits)
    c = compile("x = 1", "<wide>", "exec")
    ea = dis.opmap["EXTENDED_ARG"]
    raw = bytes([dis.opmap["RESUME"], 0] + [ea, 1] * 5 + [dis.opmap["BUILD_LIST"], 0])
    bad = c.replace(co_code=raw + c.co_code[2:])
    with pytest.raises(VMError, match="wider than 32 bits"):
        pyceval.run_code(bad, {"__builtins__": __builtins__})
    assert_vm_clean()


def test_unknown_opcode_at_module_level():
    src = "log.append(1)\nx = 1\nlog.append(2)\n"
    code = compile(src, "<modlevel>", "exec")
    ins = [i for i in dis.get_instructions(code) if i.opname == "STORE_NAME"][0]
    bad = patch(code, ins.offset, op=unknown_opcode())
    log = []
    with pytest.raises(VMError) as info:
        pyceval.run_code(bad, {"__builtins__": __builtins__, "log": log})
    message = str(info.value)
    assert f"unknown opcode {bad.co_code[ins.offset]} " in message
    assert f"at offset {ins.offset} " in message
    assert "code object <module>" in message
    assert log == [1]
    assert_vm_clean()


@pytest.mark.xfail(strict=True, reason=(
    "malformed bytecode that underflows the value stack is not reported as VMError: the "
    "handler's list.pop() raises IndexError('pop from empty list'), which is delivered to "
    "the guest as an ordinary exception (a guest `except IndexError` catches it)"))
def test_stack_underflow_is_a_vmerror():
    src = "try:\n    x = 1\nexcept IndexError:\n    log.append('guest caught IndexError')\n"
    code = compile(src, "<underflow>", "exec")
    ins = next(i for i in dis.get_instructions(code) if i.opname == "LOAD_CONST")
    bad = patch(code, ins.offset, op=dis.opmap["NOP"], arg=0)   # STORE_NAME now pops nothing
    log = []
    with pytest.raises(VMError):
        pyceval.run_code(bad, {"__builtins__": __builtins__, "log": log})
    assert log == []


def test_unknown_opcode_pyc_through_cli(tmp_path):
    src = "print('before')\ndef broken():\n    x = 1\n    return x\ntry:\n    broken()\nexcept BaseException:\n    print('guest caught')\nprint('after')\n"
    code = compile(src, "<bad>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    ins = _store_fast(fcode)
    bad_f = patch(fcode, ins.offset, op=unknown_opcode())
    pyc = tmp_path / "bad.pyc"
    pyc.write_bytes(pyc_bytes(marshal.dumps(replace_const(code, "broken", bad_f))))
    status, out, err = run([pyc])
    assert status == 2, (status, out, err)
    assert out == "before\n"             # buffered output is flushed, not lost
    assert "VMError" in err
    assert f"unknown opcode {bad_f.co_code[ins.offset]} at offset {ins.offset}" in err
    assert "code object broken" in err
    assert "Traceback" not in err and "pyceval/" not in err
    assert len(err.strip().splitlines()) == 1, err


# --- malformed .pyc files -----------------------------------------------------------------------

def _valid_code():
    return compile("print('hi')\n", "x.py", "exec")


PYC_CASES = {
    "bad_magic": b"\x00\x00\x0d\x0a" + b"\0" * 12 + marshal.dumps(_valid_code()),
    "empty": b"",
    "truncated_header": MAGIC + b"\0" * 4,
    "header_only": pyc_bytes(b""),
    "truncated_marshal": pyc_bytes(marshal.dumps(_valid_code())[:20]),
    "garbage": pyc_bytes(b"\xff\xfe this is not marshal data \x00\x01"),
    "not_a_code_object": pyc_bytes(marshal.dumps({"a": 1, "b": [2, 3]})),
}


@pytest.mark.parametrize("case", list(PYC_CASES))
def test_malformed_pyc(tmp_path, case):
    pyc = tmp_path / f"{case}.pyc"
    pyc.write_bytes(PYC_CASES[case])
    status, out, err = run([pyc])
    native_status, _, native_err = run([pyc], vm=False)
    assert native_status == 1
    assert status == native_status, (status, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "pyceval/" not in err, err
    if case == "bad_magic":
        assert err == native_err == "RuntimeError: Bad magic number in .pyc file\n"
    else:
        assert str(pyc) in err or "Bad" in err, err


def test_pyc_with_corrupt_code_object(tmp_path):
    data = marshal.dumps(compile("x = 1\n", "x.py", "exec"))
    # co_names ('x',) is ")\x01" + short interned str 'x'; make it (7,) keeping the ref count
    corrupt = data.replace(b")\x01\xda\x01x", b")\x01\xe9\x07\x00\x00\x00", 1)
    assert corrupt != data
    with pytest.raises(SystemError):
        marshal.loads(corrupt)
    pyc = tmp_path / "corrupt.pyc"
    pyc.write_bytes(pyc_bytes(corrupt))
    status, out, err = run([pyc])
    assert status == 1
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "pyceval/" not in err, err


def test_directory_as_script(tmp_path):
    d = tmp_path / "prog.pyc"
    d.mkdir()
    native_status, _, native_err = run([d], vm=False)
    status, out, err = run([d])
    assert status == native_status == 1
    assert "Traceback" not in err and "pyceval/" not in err, err


VALID_SRC = """
import sys
class Shape:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"Shape({self.n})"
def gen(n):
    for i in range(n):
        yield Shape(i)
try:
    {}['missing']
except KeyError as e:
    print('caught', repr(e))
print([s for s in gen(3)], sum(x * x for x in range(10)))
print(sys.argv[1:], __name__)
raise SystemExit(3)
"""


def test_valid_pyc_runs_like_source(tmp_path):
    src = write(tmp_path / "prog.py", VALID_SRC)
    pyc = tmp_path / "prog.pyc"
    py_compile.compile(str(src), cfile=str(pyc), doraise=True)
    native = run([src, "a", "b"], vm=False)
    assert native[0] == 3 and "caught" in native[1]
    assert run([pyc, "a", "b"]) == native
    assert run([pyc, "a", "b"], vm=False) == native


# --- recursion ----------------------------------------------------------------------------------

def test_uncaught_recursion(tmp_path):
    prog = write(tmp_path / "rec.py", """
        def f(n):
            return f(n + 1)
        print("start")
        f(0)
    """)
    n_status, n_out, n_err = run([prog], vm=False)
    status, out, err = run([prog])
    last = "RecursionError: maximum recursion depth exceeded"
    assert n_status == 1 and n_err.splitlines()[-1] == last
    assert status == 1
    assert out == n_out == "start\n"
    assert err.splitlines()[-1] == last
    assert "[Previous line repeated" in err
    assert abs(len(err.splitlines()) - len(n_err.splitlines())) <= 3, err
    assert "pyceval/" not in err


CAUGHT_RECURSION = """
import sys
def f(n):
    return f(n + 1)
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
try:
    f(0)
except RecursionError as e:
    print("caught", type(e).__name__, e)
print("after", sum(i * i for i in range(10)))
def g(k):
    return k if k == 0 else g(k - 1)
print(g(500))
print("depth", depth(0))
try:
    f(0)
except RecursionError as e:
    print("again", e)
class Node:
    def __init__(self, n):
        self.n = n
    def total(self):
        return self.n + (Node(self.n + 1).total() if self.n < 10 ** 6 else 0)
try:
    Node(0).total()
except RecursionError:
    print("method recursion caught")
print("depth", depth(0))
sys.setrecursionlimit(300)
print("depth at 300", depth(0))
sys.setrecursionlimit(1000)
print([g(i) for i in range(5)], "end")
"""


def test_caught_recursion_then_continue(tmp_path):
    prog = write(tmp_path / "rec2.py", CAUGHT_RECURSION)
    native = run([prog], vm=False)
    assert native[0] == 0 and "depth 998" in native[1]
    assert run([prog]) == native


@pytest.mark.xfail(strict=True, reason=(
    "calls of builtins (C functions) do not count towards the guest recursion limit: "
    "CPython 3.11 counts a level in cfunction_vectorcall_* and PyObject_Str/Repr, so "
    "str(e) in an `except RecursionError` at the limit raises a new RecursionError "
    "('... while getting the str of an object') and next(gen) costs a level; under "
    "pyceval the depths reached and the messages differ"))
def test_recursion_limit_counts_builtin_calls(tmp_path):
    prog = write(tmp_path / "rec3.py", """
        def r(n):
            try:
                return r(n + 1)
            except RecursionError as e:
                return n, str(e)
        print(r(0))
        def gen_depth(n):
            try:
                yield from gen_depth(n + 1)
            except RecursionError:
                yield n
        print(next(gen_depth(0)))
    """)
    assert run([prog]) == run([prog], vm=False)


def test_recursion_through_builtin_callback(tmp_path):
    prog = write(tmp_path / "rec4.py", """
        def viamap(n):
            return list(map(viamap, [n + 1]))
        viamap(0)
    """)
    n_status, _, n_err = run([prog], vm=False)
    status, _, err = run([prog])
    assert status == n_status == 1
    assert "pyceval/" not in err, err
    assert err == n_err


def test_generator_chain_finalization_after_recursion(tmp_path):
    """~1000 suspended generators, each holding the next in a for loop inside try/except,
    are finalized one inside the other when the outermost is dropped. (At commit bdb4403
    this printed 'Exception ignored in: <generator object gen_for>' with a host
    RecursionError from pyceval/generators.py and a 'line -1' entry; python3 prints
    nothing.)"""
    prog = write(tmp_path / "rec5.py", """
        def gen_for(n):
            try:
                for x in gen_for(n + 1):
                    yield x
            except RecursionError:
                yield n
        for v in gen_for(0):
            print(v > 900)
            break
        print("done")
    """)
    native = run([prog], vm=False)
    assert native[0] == 0 and native[2] == ""
    assert run([prog]) == native


# --- Ctrl-C -------------------------------------------------------------------------------------

def run_and_interrupt(prog, vm):
    """Start `prog`, wait for its 'ready' line, send SIGINT; return (status, stdout, stderr)."""
    p = subprocess.Popen(_argv([prog], vm), cwd=ROOT, env=_env(), stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watchdog = threading.Timer(TIMEOUT, p.kill)
    watchdog.start()
    try:
        first = p.stdout.readline()
        assert first == b"ready\n", (first, p.stderr.read() if p.poll() is not None else b"")
        time.sleep(0.3)                 # well inside the busy loop
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=TIMEOUT)
    finally:
        watchdog.cancel()
        if p.poll() is None:
            p.kill()
            p.wait()
    return p.returncode, out.decode(), err.decode()


def test_ctrl_c_caught_by_guest(tmp_path):
    prog = write(tmp_path / "sig1.py", """
        x = 0
        try:
            print("ready", flush=True)
            while True:
                x += 1
        except KeyboardInterrupt:
            print("caught KeyboardInterrupt", flush=True)
            raise SystemExit(0)
    """)
    status, out, err = run_and_interrupt(prog, vm=True)
    assert status == 0, err
    assert out == "caught KeyboardInterrupt\n"
    assert err == ""


def test_ctrl_c_uncaught(tmp_path):
    prog = write(tmp_path / "sig2.py", """
        x = 0
        print("ready", flush=True)
        while True:
            x += 1
    """)
    n_status, _, n_err = run_and_interrupt(prog, vm=False)
    status, out, err = run_and_interrupt(prog, vm=True)
    assert n_status in (-signal.SIGINT, 130)
    assert n_err.splitlines()[-1] == "KeyboardInterrupt"
    assert status == n_status, err
    assert err.splitlines()[-1] == "KeyboardInterrupt"
    assert "pyceval/" not in err, err
    assert out == ""


@pytest.mark.xfail(strict=False, reason=(
    "timing-dependent: passes alone and without xdist, but under `pytest -n 2` with other "
    "load an interrupt every 0.7 ms sometimes lands in pyceval's host code while it reports "
    "an earlier KeyboardInterrupt ('lost sys.stderr', exit by SIGALRM); open investigation"))
def test_many_interrupts_leave_vm_state_intact(tmp_path):
    prog = write(tmp_path / "alarm.py", """
        import signal
        def leaf(a):
            return a + 1
        def mid(a):
            try:
                return leaf(a) * 2
            finally:
                pass
        def gen(n):
            for i in range(n):
                yield mid(i)
        def depth(n):
            try:
                return depth(n + 1)
            except RecursionError:
                return n
        caught = 0
        signal.signal(signal.SIGALRM, signal.default_int_handler)
        signal.setitimer(signal.ITIMER_REAL, 0.0007, 0.0007)
        while caught < 300:
            try:
                try:
                    while True:
                        s = sum(gen(50))
                        [mid(i) for i in range(20)]
                except KeyboardInterrupt:
                    caught += 1
            except KeyboardInterrupt:   # one that landed in the handler above (the VM is
                caught += 1             # slower, so its window is wider than natively)
        while True:     # disarm; an alarm already pending may still interrupt once
            try:
                signal.setitimer(signal.ITIMER_REAL, 0, 0)
                signal.signal(signal.SIGALRM, signal.SIG_IGN)
                break
            except KeyboardInterrupt:
                pass
        print("caught", min(caught, 300))
        print("depth", depth(0))
    """)
    native = run([prog], vm=False)
    assert native == (0, "caught 300\ndepth 998\n", ""), native[2]
    got = run([prog])
    assert got == native, got[2]


# --- free variables without a closure ----------------------------------------------------------

def _inner_code():
    def outer():
        x = 42

        def inner():
            return x + 1
        return inner
    code = outer().__code__
    assert code.co_freevars == ("x",)
    return code


def test_free_variables_without_closure_do_not_crash_the_host():
    """What happens today: COPY_FREE_VARS indexes the missing closure and the guest sees a
    TypeError ("'NoneType' object is not subscriptable"); the host goes on and the VM is
    usable. (exec() refuses the code up front: "code object requires a closure of exactly
    length 1".)"""
    with pytest.raises(Exception):
        pyceval.run_code(_inner_code(), {"__builtins__": __builtins__})
    assert_vm_clean()
    # with a closure (the internal entry point takes one) it runs
    from pyceval.interpreter import run_code
    assert run_code(_inner_code(), {"__builtins__": __builtins__},
                    closure=(types.CellType(5),)) == 6
    assert_vm_clean()


def test_free_variables_without_closure_clear_error():
    with pytest.raises((TypeError, VMError), match="closure"):
        pyceval.run_code(_inner_code(), {"__builtins__": __builtins__})


def test_signal_handler_runs_in_a_loop_closed_by_a_conditional_backward_jump():
    # `while not flag: n += 1` loops on POP_JUMP_BACKWARD_IF_FALSE: an eval-breaker
    # point in 3.11, so the handler that sets the flag must run there (else: a hang)
    program = ("import signal\nflag = []\n"
               "signal.signal(signal.SIGALRM, lambda s, f: flag.append(1))\n"
               "def wait():\n    n = 0\n    while not flag: n += 1\n    return n\n"
               "signal.setitimer(signal.ITIMER_REAL, 0.05)\nwait()\nprint('ok')\n")
    for _ in range(3):
        out = subprocess.run([sys.executable, "-m", "pyceval", "run", "-c", program],
                             capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert out.stdout == "ok\n", out.stderr
