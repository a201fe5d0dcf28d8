"""Instruction handlers whose semantics are the same in CPython 3.11, 3.12 and 3.13.

One handler per opcode, named exactly after it, with a docstring giving its stack
effect (`inputs -- outputs`, top of stack last) and meaning. A handler receives the
frame and the decoded argument; it returns None to go on, a Frame to call, or a
signal from interpreter.py. Arguments that name something are decoded once by the
ARG_DECODERS of the version module (a name string, a constant, a jump target index).
"""
from ..hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import sys
import types

from ..frame import NULL, new_frame
from ..functions import make_function
from ..generators import AsyncGenWrapped, GeneratorDriver, resume_driver, resume_in_loop, unseen_iter
from ..generators import start as start_generator
from ..signals import PENDING as PENDING_SIGNALS
from ..signals import deliver as deliver_signals
from ..interpreter import (GENERATOR_CREATED, RETURN, YIELD, _INFOS, call_for_frame,
                           chain_context, class_frame, function_frame, function_info,
                           thread_state)
from ..frameaware import SPECIAL as _SPECIAL
from . import support
from .. import events as _events

FunctionType = types.FunctionType
CellType = types.CellType
_next = next
_GeneratorType = types.GeneratorType
_CoroutineType = types.CoroutineType
_GeneratorDriver = GeneratorDriver    # an unseen generator or coroutine (generators.start)
_SlotWrapper = type(object.__init__)


# --- stack manipulation -------------------------------------------------------------------

def NOP(f, arg):
    """-- : do nothing"""


def POP_TOP(f, arg):
    """value -- : discard the top of stack"""
    f.stack.pop()


def PUSH_NULL(f, arg):
    """-- NULL : push NULL (marks a call without self)"""
    f.stack.append(NULL)


def COPY(f, arg):
    """x ... -- x ... x : push a copy of the oparg-th item from the top"""
    f.stack.append(f.stack[-arg])


def SWAP(f, arg):
    """a ... b -- b ... a : swap the top with the oparg-th item"""
    stack = f.stack
    stack[-1], stack[-arg] = stack[-arg], stack[-1]


# --- locals, cells, globals, names ---------------------------------------------------------

def LOAD_CONST(f, arg):
    """-- value : push co_consts[oparg]"""
    f.stack.append(arg)


def LOAD_FAST(f, arg):
    """-- value : push local oparg (UnboundLocalError when unbound)"""
    v = f.fast[arg]
    if v is NULL:
        raise support.unbound_error(f.info, arg)
    f.stack.append(v)


def STORE_FAST(f, arg):
    """value -- : store into local oparg"""
    f.fast[arg] = f.stack.pop()


def DELETE_FAST(f, arg):
    """-- : unbind local oparg"""
    if f.fast[arg] is NULL:
        raise support.unbound_error(f.info, arg)
    f.fast[arg] = NULL


def MAKE_CELL(f, arg):
    """-- : replace local oparg by a cell holding its value"""
    v = f.fast[arg]
    f.fast[arg] = CellType() if v is NULL else CellType(v)


def COPY_FREE_VARS(f, arg):
    """-- : copy the oparg closure cells of the function into the free-variable slots"""
    closure = f.closure
    start = f.info.nlocalsplus - arg
    f.fast[start:start + arg] = closure[:arg]


def LOAD_CLOSURE(f, arg):
    """-- cell : push the cell in slot oparg"""
    f.stack.append(f.fast[arg])


def LOAD_DEREF(f, arg):
    """-- value : push the contents of the cell in slot oparg"""
    try:
        v = f.fast[arg].cell_contents
    except ValueError:
        v = NULL
    if v is NULL:
        raise support.unbound_error(f.info, arg)
    f.stack.append(v)


def LOAD_CLASSDEREF(f, arg):
    """-- value : push locals[name of slot oparg], else the contents of its cell"""
    name = f.info.localsplus_names[arg]
    locals = f.locals
    if type(locals) is dict:
        v = locals.get(name, NULL)
    else:
        try:
            v = locals[name]
        except KeyError:
            v = NULL
    if v is NULL:
        try:
            v = f.fast[arg].cell_contents
        except ValueError:
            v = NULL
        if v is NULL:
            raise support.unbound_error(f.info, arg)
    f.stack.append(v)


def STORE_DEREF(f, arg):
    """value -- : store into the cell in slot oparg"""
    f.fast[arg].cell_contents = f.stack.pop()


