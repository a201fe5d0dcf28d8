"""Differential test (tier 2): values a block that goes round keeps in its variables from
one round to the next (tier2._carry_round: the iterator of a `for` is taken from the
real stack once, not taken and written back every round). Every way out of the loop
must find them where the loop would: an exception raised in the body and caught in the
same function or outside the loop, a KeyboardInterrupt raised in the body, a tracer
installed mid-loop (the block goes back to the tier-1 loop), break out of nested loops,
a generator suspended mid-loop, and objects released when the loop ends."""
import sys


class Noisy:
    def __init__(self, log, name):
        self.log, self.name = log, name

    def __del__(self):
        self.log.append("del " + self.name)


def work(n, fail_at=None, trace_at=None):
    total = 0
    seen = []
    for i in range(n):
        if i == trace_at:
            sys.settrace(lambda fr, ev, arg: None)
        if i == fail_at:
            try:
                raise ValueError(i)
            except ValueError as e:
                seen.append(str(e))
        total += i
    sys.settrace(None)
    return total, seen

def nested(n):
    out = []
    for a in range(n):
        for b in range(3):
            out.append(a * b)
            if a == 5 and b == 1:
                break
    return sum(out)

def outer_catch(n):
    try:
        for i in range(n):
            if i == n - 3:
                1 / 0
    except ZeroDivisionError:
        return i

def gen(n):
    for i in range(n):
        yield i * 2

def with_while(n):
    i = 0; t = 0
    while i < n:
        t += i
        i += 1
    return t

def released(n):
    log = []
    for i in range(n):
        log.append(i)
    for obj in [Noisy(log, "a"), Noisy(log, "b")]:
        log.append("in " + obj.name)
    obj = None
    log.append("after")
    return log[-6:]


def interrupted(n):
    count = 0
    try:
        for i in range(n):
            count += 1
            if i == n // 2:
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        return count


for k in range(5):
    print(work(300, fail_at=150))
    print(work(300, trace_at=200 + k))
    print(nested(100), outer_catch(200), sum(gen(300)), with_while(500))
    print(list(zip(range(100), gen(100)))[-1])
    print(released(200), interrupted(300))
