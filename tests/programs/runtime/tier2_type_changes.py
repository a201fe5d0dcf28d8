"""Differential test (tier 2): hot code whose operand types change after warm-up
(int -> float -> str -> user classes), globals rebound and deleted, builtins shadowed,
class attributes monkeypatched, __dict__ replaced, __class__ changed, descriptors added
later. Specialized instructions miss and deoptimize inside compiled blocks."""
import builtins


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))

    __radd__ = __add__

    def __mul__(self, o):
        return Num(self.v * (o.v if isinstance(o, Num) else o))

    def __lt__(self, o):
        return self.v < (o.v if isinstance(o, Num) else o)

    def __getitem__(self, k):
        return ("item", self.v, k)

    def __repr__(self):
        return "Num(%r)" % (self.v,)


class Lazy:
    def __getattr__(self, name):
        return "lazy-" + name


def arith(a, b):
    c = a + b
    d = c * 2
    e = d if d < 100 else a
    return c, d, e


def series(vals):
    out = []
    for a, b in vals:
        out.append(arith(a, b))
    return out


print("== operand types change ==")
ints = [(i, i + 1) for i in range(30)]
print(series(ints)[-1])
print(series([(1.5, 2.25)] * 25)[-1])
print(series([(1, 2.5)] * 25)[-1])
print(series([(Num(1), 2)] * 25)[-1])
print(series([(3, Num(4))] * 25)[-1])
print(series([(True, False)] * 25)[-1])
for i in range(25):
    try:
        arith("s%d" % i, "t")
    except TypeError as e:
        msg = str(e)
print(msg)
print(series(ints)[-1])


def subscripts(objs, k):
    out = []
    for o in objs:
        out.append(o[k])
    return out


print(subscripts([[1, 2, 3]] * 25, 1)[-1])
print(subscripts([(1, 2, 3)] * 25, -1)[-1])
print(subscripts([{1: "a"}] * 25, 1)[-1])
print(subscripts(["abc"] * 25, 2)[-1])
print(subscripts([Num(5)] * 25, "key")[-1])
print(subscripts([[1, 2, 3], (4, 5, 6), "xyz", {1: 9}, Num(0)] * 5, 1))


def attrs(objs):
    out = []
    for o in objs:
        out.append(o.real if not isinstance(o, Lazy) else o.real)
    return out


print(attrs([1, 2.5, True] * 8 + [Lazy(), 3j]))


def compare_loop(xs):
    n = 0
    for a, b in xs:
        if a < b:
            n += 1
        if a == b:
            n += 10
    return n


print(compare_loop([(i, 15) for i in range(30)]))
print(compare_loop([(float(i), 15.0) for i in range(30)]))
print(compare_loop([(str(i), "15") for i in range(30)]))
print(compare_loop([(Num(i), 15) for i in range(30)]))

print("== globals rebound and deleted ==")
SCALE = 2


def use_global(x):
    return x * SCALE + OFFSET


OFFSET = 1
res = []
for i in range(40):
    if i == 20:
        SCALE = 10
    if i == 30:
        SCALE = "s"
        OFFSET = "o"
    res.append(use_global(i if i < 30 else 1))
print(res)
del OFFSET
for i in range(3):
    try:
        use_global(1)
    except NameError as e:
        print("NameError:", e)
OFFSET = "!"
print(use_global(3))


def global_fn():
    return helper(3)


def helper(x):
    return x + 1


r = [global_fn() for _ in range(25)]
print(r[-1])


def helper(x):  # noqa: F811
    return x * 100


print(global_fn())
helper = lambda x: ("lambda", x)  # noqa: E731
print(global_fn())
helper = Num
print(global_fn())

print("== builtins shadowed ==")


def uses_len(xs):
    return len(xs), abs(-3), isinstance(xs, list)


for i in range(25):
    r = uses_len([1, 2])
print(r)
len = lambda x: "shadow-len"  # noqa: E731
print(uses_len([1, 2]))
del len
print(uses_len([1, 2]))
orig_abs = builtins.abs
builtins.abs = lambda x: "patched-abs"
print(uses_len([1]))
builtins.abs = orig_abs
print(uses_len([1]))
orig_isinstance = builtins.isinstance
del builtins.isinstance
try:
    uses_len([1])
except NameError as e:
    print("NameError:", e)
builtins.isinstance = orig_isinstance
print(uses_len([1]))

print("== class attributes monkeypatched ==")


class P:
    kind = "plain"

    def __init__(self, x):
        self.x = x

    def meth(self):
        return ("meth", self.x)


def use_p(objs):
    out = []
    for o in objs:
        out.append((o.kind, o.x, o.meth()))
    return out