def DELETE_DEREF(f, arg):
    """-- : empty the cell in slot oparg"""
    cell = f.fast[arg]
    try:
        cell.cell_contents
    except ValueError:
        cell = NULL
    if cell is NULL:
        raise support.unbound_error(f.info, arg)
    del f.fast[arg].cell_contents


def _load_name_from(mapping, name):
    if type(mapping) is dict:
        return mapping.get(name, NULL)
    try:
        return mapping[name]
    except KeyError:
        return NULL


def LOAD_NAME(f, arg):
    """-- value : push name co_names[oparg] from locals, globals or builtins"""
    locals = f.locals
    if locals is None:
        raise SystemError(f"no locals when loading {arg!r}")
    v = _load_name_from(locals, arg)
    if v is NULL:
        v = dict.get(f.globals, arg, NULL)
        if v is NULL:
            v = _load_name_from(f.builtins, arg)
            if v is NULL:
                raise support.name_error(arg)
    f.stack.append(v)


def STORE_NAME(f, arg):
    """value -- : locals[co_names[oparg]] = value"""
    locals = f.locals
    if locals is None:
        raise SystemError(f"no locals found when storing {arg!r}")
    locals[arg] = f.stack.pop()


def DELETE_NAME(f, arg):
    """-- : del locals[co_names[oparg]]"""
    locals = f.locals
    if locals is None:
        raise SystemError(f"no locals when deleting {arg!r}")
    try:
        del locals[arg]
    except KeyError:
        missing = True
    else:
        missing = False
    if missing:
        raise support.name_error(arg)


def STORE_GLOBAL(f, arg):
    """value -- : globals[co_names[oparg]] = value"""
    dict.__setitem__(f.globals, arg, f.stack.pop())


def DELETE_GLOBAL(f, arg):
    """-- : del globals[co_names[oparg]]"""
    if dict.pop(f.globals, arg, NULL) is NULL:
        raise support.name_error(arg)


def _load_global(g, b, name):
    """LOAD_GLOBAL's lookup of `name` in globals `g`, then builtins `b` (given, not the
    frame: a block inlining LOAD_GLOBAL then knows it does not move f.ip)."""
    v = g.get(name, NULL) if type(g) is dict else _load_name_from(g, name)
    if v is NULL:
        v = b.get(name, NULL) if type(b) is dict else _load_name_from(b, name)
        if v is NULL:
            raise support.name_error(name)
    return v


# --- operators -----------------------------------------------------------------------------

def UNARY_POSITIVE(f, arg):
    """value -- +value"""
    f.stack[-1] = +f.stack[-1]


def UNARY_NEGATIVE(f, arg):
    """value -- -value"""
    f.stack[-1] = -f.stack[-1]


def UNARY_NOT(f, arg):
    """value -- (not value)"""
    f.stack[-1] = not f.stack[-1]


def UNARY_INVERT(f, arg):
    """value -- ~value"""
    f.stack[-1] = ~f.stack[-1]


def BINARY_OP(f, arg):
    """left right -- result : binary or in-place operator oparg (decoded to its function)"""
    stack = f.stack
    right = stack.pop()
    stack[-1] = arg(stack[-1], right)


def BINARY_SUBSCR(f, arg):
    """container sub -- container[sub]"""
    stack = f.stack
    sub = stack.pop()
    stack[-1] = stack[-1][sub]


def STORE_SUBSCR(f, arg):
    """value container sub -- : container[sub] = value"""
    stack = f.stack
    sub = stack.pop()
    container = stack.pop()
    container[sub] = stack.pop()


def DELETE_SUBSCR(f, arg):
    """container sub -- : del container[sub]"""
    stack = f.stack
    sub = stack.pop()
    del stack.pop()[sub]


def IS_OP(f, arg):
    """left right -- bool : left is right (is not, when oparg is 1)"""
    stack = f.stack
    right = stack.pop()
    stack[-1] = (stack[-1] is right) is not bool(arg)


def CONTAINS_OP(f, arg):
    """left right -- bool : left in right (not in, when oparg is 1)"""
    stack = f.stack
    right = stack.pop()
    stack[-1] = (stack[-1] in right) is not bool(arg)


def GET_LEN(f, arg):
    """obj -- obj len(obj)"""
    f.stack.append(len(f.stack[-1]))


# --- building ------------------------------------------------------------------------------

