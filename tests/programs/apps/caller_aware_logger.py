"""A structured logger that records who called it (function, relative line,
caller's caller) by walking frames, the way logging/warnings/debug toolbars do,
used from code that is itself called back by C functions: sorted keys, map,
re.sub replacement functions, property getters, __eq__ during list.index,
__hash__ in dict lookups, __init_subclass__, generators and threads."""
import functools
import re
import sys
import threading
import warnings

RECORDS = []


def rel(frame):
    return frame.f_lineno - frame.f_code.co_firstlineno


def record(event, depth=1):
    f = sys._getframe(depth)
    chain = []
    g = f
    while g is not None and len(chain) < 4:
        chain.append(g.f_code.co_name)
        g = g.f_back
    RECORDS.append((event, f.f_code.co_name, rel(f), tuple(chain), sorted(k for k in f.f_locals
                                                                          if not k.startswith("_"))[:4]))


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        record(f"enter {fn.__name__}", depth=2)
        return fn(*a, **k)
    return wrapper


def sort_key(item):
    record("sort_key")
    return -item


def mapper(x):
    record("mapper")
    return x * 2


def replacer(m):
    record("replacer")
    return m.group().upper()


class Temperature:
    def __init__(self, c):
        self.c = c

    @property
    def f(self):
        record("property f")
        return self.c * 9 / 5 + 32

    def __eq__(self, other):
        record("__eq__")
        return isinstance(other, Temperature) and self.c == other.c

    def __hash__(self):
        record("__hash__")
        return hash(self.c)


class Base:
    def __init_subclass__(cls, **kw):
        record(f"init_subclass {cls.__name__}")
        super().__init_subclass__(**kw)


def gen_values():
    record("gen start")
    yield 1
    record("gen resumed")
    yield 2


@traced
def business_logic(n):
    total = sum(map(mapper, range(n)))
    ordered = sorted([3, 1, 2], key=sort_key)
    text = re.sub(r"[aeiou]", replacer, "pyceval")
    return total, ordered, text


def in_thread(results):
    record("thread")
    results.append(threading.current_thread().name)


def who_warns():
    warnings.warn("deprecated call", DeprecationWarning, stacklevel=2)


def caller_of_warn():
    who_warns()


def main():
    print("business:", business_logic(3))
    t = Temperature(100)
    print("property:", t.f)
    temps = [Temperature(0), Temperature(100)]
    print("index:", temps.index(Temperature(100)))
    print("dict:", {t: "boiling"}[t])

    class Child(Base):
        pass

    g = gen_values()
    print("gen:", next(g), next(g))
    results = []
    th = threading.Thread(target=in_thread, args=(results,), name="worker-1")
    th.start()
    th.join()
    print("thread:", results)
    print("lambda via sorted:", sorted("bca", key=lambda c: (record("lambda key"), c)[1]))

    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        caller_of_warn()
    print("warning attributed to line (relative):",
          w[0].lineno - caller_of_warn.__code__.co_firstlineno, w[0].category.__name__)

    for event, func, line, chain, local_names in RECORDS:
        print(f"{event:24} in {func:16} +{line:<2} chain={'<'.join(chain):50} locals={local_names}")


if __name__ == "__main__":
    main()