ps = [P(i) for i in range(25)]
print(use_p(ps)[-1])
P.kind = "patched"
print(use_p(ps)[-1])
P.meth = lambda self: ("lambda-meth", self.x)
print(use_p(ps)[-1])
ps[-1].meth = lambda: "instance-override"
print(use_p(ps)[-1])
ps[-1].kind = "instance-kind"
print(use_p(ps)[-2:])
del P.kind
try:
    use_p(ps)
except AttributeError as e:
    print("AttributeError:", e)
P.kind = property(lambda self: "prop-%r" % (self.x,))
print(use_p(ps)[-3:])

print("== __dict__ replaced ==")
for o in ps:
    o.__dict__ = {"x": -o.x}
print(use_p(ps)[:2])
ps[0].__dict__ = {"x": "new", "extra": 1}
print(use_p(ps)[:2], ps[0].extra)

print("== __class__ changed ==")


class Q(P):
    kind = "Q-kind"

    def meth(self):
        return ("Q.meth", self.x)


for i in range(25):
    r = use_p(ps[:3])
for o in ps[:2]:
    o.__class__ = Q
print(use_p(ps[:3]))
ps[0].__class__ = P
print(use_p(ps[:3]))

print("== descriptors added later ==")


class S:
    def __init__(self):
        self.val = 1


def read_val(objs):
    return [o.val for o in objs]


ss = [S() for _ in range(25)]
for i in range(25):
    r = read_val(ss)
print(r[:3])


class DataDesc:
    def __get__(self, obj, typ=None):
        return "data-desc"

    def __set__(self, obj, v):
        raise AttributeError("read-only")


class NonData:
    def __get__(self, obj, typ=None):
        return "non-data"


S.val = NonData()
print(read_val(ss[:2]))
S.val = DataDesc()
print(read_val(ss[:2]))
del S.val
print(read_val(ss[:2]))
S.__getattribute__ = lambda self, name: "getattribute-" + name
print(read_val(ss[:2]))
del S.__getattribute__
print(read_val(ss[:2]))


def write_val(objs, v):
    for o in objs:
        o.val = v
    return [o.__dict__.get("val") for o in objs]


for i in range(25):
    write_val(ss, i)
print(write_val(ss[:2], "w"))
S.val = DataDesc()
try:
    write_val(ss[:2], "x")
except AttributeError as e:
    print("AttributeError:", e)
del S.val
S.__slots__ = ()   # no effect after creation
print(write_val(ss[:2], "y"))

print("== method calls on changing types ==")


def call_methods(objs):
    out = []
    for o in objs:
        out.append(o.upper())
    return out


class U:
    def upper(self):
        return "U.upper"


print(call_methods(["a", "b"] * 12)[-1])
print(call_methods([b"ab", "c", U(), bytearray(b"x")]))
U.upper = staticmethod(lambda: "static")
print(call_methods([U()]))
U.upper = classmethod(lambda cls: "classmethod " + cls.__name__)
print(call_methods([U()]))


def unpack(objs):
    out = []
    for o in objs:
        a, b = o
        out.append(a)
    return out