def BUILD_TUPLE(f, arg):
    """items[oparg] -- tuple"""
    stack = f.stack
    if arg:
        t = tuple(stack[-arg:])
        del stack[-arg:]
        stack.append(t)
    else:
        stack.append(())


def BUILD_LIST(f, arg):
    """items[oparg] -- list"""
    stack = f.stack
    if arg:
        lst = stack[-arg:]
        del stack[-arg:]
        stack.append(lst)
    else:
        stack.append([])


def BUILD_SET(f, arg):
    """items[oparg] -- set"""
    stack = f.stack
    s = set()
    if arg:
        for v in stack[-arg:]:
            s.add(v)
        del stack[-arg:]
    stack.append(s)


def BUILD_MAP(f, arg):
    """(key value)[oparg] -- dict"""
    stack = f.stack
    d = {}
    if arg:
        items = stack[-2 * arg:]
        del stack[-2 * arg:]
        for i in range(0, 2 * arg, 2):
            d[items[i]] = items[i + 1]
    stack.append(d)


def BUILD_CONST_KEY_MAP(f, arg):
    """values[oparg] keys -- dict"""
    stack = f.stack
    keys = stack.pop()
    if type(keys) is not tuple or len(keys) != arg:
        raise SystemError("bad BUILD_CONST_KEY_MAP keys argument")
    d = {}
    if arg:
        values = stack[-arg:]
        del stack[-arg:]
        for k, v in zip(keys, values):
            d[k] = v
    stack.append(d)


def BUILD_STRING(f, arg):
    """pieces[oparg] -- str : concatenate"""
    stack = f.stack
    if arg:
        s = "".join(stack[-arg:])
        del stack[-arg:]
        stack.append(s)
    else:
        stack.append("")


def BUILD_SLICE(f, arg):
    """start stop [step] -- slice"""
    stack = f.stack
    step = stack.pop() if arg == 3 else None
    stop = stack.pop()
    stack[-1] = slice(stack[-1], stop, step)


def LIST_APPEND(f, arg):
    """list ... value -- list ... : list.append(value), list oparg deep after the pop"""
    stack = f.stack
    v = stack.pop()
    stack[-arg].append(v)


def SET_ADD(f, arg):
    """set ... value -- set ... : set.add(value)"""
    stack = f.stack
    v = stack.pop()
    stack[-arg].add(v)


def MAP_ADD(f, arg):
    """dict ... key value -- dict ... : dict[key] = value"""
    stack = f.stack
    v = stack.pop()
    k = stack.pop()
    dict.__setitem__(stack[-arg], k, v)


def LIST_EXTEND(f, arg):
    """list ... iterable -- list ... : list.extend(iterable)"""
    stack = f.stack
    it = stack.pop()
    support.list_extend(stack[-arg], it)


def SET_UPDATE(f, arg):
    """set ... iterable -- set ... : set.update(iterable)"""
    stack = f.stack
    it = stack.pop()
    stack[-arg].update(it)


def DICT_UPDATE(f, arg):
    """dict ... mapping -- dict ... : dict.update(mapping)"""
    stack = f.stack
    update = stack.pop()
    support.dict_update(stack[-arg], update)


def DICT_MERGE(f, arg):
    """func ... dict ... mapping -- ... : merge **mapping into a call's keyword dict"""
    stack = f.stack
    update = stack.pop()
    support.merge_kwargs(stack[-arg], update, stack[-arg - 2])


def LIST_TO_TUPLE(f, arg):
    """list -- tuple"""
    f.stack[-1] = tuple(f.stack[-1])


def FORMAT_VALUE(f, arg):
    """value [spec] -- str : f-string field; oparg&3 conversion, oparg&4 spec present"""
    stack = f.stack
    spec = stack.pop() if arg & 4 else None
    value = stack.pop()
    conv = arg & 3
    if conv == 1:
        value = str(value)
    elif conv == 2:
        value = repr(value)
    elif conv == 3:
        value = ascii(value)
    if type(value) is str and spec is None:
        stack.append(value)
    else:
        stack.append(format(value, "" if spec is None else spec))


# --- attributes ----------------------------------------------------------------------------

def STORE_ATTR(f, arg):
    """value owner -- : owner.name = value"""
    stack = f.stack
    owner = stack.pop()
    setattr(owner, arg, stack.pop())


def DELETE_ATTR(f, arg):
    """owner -- : del owner.name"""
    delattr(f.stack.pop(), arg)


