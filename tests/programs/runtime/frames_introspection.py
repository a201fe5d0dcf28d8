"""Differential test: frames, introspection, namespaces, exec/eval, super()
and the exception state (sys.exc_info / sys.exception)."""
import inspect
import os
import sys
import traceback

THIS_FILE = os.path.basename(__file__)


def frame_names(frame):
    names = []
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return names


print("== sys._getframe ==")


def level_c():
    f0 = sys._getframe(0)
    f1 = sys._getframe(1)
    f2 = sys._getframe(2)
    print("names:", f0.f_code.co_name, f1.f_code.co_name, f2.f_code.co_name)
    print("f_back chain:", frame_names(f0))
    print("f_back identity:", f0.f_back is f1, f1.f_back is f2)
    print("f_lineno:", f0.f_lineno, f1.f_lineno)
    print("caller locals:", sorted(f1.f_locals.items()))
    print("f_globals is globals():", f0.f_globals is globals(), f2.f_globals is globals())
    print("co_filename:", os.path.basename(f0.f_code.co_filename))
    print("f_code is level_c.__code__:", f0.f_code is level_c.__code__)
    try:
        sys._getframe(1000)
    except ValueError as e:
        print(type(e).__name__, e)
    return f1.f_lineno


def level_b(x, y=2):
    tmp = x + y
    return level_c()


def level_a():
    marker = "a"
    return level_b(1)


print("returned caller line:", level_a())
mod_frame = sys._getframe()
print("module frame:", mod_frame.f_code.co_name, mod_frame.f_back is None, mod_frame.f_locals is globals())
print("inspect.currentframe is _getframe:", inspect.currentframe() is sys._getframe())


def lineno_tracker():
    f = sys._getframe()
    a = f.f_lineno
    b = f.f_lineno

    c = f.f_lineno
    return b - a, c - a


print("lineno deltas:", lineno_tracker())


def f_locals_snapshot():
    x = 1
    snap = sys._getframe().f_locals
    x = 2
    y = 3
    print("snapshot (taken before x=2):", snap["x"], "y" in snap)
    snap2 = sys._getframe().f_locals
    print("second snapshot:", sorted(k for k in snap2 if k != "snap"), snap2["x"])
    snap2["x"] = 99
    print("writing f_locals does not change x:", x)


f_locals_snapshot()

print("== inspect.stack / traceback.extract_stack ==")


def stack_inner():
    stack = inspect.stack()
    print("inspect.stack functions:", [fi.function for fi in stack])
    print("inspect.stack files:", sorted({os.path.basename(fi.filename) for fi in stack}))
    print("inspect.stack code_context[0]:", stack[0].code_context[0].strip())
    print("outer frames:", [fi.function for fi in inspect.getouterframes(inspect.currentframe())])
    summary = traceback.extract_stack()
    print("extract_stack:", [(fs.name, fs.lineno) for fs in summary])
    print("last line:", summary[-1].line)
    limited = traceback.extract_stack(limit=2)
    print("limit=2:", [fs.name for fs in limited])
    formatted = traceback.format_stack(limit=1)[0]
    print("format_stack:", formatted.replace(os.path.dirname(__file__) + os.sep, "").rstrip())


def stack_middle():
    return stack_inner()


class StackHolder:
    def method(self):
        return stack_middle()

    @staticmethod
    def static():
        return [fi.function for fi in inspect.stack()][:2]

    @classmethod
    def klass(cls):
        return sys._getframe().f_code.co_qualname


StackHolder().method()
print(StackHolder.static(), StackHolder.klass())
print("lambda frame:", (lambda: sys._getframe().f_code.co_name)())
print("genexpr frame:", next(sys._getframe().f_code.co_name for _ in [1]))
print("listcomp frame:", [sys._getframe().f_code.co_name for _ in [1]][0])
print("listcomp f_back:", [sys._getframe(1).f_code.co_name for _ in [1]][0])

print("== code objects ==")


def code_demo(a, b, /, c, *args, d, e=5, **kw):
    local_var = a
    def inner():
        return local_var + c
    return inner


co = code_demo.__code__
print(co.co_name, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_varnames)
print("cellvars:", co.co_cellvars, "freevars:", co.co_freevars)
inner = code_demo(1, 2, 3, d=4)
print("inner freevars:", inner.__code__.co_freevars, [c.cell_contents for c in inner.__closure__])
print("qualname:", inner.__qualname__, inner.__code__.co_qualname)
print("flags varargs/varkw:", bool(co.co_flags & inspect.CO_VARARGS), bool(co.co_flags & inspect.CO_VARKEYWORDS))
print("firstlineno relative:", inner.__code__.co_firstlineno - co.co_firstlineno)
print("signature:", inspect.signature(code_demo))
print("defaults:", code_demo.__defaults__, code_demo.__kwdefaults__)

