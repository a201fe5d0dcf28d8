"""Builtins that look at the calling frame, re-implemented for VM frames.

CPython's `locals()`, `super()`, `exec()`, `sys._getframe()` ... read the current C-level
frame; called from the VM that would be the host's own frame. When VM code calls one
of these objects, the CALL instruction runs the replacement registered here instead,
with the VM frame. `__build_class__` is here too, so that class bodies run in the VM.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import __future__
import _warnings
import builtins
import sys
import types

from .codeinfo import CO_OPTIMIZED
from .frame import NULL, new_frame
from .interpreter import (RECURSION, builtins_from_globals, code_info, run_frame,
                          set_recursion_limit, thread_state)

SPECIAL = {}   # id(builtin) -> (builtin, replacement(frame, args, kwnames))

_PYCF_MASK = 0
for _name in __future__.all_feature_names:
    _PYCF_MASK |= getattr(__future__, _name).compiler_flag


def _register(obj):
    def deco(fn):
        SPECIAL[id(obj)] = (obj, fn)
        return fn
    return deco


def _split(args, kwnames):
    if not kwnames:
        return args, {}
    k = len(kwnames)
    return args[:-k], dict(zip(kwnames, args[-k:]))


def _no_kwargs(name, kwnames):
    if kwnames:
        raise TypeError(f"{name}() takes no keyword arguments")


def frame_locals(f):
    """What locals() returns in frame `f`."""
    if f.code.co_flags & CO_OPTIMIZED or f.locals is None:
        return f.locals_snapshot()
    return f.locals


@_register(builtins.locals)
def vm_locals(f, args, kwnames):
    _no_kwargs("locals", kwnames)
    if args:
        raise TypeError(f"locals() takes no arguments ({len(args)} given)")
    return frame_locals(f)


@_register(builtins.globals)
def vm_globals(f, args, kwnames):
    _no_kwargs("globals", kwnames)
    if args:
        raise TypeError(f"globals() takes no arguments ({len(args)} given)")
    return f.globals


@_register(builtins.vars)
def vm_vars(f, args, kwnames):
    if args or kwnames:
        return vars(*args, **dict(zip(kwnames or (), args[len(args) - len(kwnames or ()):])))
    return frame_locals(f)


@_register(builtins.dir)
def vm_dir(f, args, kwnames):
    if args or kwnames:
        pos, kw = _split(args, kwnames)
        return dir(*pos, **kw)
    return sorted(frame_locals(f).keys())


def _namespaces(f, name, globals, locals):
    if globals is None:
        globals = f.globals
        if locals is None:
            locals = frame_locals(f)
    elif locals is None:
        locals = globals
    if type(globals) is not dict and not isinstance(globals, dict):
        what = "exec() globals" if name == "exec" else "globals"
        raise TypeError(f"{what} must be a dict, not {type(globals).__name__}")
    if not hasattr(type(locals), "__getitem__"):
        raise TypeError("locals must be a mapping")
    if "__builtins__" not in globals:
        globals["__builtins__"] = f.builtins
    return globals, locals


def _source(name, source, mode, f):
    if isinstance(source, types.CodeType):
        return source
    if isinstance(source, (str, bytes, bytearray)):
        if isinstance(source, (bytes, bytearray)):
            source = bytes(source)
            if mode == "eval":
                source = source.lstrip(b" \t")
        elif mode == "eval":
            source = source.lstrip(" \t")
        flags = f.code.co_flags & _PYCF_MASK
        return compile(source, "<string>", mode, flags, True)
    raise TypeError(f"{name}() arg 1 must be a string, bytes or code object")


def _run(f, code, globals, locals, closure=None):
    info = code_info(code)
    frame = new_frame(info, globals, builtins_from_globals(globals), locals,
                      [NULL] * info.nlocalsplus, closure)
    result = run_frame(thread_state(), frame)
    if info.kind != "function":
        # code compiled with top-level await (or a generator's code): evaluating it
        # makes the coroutine/generator, as PyEval_EvalCode does
        return _functions.wrap_driver(_generators.make_driver(frame), info.code)
    return result


def _exec_eval_args(name, args, kwnames):
    """(source, globals, locals, closure) of an exec()/eval() call, with 3.11's messages
    (exec: `source, globals=None, locals=None, /, *, closure=None`; eval: positional only)."""
    pos, kw = _split(args, kwnames)
    if name == "eval":
        if kw:
            raise TypeError("eval() takes no keyword arguments")
        if not 1 <= len(pos) <= 3:
            if not pos:
                raise TypeError("eval expected at least 1 argument, got 0")
            raise TypeError(f"eval expected at most 3 arguments, got {len(pos)}")
    else:
        for k in kw:
            if k != "closure":
                raise TypeError(f"'{k}' is an invalid keyword argument for exec()")
        if not pos:
            raise TypeError("exec() takes at least 1 positional argument (0 given)")
        if len(pos) > 3:
            raise TypeError(f"exec() takes at most 3 positional arguments ({len(pos)} given)")
    return (pos[0], pos[1] if len(pos) > 1 else None, pos[2] if len(pos) > 2 else None,
            kw.get("closure"))


@_register(builtins.exec)
def vm_exec(f, args, kwnames):
    source, globals, locals, closure = _exec_eval_args("exec", args, kwnames)
    globals, locals = _namespaces(f, "exec", globals, locals)
    if closure is not None and not isinstance(source, types.CodeType):
        raise TypeError("closure can only be used when source is a code object")
    code = _source("exec", source, "exec", f)
    nfree = len(code.co_freevars)
    if not nfree:
        if closure is not None:
            raise TypeError("cannot use a closure with this code object")
    elif (type(closure) is not tuple or len(closure) != nfree
          or not all(type(c) is types.CellType for c in closure)):
        raise TypeError(f"code object requires a closure of exactly length {nfree}")
    _run(f, code, globals, locals, closure)
    return None


@_register(builtins.eval)
def vm_eval(f, args, kwnames):
    source, globals, locals, _ = _exec_eval_args("eval", args, kwnames)
    if globals is not None and not isinstance(globals, dict):
        raise TypeError("globals must be a real dict; try eval(expr, {}, mapping)"
                        if hasattr(type(globals), "__getitem__") else "globals must be a dict")
    globals, locals = _namespaces(f, "eval", globals, locals)
    code = _source("eval", source, "eval", f)
    if code.co_freevars:
        raise TypeError("code object passed to eval() may not contain free variables")
    return _run(f, code, globals, locals)


@_register(type)
def vm_type(f, args, kwnames):
    """type(name, bases, dict) takes __module__ from the calling frame's globals."""
    if len(args) == 3 and not kwnames:
        ns = args[2]
        if isinstance(ns, dict) and "__module__" not in ns:
            name = f.globals.get("__name__", NULL)
            if name is not NULL:
                ns = dict(ns)
                ns["__module__"] = name
                return type(args[0], args[1], ns)
        return type(*args)
    pos, kw = _split(args, kwnames)
    return type(*pos, **kw)