# --- control flow --------------------------------------------------------------------------

def JUMP_FORWARD(f, arg):
    """-- : jump forward to the decoded target"""
    f.ip = arg


def JUMP_BACKWARD(f, arg):
    """-- : jump backward to the decoded target (a loop edge; an eval-breaker point)"""
    if PENDING_SIGNALS:
        deliver_signals(f)
    f.ip = arg


def JUMP_BACKWARD_NO_INTERRUPT(f, arg):
    """-- : jump backward without checking for interrupts (yield-from/await loops)"""
    f.ip = arg


def RESUME(f, arg):
    """-- : start or resume a frame (0 start, 1 yield, 2 yield from, 3 await); an
    eval-breaker point for 0 and 1"""
    if PENDING_SIGNALS and arg < 2:
        deliver_signals(f)


def GET_ITER(f, arg):
    """iterable -- iter(iterable)"""
    f.stack[-1] = iter(f.stack[-1])


def GET_YIELD_FROM_ITER(f, arg):
    """iterable -- iterator : iter() unless a generator/coroutine (yield from)"""
    stack = f.stack
    it = stack[-1]
    t = type(it)
    if t is types.CoroutineType:
        if not f.code.co_flags & (0x80 | 0x100):
            raise TypeError("cannot 'yield from' a coroutine object in a non-coroutine generator")
    elif t is not types.GeneratorType and t is not _GeneratorDriver:
        # (an object whose __iter__ is a guest generator function: its generator unseen)
        stack[-1] = unseen_iter(f, it) or iter(it)


# --- functions and calls -------------------------------------------------------------------

def MAKE_FUNCTION(f, arg):
    """[defaults] [kwdefaults] [annotations] [closure] code -- function : flags in oparg"""
    stack = f.stack
    code = stack.pop()
    closure = stack.pop() if arg & 8 else None
    annotations = stack.pop() if arg & 4 else None
    kwdefaults = stack.pop() if arg & 2 else None
    defaults = stack.pop() if arg & 1 else None
    if type(annotations) is tuple:
        annotations = dict(zip(annotations[::2], annotations[1::2]))
    stack.append(make_function(code, f.globals, defaults, kwdefaults, annotations, closure))


def call_value(f, func, args, kwnames):
    """Call `func` for frame f: a Frame to push for VM functions, else push the result."""
    tp = type(func)
    if tp is FunctionType:
        info = _INFOS.get(id(func.__code__)) or function_info(func)
        if info is not None:
            kind = info.kind
            if kind == "function":
                if kwnames is None and info.simple_args and len(args) == info.argcount:
                    args += info.pad        # (function_frame's fast path, without its call)
                    return new_frame(info, func.__globals__, func.__builtins__, None, args,
                                     func.__closure__)
                return function_frame(func, info, args, kwnames)
            if kind != "async_generator":
                return start_generator(f, func, info, args, kwnames)
    elif tp is type:
        if id(func) not in _SPECIAL:
            frame = class_frame(func, args, kwnames)
            if frame is not None:
                return frame
    elif tp is _MethodType or type(tp) is type and tp not in _HOST_CALLABLES:
        frame = _self_call_frame(func, tp, args, kwnames)
        if frame is not None:
            return frame
    return call_for_frame(f, func, args, kwnames)


_MethodType = types.MethodType
# callables of these types never run a guest function themselves
_HOST_CALLABLES = frozenset({types.BuiltinFunctionType, types.MethodDescriptorType,
                             types.WrapperDescriptorType, types.MethodWrapperType,
                             types.ClassMethodDescriptorType})


def _self_call_frame(obj, tp, args, kwnames):
    """`obj(*args)` where obj is a bound method of a guest function, or an instance whose
    type's __call__ (found as _PyType_Lookup finds it) is a guest function: that
    function's frame with the self argument first, to run in this loop, as CPython's
    method_vectorcall and slot_tp_call call it. None for anything else."""
    if tp is _MethodType:
        func = obj.__func__
        obj = obj.__self__
    else:
        func = support.type_lookup(tp, "__call__")
    if type(func) is not FunctionType:
        return None
    info = _INFOS.get(id(func.__code__)) or function_info(func)
    if info is None or info.kind != "function":
        return None
    args.insert(0, obj)
    return function_frame(func, info, args, kwnames)


