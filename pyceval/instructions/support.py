"""Helpers shared by instruction handlers: CPython's C helpers from ceval.c rewritten
in Python (unpack_iterable, match_class, import_from, ...), each with CPython's
exact error messages."""
from ..hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import operator
import sys
import types

from ..frame import NULL

Py_TPFLAGS_HEAPTYPE = 1 << 9
Py_TPFLAGS_SEQUENCE = 1 << 5
Py_TPFLAGS_MAPPING = 1 << 6
Py_TPFLAGS_METHOD_DESCRIPTOR = 1 << 17
_Py_TPFLAGS_MATCH_SELF = 1 << 22

UNBOUNDLOCAL_ERROR_MSG = "cannot access local variable '%s' where it is not associated with a value"
UNBOUNDFREE_ERROR_MSG = ("cannot access free variable '%s' where it is not associated with a "
                         "value in enclosing scope")
NAME_ERROR_MSG = "name '%.200s' is not defined"


def tp_name(t):
    """A type's C-level tp_name, as CPython's error messages print it."""
    if t.__flags__ & Py_TPFLAGS_HEAPTYPE:
        return t.__name__
    mod = t.__dict__.get("__module__")
    if isinstance(mod, str) and mod != "builtins":
        return f"{mod}.{t.__qualname__}"
    return t.__name__


def name_error(name):
    exc = NameError(NAME_ERROR_MSG % name)
    exc.name = name
    return exc


def unbound_error(info, index):
    """format_exc_unbound: UnboundLocalError for locals and cells, NameError for free vars."""
    name = info.localsplus_names[index]
    if index < len(info.code.co_varnames) + info.ncellonly:
        return UnboundLocalError(UNBOUNDLOCAL_ERROR_MSG % name)
    exc = NameError(UNBOUNDFREE_ERROR_MSG % name)
    exc.name = name
    return exc


def type_lookup(t, name):
    """_PyType_Lookup: the attribute `name` along type t's MRO, without binding (or NULL)."""
    for klass in t.__mro__:
        d = klass.__dict__
        if name in d:
            return d[name]
    return NULL


def lookup_special(obj, name):
    """_PyObject_LookupSpecial: look up on the type and bind with __get__ (or NULL)."""
    t = type(obj)
    attr = type_lookup(t, name)
    if attr is NULL:
        return NULL
    get = type_lookup(type(attr), "__get__")
    if get is not NULL:
        return get(attr, obj, t)
    return attr


def _is_sequence(obj):
    """PySequence_Check: has __getitem__ and is not a dict."""
    t = type(obj)
    return not isinstance(obj, dict) and type_lookup(t, "__getitem__") is not NULL


def _not_iterable(obj):
    t = type(obj)
    return type_lookup(t, "__iter__") is NULL and not _is_sequence(obj)



# Each operator's symbol and the function that does what its syntax does (BINARY_OP's
# oparg names a binary or in-place symbol, COMPARE_OP's a comparison): decoding turns an
# oparg into the function; tier 2 writes the function back as the syntax.
OPERATOR_FUNCS = {
    "+": operator.add, "&": operator.and_, "//": operator.floordiv, "<<": operator.lshift,
    "@": operator.matmul, "*": operator.mul, "%": operator.mod, "|": operator.or_,
    "**": operator.pow, ">>": operator.rshift, "-": operator.sub, "/": operator.truediv,
    "^": operator.xor,
    "+=": operator.iadd, "&=": operator.iand, "//=": operator.ifloordiv, "<<=": operator.ilshift,
    "@=": operator.imatmul, "*=": operator.imul, "%=": operator.imod, "|=": operator.ior,
    "**=": operator.ipow, ">>=": operator.irshift, "-=": operator.isub, "/=": operator.itruediv,
    "^=": operator.ixor,
    "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
    ">": operator.gt, ">=": operator.ge,
}
IN_PLACE = frozenset(("+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=",
                      "/=", "^="))

