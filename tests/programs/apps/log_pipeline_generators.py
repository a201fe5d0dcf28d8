"""A streaming web-access-log analyser built from generator pipelines:
reading/parsing/filtering stages, itertools plumbing (chain, islice, tee,
accumulate, groupby, pairwise, zip_longest, compress, starmap), yield from
delegation with return values, and send()-driven coroutine sinks."""
import functools
import itertools
import operator
import re
from collections import Counter, deque
from datetime import datetime, timedelta

RAW_LOGS = [
    """\
10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326
10.0.0.2 - - [10/Oct/2023:13:55:40 +0000] "GET /about HTTP/1.1" 200 1200
10.0.0.1 - - [10/Oct/2023:13:56:01 +0000] "POST /login HTTP/1.1" 302 0
this line is garbage
10.0.0.3 - - [10/Oct/2023:13:56:10 +0000] "GET /missing HTTP/1.1" 404 512
10.0.0.1 - - [10/Oct/2023:13:57:00 +0000] "GET /dashboard HTTP/1.1" 200 8800
""",
    """\
10.0.0.4 - - [10/Oct/2023:13:58:30 +0000] "GET /index.html HTTP/1.1" 200 2326
10.0.0.2 - - [10/Oct/2023:13:59:59 +0000] "GET /api/data?id=7 HTTP/1.1" 500 100
10.0.0.2 - - [10/Oct/2023:14:00:01 +0000] "GET /api/data?id=7 HTTP/1.1" 200 4000

10.0.0.5 - - [10/Oct/2023:14:01:15 +0000] "DELETE /api/data/7 HTTP/1.1" 403 64
10.0.0.1 - - [10/Oct/2023:14:03:00 +0000] "GET /logout HTTP/1.1" 302 0
10.0.0.3 - - [10/Oct/2023:14:03:05 +0000] "GET /index.html HTTP/1.1" 304 0
""",
]

LINE_RE = re.compile(
    r'(?P<ip>\S+) \S+ \S+ \[(?P<ts>[^\]]+)\] "(?P<method>\w+) (?P<path>\S+) \S+" '
    r"(?P<status>\d{3}) (?P<size>\d+)")


def read_sources(sources):
    for n, text in enumerate(sources):
        for lineno, line in enumerate(text.splitlines(), 1):
            yield f"src{n}", lineno, line


def parse(lines, errors):
    for src, lineno, line in lines:
        if not line.strip():
            continue
        m = LINE_RE.match(line)
        if not m:
            errors.append(f"{src}:{lineno}: unparseable")
            continue
        rec = m.groupdict()
        rec["ts"] = datetime.strptime(rec["ts"], "%d/%b/%Y:%H:%M:%S %z")
        rec["status"] = int(rec["status"])
        rec["size"] = int(rec["size"])
        rec["path"] = rec["path"].split("?")[0]
        yield rec


def only(records, pred):
    return (r for r in records if pred(r))


def sessions(records, gap=timedelta(minutes=2)):
    """Group consecutive requests per ip into sessions (needs sorted input)."""
    by_ip = {}
    for r in records:
        by_ip.setdefault(r["ip"], []).append(r)
    for ip in sorted(by_ip):
        reqs = sorted(by_ip[ip], key=operator.itemgetter("ts"))
        current = [reqs[0]]
        for prev, cur in itertools.pairwise(reqs):
            if cur["ts"] - prev["ts"] > gap:
                yield ip, current
                current = []
            current.append(cur)
        yield ip, current


def coroutine(func):
    @functools.wraps(func)
    def start(*args, **kwargs):
        gen = func(*args, **kwargs)
        next(gen)
        return gen
    return start