print("== locals / vars / dir ==")
module_level_name = "global value"


def outer_fn(param):
    enclosed = "from outer"
    unused_in_inner = 0

    def inner_fn(arg):
        local = arg * 2
        print("inner locals:", sorted(locals().items()))
        print("inner dir():", dir())
        print("inner vars() == locals():", vars() == locals())
        return enclosed

    print("outer locals keys:", sorted(locals()))
    inner_fn(21)
    return locals()


result_locals = outer_fn("p")
print("returned locals keys:", sorted(result_locals))
print("module locals() is globals():", locals() is globals(), vars() is globals())
print("'module_level_name' in dir():", "module_level_name" in dir())


class Namespace:
    x = 1
    y = x + 1
    body_locals = sorted(k for k in locals() if not k.startswith("__"))
    body_dunder = sorted(k for k in locals() if k.startswith("__"))
    z = None

    def method(self):
        return __class__.__name__

    names_in_body = dir()


print("class body locals:", Namespace.body_locals)
print("class body dunders:", Namespace.body_dunder)
print("class body dir():", Namespace.names_in_body)
print("__class__ cell:", Namespace().method())
print("vars(Namespace) keys:", sorted(k for k in vars(Namespace) if not k.startswith("__")))
ns_obj = Namespace()
ns_obj.attr = 1
print("vars(instance):", vars(ns_obj), ns_obj.__dict__ is vars(ns_obj))
try:
    vars(1)
except TypeError as e:
    print(type(e).__name__, e)


class Slotted:
    __slots__ = ("a",)


try:
    vars(Slotted())
except TypeError as e:
    print(type(e).__name__, e)

x_class_scope = "module x"


class ScopeQuirk:
    x_class_scope = "class x"
    from_comprehension = [x_class_scope for _ in range(1)]

    def method(self):
        return x_class_scope


print("comprehension in class sees:", ScopeQuirk.from_comprehension, "| method sees:", ScopeQuirk().method())

print("== globals() ==")
g = globals()
print("globals identity:", g is globals(), g["__name__"], g["THIS_FILE"])
g["injected"] = "via globals()"
print(injected)  # noqa: F821
del g["injected"]
try:
    injected  # noqa: B018
except NameError as e:
    print(type(e).__name__, e)


def reads_globals():
    return globals() is g, level_a.__globals__ is g


print(reads_globals())
print("builtins:", type(__builtins__).__name__ in ("module", "dict"), globals()["__builtins__"] is __builtins__)

print("== exec / eval ==")
print(eval("1 + 2 * 3"))
print(eval("x * y", {"x": 6, "y": 7}))
print(eval("x + y", {"x": 1}, {"y": 10}))
print(eval("len('abc')", {}))  # __builtins__ is inserted automatically
ns = {}
exec("a = 5\ndef f(n):\n    return n + a\nb = f(10)", ns)
print(sorted(k for k in ns if k != "__builtins__"), ns["b"], "__builtins__" in ns)
gns, lns = {"base": 100}, {}
exec("val = base + 1\nlocal_only = 'yes'", gns, lns)
print("globals ns:", sorted(k for k in gns if k != "__builtins__"), "locals ns:", lns)
exec("exec_created_global = 'made by exec'")
print(exec_created_global)  # noqa: F821


def exec_in_function():
    v = 1
    exec("v = 2; w = 3")
    loc = locals()
    print("v after exec:", v, "| locals() has w:", loc.get("w"))
    d = {}
    exec("v = 10; w = 20", globals(), d)
    print("explicit locals dict:", d, "v unchanged:", v)
    print("eval sees local:", eval("v + 1"))
    try:
        eval("undefined_name")
    except NameError as e:
        print(type(e).__name__, e)


exec_in_function()


class Mapping:
    def __getitem__(self, key):
        if key.startswith("m_"):
            return key.upper()
        raise KeyError(key)


print(eval("m_hello + '!'", {}, Mapping()))
try:
    eval("other", {}, Mapping())
except NameError as e:
    print(type(e).__name__, e)