def unpack_iterable(seq, argcnt, argcntafter):
    """ceval.c unpack_iterable: the values in stack order (last pushed first popped)."""
    try:
        it = iter(seq)
    except TypeError:
        if _not_iterable(seq):
            raise TypeError(f"cannot unpack non-iterable {tp_name(type(seq))} object") from None
        raise
    items = []
    for i in range(argcnt):
        v = next(it, NULL)
        if v is NULL:
            if argcntafter == -1:
                raise ValueError(f"not enough values to unpack (expected {argcnt}, got {i})")
            raise ValueError(f"not enough values to unpack (expected at least "
                             f"{argcnt + argcntafter}, got {i})")
        items.append(v)
    if argcntafter == -1:
        if next(it, NULL) is not NULL:
            raise ValueError(f"too many values to unpack (expected {argcnt})")
        items.reverse()
        return items
    rest = list(it)
    ll = len(rest)
    if ll < argcntafter:
        raise ValueError(f"not enough values to unpack (expected at least "
                         f"{argcnt + argcntafter}, got {argcnt + ll})")
    after = rest[ll - argcntafter:] if argcntafter else []
    del rest[ll - argcntafter:]
    out = after[::-1]
    out.append(rest)
    out.extend(reversed(items))
    return out


def function_str(func):
    """_PyObject_FunctionStr: 'module.qualname()' for error messages."""
    qualname = getattr(func, "__qualname__", NULL)
    if qualname is NULL:
        return str(func)
    module = getattr(func, "__module__", None)
    if module is not None and module != "builtins":
        return f"{module}.{qualname}()"
    return f"{qualname}()"


def merge_kwargs(target, update, func):
    """_PyDict_MergeEx(target, update, 2) with format_kwargs_error's messages."""
    if isinstance(update, dict) and type(update).__iter__ is dict.__iter__:
        keys = update.keys()
        getter = update.__getitem__
    else:
        keys_meth = getattr(update, "keys", NULL)
        if keys_meth is NULL:
            raise TypeError(f"{function_str(func)} argument after ** must be a mapping, "
                            f"not {tp_name(type(update))}")
        keys = keys_meth()
        getter = update.__getitem__
    for key in keys:
        if key in target:
            raise TypeError(f"{function_str(func)} got multiple values for keyword argument '{key}'")
        target[key] = getter(key)


def call_args_tuple(func, callargs):
    """CALL_FUNCTION_EX's conversion of *args with check_args_iterable's message."""
    if type(callargs) is tuple:
        return callargs
    if _not_iterable(callargs):
        raise TypeError(f"{function_str(func)} argument after * must be an iterable, "
                        f"not {tp_name(type(callargs))}")
    return tuple(callargs)


def list_extend(lst, iterable):
    try:
        lst.extend(iterable)
    except TypeError:
        if _not_iterable(iterable):
            raise TypeError(f"Value after * must be an iterable, not "
                            f"{tp_name(type(iterable))}") from None
        raise


def dict_update(d, update):
    """PyDict_Update: the argument must be a mapping (no sequences of pairs)."""
    if isinstance(update, dict):
        d.update(update)
        return
    keys = getattr(update, "keys", NULL)
    if keys is NULL:
        raise TypeError(f"'{tp_name(type(update))}' object is not a mapping")
    for k in keys():
        d[k] = update[k]


# --- exceptions ---------------------------------------------------------------------------

CANNOT_CATCH_MSG = "catching classes that do not inherit from BaseException is not allowed"


def _is_exc_class(c):
    return isinstance(c, type) and issubclass(c, BaseException)


def check_except_type_valid(right):
    if isinstance(right, tuple):
        for c in right:
            if not _is_exc_class(c):
                raise TypeError(CANNOT_CATCH_MSG)
    elif not _is_exc_class(right):
        raise TypeError(CANNOT_CATCH_MSG)


