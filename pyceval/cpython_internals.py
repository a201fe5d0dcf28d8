"""Read-only views of CPython 3.11 object internals that Python code cannot see otherwise.

PEP 659 specialization decides on facts that only C can read: a type's version tag, a
function's version, a builtin's calling convention (METH_O, METH_FASTCALL, ...), whether
an instance's `__dict__` has been materialized, a dict's key kind. The specializer
(which runs rarely) reads them here through ctypes, at offsets of the 3.11 structures
checked against values Python can see when this module is imported. Nothing here
writes memory, except through `gen_state_view` (the eval loop marks a host generator
executing while it runs the generator's VM frame itself, generators.py, as CPython's
gi_frame_state does) and `function_version` (which gives a function without a version
one, as CPython's _PyFunction_GetVersionForCurrentState does).

`type_version_view(t)` returns a live `c_uint` over `t->tp_version_tag`: the guard of a
specialized instruction reads `.value` (one attribute load) instead of calling in here.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import ctypes
import types

_PTR = ctypes.sizeof(ctypes.c_void_p)

# PyTypeObject (3.11, 64-bit): tp_flags at 168, tp_version_tag at 384, tp_vectorcall at 400
_TP_GETATTRO = 18 * _PTR
_TP_SETATTRO = 19 * _PTR
_TP_FLAGS = 21 * _PTR
_TP_NEW = 39 * _PTR
_TP_VERSION_TAG = 48 * _PTR
_TP_VECTORCALL = 50 * _PTR
# PyCFunctionObject: m_ml after PyObject_HEAD; PyMethodDescrObject: d_method after
# PyDescr_COMMON (head, d_type, d_name, d_qualname); PyMethodDef: ml_flags after name, meth
_CFUNC_ML = 2 * _PTR
_DESCR_METHOD = 5 * _PTR
_ML_FLAGS = 2 * _PTR
# PyDictObject: ma_keys after head, ma_used, ma_version_tag; PyDictKeysObject: dk_kind at 10
_DICT_KEYS = 4 * _PTR
_DK_KIND = 10
# managed dict pointer of an instance (Py_TPFLAGS_MANAGED_DICT): ((PyObject **)obj)[-3]
_MANAGED_DICT = -3 * _PTR

# PyFunctionObject (3.11): func_code after head, globals, builtins, name, qualname;
# func_version, a uint32, after head and 14 pointers (... closure, doc, dict, weakreflist,
# module, annotations, vectorcall)
_FUNC_CODE = 6 * _PTR
_FUNC_VERSION = 16 * _PTR

# PyGenObject/PyCoroObject (3.11): gi_frame_state, an int8_t after head, gi_code,
# gi_weakreflist, gi_name, gi_qualname, gi_exc_state (2 pointers), gi_origin_or_finalizer
# and three chars
_GI_FRAME_STATE = 9 * _PTR + 3
FRAME_CREATED, FRAME_SUSPENDED, FRAME_EXECUTING = -2, -1, 0

Py_TPFLAGS_MANAGED_DICT = 1 << 4
Py_TPFLAGS_HEAPTYPE = 1 << 9
Py_TPFLAGS_IMMUTABLETYPE = 1 << 8
Py_TPFLAGS_METHOD_DESCRIPTOR = 1 << 17

METH_VARARGS = 0x1
METH_KEYWORDS = 0x2
METH_NOARGS = 0x4
METH_O = 0x8
METH_FASTCALL = 0x80
METH_METHOD = 0x200
CALL_FLAGS_MASK = METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD

DICT_KEYS_GENERAL, DICT_KEYS_UNICODE, DICT_KEYS_SPLIT = 0, 1, 2


def _check_layout():
    """The offsets above must agree with what Python itself reports."""
    for t in (int, type, types.FunctionType):
        if ctypes.c_ulong.from_address(id(t) + _TP_FLAGS).value != t.__flags__:
            return False
    if method_flags(len) != METH_O or method_flags(list.append) != METH_O:
        return False
    return method_flags(dict.get) == METH_FASTCALL


def _check_gen_layout():
    def gen():
        yield state(g)
    g = gen()
    state = lambda g: ctypes.c_int8.from_address(id(g) + _GI_FRAME_STATE).value  # noqa: E731
    if state(g) != FRAME_CREATED or g.gi_suspended or g.gi_running:
        return False
    if next(g) != FRAME_EXECUTING or state(g) != FRAME_SUSPENDED or not g.gi_suspended:
        return False
    g.close()
    return state(g) > FRAME_EXECUTING


def type_version(t):
    """t->tp_version_tag (0: the type has no valid version)."""
    return ctypes.c_uint.from_address(id(t) + _TP_VERSION_TAG).value


def type_version_view(t):
    """A live view of t->tp_version_tag; valid while `t` is alive."""
    return ctypes.c_uint.from_address(id(t) + _TP_VERSION_TAG)


def function_version_view(func):
    """A live view of func->func_version; valid while `func` is alive."""
    return ctypes.c_uint.from_address(id(func) + _FUNC_VERSION)


# the versions pyceval gives count down from 2**30 - 1, CPython's own count up from 1: a
# version is never given to two functions (CPython's CALL_PY_* guard reads only that).
# They stay one-digit ints, whose comparison the host specializes (a guard's `!=`).
_NEXT_FUNCTION_VERSION = [(1 << 30) - 1]


def function_version(func):
    """func->func_version, which CPython 3.11 sets to 0 when the function's __code__,
    __defaults__ or __kwdefaults__ is assigned; a function without one (0) is given one
    first, as _PyFunction_GetVersionForCurrentState does. 0: out of versions (or the
    layout check failed)."""
    if not FUNC_LAYOUT_OK:
        return 0
    view = function_version_view(func)
    return view.value or _give_version(view)


def _give_version(view):
    """Write the next of pyceval's function versions into `view` and return it (0: none
    left, as CPython's counter can run out)."""
    version = _NEXT_FUNCTION_VERSION[0]
    if version <= 1 << 29:
        return 0
    _NEXT_FUNCTION_VERSION[0] = version - 1
    view.value = version
    return version