def CALL_FUNCTION_EX(f, arg):
    """NULL func args [kwargs] -- result : func(*args, **kwargs)"""
    stack = f.stack
    kwargs = stack.pop() if arg & 1 else None
    callargs = stack.pop()
    func = stack.pop()
    stack.pop()  # NULL
    if kwargs is not None and type(kwargs) is not dict:
        d = {}
        support.merge_kwargs(d, kwargs, func)
        kwargs = d
    args = list(support.call_args_tuple(func, callargs))
    if kwargs:
        for k, v in kwargs.items():
            if type(k) is not str:
                break
            args.append(v)
        else:
            return call_value(f, func, args, tuple(kwargs))
        del args[len(args) - len(kwargs):]
        stack.append(func(*args, **kwargs))
        return None
    return call_value(f, func, args, None)


def RETURN_VALUE(f, arg):
    """value -- : return value to the caller"""
    return RETURN


def LOAD_BUILD_CLASS(f, arg):
    """-- __build_class__ : push builtins.__build_class__"""
    b = f.builtins
    v = _load_name_from(b, "__build_class__")
    if v is NULL:
        raise NameError("__build_class__ not found")
    f.stack.append(v)


def SETUP_ANNOTATIONS(f, arg):
    """-- : create locals['__annotations__'] = {} if missing"""
    locals = f.locals
    if locals is None:
        raise SystemError("no locals found when setting up annotations")
    if type(locals) is dict:
        if "__annotations__" not in locals:
            locals["__annotations__"] = {}
    else:
        try:
            locals["__annotations__"]
        except KeyError:
            locals["__annotations__"] = {}


def PRINT_EXPR(f, arg):
    """value -- : sys.displayhook(value) (interactive mode)"""
    value = f.stack.pop()
    hook = getattr(sys, "displayhook", NULL)
    if hook is NULL:
        raise RuntimeError("lost sys.displayhook")
    hook(value)


# --- imports -------------------------------------------------------------------------------

def IMPORT_NAME(f, arg):
    """level fromlist -- module : __import__(name, globals, locals, fromlist, level)"""
    stack = f.stack
    fromlist = stack.pop()
    level = stack[-1]
    b = f.builtins
    import_func = b.get("__import__", NULL) if type(b) is dict else _load_name_from(b, "__import__")
    if import_func is NULL:
        raise ImportError("__import__ not found")
    locals = f.locals
    stack[-1] = import_func(arg, f.globals, None if locals is None else locals, fromlist, level)


def IMPORT_FROM(f, arg):
    """module -- module attr : from module import name"""
    f.stack.append(support.import_from(f.stack[-1], arg))


def IMPORT_STAR(f, arg):
    """module -- : from module import *"""
    module = f.stack.pop()
    locals = f.locals
    if locals is None:
        raise SystemError("no locals found during 'import *'")
    support.import_all_from(locals, module)


# --- exceptions ----------------------------------------------------------------------------

def LOAD_ASSERTION_ERROR(f, arg):
    """-- AssertionError"""
    f.stack.append(AssertionError)


def RAISE_VARARGS(f, arg):
    """[exc [cause]] -- : raise exc from cause; oparg 0 re-raises the handled exception"""
    stack = f.stack
    cause = stack.pop() if arg == 2 else NULL
    exc = stack.pop() if arg >= 1 else NULL
    ts = thread_state()
    if exc is NULL:
        handled = ts.handled_exception()
        if handled is None:
            raise RuntimeError("No active exception to reraise")
        raise handled
    if isinstance(exc, type) and issubclass(exc, BaseException):
        value = exc()
        if not isinstance(value, BaseException):
            raise TypeError(f"calling {exc!r} should have returned an instance of "
                            f"BaseException, not {type(value)!r}")
    elif isinstance(exc, BaseException):
        value = exc
    else:
        raise TypeError("exceptions must derive from BaseException")
    if cause is not NULL:
        if isinstance(cause, type) and issubclass(cause, BaseException):
            cause = cause()
        elif cause is not None and not isinstance(cause, BaseException):
            raise TypeError("exception causes must derive from BaseException")
        value.__cause__ = cause
    chain_context(ts, value)
    raise value


def PUSH_EXC_INFO(f, arg):
    """exc -- prev_exc exc : make exc the handled exception, saving the previous one"""
    stack = f.stack
    exc = stack.pop()
    item = thread_state().exc_info
    stack.append(item.value)
    item.value = exc
    stack.append(exc)


