"""Guest functions are real `types.FunctionType` objects whose code runs in the VM.

A function made by MAKE_FUNCTION gets, as its `__code__`, a *trampoline*: a small code
object with exactly the guest's signature (argument names, kinds, flags, free
variables), name, qualname, file and first line. When the VM calls the function it
skips the trampoline and pushes a frame for the guest code in its own loop. When C
code calls it (a `key=` for `sorted`, `__eq__` from a dict, a thread target) the host
runs the trampoline, which has CPython bind the arguments and then enters the VM:

    plain function      return ENTER(info, globals(), (args...), (cells...))
    generator           return (yield from ENTER(...))        -> a real generator object
    coroutine           return await ENTER(...)               -> a real coroutine object
    async generator     a delegation loop around ENTER(...)   -> a real async generator

so `inspect`, `asyncio` and `types` see the real types. Free variables are passed as
cells (LOAD_DEREF in the compiled template is rewritten to the opcode that pushes the
cell itself), so closures stay shared.

The same template, with a body that just returns its arguments, is the *binder*: it
lets CPython bind keyword arguments and defaults, and raise its own TypeErrors, for
calls the VM's fast path does not cover.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import _warnings
import operator
import sys
import types

from . import events, generators
from .codeinfo import CO_ITERABLE_COROUTINE, CO_NESTED, CO_VARARGS, CO_VARKEYWORDS, CodeInfo
from .frame import new_frame
from .interpreter import builtins_from_globals, code_info, run_frame, thread_state
from .tracebacks import SHIM_CODES, TRAMPOLINE_MARK, fit_linetable
from .version import OPMAP, TABLES

FunctionType = types.FunctionType
_getframe = sys._getframe
_FUTURE_MASK = 0x3FE0000   # CO_FUTURE_* flags
_LOAD_DEREF = OPMAP["LOAD_DEREF"]
# the opcode that pushes a cell object itself (3.13 made LOAD_CLOSURE a pseudo-op of LOAD_FAST)
_PUSH_CELL = OPMAP["LOAD_CLOSURE"] if OPMAP["LOAD_CLOSURE"] < 256 else OPMAP["LOAD_FAST"]
_SLOT_OPS = frozenset(TABLES.HASLOCAL) | frozenset(TABLES.HASFREE)


def enter_function(info, globals, values, closure):
    """Trampoline target: run a plain guest function whose arguments the host bound."""
    f = new_frame(info, globals, builtins_from_globals(globals), None, [*values, *info.pad],
                  closure)
    return run_frame(thread_state(), f)


def enter_generator(info, globals, values, closure):
    """Trampoline target for generator, coroutine and async generator functions."""
    tramp_frame = _getframe(1)      # the host object's gi_frame/cr_frame
    driver = generators.adopt(tramp_frame)
    if driver is not None:          # made when the VM called the function
        return driver
    if info.kind == "generator":
        # types.coroutine() may have given the function a flagged copy of the trampoline:
        # the guest code must then carry CO_ITERABLE_COROUTINE too
        tramp = tramp_frame.f_code
        if tramp is not info.tramp:
            info = code_info(tramp)
    f = new_frame(info, globals, builtins_from_globals(globals), None, [*values, *info.pad],
                  closure)
    if events.ACTIVE is None:
        generators.prologue(f, info)   # MAKE_CELL/COPY_FREE_VARS up to RETURN_GENERATOR
    else:
        run_frame(thread_state(), f)   # (the same, seen by the tools)
    driver = generators.make_driver(f)
    generators.register(driver, tramp_frame)
    return driver


# what the generator and async generator trampolines call, as constants
_DRIVER_OPS = {
    "__NEXT__": generators.GeneratorDriver.gen_next,
    "__STEP__": generators.GeneratorDriver.step,
    "__ISDONE__": operator.attrgetter("done"),
    "__RETVAL__": operator.attrgetter("retval"),
    "__ISRETURN__": generators.GeneratorDriver.is_return,
    "__BASEEXC__": BaseException,
}

_ENTRY = {"function": enter_function, "generator": enter_generator,
          "coroutine": enter_generator, "async_generator": enter_generator}
_TEMPLATES = {}


def _signature(code, params):
    argc = code.co_argcount
    posonly = code.co_posonlyargcount
    kwonly = code.co_kwonlyargcount
    parts = []
    for i in range(argc):
        parts.append(params[i])
        if i == posonly - 1:
            parts.append("/")
    i = argc + kwonly
    if code.co_flags & CO_VARARGS:
        parts.append("*" + params[i])
        i += 1
    elif kwonly:
        parts.append("*")
    parts.extend(params[argc:argc + kwonly])
    if code.co_flags & CO_VARKEYWORDS:
        parts.append("**" + params[i])
    return ", ".join(parts)


_QUIET = ("ignore", None, SyntaxWarning, None, 0)


def _compile_quietly(source):
    """compile() without "'str' object is not callable" SyntaxWarnings (pyceval calls its
    placeholders on purpose), touching only the filter list itself: no library code."""
    module = sys.modules.get("warnings")
    filters = getattr(module, "filters", None)
    if type(filters) is not list:
        filters = _warnings.filters
    filters.insert(0, _QUIET)
    _warnings._filters_mutated()
    try:
        return compile(source, "<pyceval trampoline>", "exec")
    finally:
        try:
            filters.remove(_QUIET)
        except ValueError:
            pass
        _warnings._filters_mutated()


def _template(kind, code, nargs):
    """Compile (once per shape) the trampoline or binder template for this signature."""
    nfree = len(code.co_freevars)
    key = (kind, code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount,
           code.co_flags & (CO_VARARGS | CO_VARKEYWORDS), nfree)
    tmpl = _TEMPLATES.get(key)
    if tmpl is not None:
        return tmpl
    params = [f"a{i:03d}" for i in range(nargs)]
    free = [f"f{i:03d}" for i in range(nfree)]
    values = "(" + "".join(p + ", " for p in params) + ")"
    cells = "(" + "".join(c + ", " for c in free) + ")" if free else "None"
    # Placeholders are str constants, replaced by objects once compiled: the trampoline
    # then uses no names at all, so its co_names can be the guest's (inspect reads them)
    call = f'"__ENTER__"("__INFO__", "__GLOBALS__"(), {values}, {cells})'
    header = "def"
    if kind == "binder":
        body = [f"return {values}"]
    elif kind == "function":
        body = [f"return {call}"]
    elif kind == "generator":
        # an explicit delegation loop rather than `yield from`, so that a guest that
        # ignores GeneratorExit leaves the generator suspended, as in CPython. The
        # yielded value goes from the driver straight to `yield` (no local keeps it).
        body = [f"_pyceval_d = {call}",
                "_pyceval_v = _pyceval_e = None",
                "while True:",
                "    try:",
                '        _pyceval_v = yield "__NEXT__"(_pyceval_d, _pyceval_v, _pyceval_e)',
                "        _pyceval_e = None",
                '    except "__BASEEXC__" as _pyceval_x:',
                '        if "__ISDONE__"(_pyceval_d):',
                '            if "__ISRETURN__"(_pyceval_x):',
                '                return "__RETVAL__"(_pyceval_d)',
                "            raise",
                "        _pyceval_v, _pyceval_e = None, _pyceval_x"]
    elif kind == "coroutine":
        header = "async def"
        body = [f"return await {call}"]
    else:  # async generator: drive the VM frame, passing wrapped yields to our consumer
        header = "async def"
        body = [f"_pyceval_d = {call}",
                "_pyceval_v = _pyceval_e = None",
                "while True:",
                "    try:",
                '        _pyceval_v = yield await "__STEP__"(_pyceval_d, _pyceval_v, _pyceval_e)',
                "        _pyceval_e = None",
                '    except "__BASEEXC__" as _pyceval_x:',
                '        if "__ISDONE__"(_pyceval_d):',
                '            if "__ISRETURN__"(_pyceval_x):',
                "                return",
                "            raise",
                "        _pyceval_v, _pyceval_e = None, _pyceval_x"]
    lines = ["def __outer():"]
    if free:
        lines.append("    " + " = ".join(free) + " = None")
    lines.append(f"    {header} __trampoline({_signature(code, params)}):")
    lines.append('        "__MARK__"')
    lines += ["        " + b for b in body]
    lines.append("    return __trampoline")
    outer = _compile_quietly("\n".join(lines) + "\n")
    fcode = next(c for c in outer.co_consts if isinstance(c, types.CodeType))
    tmpl = next(c for c in fcode.co_consts if isinstance(c, types.CodeType))
    # free variables: push the cells themselves, not their contents
    raw = bytearray(tmpl.co_code)
    for i in range(0, len(raw), 2):
        if raw[i] == _LOAD_DEREF:
            raw[i] = _PUSH_CELL
    tmpl = tmpl.replace(co_code=bytes(raw))
    _TEMPLATES[key] = tmpl
    return tmpl


def _remap_slots(raw, mapping):
    """Rewrite the local/cell/free slot numbers of the template's instructions."""
    out = bytearray(raw)
    for i in range(0, len(out), 2):
        if out[i] in _SLOT_OPS:
            new = mapping.get(out[i + 1], out[i + 1])
            if new > 255:
                return None
            out[i + 1] = new
    return bytes(out)


