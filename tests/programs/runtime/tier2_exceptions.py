"""Differential test (tier 2): exceptions raised at many different instructions of hot
functions and loops, caught locally and in callers, with tracebacks, line numbers and
chaining (__context__/__cause__)."""
import re
import sys
import traceback


def clean(text):
    return re.sub(r'File ".*[/\\]', 'File "', text)


def show(tag):
    et, ev, tb = sys.exc_info()
    lines = []
    while tb is not None:
        lines.append(tb.tb_lineno)
        tb = tb.tb_next
    print(tag, et.__name__, str(ev)[:60], lines)


class Obj:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


def attr_err(o, i):
    x = o.a + i
    return x + o.b           # AttributeError: slot b unset


def zero_div(i):
    total = 0
    for k in range(30):
        total += k // (k - i)   # ZeroDivisionError when k == i
    return total


def unbound(i):
    y = i * 2
    if i % 3 == 0:
        del y
    return y                 # UnboundLocalError every third call


def key_err(d, i):
    return d[i] + d["missing" if i > 25 else i]


def index_err(seq, i):
    return seq[i]


def name_err(i):
    if i > 28:
        return undefined_global_name + i   # noqa: F821
    return i


def type_err(i):
    v = i if i < 29 else str(i)
    return v + 1


def stop_leak(it):
    return next(it) + next(it)


def nested(i):
    out = []
    try:
        try:
            out.append("t1")
            if i % 5 == 4:
                raise ValueError("inner %d" % i)
            out.append("t1-end")
        finally:
            out.append("f1")
            if i % 7 == 6:
                raise KeyError("from finally %d" % i)
    except ValueError as e:
        out.append("VE:" + str(e))
    finally:
        out.append("f2")
    return out


class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        return self.name

    def __exit__(self, et, ev, tb):
        print("  exit", self.name, et.__name__ if et else None)
        return self.swallow


def with_raise(i):
    with CM("outer", swallow=(i % 2 == 0)):
        with CM("inner"):
            if i % 4 < 2:
                raise RuntimeError("in with %d" % i)
            return "no raise %d" % i
    return "swallowed %d" % i


print("== caught in the caller ==")
o = Obj()
for i in range(40):
    for fn, args in ((attr_err, (o, i)), (zero_div, (i % 30,)), (unbound, (i,)),
                     (key_err, ({k: k for k in range(40)}, i)), (index_err, ([1, 2, 3], i % 5)),
                     (name_err, (i,)), (type_err, (i,))):
        try:
            r = fn(*args)
        except Exception:
            if i % 6 == 0 or i > 37:
                show("  %s %d" % (fn.__name__, i))
        else:
            if i % 13 == 0:
                print("  ok", fn.__name__, i, r)

print("== full tracebacks ==")
for i in range(30):
    try:
        unbound(i)
    except UnboundLocalError:
        if i in (0, 27):
            print(clean(traceback.format_exc()))
    try:
        zero_div(i)
    except ZeroDivisionError:
        if i in (3, 29):
            print(clean(traceback.format_exc()))

print("== StopIteration leaking ==")
for i in range(30):
    it = iter(range(i % 3))
    try:
        print("  sum", stop_leak(it))
    except StopIteration as e:
        if i % 5 == 0:
            print("  StopIteration", i, e.args)

print("== nested try/finally ==")
for i in range(30):
    try:
        r = nested(i)
    except KeyError as e:
        print("  KeyError escaped", i, e, type(e.__context__).__name__)
    else:
        if i % 4 == 0:
            print(" ", i, r)

print("== with statements ==")
for i in range(24):
    try:
        print(" ", with_raise(i))
    except RuntimeError as e:
        print("  RuntimeError", e, "line", e.__traceback__.tb_next.tb_lineno)


print("== caught in the same hot function ==")


def local_catch(n):
    results = []
    for i in range(n):
        try:
            if i % 3 == 0:
                results.append(1 / (i % 2))
            elif i % 3 == 1:
                results.append({}[i])
            else:
                results.append([].pop())
        except ZeroDivisionError as e:
            results.append("ZD@%d" % e.__traceback__.tb_lineno)
        except KeyError as e:
            results.append("KE:%s@%d" % (e, e.__traceback__.tb_lineno))
        except IndexError:
            results.append("IE@%d" % sys.exc_info()[2].tb_lineno)
        finally:
            results.append(sys.exc_info()[0])
    return results


for n in range(20, 26):
    r = local_catch(n)
print(len(r), r[:12], r[-6:])

print("== chaining ==")


def chain(i):
    try:
        try:
            {}[i]
        except KeyError as e:
            if i % 2:
                raise ValueError("explicit %d" % i) from e
            raise TypeError("implicit %d" % i)
    except (ValueError, TypeError) as e2:
        c = e2.__cause__
        x = e2.__context__
        return (type(e2).__name__, type(c).__name__ if c else None,
                type(x).__name__ if x else None, e2.__suppress_context__)


for i in range(30):
    r = chain(i)
    if i > 26:
        print(" ", r)


def suppress(i):
    try:
        raise OSError(i)
    except OSError:
        raise LookupError(i) from None