@_register(sys._getframe)
def vm_getframe(f, args, kwnames):
    _no_kwargs("_getframe", kwnames)
    depth = args[0] if args else 0
    depth = int(depth) if not isinstance(depth, int) else depth
    frame = f
    while depth > 0 and frame is not None:
        frame = frame.back
        depth -= 1
    if frame is None:
        raise ValueError("call stack is not deep enough")
    return frame


@_register(sys.exc_info)
def vm_exc_info(f, args, kwnames):
    exc = thread_state().handled_exception()
    if exc is None:
        return (None, None, None)
    return (type(exc), exc, exc.__traceback__)


if hasattr(sys, "exception"):
    @_register(sys.exception)
    def vm_exception(f, args, kwnames):
        return thread_state().handled_exception()


@_register(sys.getrecursionlimit)
def vm_getrecursionlimit(f, args, kwnames):
    return RECURSION["limit"]


try:
    import _testinternalcapi            # (CPython's own tests read their depth from it)
except ImportError:
    _testinternalcapi = None

if hasattr(_testinternalcapi, "get_recursion_depth"):
    @_register(_testinternalcapi.get_recursion_depth)
    def vm_get_recursion_depth(f, args, kwnames):
        """The depth the guest's recursion limit counts (the host's counts pyceval's own
        frames, which calls pushed in the loop do not add to)."""
        _no_kwargs("get_recursion_depth", kwnames)
        if args:
            raise TypeError(f"get_recursion_depth() takes no arguments ({len(args)} given)")
        return f.depth