def given_exception_matches(exc, right):
    """PyErr_GivenExceptionMatches: subtype check on the MRO (no __subclasscheck__)."""
    mro = type(exc).__mro__ if isinstance(exc, BaseException) else exc.__mro__
    if isinstance(right, tuple):
        for c in right:
            if given_exception_matches(exc, c):
                return True
        return False
    return right in mro


def check_except_star_type_valid(right):
    check_except_type_valid(right)
    classes = right if isinstance(right, tuple) else (right,)
    for c in classes:
        if issubclass(c, BaseExceptionGroup):
            raise TypeError("catching ExceptionGroup with except* is not allowed. "
                            "Use except instead.")


def exception_group_match(exc_value, match_type):
    """ceval.c exception_group_match: (match, rest)."""
    if exc_value is None:
        return None, None
    if given_exception_matches(exc_value, match_type):
        if isinstance(exc_value, BaseExceptionGroup):
            return exc_value, None
        return BaseExceptionGroup("", (exc_value,)), None
    if isinstance(exc_value, BaseExceptionGroup):
        pair = exc_value.split(match_type)
        if type(pair) is not tuple:
            raise TypeError(f"{tp_name(type(exc_value))}.split must return a tuple, "
                            f"not {tp_name(type(pair))}")
        if len(pair) != 2:
            raise TypeError(f"{tp_name(type(exc_value))}.split must return a 2-tuple, "
                            f"got tuple of size {len(pair)}")
        return pair
    return None, None


def _leaf_ids(exc, ids):
    if exc is None:
        return
    if not isinstance(exc, BaseExceptionGroup):
        ids.add(id(exc))
        return
    for e in exc.exceptions:
        _leaf_ids(e, ids)


def _same_metadata(e1, e2):
    return (getattr(e1, "__notes__", NULL) is getattr(e2, "__notes__", NULL)
            and e1.__traceback__ is e2.__traceback__
            and e1.__cause__ is e2.__cause__
            and e1.__context__ is e2.__context__)


def _projection(eg, keep):
    ids = set()
    for e in keep:
        _leaf_ids(e, ids)
    match = eg.split(lambda e: id(e) in ids)[0]
    return match


def prep_reraise_star(orig, excs):
    """Objects/exceptions.c _PyExc_PrepReraiseStar."""
    if not excs:
        return None
    if not isinstance(orig, BaseExceptionGroup):
        return excs[0]
    raised, reraised = [], []
    for e in excs:
        if e is None:
            continue
        (reraised if _same_metadata(e, orig) else raised).append(e)
    reraised_eg = _projection(orig, reraised)
    if not raised:
        return reraised_eg
    if reraised_eg is not None:
        raised.append(reraised_eg)
    if len(raised) > 1:
        return BaseExceptionGroup("", raised)
    return raised[0]


# --- pattern matching ----------------------------------------------------------------------

def match_keys(subject, keys):
    if not keys:
        return ()
    get = subject.get
    seen = set()
    dummy = object()
    values = []
    for key in keys:
        if key in seen:
            raise ValueError(f"mapping pattern checks duplicate key ({key!r})")
        seen.add(key)
        value = get(key, dummy)
        if value is dummy:
            return None
        values.append(value)
    return tuple(values)


def _match_class_attr(subject, type_, name, seen):
    if name in seen:
        raise TypeError(f"{tp_name(type_)}() got multiple sub-patterns for attribute {name!r}")
    seen.add(name)
    try:
        return getattr(subject, name)
    except AttributeError:
        return NULL