for i in range(25):
    try:
        suppress(i)
    except LookupError as e:
        if i > 22:
            print("  from None:", e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
            print(clean(traceback.format_exc()))


def reraise(i):
    try:
        return 10 // i
    except ZeroDivisionError:
        try:
            raise
        finally:
            print("  finally during reraise", sys.exc_info()[0].__name__)


for i in range(25):
    try:
        reraise(i % 12)
    except ZeroDivisionError as e:
        print("  reraised", i, [t.lineno for t in traceback.extract_tb(e.__traceback__)])


print("== exception in a generator in a hot loop ==")


def gen(n):
    for i in range(n):
        if i == n - 1:
            raise ValueError("gen end %d" % n)
        yield i


for n in range(1, 25):
    try:
        total = sum(gen(n))
    except ValueError as e:
        if n % 8 == 0:
            print(clean(traceback.format_exc()))

print("== locals known bound inside a block (tier 2 drops their unbound checks) ==")


def bound_then_deleted(n, arg):
    out = []
    for i in range(n):
        x = i
        y = x + arg                # x stored in the block, arg a parameter
        if i % 7 == 6:
            del x                  # the block ends at the merge below
        try:
            out.append(x + y)
        except UnboundLocalError as e:
            out.append(str(e))
    return out[-8:]


print(bound_then_deleted(40, 1))


def deleted_parameter(a, n):
    got = []
    for i in range(n):
        if i == n - 1:
            del a                  # a parameter deleted somewhere in the code
        try:
            got.append(a * 2)
        except UnboundLocalError as e:
            got.append(type(e).__name__)
    return got[-3:]


print(deleted_parameter(5, 40))


print("== unspecializable sites: the adaptive form runs its base inline ==")


def adaptive_sites(n):
    out = []
    seq = list(range(10))
    for i in range(n):
        try:
            a = [i, i % 7, seq[i % 5:], "%d-%s" % (i, i), i // 3, seq[::-1][i % 10]]
            b = (i, 100 % (i % 13))          # ZeroDivisionError every 13th time
            out.append((a[1], len(a[2]), a[3], a[4], a[5], b))
        except ZeroDivisionError as e:
            out.append(("zero", i, e.__traceback__.tb_lineno))
    return out[-4:], len(out)


print(adaptive_sites(200))


print("== caught by a callee run inline (its loop goes on in the caller's block) ==")
import gc
import weakref

FREED = []


class Res:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        FREED.append(self.tag)


def keep_alive(memo, x):
    try:
        memo[id(memo)].append(x)        # KeyError the first time, as copy._keep_alive
    except KeyError:
        memo[id(memo)] = [x]
    return len(memo[id(memo)])


def handler_sees(d, k):
    try:
        return d[k]
    except KeyError as e:
        et, ev, tb = sys.exc_info()
        lines = []
        while tb is not None:
            lines.append(tb.tb_lineno - tb.tb_frame.f_code.co_firstlineno)
            tb = tb.tb_next
        return (et.__name__, ev is e, e.args, lines, e.__context__)


def chained(d, k):
    try:
        return d[k]
    except KeyError:
        return int("x" + str(k))        # ValueError with the KeyError as __context__


def released(i):
    r = Res(i)
    try:
        {}[i]
    except KeyError:
        pass
    del r                               # freed here, not when the call returns
    return list(FREED)


def inner(d, k):
    return d[k]


def middle(d, k):
    try:
        return inner(d, k) + 1          # raised two frames down, caught here
    except KeyError as e:
        return -len(e.args)


def not_caught(d, k):
    return d[k] * 2


class Made:
    def __init__(self, d, k):
        try:
            self.v = d[k]
        except KeyError:
            self.v = None


def recurse(n):
    if n == 0:
        raise LookupError("bottom")
    try:
        return recurse(n - 1)
    except LookupError:
        if n % 3:
            raise
        return n


def drive_callees(n):
    out = []
    memo = {}
    for i in range(n):
        out.append(keep_alive(memo if i % 7 else {}, i))
        out.append(handler_sees({1: "one"}, i % 2))
        try:
            out.append(chained({}, i))
        except ValueError as e:
            out.append((type(e.__context__).__name__, e.__context__.args, e.__suppress_context__))
        out.append(middle({0: 5}, i % 2))
        try:
            out.append(not_caught({}, i))
        except KeyError as e:
            tb = traceback.extract_tb(e.__traceback__)
            out.append(("caller", [f.name for f in tb], e.args))
        out.append(Made({}, i).v)
        out.append(recurse(i % 5 + 3))
        FREED.clear()
        out.append(released(i))
    return out


res = [drive_callees(30) for _ in range(4)]
print(res[0] == res[-1], len(res[-1]))
print(res[-1][:14])
print(res[-1][-14:])
gc.collect()


print("== uncaught at the end ==")


print("== returns written where jumps go to them ==")


def late(c, o):
    if c:
        v = o.a
    return v


def both(o):
    return o.a and o.b


class AB:
    def __init__(self, a, b):
        self.a, self.b = a, b


print([late(1, AB(i, 0)) for i in range(20)], [both(AB(i % 2, i)) for i in range(20)])
for c in (1, 0):
    try:
        late(c, AB(5, 0))
        print("late", c, "ok")
    except UnboundLocalError as e:
        print(clean("".join(traceback.format_exception(e))).splitlines()[-4:])
only_a = AB(1, 0)
del only_a.b
try:
    both(only_a)                    # (fails in the second load)
except AttributeError as e:
    print(clean("".join(traceback.format_exception(e))).splitlines()[-3:])


def final(i):
    return {"a": 1}[i]


for i in range(20):
    try:
        final("a" if i < 19 else "b")
    except KeyError:
        pass
try:
    final("z")
except KeyError as e:
    raise RuntimeError("done") from e