@coroutine
def status_counter(target=None):
    counts = Counter()
    try:
        while True:
            rec = yield
            counts[rec["status"] // 100 * 100] += 1
            if target is not None:
                target.send(rec)
    except GeneratorExit:
        status_counter.final = dict(sorted(counts.items()))
        if target is not None:
            target.close()


@coroutine
def moving_average(window, out):
    values = deque(maxlen=window)
    while True:
        rec = yield
        values.append(rec["size"])
        out.append(round(sum(values) / len(values), 1))


@coroutine
def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            break
        total += value
        count += 1
        avg = total / count
    return total, count


def delegate(results):
    while True:
        result = yield from averager_raw()
        results.append(result)


def averager_raw():
    total = count = 0
    while True:
        value = yield
        if value is None:
            return total, count
        total += value
        count += 1


def flatten(obj):
    if isinstance(obj, (list, tuple)):
        for x in obj:
            yield from flatten(x)
    else:
        yield obj


def chunked(iterable, n):
    it = iter(iterable)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


def main():
    errors = []
    records = list(parse(read_sources(RAW_LOGS), errors))
    print("parsed:", len(records), "errors:", errors)

    # tee: two independent passes over one stream
    a, b = itertools.tee(only(iter(records), lambda r: r["method"] == "GET"))
    paths = Counter(r["path"] for r in a)
    sizes = [r["size"] for r in b]
    print("GET paths:", paths.most_common(2), "| sizes:", sizes)
    print("running bytes:", list(itertools.accumulate(sizes)))
    print("running max:", list(itertools.accumulate(sizes, max)))
    print("first 3 errors (5xx/4xx):", [(r["status"], r["path"]) for r in
                                         itertools.islice(only(records, lambda r: r["status"] >= 400), 3)])

    # groupby on sorted status class
    keyf = lambda r: r["status"] // 100
    for cls, grp in itertools.groupby(sorted(records, key=keyf), key=keyf):
        grp = list(grp)
        print(f"  {cls}xx: {len(grp)} requests, {sum(r['size'] for r in grp)} bytes")

    # sessions
    for ip, sess in sessions(records):
        dur = sess[-1]["ts"] - sess[0]["ts"]
        print(f"  session {ip}: {len(sess)} reqs over {dur} -> {' '.join(r['path'] for r in sess)}")

    # coroutine sinks
    ma_out = []
    sink = status_counter(moving_average(3, ma_out))
    for r in records:
        sink.send(r)
    sink.close()
    print("status classes:", status_counter.final)
    print("moving avg:", ma_out)

    avg = averager()
    print("averager:", [avg.send(v) for v in (10, 20, 60)])
    try:
        avg.send(None)
    except StopIteration as stop:
        print("averager returned:", stop.value)

    results = []
    d = delegate(results)
    next(d)
    for batch in ([1, 2, 3], [10, 20], []):
        for v in batch:
            d.send(v)
        d.send(None)
    print("delegated results:", results)

    # throw() into a generator
    def resilient():
        handled = []
        while True:
            try:
                x = yield handled
                handled.append(x)
            except ValueError as e:
                handled.append(f"recovered {e}")

    g = resilient()
    next(g)
    g.send(1)
    print("throw:", g.throw(ValueError("bad")), g.send(2))
    g.close()
    try:
        g.send(3)
    except StopIteration:
        print("closed generator raises StopIteration")

    # more itertools plumbing
    print("chain:", list(itertools.chain.from_iterable([["a", "b"], "cd", ("e",)])))
    print("zip_longest:", list(itertools.zip_longest("abc", [1, 2], fillvalue="-")))
    print("compress:", list(itertools.compress(range(10), itertools.cycle([1, 0, 0]))))
    print("starmap:", list(itertools.starmap(pow, [(2, 5), (3, 2), (10, 3)])))
    print("takewhile/dropwhile:", list(itertools.takewhile(lambda x: x < 5, [1, 4, 6, 2])),
          list(itertools.dropwhile(lambda x: x < 5, [1, 4, 6, 2])))
    print("filterfalse:", list(itertools.filterfalse(str.isdigit, "a1b2c3")))
    print("product/comb:", len(list(itertools.product("ab", repeat=3))),
          list(itertools.combinations("abcd", 2))[:4],
          list(itertools.combinations_with_replacement("ab", 2)))
    print("count/repeat:", list(zip(itertools.count(10, 5), itertools.repeat("x", 3))))
    print("chunked:", list(chunked(range(11), 4)))
    print("flatten:", list(flatten([1, [2, (3, [4, 5]), []], 6])))
    print("batched-ish islice:", list(itertools.islice(itertools.count(), 5, 20, 4)))
    print("reduce:", functools.reduce(operator.mul, range(1, 11)),
          functools.reduce(lambda acc, r: acc + r["size"], records, 0))

    # generator introspection / expression laziness
    def numbers():
        yield 1
        yield 2

    gen = numbers()
    import inspect
    states = [inspect.getgeneratorstate(gen)]
    next(gen)
    states.append(inspect.getgeneratorstate(gen))
    list(gen)
    states.append(inspect.getgeneratorstate(gen))
    print("states:", states, gen.__name__, gen.__qualname__)
    lazy = (x * x for x in range(4))
    print("genexpr:", next(lazy), sum(lazy), list(lazy))
    print("sorted by hour:", [(h, len(list(g))) for h, g in
                              itertools.groupby(records, key=lambda r: r["ts"].hour)])


if __name__ == "__main__":
    main()