def _build(info, kind):
    code = info.code
    tmpl = _template(kind, code, info.nargs)
    consts = []
    for c in tmpl.co_consts:
        if c == "__MARK__":
            c = TRAMPOLINE_MARK
        elif c == "__ENTER__":
            c = _ENTRY[info.kind]
        elif c == "__INFO__":
            c = info
        elif c == "__GLOBALS__":
            c = globals
        elif c in _DRIVER_OPS:
            c = _DRIVER_OPS[c]
        consts.append(c)
    nargs = info.nargs
    extras = tmpl.co_varnames[nargs:]
    assert not tmpl.co_names, tmpl.co_names
    fields = dict(
        co_consts=tuple(consts),
        co_names=code.co_names,      # the trampoline uses no names: show the guest's
        co_varnames=tuple(code.co_varnames[:nargs]) + extras,
        co_nlocals=nargs + len(extras),
        co_freevars=() if kind == "binder" else code.co_freevars,
        co_name=code.co_name,
        co_qualname=code.co_qualname,
        co_filename=code.co_filename,
        co_firstlineno=code.co_firstlineno,
        co_flags=(tmpl.co_flags & ~CO_NESTED) | (code.co_flags & (CO_NESTED | CO_ITERABLE_COROUTINE | _FUTURE_MASK)),
    )
    if kind != "binder":
        # show the guest's own locals and cells in co_varnames / co_cellvars: move the
        # template's extra locals and free variables to the slots they get then
        varnames = tuple(code.co_varnames) + tuple(n for n in extras if n not in code.co_varnames)
        ncellonly = len([c for c in code.co_cellvars if c not in varnames])
        mapping = {nargs + k: len(code.co_varnames) + k for k in range(len(extras))}
        old_free = len(tmpl.co_varnames)
        for j in range(len(code.co_freevars)):
            mapping[old_free + j] = len(varnames) + ncellonly + j
        raw = _remap_slots(tmpl.co_code, mapping)
        if raw is not None:
            fields.update(co_code=raw, co_varnames=varnames, co_nlocals=len(varnames),
                          co_cellvars=code.co_cellvars)
        # co_lines()/co_positions() of func.__code__ answer for the guest
        fields["co_code"], fields["co_linetable"] = fit_linetable(
            fields.get("co_code", tmpl.co_code), code.co_linetable)
    shim = tmpl.replace(**fields)
    SHIM_CODES[id(shim)] = shim
    return shim


