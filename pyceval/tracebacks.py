"""Real traceback objects for VM frames.

C code (the default excepthook, PyErr_Display) and the `traceback` module read
`tb.tb_frame.f_code`, `tb.tb_lasti` and `tb.tb_lineno`, and they need a real frame
object. For each VM frame that an exception passes through we make one *stand-in*
host frame (the idea of Jinja2's debug.py): the frame of a never-started generator
whose code has the guest's name, qualname, file, first line, varnames and line
table, and whose globals are the guest's. The traceback entry carries the guest's
offset in `tb_lasti`, so the `^^^^` position markers of 3.11 come out right.
An unstarted generator's frame has no f_back and holds no values, so a stand-in
keeps nothing alive (its f_locals is empty).

This module also removes pyceval's own host frames from traceback chains.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import os
import sys
import types
import weakref

from .codeinfo import CO_OPTIMIZED
from .frame import NULL


_FUTURE_MASK = 0x3FE0000   # CO_FUTURE_* flags
_NOP = bytes([__import__("opcode").opmap["NOP"], 0])
_PKG_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_TEMPLATE = next(c for c in compile("def stub():\n    yield\n", "<pyceval stub>", "exec").co_consts
                 if isinstance(c, types.CodeType))

# code objects made by pyceval that stand for guest code: id -> code (kept alive)
SHIM_CODES = {}    # trampolines, binders and stand-ins
STUB_CODES = {}    # stand-ins only: where a traceback chain made by the VM begins
TRAMPOLINE_MARK = object()   # first constant of every trampoline code object


_FILE_INTERNAL = {}     # co_filename -> is it a file of pyceval's own? (asked per exception)


def is_internal_code(code):
    """True for host code that belongs to pyceval itself (never shown in guest tracebacks)."""
    filename = code.co_filename
    internal = _FILE_INTERNAL.get(filename)
    if internal is None:
        internal = filename.startswith(_PKG_DIR)
        if len(_FILE_INTERNAL) < 4096:
            _FILE_INTERNAL[filename] = internal
    if internal:
        return True
    consts = code.co_consts
    return bool(consts) and consts[0] is TRAMPOLINE_MARK


def is_shim_code(code):
    """True for pyceval's stand-in code objects: trampolines and traceback stubs."""
    if id(code) in SHIM_CODES:
        return True
    consts = code.co_consts
    return bool(consts) and consts[0] is TRAMPOLINE_MARK


def linetable_units(linetable):
    """How many code units a co_linetable describes (entries start with bit 7 set;
    their low 3 bits are the length - 1)."""
    return sum((b & 7) + 1 for b in linetable if b & 0x80)


def fit_linetable(co_code, linetable):
    """(co_code, co_linetable) of the same extent: a shim keeps the guest's line table
    (so co_lines()/co_positions() answer for the guest) and CPython, which walks the
    table when tracing or profiling, must never run off its end. Longer tables get
    NOPs after the shim's code, shorter ones entries that repeat the last line."""
    need = linetable_units(linetable)
    have = len(co_code) // 2
    if have < need:
        co_code = co_code + _NOP * (need - have)
    elif have > need:
        extra = have - need
        tail = bytearray()
        while extra:
            n = min(extra, 8)
            # PY_CODE_LOCATION_INFO_NO_COLUMNS with a line delta of 0: the guest's last line
            # (a suspended generator's gi_frame.f_lineno must be a line, never None)
            tail += bytes((0x80 | (13 << 3) | (n - 1), 0))
            extra -= n
        linetable = linetable + bytes(tail)
    return co_code, linetable


def make_stub(code, params=()):
    """A generator code object that looks like `code` (name, file, lines, positions),
    taking `params` (names of the guest's bound locals) as its arguments."""
    raw, linetable = fit_linetable(_TEMPLATE.co_code, code.co_linetable)
    stub = _TEMPLATE.replace(
        co_name=code.co_name, co_qualname=code.co_qualname, co_filename=code.co_filename,
        co_firstlineno=code.co_firstlineno, co_code=raw, co_linetable=linetable,
        co_argcount=len(params), co_varnames=tuple(params), co_nlocals=len(params),
        co_flags=_TEMPLATE.co_flags | (code.co_flags & _FUTURE_MASK),
    )
    SHIM_CODES[id(stub)] = STUB_CODES[id(stub)] = stub
    return stub