@_register(sys.setrecursionlimit)
def vm_setrecursionlimit(f, args, kwnames):
    _no_kwargs("setrecursionlimit", kwnames)
    if len(args) != 1:
        raise TypeError(f"setrecursionlimit() takes exactly one argument ({len(args)} given)")
    limit = args[0]
    if not isinstance(limit, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(limit).__name__)
    if limit < 1:
        raise ValueError("recursion limit must be greater or equal than 1")
    depth = f.depth
    if limit <= depth:
        raise RecursionError(
            f"cannot set the recursion limit to {limit} at the recursion depth {depth}: "
            "the limit is too low")
    set_recursion_limit(limit)


@_register(super)
def vm_super(f, args, kwnames):
    if args or kwnames:
        pos, kw = _split(args, kwnames)
        return super(*pos, **kw)
    code = f.code
    if code.co_argcount == 0:
        raise RuntimeError("super(): no arguments")
    first = f.fast[0]
    if f.info.localsplus_cells[0] and type(first) is types.CellType:
        try:
            first = first.cell_contents
        except ValueError:
            first = NULL
    if first is NULL:
        raise RuntimeError("super(): arg[0] deleted")
    names = f.info.localsplus_names
    start = len(code.co_varnames) + f.info.ncellonly
    for i in range(start, len(names)):
        if names[i] == "__class__":
            cell = f.fast[i]
            if type(cell) is not types.CellType:
                raise RuntimeError("super(): bad __class__ cell")
            try:
                cls = cell.cell_contents
            except ValueError:
                raise RuntimeError("super(): empty __class__ cell") from None
            if not isinstance(cls, type):
                raise RuntimeError(f"super(): __class__ is not a type ({type(cls).__name__})")
            return super(cls, first)
    raise RuntimeError("super(): __class__ cell not found")


@_register(_warnings.warn)
def vm_warn(f, args, kwnames):
    """warnings.warn: the warning is attributed to the VM frame `stacklevel` up."""
    pos, kw = _split(args, kwnames)
    names = ("message", "category", "stacklevel", "source")
    if len(pos) > 4:
        raise TypeError(f"warn() takes at most 4 arguments ({len(pos)} given)")
    params = dict(zip(names, pos))
    for k, v in kw.items():
        if k not in names:
            raise TypeError(f"warn() got an unexpected keyword argument '{k}'")
        if k in params:
            raise TypeError(f"argument for warn() given by name ('{k}') and position ({names.index(k) + 1})")
        params[k] = v
    if "message" not in params:
        raise TypeError("warn() missing required argument 'message' (pos 1)")
    message = params["message"]
    category = params.get("category")
    stacklevel = params.get("stacklevel", 1)
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")

    def internal(fr):
        fn = fr.code.co_filename
        return "importlib" in fn and "_bootstrap" in fn

    frame = f
    if stacklevel <= 1 or internal(f):
        for _ in range(max(stacklevel, 1) - 1):
            frame = frame.back if frame is not None else None
    else:
        for _ in range(stacklevel - 1):
            frame = frame.back
            while frame is not None and internal(frame):
                frame = frame.back
            if frame is None:
                break
    if frame is None:
        globals, filename, lineno = sys.__dict__, "sys", 1
    else:
        globals, filename, lineno = frame.globals, frame.code.co_filename, frame.f_lineno
    module = globals["__name__"] if "__name__" in globals else "<string>"
    registry = globals.setdefault("__warningregistry__", {})
    _warnings.warn_explicit(message, category, filename, lineno, module, registry, globals,
                            params.get("source"))


