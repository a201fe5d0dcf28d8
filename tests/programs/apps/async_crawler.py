"""An asyncio web-crawler simulation over a fake in-memory network: a worker pool
fed by an asyncio.Queue, a semaphore limiting per-host concurrency, timeouts,
retries, cancellation, gather/wait_for/TaskGroup-free structured results."""
import asyncio
import collections
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

PAGES = {
    "http://site.test/": (1, 200, '<a href="/about">About</a> <a href="/blog/">Blog</a> '
                                  '<a href="http://other.test/">Other</a>'),
    "http://site.test/about": (2, 200, '<a href="/">Home</a> <a href="/team">Team</a>'),
    "http://site.test/team": (1, 200, '<a href="/about">back</a> <a href="/missing">?</a>'),
    "http://site.test/blog/": (3, 200, '<a href="post-1">1</a> <a href="post-2">2</a> '
                                       '<a href="post-3">3</a> <a href="/slow">slow</a>'),
    "http://site.test/blog/post-1": (1, 200, '<a href="../">up</a> <a href="post-2">next</a>'),
    "http://site.test/blog/post-2": (2, 200, '<a href="post-3">next</a>'),
    "http://site.test/blog/post-3": (1, 500, ''),
    "http://site.test/slow": (50, 200, '<a href="/never">never</a>'),
    "http://other.test/": (1, 200, '<a href="/x">x</a> <a href="mailto:a@b.c">mail</a>'),
    "http://other.test/x": (2, 301, 'http://site.test/about'),
}

LINK_RE = re.compile(r'href="([^"]+)"')


class FetchError(Exception):
    def __init__(self, url, status):
        super().__init__(f"{status} for {url}")
        self.url = url
        self.status = status


@dataclass
class Network:
    """Each page costs `delay` scheduler ticks (asyncio.sleep(0))."""
    attempts: collections.Counter = field(default_factory=collections.Counter)
    active: collections.Counter = field(default_factory=collections.Counter)
    max_active: dict = field(default_factory=dict)
    flaky: set = field(default_factory=lambda: {"http://site.test/blog/post-3"})

    async def get(self, url):
        host = urlparse(url).netloc
        self.attempts[url] += 1
        self.active[host] += 1
        self.max_active[host] = max(self.max_active.get(host, 0), self.active[host])
        try:
            if url not in PAGES:
                await asyncio.sleep(0)
                raise FetchError(url, 404)
            delay, status, body = PAGES[url]
            for _ in range(delay):
                await asyncio.sleep(0)
            if status == 500 and url in self.flaky and self.attempts[url] >= 2:
                status, body = 200, '<a href="/blog/">blog</a>'
            if status >= 400:
                raise FetchError(url, status)
            return status, body
        finally:
            self.active[host] -= 1


@dataclass
class Result:
    url: str
    status: str
    depth: int
    links: list = field(default_factory=list)
    tries: int = 1


class Crawler:
    def __init__(self, net, *, workers=3, per_host=2, max_depth=3, tick_budget=10, retries=2):
        self.net = net
        self.queue = asyncio.Queue()
        self.seen = set()
        self.results = {}
        self.order = []
        self.workers = workers
        self.max_depth = max_depth
        self.tick_budget = tick_budget
        self.retries = retries
        self.per_host = per_host
        self.host_locks = {}
        self.events = []

    def sem(self, host):
        if host not in self.host_locks:
            self.host_locks[host] = asyncio.Semaphore(self.per_host)
        return self.host_locks[host]

    def enqueue(self, url, depth):
        url = url.split("#")[0]
        if url in self.seen or not url.startswith("http"):
            return
        self.seen.add(url)
        self.queue.put_nowait((url, depth))

    async def fetch_with_timeout(self, url):
        # a timeout measured in scheduler ticks, implemented with a watchdog task
        fetch = asyncio.ensure_future(self.net.get(url))
        ticks = 0
        while not fetch.done():
            if ticks >= self.tick_budget:
                fetch.cancel()
                try:
                    await fetch
                except asyncio.CancelledError:
                    pass
                raise asyncio.TimeoutError()
            ticks += 1
            await asyncio.sleep(0)
        return fetch.result()

    async def process(self, url, depth):
        host = urlparse(url).netloc
        for attempt in range(1, self.retries + 1):
            async with self.sem(host):
                try:
                    status, body = await self.fetch_with_timeout(url)
                except FetchError as e:
                    if e.status >= 500 and attempt < self.retries:
                        self.events.append(f"retry {url} after {e.status}")
                        continue
                    return Result(url, f"error {e.status}", depth, tries=attempt)
                except asyncio.TimeoutError:
                    return Result(url, "timeout", depth, tries=attempt)
            if status == 301:
                self.enqueue(body, depth)
                return Result(url, f"redirect -> {body}", depth, tries=attempt)
            links = [urljoin(url, h) for h in LINK_RE.findall(body)]
            if depth < self.max_depth:
                for link in links:
                    self.enqueue(link, depth + 1)
            return Result(url, "ok", depth, links, tries=attempt)

    async def worker(self, name):
        handled = 0
        try:
            while True:
                url, depth = await self.queue.get()
                try:
                    res = await self.process(url, depth)
                    self.results[url] = res
                    self.order.append(url)
                    handled += 1
                finally:
                    self.queue.task_done()
        except asyncio.CancelledError:
            self.events.append(f"{name} cancelled after {handled}")
            raise

    async def run(self, start):
        self.enqueue(start, 0)
        tasks = [asyncio.create_task(self.worker(f"w{i}"), name=f"w{i}") for i in range(self.workers)]
        await self.queue.join()
        for t in tasks:
            t.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        return [type(o).__name__ for o in outcomes]