def _bound_locals(f):
    """(names, values) of the frame's bound locals, cells and free variables (contents)."""
    info = f.info
    if not f.code.co_flags & CO_OPTIMIZED:
        return (), ()
    names, values = [], []
    cells = info.localsplus_cells
    for i, name in enumerate(info.localsplus_names):
        if i >= len(f.fast):
            break
        v = f.fast[i]
        if cells[i] and type(v) is types.CellType:
            try:
                v = v.cell_contents
            except ValueError:
                continue
        if v is NULL:
            continue
        names.append(name)
        values.append(v)
    return tuple(names), values


# id(stand-in frame) -> weak reference to the VM frame it stands for: a stand-in must not
# keep alive anything the program has let go of. (A plain dict and weakref.ref, both C:
# pyceval's own machinery never calls Python-level library code such as
# WeakValueDictionary, whose functions run in the VM.)
_LIVE = {}


def _register(fake, f):
    key = id(fake)
    _LIVE[key] = weakref.ref(f, lambda _, key=key: _LIVE.pop(key, None))


def live_f_locals(frame):
    """frame.f_locals, where a stand-in answers with the live locals of its VM frame
    (as a traceback's frame does in CPython: the frame may have run on since the raise)."""
    d = frame.f_locals
    ref = _LIVE.get(id(frame))
    f = ref() if ref is not None else None
    if f is not None and id(frame.f_code) in STUB_CODES and frame.f_code.co_name == f.code.co_name:
        if f.fast and f.code.co_flags & CO_OPTIMIZED:
            live = f.locals_snapshot()
            for name in f.info.localsplus_names:
                if name in live:
                    d[name] = live[name]
                else:
                    d.pop(name, None)
    return d


def stand_in_frame(f):
    """A host frame object standing for VM frame `f` in one traceback entry. It is the
    frame of an unstarted generator whose arguments are the frame's bound locals, so
    tb_frame.f_locals shows them (as a traceback's frame does in CPython)."""
    info = f.info
    names, values = _bound_locals(f)
    stubs = info.stub
    if stubs is None:
        stubs = info.stub = {}
    stub = stubs.get(names)
    if stub is None:
        stub = stubs[names] = make_stub(info.code, names)
    prof, trace = sys.getprofile(), sys.gettrace()
    if prof is not None or trace is not None:
        # a host profiler seeing the stub's frame before RETURN_GENERATOR
        # crashes CPython 3.11 later on; make it without them
        sys.setprofile(None)
        sys.settrace(None)
        try:
            fake = types.FunctionType(stub, f.globals)(*values).gi_frame
        finally:
            _restore_hook(sys.setprofile, prof)
            _restore_hook(sys.settrace, trace)
    else:
        fake = types.FunctionType(stub, f.globals)(*values).gi_frame
    _register(fake, f)
    return fake


def _restore_hook(setter, hook):
    """Put back a host profile or trace hook: a Python callable through `setter`; a C
    profiler's object (cProfile's Profiler, which sys.getprofile() returns and which is
    not callable) through its own enable(), which keeps its settings."""
    if hook is None or callable(hook):
        setter(hook)
    else:
        hook.enable()


def add_entry(exc, tb, f, index):
    """Prepend the traceback entry for VM frame `f` at instruction `index` to `tb`."""
    info = f.info
    return types.TracebackType(tb, stand_in_frame(f), info.offsets[index], info.line_at(index))


def strip_internal(tb):
    """Drop pyceval's own host frames from a traceback chain.

    Host entries are prepended as an exception passes through the VM's own functions;
    the chain below the first stand-in frame was already cleaned when it was made.
    """
    head = prev = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if id(code) in STUB_CODES:
            break
        if is_internal_code(code):
            tb = tb.tb_next
            continue
        if prev is None:
            head = tb
        else:
            prev.tb_next = tb
        prev = tb
        tb = tb.tb_next
    if prev is None:
        return tb
    if prev.tb_next is not tb:
        prev.tb_next = tb
    return head