def POP_EXCEPT(f, arg):
    """prev_exc -- : restore the previously handled exception"""
    thread_state().exc_info.value = f.stack.pop()


def CHECK_EXC_MATCH(f, arg):
    """exc type -- exc bool : does exc match the except clause's type(s)"""
    stack = f.stack
    right = stack.pop()
    support.check_except_type_valid(right)
    stack.append(support.given_exception_matches(stack[-1], right))


def CHECK_EG_MATCH(f, arg):
    """eg type -- rest match | eg None : split an exception group for except*"""
    stack = f.stack
    match_type = stack.pop()
    support.check_except_star_type_valid(match_type)
    match, rest = support.exception_group_match(stack[-1], match_type)
    if match is None:
        stack.append(None)
    else:
        stack[-1] = rest
        stack.append(match)
        thread_state().exc_info.value = match


def WITH_EXCEPT_START(f, arg):
    """exit lasti prev exc -- exit lasti prev exc result : exit(type, exc, tb)"""
    stack = f.stack
    val = stack[-1]
    exit_func = stack[-4]
    return call_value(f, exit_func, [type(val), val, val.__traceback__], None)


def _before_with(f, enter_name, exit_name, protocol):
    stack = f.stack
    mgr = stack[-1]
    enter = support.lookup_special(mgr, enter_name)
    if enter is NULL:
        raise TypeError(f"'{support.tp_name(type(mgr))}' object does not support the "
                        f"{protocol} protocol")
    exit_ = support.lookup_special(mgr, exit_name)
    if exit_ is NULL:
        raise TypeError(f"'{support.tp_name(type(mgr))}' object does not support the "
                        f"{protocol} protocol (missed {exit_name} method)")
    stack[-1] = exit_
    if type(enter) is types.MethodType:      # run a Python __enter__ in this loop
        return call_value(f, enter.__func__, [enter.__self__], None)
    return call_value(f, enter, [], None)


def BEFORE_WITH(f, arg):
    """mgr -- exit enter_result : look up __enter__/__exit__ and call __enter__"""
    return _before_with(f, "__enter__", "__exit__", "context manager")


def BEFORE_ASYNC_WITH(f, arg):
    """mgr -- aexit aenter_result : look up __aenter__/__aexit__ and call __aenter__"""
    return _before_with(f, "__aenter__", "__aexit__", "asynchronous context manager")


# --- pattern matching ----------------------------------------------------------------------

def MATCH_MAPPING(f, arg):
    """subject -- subject bool : is subject a mapping (Py_TPFLAGS_MAPPING)"""
    f.stack.append(bool(type(f.stack[-1]).__flags__ & support.Py_TPFLAGS_MAPPING))


def MATCH_SEQUENCE(f, arg):
    """subject -- subject bool : is subject a sequence (Py_TPFLAGS_SEQUENCE)"""
    f.stack.append(bool(type(f.stack[-1]).__flags__ & support.Py_TPFLAGS_SEQUENCE))


def MATCH_KEYS(f, arg):
    """subject keys -- subject keys values|None : look the pattern's keys up"""
    stack = f.stack
    stack.append(support.match_keys(stack[-2], stack[-1]))


def MATCH_CLASS(f, arg):
    """subject type names -- attrs|None : class pattern with oparg positional sub-patterns"""
    stack = f.stack
    names = stack.pop()
    type_ = stack.pop()
    stack[-1] = support.match_class(stack[-1], type_, arg, names)


# --- generators and coroutines -------------------------------------------------------------

def RETURN_GENERATOR(f, arg):
    """-- : create the generator; the frame suspends here until first resumed"""
    f.stack.append(None)
    return GENERATOR_CREATED


def YIELD_VALUE(f, arg):
    """value -- : suspend the frame, yielding value"""
    return YIELD


def ASYNC_GEN_WRAP(f, arg):
    """value -- wrapped : mark a value yielded by an async generator to its consumer"""
    f.stack[-1] = AsyncGenWrapped(f.stack[-1])