async def producer_consumer_demo():
    q = asyncio.Queue(maxsize=2)
    log = []

    async def producer():
        for i in range(6):
            await q.put(i)
            log.append(f"put {i}")
        await q.put(None)

    async def consumer():
        total = 0
        while (item := await q.get()) is not None:
            total += item
            log.append(f"got {item}")
            await asyncio.sleep(0)
        return total

    p = asyncio.create_task(producer())
    total = await consumer()
    await p
    return total, log


async def timeouts_and_cancellation():
    out = []

    async def slow(n):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            out.append(f"slow {n} cleaned up")
            raise
        return n

    try:
        await asyncio.wait_for(slow(1), timeout=0.001)
    except asyncio.TimeoutError:
        out.append("wait_for timed out")

    t = asyncio.create_task(slow(2))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        out.append(f"task cancelled: {t.cancelled()}")

    shielded = asyncio.create_task(asyncio.sleep(0, result="shield ok"))
    out.append(await asyncio.shield(shielded))

    async def quick(v):
        await asyncio.sleep(0)
        return v * 2

    done, pending = await asyncio.wait([asyncio.create_task(quick(i)) for i in range(4)])
    out.append(sorted(t.result() for t in done))
    out.append(len(pending))

    results = await asyncio.gather(quick(1), asyncio.sleep(0, "x"), return_exceptions=False)
    out.append(results)

    async def boom():
        await asyncio.sleep(0)
        raise ValueError("boom")

    out.append([repr(r) for r in await asyncio.gather(quick(5), boom(), return_exceptions=True)])

    event = asyncio.Event()
    cond_log = []

    async def waiter(i):
        await event.wait()
        cond_log.append(i)

    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    event.set()
    await asyncio.gather(*ws)
    out.append(cond_log)

    lock = asyncio.Lock()
    shared = []

    async def critical(i):
        async with lock:
            shared.append(f"enter {i}")
            await asyncio.sleep(0)
            shared.append(f"exit {i}")

    await asyncio.gather(*(critical(i) for i in range(3)))
    out.append(shared)

    async def agen(n):
        for i in range(n):
            await asyncio.sleep(0)
            yield i * i

    out.append([x async for x in agen(5)])
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "from call_soon")
    out.append(await fut)
    return out


async def main():
    net = Network()
    crawler = Crawler(net)
    worker_outcomes = await crawler.run("http://site.test/")
    print("workers ended with:", worker_outcomes)
    for url in sorted(crawler.results):
        r = crawler.results[url]
        print(f"{r.depth} {r.status:<32} tries={r.tries} links={len(r.links):2} {url}")
    print("fetch order:", [urlparse(u).path or "/" for u in crawler.order])
    print("attempts:", sorted(net.attempts.items()))
    print("max concurrent per host:", sorted(net.max_active.items()))
    for e in sorted(crawler.events):
        print("event:", e)
    graph = {u: sorted(set(r.links)) for u, r in crawler.results.items() if r.links}
    inbound = collections.Counter(l for links in graph.values() for l in links)
    print("most linked:", sorted(inbound.items(), key=lambda kv: (-kv[1], kv[0]))[:3])

    total, log = await producer_consumer_demo()
    print("producer/consumer total:", total)
    print("  " + ", ".join(log))
    for item in await timeouts_and_cancellation():
        print("async:", item)


if __name__ == "__main__":
    asyncio.run(main())
