"""Discrete-event simulation of a bank with tellers (heapq event queue, seeded
random streams, dataclasses with ordering, statistics), followed by a
Monte-Carlo estimate and a Markov-chain text generator, all reproducible via
random.seed / random.Random instances."""
import heapq
import itertools
import math
import random
import statistics
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from enum import Enum


class Kind(Enum):
    ARRIVAL = 0
    DEPARTURE = 1
    BREAK_START = 2
    BREAK_END = 3


@dataclass(order=True)
class Event:
    time: float
    seq: int
    kind: Kind = field(compare=False)
    customer: int = field(compare=False, default=-1)
    teller: int = field(compare=False, default=-1)


@dataclass
class Customer:
    cid: int
    arrived: float
    vip: bool
    service: float
    started: float = None
    finished: float = None
    teller: int = None

    @property
    def wait(self):
        return self.started - self.arrived


class Bank:
    def __init__(self, tellers, seed, arrival_rate=1.2, service_mean=2.5, close_at=240.0):
        self.rng = random.Random(seed)
        self.tellers = [None] * tellers
        self.on_break = [False] * tellers
        self.queue = deque()
        self.vip_queue = deque()
        self.events = []
        self.seq = itertools.count()
        self.now = 0.0
        self.customers = {}
        self.arrival_rate = arrival_rate
        self.service_mean = service_mean
        self.close_at = close_at
        self.log = []
        self.max_queue = 0
        self.busy_time = defaultdict(float)

    def schedule(self, delay, kind, **kw):
        heapq.heappush(self.events, Event(self.now + delay, next(self.seq), kind, **kw))

    def run(self):
        self.schedule(self.rng.expovariate(self.arrival_rate), Kind.ARRIVAL)
        for t in range(len(self.tellers)):
            self.schedule(60.0 + 30 * t, Kind.BREAK_START, teller=t)
        handlers = {Kind.ARRIVAL: self.on_arrival, Kind.DEPARTURE: self.on_departure,
                    Kind.BREAK_START: self.on_break_start, Kind.BREAK_END: self.on_break_end}
        while self.events:
            ev = heapq.heappop(self.events)
            self.now = ev.time
            handlers[ev.kind](ev)
        return self

    def on_arrival(self, ev):
        cid = len(self.customers)
        vip = self.rng.random() < 0.1
        service = max(0.5, self.rng.gauss(self.service_mean, 1.0))
        c = Customer(cid, self.now, vip, service)
        self.customers[cid] = c
        (self.vip_queue if vip else self.queue).append(cid)
        self.max_queue = max(self.max_queue, len(self.queue) + len(self.vip_queue))
        self.dispatch()
        if self.now < self.close_at:
            self.schedule(self.rng.expovariate(self.arrival_rate), Kind.ARRIVAL)

    def dispatch(self):
        for t, busy in enumerate(self.tellers):
            if busy is None and not self.on_break[t]:
                q = self.vip_queue or self.queue
                if not q:
                    return
                cid = q.popleft()
                c = self.customers[cid]
                c.started, c.teller = self.now, t
                self.tellers[t] = cid
                self.busy_time[t] += c.service
                self.schedule(c.service, Kind.DEPARTURE, customer=cid, teller=t)

    def on_departure(self, ev):
        c = self.customers[ev.customer]
        c.finished = self.now
        self.tellers[ev.teller] = None
        self.dispatch()

    def on_break_start(self, ev):
        self.on_break[ev.teller] = True
        self.log.append(f"t={self.now:7.2f} teller {ev.teller} goes on break")
        self.schedule(15.0, Kind.BREAK_END, teller=ev.teller)

    def on_break_end(self, ev):
        self.on_break[ev.teller] = False
        self.log.append(f"t={self.now:7.2f} teller {ev.teller} back")
        self.dispatch()