def GET_AWAITABLE(f, arg):
    """obj -- awaitable : obj.__await__() (oparg 1/2: after __aenter__/__aexit__)"""
    stack = f.stack
    obj = stack[-1]
    if type(obj) is not _GeneratorDriver:       # (an unseen coroutine, fresh, stays)
        it = support.get_awaitable_iter(obj)
        if it is NULL:
            t = type(obj)
            if arg == 1 and support.type_lookup(t, "__await__") is NULL:
                raise TypeError("'async with' received an object from __aenter__ that does "
                                f"not implement __await__: {support.tp_name(t)}")
            if arg == 2 and support.type_lookup(t, "__await__") is NULL:
                raise TypeError("'async with' received an object from __aexit__ that does "
                                f"not implement __await__: {support.tp_name(t)}")
            raise TypeError(f"object {support.tp_name(t)} can't be used in 'await' expression")
        if type(it) is types.CoroutineType and it.cr_await is not None:
            raise RuntimeError("coroutine is being awaited already")
        stack[-1] = it


def GET_AITER(f, arg):
    """obj -- aiter : obj.__aiter__()"""
    stack = f.stack
    obj = stack[-1]
    t = type(obj)
    getter = support.type_lookup(t, "__aiter__")
    if getter is NULL:
        raise TypeError(f"'async for' requires an object with __aiter__ method, got {support.tp_name(t)}")
    it = getter(obj)
    if support.type_lookup(type(it), "__anext__") is NULL:
        raise TypeError("'async for' received an object from __aiter__ that does not "
                        f"implement __anext__: {support.tp_name(type(it))}")
    stack[-1] = it


def GET_ANEXT(f, arg):
    """aiter -- aiter awaitable : aiter.__anext__() as an awaitable"""
    stack = f.stack
    aiter = stack[-1]
    t = type(aiter)
    if t is types.AsyncGeneratorType:
        stack.append(aiter.__anext__())
        return
    getter = support.type_lookup(t, "__anext__")
    if getter is NULL:
        raise TypeError(f"'async for' requires an iterator with __anext__ method, got {support.tp_name(t)}")
    nxt = getter(aiter)
    try:
        awaitable = support.get_awaitable_iter(nxt)
    except BaseException as e:   # _PyErr_FormatFromCause wraps whatever went wrong
        cause = e
        awaitable = NULL
    else:
        cause = None
    if awaitable is NULL:
        err = TypeError(f"'async for' received an invalid object from __anext__: "
                        f"{support.tp_name(type(nxt))}")
        if cause is not None:
            err.__cause__ = cause
            err.__context__ = cause
        raise err
    stack.append(awaitable)


def END_ASYNC_FOR(f, arg):
    """aiter exc -- : end an async for on StopAsyncIteration, else re-raise"""
    stack = f.stack
    exc = stack.pop()
    if isinstance(exc, StopAsyncIteration):
        stack.pop()
        return
    raise exc


def SEND(f, arg):
    """receiver value -- receiver result : send value; on return, jump with the return value"""
    stack = f.stack
    v = stack.pop()
    receiver = stack[-1]
    t = type(receiver)
    if t is _GeneratorDriver:           # an unseen generator (generators.start)
        gen = resume_driver(f, receiver, v)
        if gen is not None:
            return gen
    elif t is _GeneratorType or t is _CoroutineType:
        # a guest generator's frame, resumed in this loop (generators.resume_in_loop)
        gen = resume_in_loop(f, receiver, v)
        if gen is not None:
            return gen
    try:
        if t is _GeneratorType or t is _CoroutineType or t is _GeneratorDriver:
            r = receiver.send(v)
        elif v is None and support.type_lookup(t, "__next__") is not NULL:
            r = _next(receiver)
        else:
            r = receiver.send(v)
    except StopIteration as e:
        if _events.ACTIVE is not None:
            _send_stop_event(f, receiver, t, v, e)
        stack[-1] = e.value
        f.ip = arg
        return
    stack.append(r)


def _send_stop_event(f, receiver, t, v, e):
    """3.11's SEND, while tracing, reports the StopIteration that ends the sub-iterator
    as an 'exception' event of this frame, when one is set: SEND uses tp_iternext when
    `v` is None and the receiver has one (not coroutines), and that way a generator
    returning None, or an iterator written in C, ends without setting StopIteration. A
    generator's return sets it without a traceback."""
    gen = t is _GeneratorType or t is _CoroutineType or t is _GeneratorDriver
    if v is None and t is not _CoroutineType:
        if gen:
            if e.value is None and (t is _GeneratorType or receiver.kind == "generator"):
                return
        else:
            nxt = support.type_lookup(t, "__next__")
            if nxt is not NULL and type(nxt) is _SlotWrapper:
                return
    if gen:
        e.__traceback__ = None
    _events.ACTIVE.exception(f, e)
