"""Differential test: Python code called back from C code (builtins, dict
lookups, type creation hooks, finalizers, weakrefs, atexit, protocols)."""
import atexit
import bisect
import collections
import copy
import functools
import gc
import heapq
import itertools
import json
import operator
import re
import weakref

print("== key functions ==")
calls = []


def key_len(s):
    calls.append(s)
    return len(s)


words = ["pear", "fig", "banana", "kiwi", "apple"]
print(sorted(words, key=key_len), calls)
calls.clear()
print(min(words, key=key_len), max(words, key=key_len), len(calls))
print(sorted(words, key=lambda w: (-len(w), w)))
print(max([], default="empty", key=key_len))
lst = words[:]
lst.sort(key=str.upper, reverse=True)
print(lst)
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
print(bisect.bisect([1, 3, 5, 7], 4, key=lambda v: v))
bisect.insort(lst, "cherry", key=str.upper)
print(lst)

print("== map / filter / reduce / zip ==")
trace = []


def tracer(name):
    def f(*args):
        trace.append((name, args))
        return sum(args) if all(isinstance(a, int) for a in args) else args
    return f


m = map(tracer("map"), [1, 2, 3], [10, 20])
print("lazy map, nothing called yet:", trace)
print(list(m), trace)
trace.clear()
print(list(filter(lambda x: trace.append(x) or x % 2, range(6))), trace)
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(functools.reduce(lambda acc, x: acc * 10 + x, [1, 2, 3, 4]))
print(functools.reduce(lambda a, b: f"({a}+{b})", "abcd", "z"))
try:
    functools.reduce(lambda a, b: a, [])
