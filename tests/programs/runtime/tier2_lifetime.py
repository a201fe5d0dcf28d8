"""Differential test (tier 2): object lifetime in hot code. __del__ and weakref
callbacks must run at the same moment as natively when objects are dropped inside hot
loops: rebinding a local, del, values popped from the stack, temporaries, exceptions."""
import gc
import sys
import weakref

gc.disable()
LOG = []


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        LOG.append("del " + self.name)

    def __add__(self, other):
        return D(self.name + "+" + (other.name if isinstance(other, D) else str(other)))

    def __repr__(self):
        return "D(%s)" % self.name

    def get(self):
        return self


def flush(tag):
    print(tag, LOG)
    LOG.clear()


def rebind(n):
    x = D("r0")
    for i in range(1, n):
        LOG.append("before %d" % i)
        x = D("r%d" % i)            # the old x dies here
        LOG.append("after %d" % i)
    LOG.append("end")
    return None


for k in range(20):
    rebind(3)
    if k in (0, 19):
        flush("rebind")
    LOG.clear()


def dels(n):
    for i in range(n):
        a = D("a%d" % i)
        b = D("b%d" % i)
        LOG.append("made")
        del a
        LOG.append("del a done")
        del b
        LOG.append("del b done")


for k in range(20):
    dels(2)
    if k in (0, 19):
        flush("dels")
    LOG.clear()


def temporaries(n):
    out = []
    for i in range(n):
        out.append(D("t%d" % i).name)            # dies right after the attribute load
        LOG.append("stmt %d" % i)
        (D("u%d" % i) + D("v%d" % i)).name        # three temporaries
        LOG.append("stmt2 %d" % i)
        D("w%d" % i).get()                         # method call result discarded (POP_TOP)
        LOG.append("stmt3 %d" % i)
        [D("l%d" % i)]                             # list built and dropped
        LOG.append("stmt4 %d" % i)
    return out


for k in range(20):
    temporaries(2)
    if k in (0, 19):
        flush("temporaries")
    LOG.clear()


def stack_pop(n):
    for i in range(n):
        d = {D("k%d" % i).name: D("v%d" % i)}
        LOG.append("dict built")
        d.popitem()                                # value dropped from the stack
        LOG.append("popped")
        x, y = D("x%d" % i), D("y%d" % i)          # tuple unpack
        LOG.append("unpacked")
        x = y = None
        LOG.append("cleared")
        if D("cond%d" % i):                        # truth test of a temporary
            LOG.append("in if")
        for z in [D("it%d" % i)]:
            LOG.append("loop body")
        LOG.append("after for (z alive)")
        del z
        LOG.append("z gone")


for k in range(20):
    stack_pop(1)
    if k in (0, 19):
        flush("stack_pop")
    LOG.clear()


def weakrefs(n):
    for i in range(n):
        o = D("w%d" % i)
        r = weakref.ref(o, lambda ref, i=i: LOG.append("callback %d" % i))
        LOG.append("alive %s" % (r() is not None))
        o = None
        LOG.append("dead %s" % (r() is None))


for k in range(20):
    weakrefs(2)
    if k in (0, 19):
        flush("weakrefs")
    LOG.clear()


def in_exceptions(n):
    for i in range(n):
        try:
            e = D("exc-arg%d" % i)
            raise ValueError(e)
        except ValueError as err:
            LOG.append("caught")
        LOG.append("after except (err deleted)")
        del e
        LOG.append("e deleted")


for k in range(20):
    in_exceptions(1)
    if k in (0, 19):
        flush("exceptions")
    LOG.clear()


def returns_temp(i):
    t = D("ret%d" % i)
    return t.name


def caller(n):
    for i in range(n):
        LOG.append(returns_temp(i))     # the callee's locals die at its return
        LOG.append("next")


for k in range(20):
    caller(2)
    if k in (0, 19):
        flush("returns")
    LOG.clear()


def refcounts(n):
    obj = object()
    base = sys.getrefcount(obj)
    seen = []
    for i in range(n):
        a = obj
        b = [obj, obj]
        seen.append(sys.getrefcount(obj) - base)
        del a, b
        seen.append(sys.getrefcount(obj) - base)
    return seen


for k in range(20):
    r = refcounts(3)
print("refcounts", r)


def swap_in_list(n):
    items = [D("s%d" % i) for i in range(n)]
    LOG.append("built")
    for i in range(n):
        items[i] = None
        LOG.append("slot %d" % i)
    items.clear()
    LOG.append("cleared")


for k in range(20):
    swap_in_list(3)
    if k in (0, 19):
        flush("list slots")
    LOG.clear()


class Holder:
    pass


def attrs(n):
    h = Holder()
    for i in range(n):
        h.x = D("attr%d" % i)        # the previous attribute dies
        LOG.append("set %d" % i)
    del h.x
    LOG.append("deleted attr")


for k in range(20):
    attrs(3)
    if k in (0, 19):
        flush("attrs")
    LOG.clear()


def raising_temporaries(i):
    x = D("x%d" % i)
    try:
        D("t%d" % i) / 0                      # the temporary dies when the error is raised
    except TypeError as e:
        LOG.append("caught " + type(e).__name__)
    LOG.append("after")
    try:
        x.missing
    except AttributeError:
        LOG.append("caught2")
    del x
    LOG.append("x deleted")
    try:
        {D("k%d" % i): 1}[D("q%d" % i)]
    except KeyError:
        LOG.append("caught3")                 # q is the KeyError's argument: dies with it
    LOG.append("after3")


def raising_callee(i):
    return D("g%d" % i) / 0


for k in range(25):
    raising_temporaries(k)
    try:
        raising_callee(k)
    except TypeError:
        LOG.append("caught callee")
    LOG.append("after callee")
    if k in (0, 24):
        flush("raising")
    LOG.clear()

flush("end")