def match_class(subject, type_, nargs, kwargs):
    """ceval.c match_class: a tuple of attributes, or None when the pattern fails."""
    if not isinstance(type_, type):
        raise TypeError("called match pattern must be a type")
    if not isinstance(subject, type_):
        return None
    seen = set()
    attrs = []
    if nargs:
        match_self = False
        try:
            match_args = type_.__match_args__
        except AttributeError:
            match_args = ()
            match_self = bool(type_.__flags__ & _Py_TPFLAGS_MATCH_SELF)
        else:
            if type(match_args) is not tuple:
                raise TypeError(f"{tp_name(type_)}.__match_args__ must be a tuple "
                                f"(got {tp_name(type(match_args))})")
        allowed = 1 if match_self else len(match_args)
        if allowed < nargs:
            plural = "" if allowed == 1 else "s"
            raise TypeError(f"{tp_name(type_)}() accepts {allowed} positional "
                            f"sub-pattern{plural} ({nargs} given)")
        if match_self:
            attrs.append(subject)
        else:
            for i in range(nargs):
                name = match_args[i]
                if type(name) is not str:
                    raise TypeError(f"__match_args__ elements must be strings "
                                    f"(got {tp_name(type(name))})")
                attr = _match_class_attr(subject, type_, name, seen)
                if attr is NULL:
                    return None
                attrs.append(attr)
    for name in kwargs:
        attr = _match_class_attr(subject, type_, name, seen)
        if attr is NULL:
            return None
        attrs.append(attr)
    return tuple(attrs)


# --- imports ------------------------------------------------------------------------------

def import_from(module, name):
    """ceval.c import_from."""
    try:
        return getattr(module, name)
    except AttributeError:
        pass
    pkgname = getattr(module, "__name__", NULL)
    if isinstance(pkgname, str):
        x = sys.modules.get(f"{pkgname}.{name}", NULL)
        if x is not NULL:
            return x
    else:
        pkgname = NULL
    shown = "<unknown module name>" if pkgname is NULL else pkgname
    pkgpath = NULL
    if isinstance(module, types.ModuleType):
        pkgpath = module.__dict__.get("__file__", NULL)
    if not isinstance(pkgpath, str):
        raise ImportError(f"cannot import name {name!r} from {shown!r} (unknown location)",
                          name=None if pkgname is NULL else pkgname)
    spec = getattr(module, "__spec__", None)
    if getattr(spec, "_initializing", False):
        msg = (f"cannot import name {name!r} from partially initialized module {shown!r} "
               f"(most likely due to a circular import) ({pkgpath})")
    else:
        msg = f"cannot import name {name!r} from {shown!r} ({pkgpath})"
    raise ImportError(msg, name=None if pkgname is NULL else pkgname, path=pkgpath)


def import_all_from(locals, module):
    """ceval.c import_all_from."""
    skip_underscores = False
    try:
        all_ = module.__all__
    except AttributeError:
        try:
            d = module.__dict__
        except AttributeError:
            raise ImportError("from-import-* object has no __dict__ and no __all__") from None
        all_ = list(d.keys())
        skip_underscores = True
    pos = 0
    while True:
        try:
            name = all_[pos]
        except IndexError:
            break
        pos += 1
        if not isinstance(name, str):
            modname = module.__name__
            if not isinstance(modname, str):
                raise TypeError(f"module __name__ must be a string, not {tp_name(type(modname))}")
            raise TypeError(f"{'Key' if skip_underscores else 'Item'} in {modname}."
                            f"{'__dict__' if skip_underscores else '__all__'} must be str, "
                            f"not {tp_name(type(name))}")
        if skip_underscores and name.startswith("_"):
            continue
        locals[name] = getattr(module, name)


# --- awaitables ---------------------------------------------------------------------------

CO_ITERABLE_COROUTINE = 0x100


def _is_coroutine_like(o):
    t = type(o)
    return t is types.CoroutineType or (
        t is types.GeneratorType and o.gi_code.co_flags & CO_ITERABLE_COROUTINE)


def get_awaitable_iter(o):
    """_PyCoro_GetAwaitableIter; returns NULL when o has no __await__."""
    if _is_coroutine_like(o):
        return o
    getter = type_lookup(type(o), "__await__")
    if getter is NULL or getter is None:
        return NULL
    res = getter(o)
    if _is_coroutine_like(res):
        raise TypeError("__await__() returned a coroutine")
    if type_lookup(type(res), "__next__") is NULL:
        raise TypeError(f"__await__() returned non-iterator of type '{tp_name(type(res))}'")
    return res