except TypeError as e:
    print(type(e).__name__, e)
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print([(k, list(g)) for k, g in itertools.groupby("aabbbc", key=lambda c: c.upper())])
print(list(itertools.accumulate([1, 2, 3, 4], lambda a, b: a * b)))
print(list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(sum(map(operator.mul, [1, 2, 3], [4, 5, 6])))
print(re.sub(r"\d+", lambda mo: str(int(mo.group()) * 2), "a1 b22 c333"))
print(json.dumps({"b": sorted({2, 1}), "a": complex(1, 2)}, default=lambda o: [o.real, o.imag], sort_keys=True))
print(json.loads('{"x": 1.5, "y": [1, 2]}', object_hook=lambda d: sorted(d.items()), parse_float=lambda s: f"float({s})"))

print("== dict keys with noisy __eq__/__hash__ ==")
log = []


class Key:
    def __init__(self, name, h):
        self.name = name
        self.h = h

    def __hash__(self):
        log.append(f"hash {self.name}")
        return self.h

    def __eq__(self, other):
        log.append(f"eq {self.name}=={getattr(other, 'name', other)}")
        return isinstance(other, Key) and self.name.lower() == other.name.lower()

    def __repr__(self):
        return f"Key({self.name})"


d = {}
d[Key("a", 1)] = 1
d[Key("b", 1)] = 2  # same hash, different key: __eq__ is consulted
print(log)
log.clear()
print("lookup A:", d[Key("A", 1)], log)
log.clear()
print("contains c:", Key("c", 1) in d, log)
log.clear()
print("set:", len({Key("x", 7), Key("X", 7), Key("y", 8)}), log)
log.clear()
print("list.index:", [Key("p", 0), Key("q", 0)].index(Key("Q", 0)), log)
log.clear()
print("identity shortcut:", (k := Key("same", 3)) in [k], log)


class Unhashable:
    __hash__ = None


try:
    {Unhashable(): 1}
except TypeError as e:
    print(type(e).__name__, e)


class DefaultDictLike(dict):
    def __missing__(self, key):
        print(f"  __missing__({key!r})")
        return key * 2


dd = DefaultDictLike(a=1)
print(dd["a"], dd["zz"], dd.get("q", "get() skips __missing__"))
counter = collections.defaultdict(lambda: "made by factory")
print(counter["k"], dict(counter))

print("== __init_subclass__ and __set_name__ ==")


class Plugin:
    registry = []

    def __init_subclass__(cls, /, tag=None, **kwargs):
        super().__init_subclass__(**kwargs)
        print(f"  __init_subclass__({cls.__name__}, tag={tag})")
        Plugin.registry.append((cls.__name__, tag))


class Alpha(Plugin, tag="a"):
    pass


class Beta(Alpha):
    pass


print(Plugin.registry)
try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class Field:
    def __set_name__(self, owner, name):
        print(f"  __set_name__({owner.__name__}, {name!r})")
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")

    def __set__(self, obj, value):
        print(f"  __set__ {self.name} = {value!r}")
        setattr(obj, self.name, value)


class Model:
    first = Field()
    second = Field()


m = Model()
print(m.first)
m.first = "value"
print(m.first, type(Model.first).__name__)


class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print(f"  __prepare__({name})")
        return {"injected": "by __prepare__"}

    def __new__(mcs, name, bases, ns, **kw):
        print(f"  Meta.__new__({name}, keys={sorted(k for k in ns if not k.startswith('__'))})")
        return super().__new__(mcs, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        print(f"  Meta.__init__({name})")
        super().__init__(name, bases, ns)

    def __call__(cls, *args):
        print(f"  Meta.__call__{args}")
        return super().__call__(*args)

    def __instancecheck__(cls, obj):
        return obj == "duck"


class WithMeta(metaclass=Meta):
    x = 1

    def __init__(self, v):
        self.v = v


print(WithMeta.injected, WithMeta(5).v, isinstance("duck", WithMeta), isinstance(3, WithMeta))

print("== __del__, weakref callbacks, finalize ==")


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print(f"  __del__ {self.name}")


n = Noisy("plain")
print("before del")
del n
print("after del")
a, b = Noisy("cycle-a"), Noisy("cycle-b")
a.other, b.other = b, a
del a, b
print("cycle deleted; collecting")
gc.collect()
print("collected")


def make_temporary():
    Noisy("temporary in function")
    return "function returned"


print(make_temporary())


class Target:
    pass


t = Target()
r = weakref.ref(t, lambda ref: print("  weakref callback, ref dead:", ref() is None))
print("alive:", r() is t)
del t
print("after del target:", r())
t2 = Target()
weakref.finalize(t2, print, "  finalize called with", "args")
del t2
wd = weakref.WeakValueDictionary()
tmp = Target()
wd["k"] = tmp
print("weak dict before:", list(wd))
del tmp
print("weak dict after:", list(wd))

print("== __getattr__ / __getattribute__ ==")


class Lazy:
    existing = "class attribute"

    def __getattr__(self, name):
        print(f"  __getattr__({name!r})")
        if name.startswith("auto_"):
            return name[5:]
        raise AttributeError(f"{type(self).__name__!r} has no {name!r}")


lz = Lazy()
print(lz.existing, lz.auto_value, getattr(lz, "auto_x"), getattr(lz, "missing", "default"))
print(hasattr(lz, "auto_y"), hasattr(lz, "nope"))
try:
    lz.nope
except AttributeError as e:
    print(type(e).__name__, e)


class Watched:
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        if not name.startswith("__"):
            print(f"  __getattribute__({name!r})")
        return super().__getattribute__(name)

    def __setattr__(self, name, value):
        print(f"  __setattr__({name!r}, {value!r})")
        super().__setattr__(name, value)

    def __delattr__(self, name):
        print(f"  __delattr__({name!r})")
        super().__delattr__(name)


w = Watched()
print(w.a)
w.b = 2
del w.b
print(getattr(w, "a"), vars(w))

print("== __repr__ / __str__ / __format__ ==")


class Pretty:
    def __repr__(self):
        print("  [repr called]")
        return "Pretty()"

    def __str__(self):
        print("  [str called]")
        return "pretty"

    def __format__(self, spec):
        print(f"  [format called spec={spec!r}]")
        return f"<{spec or 'nospec'}>"


p = Pretty()
print(repr(p))
print(str(p))
print(f"{p}")
print(f"{p!r}")
print(f"{p!s}")
print(f"{p:>10}")
print("{} {!r} {:x}".format(p, p, p))
print("%s %r" % (p, p))
print([p])
print(format(p, "spec"))


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr<>"


print(str(OnlyRepr()), f"{OnlyRepr()}", [OnlyRepr()], {"k": OnlyRepr()})


class BadStr:
    def __str__(self):
        return 42


try:
    str(BadStr())
except TypeError as e:
    print(type(e).__name__, e)

print("== __index__, __len__, __iter__, __getitem__, __contains__, __bool__ ==")


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        print(f"  __index__ -> {self.v}")
        return self.v


data = list(range(10))
print(data[Idx(2):Idx(5)])
print(data[Idx(3)], "abcdef"[Idx(1)], bin(Idx(5)), hex(Idx(255)), range(Idx(3)))
print([0] * Idx(2), operator.index(Idx(7)))


class Sized:
    def __len__(self):
        print("  __len__ called")
        return 3


print(len(Sized()), bool(Sized()))


class BadLen:
    def __len__(self):
        return -1


try:
    len(BadLen())
except ValueError as e:
    print(type(e).__name__, e)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        print("  __iter__ called")
        n = self.n
        while n > 0:
            yield n
            n -= 1


print(list(Countdown(3)), tuple(Countdown(2)), set(Countdown(2)) == {1, 2}, sorted(Countdown(3)))
print(dict(zip(Countdown(2), "ab")), max(Countdown(4)), "-".join(map(str, Countdown(3))))
x, y = Countdown(2)
print(x, y)


class OldStyleSeq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 100


print(list(OldStyleSeq()), 200 in OldStyleSeq(), list(reversed([1, 2])))


class Container:
    def __contains__(self, item):
        print(f"  __contains__({item!r})")
        return item == "yes"


print("yes" in Container(), "no" not in Container())


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print(f"  __bool__ -> {self.v}")
        return self.v


print(Truthy(False) or "fallback", all([Truthy(True), Truthy(False), Truthy(True)]), any(Truthy(v) for v in (False, True)))
if not Truthy(False):
    print("not Truthy(False) worked")

print("== operators and reflected operators ==")


class Vec:
    def __init__(self, *c):
        self.c = c

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(*(a + b for a, b in zip(self.c, other.c)))
        return NotImplemented

    def __radd__(self, other):
        print(f"  __radd__ with {other!r}")
        if other == 0:
            return self
        return NotImplemented

    def __mul__(self, k):
        return Vec(*(a * k for a in self.c))

    __rmul__ = __mul__

    def __eq__(self, other):
        return isinstance(other, Vec) and self.c == other.c

    def __lt__(self, other):
        return sum(self.c) < sum(other.c)

    def __repr__(self):
        return f"Vec{self.c}"

    def __neg__(self):
        return Vec(*(-a for a in self.c))

    def __iadd__(self, other):
        print("  __iadd__")
        return self + other


print(Vec(1, 2) + Vec(3, 4), 2 * Vec(1, 1), Vec(1, 1) * 3, -Vec(1, -1))
print(sum([Vec(1, 1), Vec(2, 2)]))
v = Vec(0, 0)
v += Vec(1, 1)
print(v, Vec(1) == Vec(1), Vec(1) != Vec(2), sorted([Vec(3), Vec(1), Vec(2)]))
print(Vec(5) > Vec(1), heapq.nsmallest(2, [Vec(9), Vec(1), Vec(5)]))
try:
    Vec(1) + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    Vec(1) <= Vec(2)
except TypeError as e:
    print(type(e).__name__, e)

print("== __call__, __enter__/__exit__, copy hooks, __class_getitem__ ==")


class Multiplier:
    def __init__(self, k):
        self.k = k

    def __call__(self, x):
        return x * self.k


print(list(map(Multiplier(3), [1, 2])), sorted([3, 1, 2], key=Multiplier(-1)), callable(Multiplier(1)))


class Copyable:
    def __init__(self, items):
        self.items = items

    def __copy__(self):
        print("  __copy__")
        return Copyable(self.items)

    def __deepcopy__(self, memo):
        print("  __deepcopy__")
        return Copyable(copy.deepcopy(self.items, memo))


c1 = Copyable([[1], [2]])
c2 = copy.copy(c1)
c3 = copy.deepcopy(c1)
print(c2.items is c1.items, c3.items == c1.items, c3.items is c1.items)


class Reducible:
    def __init__(self, a, b):
        self.a, self.b = a, b

    def __reduce__(self):
        print("  __reduce__")
        return (Reducible, (self.a, self.b + 1))


r2 = copy.copy(Reducible(1, 2))
print(r2.a, r2.b)


class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__}]"


print(Box[int], list[int], dict[str, int])


class CM:
    def __enter__(self):
        print("  __enter__")
        return "entered"

    def __exit__(self, et, ev, tb):
        print(f"  __exit__({et.__name__ if et else None})")
        return True


with CM() as val:
    print("  body got", val)
    raise ValueError("suppressed by __exit__")
print("after with")

print("== atexit ==")


def goodbye(name, punctuation="!"):
    print(f"atexit: goodbye {name}{punctuation}")


atexit.register(goodbye, "first registered")
atexit.register(goodbye, "second registered", punctuation="?")


@atexit.register
def decorated_handler():
    print("atexit: decorated handler (registered last, runs first)")


def never():
    print("unregistered handler must not run")


atexit.register(never)
atexit.unregister(never)
print("end of main program")