def _check_function_layout():
    def probe(a=1):
        return a
    view = function_version_view(probe)
    if ctypes.c_void_p.from_address(id(probe) + _FUNC_CODE).value != id(probe.__code__):
        return False
    if not (view.value or _give_version(view)):
        return False
    probe.__defaults__ = (2,)           # (func_set_defaults: func_version = 0)
    return view.value == 0


def generic_getattr(t):
    """t->tp_getattro == PyObject_GenericGetAttr (object's own)."""
    return (ctypes.c_void_p.from_address(id(t) + _TP_GETATTRO).value
            == ctypes.c_void_p.from_address(id(object) + _TP_GETATTRO).value)


def generic_setattr(t):
    """t->tp_setattro == PyObject_GenericSetAttr (object's own)."""
    return (ctypes.c_void_p.from_address(id(t) + _TP_SETATTRO).value
            == ctypes.c_void_p.from_address(id(object) + _TP_SETATTRO).value)


def has_vectorcall(t):
    """t->tp_vectorcall != NULL."""
    return bool(ctypes.c_void_p.from_address(id(t) + _TP_VECTORCALL).value)


_FLAGS = {}     # (what a builtin method is bound to, its name) -> ml_flags


def method_flags(callable_):
    """ml_flags of a builtin function or method descriptor (None for anything else).
    Bound builtin methods are new objects at each attribute access (`lst.insert`); their
    method definition, and so its flags, is fixed by their name and the type of what they
    are bound to (the object itself for classes and modules): remembered by that key."""
    key = None
    if type(callable_) is types.BuiltinFunctionType:
        owner = callable_.__self__
        if not isinstance(owner, (type, types.ModuleType)) and owner is not None:
            owner = type(owner)
        key = (owner, callable_.__name__)
        flags = _FLAGS.get(key)
        if flags is not None:
            return flags
    flags = _method_flags(callable_)
    if key is not None and flags is not None and len(_FLAGS) < 4096:
        _FLAGS[key] = flags
    return flags


def _method_flags(callable_):
    if type(callable_) is types.BuiltinFunctionType:
        ml = ctypes.c_void_p.from_address(id(callable_) + _CFUNC_ML).value
    elif type(callable_) is types.MethodDescriptorType:
        ml = ctypes.c_void_p.from_address(id(callable_) + _DESCR_METHOD).value
    else:
        return None
    if not ml:
        return None
    return ctypes.c_int.from_address(ml + _ML_FLAGS).value


def dict_keys_kind(d):
    """DICT_KEYS_GENERAL, DICT_KEYS_UNICODE or DICT_KEYS_SPLIT for an exact dict."""
    keys = ctypes.c_void_p.from_address(id(d) + _DICT_KEYS).value
    return ctypes.c_uint8.from_address(keys + _DK_KIND).value


def gen_state_view(gen):
    """A live, writable view of a generator's or coroutine's gi_frame_state (FRAME_*);
    valid while `gen` is alive. Writing FRAME_EXECUTING makes the host report it
    running (gi_running, cr_running) and refuse to resume it ("generator already
    executing"); the value it had must be written back before the host resumes it."""
    return ctypes.c_int8.from_address(id(gen) + _GI_FRAME_STATE)


def _tp_new(t):
    return ctypes.c_void_p.from_address(id(t) + _TP_NEW).value


def plain_new(t):
    """t->tp_new is object's own (object_new): type_call makes `t(...)`'s instance as
    `object.__new__(t)` does, then calls __init__. (Not what the class dicts along the
    MRO say: a `__new__` deleted from a base leaves the subclass's slot_tp_new, CPython's
    stale slot that test_descr.test_restored_object_new marks as an expected failure.)"""
    return _tp_new(t) == _OBJECT_NEW


def _check_new_layout():
    class Plain:
        pass

    class Own:
        def __new__(cls):
            return object.__new__(cls)
    return _tp_new(Plain) == _OBJECT_NEW and _tp_new(Own) != _OBJECT_NEW \
        and _tp_new(int) != _OBJECT_NEW


def has_materialized_dict(obj):
    """For an instance of a Py_TPFLAGS_MANAGED_DICT type: True once its __dict__ exists
    (CPython then uses it instead of the inline values)."""
    return bool(ctypes.c_void_p.from_address(id(obj) + _MANAGED_DICT).value)


LAYOUT_OK = _check_layout()
FUNC_LAYOUT_OK = _check_function_layout()   # else CALL_PY_* fail to specialize (no version)
GEN_LAYOUT_OK = _check_gen_layout()     # else generators are always resumed by the host
_OBJECT_NEW = _tp_new(object)
NEW_LAYOUT_OK = _check_new_layout()     # else class calls go to the host (class_frame)