def report(bank):
    served = [c for c in bank.customers.values() if c.finished is not None]
    waits = [c.wait for c in served]
    vip_waits = [c.wait for c in served if c.vip]
    print(f"  customers: {len(bank.customers)}, served: {len(served)}, vip: {len(vip_waits)}")
    print(f"  wait mean {statistics.mean(waits):.3f} median {statistics.median(waits):.3f} "
          f"p90 {statistics.quantiles(waits, n=10)[-1]:.3f} max {max(waits):.3f}")
    if vip_waits:
        print(f"  vip wait mean {statistics.mean(vip_waits):.3f}")
    print(f"  max queue {bank.max_queue}, closed at {bank.now:.2f}")
    per_teller = Counter(c.teller for c in served)
    for t in sorted(per_teller):
        util = bank.busy_time[t] / bank.now
        print(f"  teller {t}: {per_teller[t]:3} customers, utilisation {util:.1%}")
    hist = Counter(min(int(w // 2), 5) for w in waits)
    for b in range(6):
        label = f"{2 * b:>2}-{2 * b + 2:<2}" if b < 5 else "10+  "
        print(f"  {label} {'#' * (hist[b] // 2)} {hist[b]}")


def monte_carlo_pi(n, seed):
    rng = random.Random(seed)
    inside = sum(1 for _ in range(n) if rng.random() ** 2 + rng.random() ** 2 <= 1)
    return 4 * inside / n


def markov_text(corpus, seed, length=30):
    words = corpus.split()
    chain = defaultdict(list)
    for a, b, c in zip(words, words[1:], words[2:]):
        chain[(a, b)].append(c)
    rng = random.Random(seed)
    state = rng.choice(sorted(chain))
    out = list(state)
    for _ in range(length):
        nxt = chain.get(state)
        if not nxt:
            state = rng.choice(sorted(chain))
            out.append("/")
            out.extend(state)
            continue
        word = rng.choice(nxt)
        out.append(word)
        state = (state[1], word)
    return " ".join(out)


CORPUS = """the quick brown fox jumps over the lazy dog and the quick red fox runs past the
lazy cat while the brown dog sleeps under the old tree and the red cat watches the quick
brown fox jump over the old fence near the lazy river where the dog and the cat play"""


def main():
    for tellers, seed in [(2, 1), (3, 1), (3, 2024)]:
        print(f"simulation: {tellers} tellers, seed {seed}")
        bank = Bank(tellers, seed).run()
        report(bank)
        if tellers == 3 and seed == 1:
            print("\n".join("  " + l for l in bank.log))

    random.seed(12345)
    print("module-level random:", random.randint(1, 100), round(random.uniform(0, 1), 6),
          random.choice("abcdef"), random.sample(range(50), 5), random.getrandbits(16))
    deck = [f"{r}{s}" for s in "SHDC" for r in "A23456789TJQK"]
    random.shuffle(deck)
    print("hand:", deck[:5], "| choices:", random.choices("xyz", weights=[5, 1, 1], k=8))
    print("distributions:", round(random.triangular(0, 10, 3), 4), round(random.betavariate(2, 5), 4),
          round(random.lognormvariate(0, 0.5), 4), round(random.vonmisesvariate(0, 1), 4),
          random.randrange(0, 100, 7), round(random.paretovariate(3), 4))
    state = random.getstate()
    a = [random.random() for _ in range(3)]
    random.setstate(state)
    b = [random.random() for _ in range(3)]
    print("state restore reproducible:", a == b)
    print("pi estimates:", [round(monte_carlo_pi(n, 7), 4) for n in (100, 1000, 20000)],
          "error:", round(abs(monte_carlo_pi(20000, 7) - math.pi), 4))
    print("markov:", markov_text(CORPUS, seed=3))
    sr = random.SystemRandom
    print("SystemRandom is a Random subclass:", issubclass(sr, random.Random))
    nd = statistics.NormalDist(100, 15)
    print("NormalDist:", round(nd.cdf(130), 4), round(nd.inv_cdf(0.975), 3),
          [round(x, 2) for x in nd.samples(3, seed=9)], nd + statistics.NormalDist(0, 20))
    xs = [1, 2, 3, 4, 5, 6]
    ys = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]
    print("regression:", statistics.linear_regression(xs, ys), round(statistics.correlation(xs, ys), 6))


if __name__ == "__main__":
    main()