def trampoline(info):
    """The trampoline code object of a guest code (made once)."""
    tramp = info.tramp
    if tramp is None:
        from .interpreter import _INFOS
        tramp = info.tramp = _build(info, info.kind)
        _INFOS[id(tramp)] = info
    return tramp


def bind_slow(func, info, args, kwnames):
    """Bind a call's arguments the way CPython does (errors included), via the binder."""
    binder = info.binder
    if binder is None:
        binder = info.binder = _build(info, "binder")
    b = FunctionType(binder, func.__globals__, func.__name__, func.__defaults__)
    kwdefaults = func.__kwdefaults__
    if kwdefaults:
        b.__kwdefaults__ = kwdefaults
    b.__qualname__ = func.__qualname__
    if kwnames:
        k = len(kwnames)
        values = b(*args[:-k], **dict(zip(kwnames, args[-k:])))
    else:
        values = b(*args)
    return list(values)


def make_function(code, globals, defaults=None, kwdefaults=None, annotations=None, closure=None):
    """MAKE_FUNCTION: a real function object whose code runs in the VM."""
    info = code_info(code)
    func = FunctionType(info.tramp or trampoline(info), globals, None, defaults, closure)
    if kwdefaults is not None:
        func.__kwdefaults__ = kwdefaults
    if annotations is not None:
        func.__annotations__ = annotations
    consts = code.co_consts
    func.__doc__ = consts[0] if consts and type(consts[0]) is str else None
    return func


def guest_code(func):
    """The code object the VM runs for a function (its own, not the trampoline)."""
    code = func.__code__
    consts = code.co_consts
    if consts and consts[0] is TRAMPOLINE_MARK:
        for c in consts:
            if type(c) is CodeInfo:
                return c.code
    return code


async def _drive_coroutine(driver):
    return await driver


def _drive_generator(driver):
    return (yield from driver)


def wrap_driver(driver, code):
    """A host coroutine/generator object for a VM frame that was not started through a
    function (code evaluated directly: eval() of top-level-await code)."""
    obj = (_drive_coroutine if driver.kind == "coroutine" else _drive_generator)(driver)
    obj.__name__ = code.co_name
    obj.__qualname__ = code.co_qualname
    return obj
