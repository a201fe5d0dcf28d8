"""Real traceback objects for VM frames.

C code (the default excepthook, PyErr_Display) and the `traceback` module read
`tb.tb_frame.f_code`, `tb.tb_lasti` and `tb.tb_lineno`, and they need a real frame
object. For each VM frame that an exception passes through we make one *stand-in*
host frame, the technique of Jinja2's debug.py: a copy of the guest code object with
the same name, file, first line and line table, whose bytecode only fetches its own
frame. The traceback entry then carries the guest's offset in `tb_lasti`, so the
`^^^^` position markers of 3.11 come out right.

This module also removes pyceval's own host frames from traceback chains.
"""
import os
import sys
import types

from .codeinfo import CO_NEWLOCALS, CO_OPTIMIZED, CO_VARARGS, CO_VARKEYWORDS, GENERATOR_FLAGS

_PKG_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_TEMPLATE = compile("__pyceval_frame__ = __pyceval_getframe__()", "<pyceval stub>", "exec")
_NOP = bytes([__import__("opcode").opmap["NOP"], 0])
_getframe = sys._getframe

# code objects made by pyceval that stand for guest code: id -> code (kept alive)
SHIM_CODES = {}
TRAMPOLINE_MARK = object()   # first constant of every trampoline code object


def is_internal_code(code):
    """True for host code that belongs to pyceval itself (never shown in guest tracebacks)."""
    if code.co_filename.startswith(_PKG_DIR):
        return True
    consts = code.co_consts
    return bool(consts) and consts[0] is TRAMPOLINE_MARK


def is_shim_code(code):
    """True for pyceval's stand-in code objects: trampolines and traceback stubs."""
    if id(code) in SHIM_CODES:
        return True
    consts = code.co_consts
    return bool(consts) and consts[0] is TRAMPOLINE_MARK


def make_stub(code):
    """A code object like `code` (name, file, lines, positions) that returns its own frame."""
    tmpl = _TEMPLATE.co_code
    pad = max(0, (len(code.co_code) - len(tmpl)) // 2)
    stub = code.replace(
        co_code=tmpl + _NOP * pad,
        co_consts=_TEMPLATE.co_consts,
        co_names=_TEMPLATE.co_names,
        co_flags=code.co_flags & ~(CO_OPTIMIZED | CO_NEWLOCALS | GENERATOR_FLAGS
                                   | CO_VARARGS | CO_VARKEYWORDS),
        co_argcount=0, co_posonlyargcount=0, co_kwonlyargcount=0,
        co_exceptiontable=b"",
        co_stacksize=max(code.co_stacksize, _TEMPLATE.co_stacksize),
        co_freevars=(), co_cellvars=(),
    )
    SHIM_CODES[id(stub)] = stub
    return stub


def stand_in_frame(f):
    """The host frame object standing for VM frame `f` in tracebacks (made once per frame)."""
    fake = f.fake
    if fake is None:
        info = f.info
        stub = info.stub
        if stub is None:
            stub = info.stub = make_stub(info.code)
        ns = f.locals
        if type(ns) is not dict:
            ns = dict(f.locals_snapshot()) if f.code.co_flags & CO_OPTIMIZED or ns is None else {}
        ns["__pyceval_getframe__"] = _getframe
        try:
            exec(stub, f.globals, ns)
            fake = ns.pop("__pyceval_frame__")
        finally:
            ns.pop("__pyceval_getframe__", None)
            ns.pop("__pyceval_frame__", None)
        f.fake = fake
    return fake


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
        if id(code) in SHIM_CODES:
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