code = compile("answer = 6 * 7", "<compiled>", "exec")
cns = {}
exec(code, cns)
print(cns["answer"], code.co_filename, code.co_name)
print(eval(compile("[i*i for i in range(4)]", "<e>", "eval")))
try:
    eval("1 +")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset, e.filename)
try:
    exec("def bad(:\n pass", {})
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno)
try:
    exec("raise ValueError('inside exec')")
except ValueError as e:
    print("exec raised:", e, [fs.name for fs in traceback.extract_tb(e.__traceback__)])
print(eval("__name__"), eval("__name__", {"__name__": "custom"}))

print("== super() ==")


class Base:
    def who(self):
        return ["Base"]

    @classmethod
    def create(cls):
        return f"Base.create({cls.__name__})"

    def __init__(self):
        self.init_order = ["Base"]


class Left(Base):
    def who(self):
        return ["Left"] + super().who()

    def __init__(self):
        super().__init__()
        self.init_order.append("Left")


class Right(Base):
    def who(self):
        return ["Right"] + super().who()

    def __init__(self):
        super().__init__()
        self.init_order.append("Right")


class Diamond(Left, Right):
    def who(self):
        return ["Diamond"] + super().who()

    @classmethod
    def create(cls):
        return "Diamond+" + super().create()

    def __init__(self):
        super().__init__()
        self.init_order.append("Diamond")


class Deeper(Diamond):
    def who(self):
        return ["Deeper"] + super(Diamond, self).who()

    def nested_super(self):
        def helper():
            return super().who()
        try:
            return helper()
        except RuntimeError as e:
            return f"{type(e).__name__}: {e}"

    def lambda_super(self):
        try:
            return (lambda: super().who())()
        except RuntimeError as e:
            return f"{type(e).__name__}: {e}"


print([c.__name__ for c in Deeper.__mro__])
d = Deeper()
print(d.who())
print(Diamond().who())
print(d.init_order)
print(Deeper.create())
print(d.nested_super())
print(d.lambda_super())
print(super(Left, Diamond()).who())
sup = super(Deeper, d)
print(type(sup).__name__, sup.__thisclass__.__name__, type(sup.__self__).__name__)
try:
    super(int, d)
except TypeError as e:
    print(type(e).__name__, e)


def no_args_super():
    return super()


try:
    no_args_super()
except RuntimeError as e:
    print(type(e).__name__, e)


class Prop(Base):
    @property
    def value(self):
        return "prop"


class PropChild(Prop):
    @property
    def value(self):
        return "child+" + super().value


print(PropChild().value)


class WithNew:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.args = args
        return inst


print(WithNew(1, 2).args)

print("== sys.exc_info / sys.exception ==")
print("outside:", sys.exc_info(), sys.exception())
try:
    raise ValueError("first")
except ValueError:
    t, v, tb = sys.exc_info()
    print("inside:", t.__name__, v, tb is v.__traceback__, sys.exception() is v)
    try:
        raise KeyError("second")
    except KeyError:
        print("nested:", sys.exc_info()[0].__name__, repr(sys.exception()))
        print("nested context:", repr(sys.exception().__context__))
    print("restored:", sys.exc_info()[0].__name__, sys.exception())
    try:
        raise TypeError("third")
    except TypeError:
        pass
    print("restored again:", repr(sys.exception()))
print("after:", sys.exc_info(), sys.exception())


def func_sees_exc():
    return sys.exc_info()[0]


try:
    1 / 0
except ZeroDivisionError:
    print("callee sees:", func_sees_exc().__name__)
print("callee after:", func_sees_exc())


def raises_and_handles():
    try:
        raise IndexError("internal")
    except IndexError:
        return sys.exception()


try:
    raise OSError("outer")
except OSError:
    inner_exc = raises_and_handles()
    print("after callee handled:", repr(sys.exception()), "| callee saw:", repr(inner_exc))

try:
    try:
        raise ValueError("in try")
    finally:
        print("finally sees:", repr(sys.exception()))
except ValueError:
    pass

for i in range(2):
    try:
        raise RuntimeError(f"loop {i}")
    except RuntimeError:
        if i == 0:
            continue
        print("loop exc:", sys.exception())
print("after loop:", sys.exception())


def exc_in_return():
    try:
        raise KeyError("r")
    except KeyError:
        return sys.exc_info()[1]


print("returned:", repr(exc_in_return()), "| now:", sys.exception())

try:
    raise ValueError("named")
except ValueError as err:
    pass
try:
    err  # noqa: F821
except NameError as e:
    print("except target deleted:", type(e).__name__, e)
