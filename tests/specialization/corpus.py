"""Functions whose adaptive instruction streams pyceval must reproduce (test_specialization.py).

`warm()` calls each the same way natively and under pyceval; then the quickened and
specialized forms of every function are compared instruction by instruction.
"""
import math
import os.path

G = 10
LIMIT = 3.5


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    @property
    def twice(self):
        return self.x * 2


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class WithGetattr:
    def __getattr__(self, name):
        return 42


class Stack(list):
    """A subclass of a C type whose instances have a __dict__ (deltablue's OrderedCollection)."""


class Seq:
    def __getitem__(self, i):
        return i * 2


class Kid(Point):
    kind = "kid"


def instance_attrs(p):
    return p.x + p.y


def instance_store(p, v):
    p.x = v
    p.y = v + 1
    return p


def slot_attrs(s):
    s.a = s.b
    return s.a + s.b


def materialized(p):
    d = p.__dict__
    return p.x + len(d)


def module_attrs(x):
    return math.sqrt(x) + math.pi + os.path.sep.count("/")


def class_attrs():
    return Kid.kind, Point.norm2


def method_calls(p, items):
    items.append(p.norm2())
    items.append(len(items))
    return items.pop()


def getattr_class(w):
    return w.anything + w.other


def property_load(p):
    return p.twice


def globals_and_builtins(n):
    return G + n + len(str(n)) + abs(-n) + int(LIMIT)


def int_arith(a, b):
    c = a + b
    d = a - b
    e = a * b
    return c + d + e + (a // 3) + (a % 5) + (a << 1)


def float_arith(a, b):
    return a * b + a - b + a / 2.0


def str_concat(n):
    s = ""
    for i in range(n):
        s += "x"
    t = s + "y"
    return t


def subscripts(lst, tup, d, seq):
    lst[0] = lst[1]
    d["k"] = tup[0]
    return lst[2] + tup[1] + d["k"] + seq[3] + len(lst[:2]) + ("abc")[1].count("b")


def compares(a, b, x, y, s):
    n = 0
    if a < b:
        n += 1
    if x >= y:
        n += 1
    if s == "yes":
        n += 1
    if s != "no":
        n += 1
    flag = a == b
    if (a, b) < (b, a):
        n += 1
    return n + flag


def big_compare(a):
    if a > 2 ** 40:
        return 1
    return 0


def unpacking(pair, triple, lst):
    a, b = pair
    c, d, e = triple
    f, g = lst
    return a + b + c + d + e + f + g


def helper(a, b=2, c=3):
    return a + b + c


def kwonly(a, *, k=1):
    return a + k


def calls(n):
    t = helper(n) + helper(n, 1) + helper(n, 1, 1)
    t += kwonly(n, k=2) + kwonly(n)
    t += isinstance(n, int) + len([n]) + abs(n)
    t += max(n, 1) + sum([n, 1]) + sorted([n, 2], reverse=True)[0]
    t += type(n).__name__.count("i") + len(str(n)) + len(tuple([n]))
    t += "a,b".split(",").count("a") + Point(n, 1).x + Slotted(1, 2).a
    return t


def bound_method_call(p):
    f = p.norm2
    return f()


def loop_sum(n):
    t = 0
    for i in range(n):
        t += i
    while n > 0:
        n -= 1
        t -= 1
    return t


def gen(n):
    for i in range(n):
        yield i * 2


def use_gen(n):
    return sum(gen(n))


def c_methods_of_a_subclass(stack, i):
    # LOAD_METHOD finds list.append, a method descriptor, as _PyObject_GetMethod does:
    # PRECALL then specializes for it (PRECALL_NO_KW_LIST_APPEND), not for a bound method
    stack.append(i)
    stack.append(i + 1)
    return stack.pop(0) + len(stack)


def polymorphic(a, b):
    return a + b


def warm():
    p = Point(3, 4)
    s = Slotted(1, 2)
    w = WithGetattr()
    seq = Seq()
    for i in range(20):
        instance_attrs(p)
        instance_store(Point(1, 2), i)
        slot_attrs(s)
        materialized(Point(i, i))
        module_attrs(float(i))
        class_attrs()
        method_calls(p, [1, 2])
        getattr_class(w)
        property_load(p)
        globals_and_builtins(i)
        int_arith(i, 7)
        float_arith(i + 0.5, 1.5)
        str_concat(3)
        subscripts([1, 2, 3], (4, 5), {}, seq)
        compares(i, 10, 1.5, 0.5, "yes")
        big_compare(i)
        unpacking((1, 2), (1, 2, 3), [4, 5])
        calls(i)
        bound_method_call(p)
        loop_sum(5)
        use_gen(4)
        c_methods_of_a_subclass(Stack([0]), i)
    for i in range(60):                  # ints, then floats: a deopt and a re-specialization
        polymorphic(i, 1)
    for i in range(100):
        polymorphic(1.5, 2.5)


FUNCTIONS = [name for name, obj in list(globals().items())
             if callable(obj) and getattr(obj, "__module__", None) == __name__
             and not isinstance(obj, type) and name != "warm"]
METHODS = ["Point.__init__", "Point.norm2", "Slotted.__init__", "Seq.__getitem__"]
