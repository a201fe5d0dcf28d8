"""Differential test (tier 2): what blocks write as host syntax and the C calls they make
themselves. A block writes an instruction's getattr/setattr/delattr of a plain name as
attribute syntax, an operator function (BINARY_OP, COMPARE_OP, in-place forms) as the
operator, unpacks UNPACK_SEQUENCE's items onto stack positions, and makes the call of
PRECALL's C-callable variants (builtins, method descriptors, builtin classes, len,
isinstance) in the block. Everything must stay the generic operation: descriptors,
__getattr__, slots, deletion; reflected and in-place operator methods, NotImplemented,
errors and their messages; unpacking of tuples, lists, iterators and wrong lengths;
frame-aware builtins (locals, sys._getframe), keyword arguments, builtins replaced at a
hot site, a profiler that sees c_call events, and exceptions raised by C calls."""
import sys


class Slotted:
    __slots__ = ("a",)


class Plain:
    pass


class Lazy:
    def __getattr__(self, name):
        return len(name)


class Prop:
    @property
    def p(self):
        return sys._getframe(1).f_code.co_name


def attributes(n):
    s, p, lz, pr = Slotted(), Plain(), Lazy(), Prop()
    t = 0
    for i in range(n):
        s.a = i
        p.q = i
        t += s.a + p.q + lz.missing + len(pr.p)
        if i % 7 == 0:
            del p.q
            try:
                p.q
            except AttributeError as e:
                t += len(str(e))
            p.q = 1
        if i % 11 == 0:
            del s.a
            try:
                t += s.a
            except AttributeError as e:
                t += len(str(e))
    return t


class V:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return V(self.v + (o.v if isinstance(o, V) else o)) if not isinstance(o, str) else NotImplemented

    def __radd__(self, o):
        return V(len(o) + self.v)

    def __iadd__(self, o):
        self.v += o
        return self

    def __lt__(self, o):
        return self.v < o

    def __repr__(self):
        return "V(%r)" % self.v


def operators(n):
    t = 0
    x = 1.5
    acc = []
    v = V(0)
    text = "a"
    for i in range(n):
        t += i % 7 + (i // 3) - (i << 2) + (i >> 1) + (i & 5) + (i | 2) + (i ^ 3) + 2 ** (i % 5)
        x = x * 1.0001 + i / 7 - i
        acc += [i]
        v += 1
        v = v + V(1)
        w = "ab" + V(i)
        text += "b" if i % 100 == 0 else ""
        if i < 5 or x > 3 or i == 9 or i != 0 or i >= 1 or i <= 2 or v < 3:
            t += w.v
        try:
            t += (i + "x") if i % 250 == 249 else 0
        except TypeError as e:
            t += len(str(e))
        try:
            t += i // (i % 50)
        except ZeroDivisionError as e:
            t += len(str(e))
    return t, round(x, 3), len(acc), v, len(text)


def unpacking(n):
    tup = tuple(range(10))
    lst = list(range(12))
    t = 0
    for i in range(n):
        a, b, c, d, e, f, g, h, i2, j = tup
        a2, b2, *rest = lst
        k, l, m, n2, o, p, q, r, s, t2, u, v = lst
        x, y = i, i + 1
        w1, w2, w3 = (i, "s", None) if i % 3 else [i, 2, 3]
        z1, z2 = iter((i, 2)) if i % 5 == 0 else (1, i)
        t += a + j + k + v + x + y + w1 + z1 + z2 + len(rest)
        try:
            u1, u2 = (1, 2, 3) if i % 50 == 0 else (1, 2)
        except ValueError as ex:
            t += len(str(ex))
        try:
            u1, u2, u3 = [1, 2] if i % 60 == 0 else [1, 2, 3]
        except ValueError as ex:
            t += len(str(ex))
        try:
            u1, u2 = i if i % 70 == 0 else "ab"
        except TypeError as ex:
            t += len(str(ex))
    return t


class MyList(list):
    pass


def c_calls(n):
    d = {}
    t = 0
    lst = []
    s = "abc"
    for i in range(n):
        t += len(s) + abs(-i) + max(i, 3) + min(i, 2, 5) + isinstance(i, int)
        d.get(i, 0)
        d.setdefault(i % 10, i)
        t += len(str(i)) + int("7") + len(tuple(lst[:2])) + len(s.upper()) + s.startswith("a")
        lst.append(i)
        t += sum([1, 2]) + divmod(i, 3)[0] + round(1.5) + ord("a")
        t += sorted([3, 1, 2], key=lambda x: -x)[0] + sorted([3, 1], reverse=True)[0]
        t += getattr(s, "nope", 0) + len(sys._getframe(0).f_code.co_name)
        t += len(dir()) if i % 500 == 0 else 0
        t += len(locals()) if i % 250 == 0 else 0
        method = MyList.append if i % 300 == 299 else list.append
        try:
            method(lst, 1)
        except TypeError:
            t += 1
        try:
            t += ord("ab") if i % 100 == 0 else ord("b")
        except TypeError as e:
            t += len(str(e))
        try:
            t += len(i) if i % 130 == 0 else len(s)
        except TypeError as e:
            t += len(str(e))
    return t, len(d), len(lst)


def replaced_builtin(n):
    t = 0
    for i in range(n):
        t += abs(-3)
        if i == n // 2:
            import builtins
            builtins.abs = lambda x: 100
    import builtins
    del builtins.abs
    return t


def profiled(n):
    events = []

    def prof(frame, event, arg):
        if event.startswith("c_") and frame.f_code.co_name == "work":
            events.append((event, getattr(arg, "__name__", None)))

    def work(m):
        t = 0
        for i in range(m):
            t += abs(-i) + len("ab")
            if i == m // 2:
                sys.setprofile(prof)
        sys.setprofile(None)
        return t
    return work(n), events[:6], len(events)


import builtins as _b
_abs = _b.abs
print(attributes(2000))
print(operators(2000))
print(unpacking(2000))
print(c_calls(1500))
print(replaced_builtin(400))
_b.abs = _abs
print(profiled(300))
