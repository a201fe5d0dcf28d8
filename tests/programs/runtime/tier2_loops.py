"""Differential test (tier 2): loops that close on their own block (a backward jump to the
block's first instruction goes round inside the compiled block) and blocks that go on
past untaken jumps. Each loop runs long enough to be compiled, and leaves in every way
there is: falling out of a `while` test, `break`, `for ... else`, `return` from the loop,
an exception, a failed guard inside the loop, and values kept on the stack across it."""
import sys


def while_fallthrough(n):
    count = [0] * (n + 1)
    r = n
    while r != 1:           # the test at the bottom jumps back to the block's start
        count[r - 1] = r
        r -= 1
    return r, count


def while_true_break(n):
    i = 0
    total = 0
    while True:
        i += 1
        if i > n:
            break
        total += i * i
    return total


def for_else(seq, target):
    for x in seq:
        if x == target:
            break
    else:
        return "not found"
    return "found %r" % (x,)


def return_from_loop(n):
    k = 0
    while k < n:
        k += 3
        if k % 7 == 0:
            return "returned at", k
    return "ran out at", k


def raise_in_loop(n):
    out = []
    for i in range(n):
        try:
            out.append(10 // (i % 5))
        except ZeroDivisionError as e:
            out.append(type(e).__name__)
    return out[-6:]


def guard_fails_in_loop(values):
    # BINARY_OP_ADD_INT specializes on the ints, then meets a float, a str, a big int
    acc = 0
    log = []
    for v in values:
        try:
            acc = acc + v
        except TypeError:
            log.append("TypeError")
            acc = 0
    return acc, log


def stack_kept_across_loop(rows):
    # the outer iterator and a partial sum stay on the stack while the inner loop runs
    return sum([sum(x * 2 for x in row) for row in rows])


def nested(n):
    total = 0
    for i in range(n):
        j = 0
        while j < i:
            total += j
            j += 1
    return total


def slice_loop(n):
    perm = list(range(n))
    flips = 0
    k = perm[-1]
    while k:
        perm[:k + 1] = perm[k::-1]
        flips += 1
        k = perm[0]
    return flips, perm


def unbound_in_loop(n):
    for i in range(n):
        if i == n - 1:
            del i
            try:
                print(i)
            except UnboundLocalError as e:
                return "unbound: " + str(e)
    return "no error"


def compare_chain(n):
    hits = 0
    for i in range(n):
        if 3 < i < 40 and i != 17:
            hits += 1
    return hits


def lines_in_loop(n):
    # f_lineno seen from a callee while the loop runs in a block
    seen = set()
    for i in range(n):
        if i % 50 == 49:
            seen.add(sys._getframe().f_lineno)
            seen.add(probe_caller_line())
    return sorted(seen)


def probe_caller_line():
    return sys._getframe(1).f_lineno


for rep in range(40):
    results = [
        while_fallthrough(12),
        while_true_break(30),
        for_else(range(50), 31), for_else(range(50), 99),
        return_from_loop(100), return_from_loop(5),
        raise_in_loop(40),
        stack_kept_across_loop([[1, 2, 3], [4, 5], list(range(20))]),
        nested(25),
        slice_loop(9),
        unbound_in_loop(30),
        compare_chain(60),
        lines_in_loop(200),
    ]
    if rep == 35:
        results.append(guard_fails_in_loop([1, 2, 3] * 20 + [2.5, 1 << 80, "x", 4]))
    else:
        results.append(guard_fails_in_loop([1, 2, 3] * 20))
    if rep in (0, 20, 35, 39):
        for r in results:
            print(rep, r)


# A function called once whose `while` loops close with conditional backward jumps: 3.11
# never quickens it (no warm-up counts there), but its loop heat gets it blocks of the
# unquickened form (tier2.loop_heat), which then leave the loop in every way too.
def walk_once(n, stop_at):
    node = None
    i = 0
    while i < n:
        node = (i, node)
        i += 1
    total = 0
    seen = []
    while node is not None:
        value, node = node
        if value == stop_at:
            try:
                raise LookupError(value)
            except LookupError as e:
                seen.append(("caught", e.args))
        if value % 97 == 0:
            seen.append(value)
        total += value
    return total, seen, sys._getframe().f_lineno


print("walk_once", walk_once(1000, 500))
try:
    walk_once(300, None)[0] / 0
except ZeroDivisionError as e:
    print("after", type(e).__name__)

print("== forward jumps inside blocks ==")


class Noisy:
    log = []

    def __init__(self, name):
        self.name = name

    def __bool__(self):
        return self.name.startswith("t")

    def __del__(self):
        Noisy.log.append(self.name)


def nested(n, a, b):
    out = []
    for i in range(n):
        if a:
            out.append(i)
            if b and i % 3:
                out.append(-i)
        if i % 4 == 0:
            out.append(i * 10)
        out.append(0)
    return out


def deletes(flags):
    for f in flags:
        if Noisy(f):                  # (the test's value dies on either way)
            Noisy.log.append("in")
        Noisy.log.append("after")
    return len(Noisy.log)


def compare_jumps(xs, lim):
    t = 0
    for x in xs:
        if x < lim:
            t += x
        if x >= lim * 2:
            t -= 1
    return t


def raises_inside(k):
    try:
        if k:
            k = k + "x"              # TypeError inside the region
        return k
    except TypeError as e:
        return str(e)


for rep in range(25):
    r1 = nested(12, rep % 2, rep % 3)
    r3 = compare_jumps(list(range(rep)), 5)
    r4 = [raises_inside(k) for k in (0, 1, 0)]
print(r1, r3, r4)
Noisy.log.clear()
for rep in range(12):
    deletes(["t%d" % rep, "f%d" % rep])
print(Noisy.log[-12:])
