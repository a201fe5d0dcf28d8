"""Differential test (tier 2): polymorphic sites that go through phases. 3.11 moves a
site that meets one type, then another, then the first again, between specialized forms
(53 misses, a deoptimization, a new specialization), as unpack_sequence does with tuples
and lists. Once such a site is volatile, a tier-2 block inlines every form it has had,
each behind a check of its form, and a failed guard runs the generic instruction on the
real stack and goes on in the block. Everything must stay as CPython does it: values,
errors and their tracebacks (also in the middle of a phase, and from the miss path),
the order of __del__ calls, frames seen from properties, and sites that take more forms
than a block inlines."""
import sys


print("== unpacking: tuples, lists, then tuples again ==")


def unpack_phases(loops, seq):
    total = 0
    for i in range(loops):
        a, b, c = seq
        total += a + b + c
        d, e, f = seq
        total += d * e - f
        g, h, k = seq
        total -= g + h + k
    return total


results = []
for phase in range(6):
    for seq in ((1, 2, 3), [4, 5, 6], (7, 8, 9)):
        results.append(unpack_phases(120, seq))
print(results[-6:], sum(results))


def unpack_with_errors(loops, seqs):
    out = []
    for i in range(loops):
        s = seqs[i % len(seqs)]
        try:
            x, y = s
            out.append(x - y)
        except ValueError as e:
            out.append((str(e), e.__traceback__.tb_lineno - unpack_with_errors.__code__.co_firstlineno))
        except TypeError as e:
            out.append(str(e))
    return out


for seqs in ([(1, 2)], [[3, 4]], [(5, 6), [7, 8]], [(1, 2, 3)], [[1]], [5], [(9, 1)], ["ab"],
             [iter((1, 2))], [[0, 1], (2, 3), "xy"]):
    r = unpack_with_errors(70, seqs)
    print(r[:3], r[-2:], len(r))


print("== attributes: three kinds of class in turn, then a fourth and a fifth ==")


class Inline:
    def __init__(self, v):
        self.v = v


class Slots:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v * 10


class Hinted:
    def __init__(self, v):
        for n in range(20):                 # a big __dict__: LOAD_ATTR_WITH_HINT
            setattr(self, "a%d" % n, n)
        self.v = v * 100


class Prop:
    @property
    def v(self):
        return sys._getframe(1).f_code.co_name + str(sys._getframe(1).f_lineno
                                                      - read_all.__code__.co_firstlineno)


class Lazy:
    def __getattr__(self, name):
        if name == "v":
            return "lazy"
        raise AttributeError(name)


def read_all(objs):
    out = []
    for o in objs:
        out.append(o.v)
    return out


for rnd in range(3):
    for cls in (Inline, Slots, Hinted):
        r = read_all([cls(i) for i in range(80)])
        print(cls.__name__, r[:2], r[-1])
for cls in (Prop, Lazy, Inline, Slots):
    r = read_all([cls() if cls in (Prop, Lazy) else cls(3) for _ in range(80)])
    print(cls.__name__, r[:2], r[-1])
r = read_all([Inline(1), Slots(2), Hinted(3), Prop(), Lazy(), object()][:-1] * 30)
print(r[:6])
try:
    read_all([Inline(1)] * 60 + [object()])
except AttributeError as e:
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print("AttributeError", e, tb.tb_lineno - read_all.__code__.co_firstlineno)


print("== subscripts and operators by phase ==")


def subscript_phases(loops, box):
    s = 0
    for i in range(loops):
        s += box[1] + box[0]
    return s


def add_phases(loops, a, b):
    out = None
    for i in range(loops):
        out = a + b
        out = out + a
    return out


for rnd in range(4):
    print(subscript_phases(70, [1, 2]), subscript_phases(70, (3, 4)), subscript_phases(70, {0: 5, 1: 6}),
          subscript_phases(70, "\x01\x02".encode()))
    print(add_phases(70, 1, 2), add_phases(70, 1.5, 2.5), add_phases(70, "a", "b"),
          add_phases(70, [1], [2]))
try:
    subscript_phases(70, [1])
except IndexError as e:
    print("IndexError", e)


print("== __del__ order while a site changes form ==")
log = []


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        log.append(self.tag)


def drop_in_turn(items):
    for it in items:
        first, second = it                  # the previous pair dies at these stores
        log.append("got %s" % first.tag)
    it = first = second = None              # (see divergence locals_released_last_first)
    log.append("end")


for rnd in range(5):
    drop_in_turn([(Noisy("t%d" % i), Noisy("u%d" % i)) for i in range(60)])
    drop_in_turn([[Noisy("l%d" % i), Noisy("m%d" % i)] for i in range(60)])
print(log[:8], log[-8:], len(log))