print(unpack([(1, 2)] * 25)[-1], unpack([[3, 4]] * 3), unpack(["xy", {5: 0, 6: 0}]))
try:
    unpack([(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)


def iterate(objs):
    t = []
    for o in objs:
        for x in o:
            t.append(x)
    return len(t), t[-1]


print(iterate([range(3)] * 25), iterate([[1, 2], (3,), "ab", {9: 1}, iter([7])]))


def store_subscr(objs):
    for o in objs:
        o[0] = "set"
    return objs


print(store_subscr([[0, 1]] * 25)[-1], store_subscr([{}, bytearray(b"a") and [9]]))
try:
    store_subscr([(1,)])
except TypeError as e:
    print("TypeError:", e)

print("== constants keep their identity once the code is hot ==")


def const_tuple():
    return (1, 2)


def const_bigint():
    return 100000


def const_nested():
    return ((1, None), (True, -7))


firsts = (const_tuple(), const_bigint(), const_nested())
for i in range(30):
    now = (const_tuple(), const_bigint(), const_nested())
print([a is b for a, b in zip(firsts, now)], now)


print("== repeated attribute guards on one local (tier 2 checks the type once) ==")


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Rec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


def repeated(objs):
    total = 0
    for o in objs:
        o.x = o.x + 1              # load, store and load again on the same local
        total += o.x * o.y + o.x
        o.y = o.x - o.y
    return total


recs = [Rec(i, i + 1) for i in range(20)]
vecs = [Vec(i, -i) for i in range(20)]
print(repeated(recs * 10), repeated(vecs * 10), [r.norm() for r in recs][-2:])
print(repeated(recs[:10] + vecs[:10] + recs * 3))     # the sites turn polymorphic


class Changer:
    """Changes Rec while a block is between two guarded loads of the same object."""

    def __del__(self):
        Rec.x = property(lambda self: -1, lambda self, v: None)


def guarded_then_changed(r, n):
    out = []
    for i in range(n):
        c = Changer() if i == n - 1 else None
        a = r.y
        c = None                   # the last time round, __del__ changes Rec
        b = r.x
        out.append((a, b))
    return out[-3:]


print(guarded_then_changed(Rec(5, 6), 60))
del Rec.x
r = Rec(1, 2)
print(r.norm(), Rec(3, 4).norm())


print("== polymorphic sites (volatile in tier 2: inlined behind a check of their form) ==")


class PA:
    def __init__(self, v):
        self.v = v
        self.w = v + 1


class PB:
    __slots__ = ("v", "w")

    def __init__(self, v):
        self.v = v * 10
        self.w = -v


class PC:
    @property
    def v(self):
        return "prop"

    def __getattr__(self, name):
        return "ga-" + name


class PD:
    pass


def poly_reads(objs):
    out = []
    for o in objs:
        try:
            out.append((o.v, o.w))
        except AttributeError as e:
            out.append(("missing", str(e)[-12:], e.__traceback__.tb_lineno))
    return out


def poly_writes(objs):
    for i, o in enumerate(objs):
        try:
            o.w = i
        except AttributeError as e:
            pass
    return [getattr(o, "w", None) for o in objs[:5]]


mix = [PA(1), PB(2), PA(3), PC(), PB(4)] * 120
print(poly_reads(mix)[-5:], len(poly_reads(mix)))
print(poly_writes(mix))
mix2 = [PA(5), PB(6), PD(), PA(7)] * 100
print(poly_reads(mix2)[-4:])

print("== operand types known inside a block (tier 2 folds guard clauses) ==")


def flips(n):
    out = []
    for i in range(n):
        a = 1
        b = a + i * 2                  # a: an int constant; i * 2: int arithmetic
        c = b * 3 - a
        if i > n - 4:
            a = 1.5                     # a float from here: the block ends at the merge
        d = a * 2 + 0.5 if type(a) is float else a * 2
        s = "x" + str(i) + "y"
        e = 2.0 * 3.5 + i               # float constant arithmetic, then float + int
        out.append((b, c, d, s, e))
    return out[-5:]


print(flips(100))


def mixed(values):
    acc = []
    for v in values:
        x = v + v                       # specialized for the first type seen
        y = x * 2                       # known result type only while v keeps its type
        z = y + x
        acc.append((x, y, z))
    return acc[-3:]


print(mixed(list(range(60)) + [0.5, 1.5, 2.5] + [True, False] + [10 ** 30, -(10 ** 30)]))
print(mixed([1.0 * k for k in range(60)] + [3, 4] + [float("nan"), float("inf")]))
print(mixed(["a" * (k % 3) for k in range(60)] + ["z"]))


print("== class calls after the class changes (what class_frame keeps per class) ==")


class Base:
    def __init__(self, a, b):
        self.s = a + b


class Kid(Base):
    pass


def make(cls, n):
    return [cls(i, 1).s for i in range(n)]


def base_init_2(self, a, b):
    self.s = ("replaced", a * b)


def other_init(self, a, b):
    self.s = ("code", a - b)


print(make(Kid, 60)[-2:])
Base.__init__ = base_init_2                     # a base's __init__ rebound
print(make(Kid, 60)[-2:])
Base.__init__.__code__ = other_init.__code__    # the same function, new code
print(make(Kid, 60)[-2:])
Kid.__init__ = lambda self, a, b=7: setattr(self, "s", ("kid", a, b))
print(make(Kid, 60)[-2:], Kid(1).s)
try:
    Kid(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
Kid.__new__ = lambda cls, *a: "made by __new__"  # __new__ added later (deleting it
print([Kid(i, 1) for i in range(3)])            # again is divergence class_new_restored)
for k in range(40):                             # classes made and dropped while hot
    C = type("C%d" % k, (Base,), {"__init__": lambda self, a, b, k=k: setattr(self, "s", k)})
    r = make(C, 3)
print(r, len(make(Base, 70)))


print("== C methods of instances with a __dict__: the descriptor unless shadowed ==")


class Stack(list):
    pass


def push(o, x):
    o.append(x)
    return len(o)


plain = Stack()
pushed = [push(plain, i) for i in range(60)]
shadowed = Stack()
shadowed.append = shadowed.extend           # another C method, bound to the same object
pushed += [push(shadowed, [i, -i]) for i in range(60)]
same = Stack()
same.append = same.append                   # the same one, bound
pushed += [push(same, i) for i in range(60)]
print(pushed[::15], shadowed[:4], len(same))