# --- class creation -------------------------------------------------------------------

def _update_bases(bases):
    new = None
    for i, base in enumerate(bases):
        if isinstance(base, type):
            if new is not None:
                new.append(base)
            continue
        meth = getattr(base, "__mro_entries__", None)
        if meth is None:
            if new is not None:
                new.append(base)
            continue
        entries = meth(bases)
        if not isinstance(entries, tuple):
            raise TypeError("__mro_entries__ must return a tuple")
        if new is None:
            new = list(bases[:i])
        new.extend(entries)
    return bases if new is None else tuple(new)


def _calculate_meta(meta, bases):
    winner = meta
    for base in bases:
        t = type(base)
        if issubclass(winner, t):
            continue
        if issubclass(t, winner):
            winner = t
            continue
        raise TypeError("metaclass conflict: the metaclass of a derived class must be a "
                        "(non-strict) subclass of the metaclasses of all its bases")
    return winner


@_register(builtins.__build_class__)
def vm_build_class(f, args, kwnames):
    """builtins.__build_class__ (Python/bltinmodule.c), with the class body run in the VM."""
    pos, kwds = _split(args, kwnames)
    if len(pos) < 2:
        raise TypeError("__build_class__: not enough arguments")
    func, name = pos[0], pos[1]
    if not isinstance(func, types.FunctionType):
        raise TypeError("__build_class__: func must be a function")
    if not isinstance(name, str):
        raise TypeError("__build_class__: name is not a string")
    orig_bases = tuple(pos[2:])
    bases = _update_bases(orig_bases)
    meta = kwds.pop("metaclass", None)
    if meta is None:
        meta = type(bases[0]) if bases else type
        isclass = True
    else:
        isclass = isinstance(meta, type)
    if isclass:
        meta = _calculate_meta(meta, bases)
    prep = getattr(meta, "__prepare__", None)
    ns = {} if prep is None else prep(name, bases, **kwds)
    if not hasattr(type(ns), "__getitem__") or isinstance(ns, (list, tuple, str)):
        raise TypeError(f"{meta.__name__ if isclass else '<metaclass>'}.__prepare__() "
                        f"must return a mapping, not {type(ns).__name__}")
    info = code_info(_functions.guest_code(func))
    body = new_frame(info, func.__globals__, func.__builtins__, ns,
                     [NULL] * info.nlocalsplus, func.__closure__)
    cell = run_frame(thread_state(), body)
    if bases is not orig_bases:
        ns["__orig_bases__"] = orig_bases
    cls = meta(name, bases, ns, **kwds)
    if isinstance(cls, type) and isinstance(cell, types.CellType):
        try:
            cell_cls = cell.cell_contents
        except ValueError:
            raise RuntimeError(f"__class__ not set defining {name!r} as {cls!r}. "
                               "Was __classcell__ propagated to type.__new__?") from None
        if cell_cls is not cls:
            raise TypeError(f"__class__ set to {cell_cls!r} defining {name!r} as {cls!r}")
    return cls


from . import functions as _functions  # noqa: E402
from . import generators as _generators  # noqa: E402
from . import systrace as _systrace  # noqa: E402

from . import signals as _signals  # noqa: E402

_signals.register(SPECIAL)

# replacements after which the eval loop must re-read events.ACTIVE
RESCANNING = frozenset(_systrace.register(SPECIAL, _split))
