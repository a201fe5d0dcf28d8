"""Producer/consumer image-'processing' pipeline with threads and queue.Queue, a
ThreadPoolExecutor batch job, locks/conditions/barriers/events, and thread-local
state. Output is ordered deterministically."""
import concurrent.futures as cf
import hashlib
import queue
import threading
import zlib
from collections import defaultdict


def checksum(data):
    return zlib.crc32(data) & 0xFFFFFFFF


def process(job_id, payload):
    """Pretend work: hash the payload a few times."""
    h = payload
    for _ in range(50):
        h = hashlib.sha256(h).digest()
    if job_id % 7 == 6:
        raise ValueError(f"job {job_id}: corrupt input")
    return h.hex()[:12]


class Pipeline:
    SENTINEL = object()

    def __init__(self, n_workers):
        self.jobs = queue.Queue(maxsize=4)
        self.results = queue.Queue()
        self.n_workers = n_workers
        self.lock = threading.Lock()
        self.per_worker = defaultdict(int)
        self.errors = []
        self.local = threading.local()

    def producer(self, n):
        for i in range(n):
            self.jobs.put((i, f"image-{i:03d}".encode()))
        for _ in range(self.n_workers):
            self.jobs.put(self.SENTINEL)

    def worker(self, idx):
        self.local.name = f"worker-{idx}"
        self.local.count = 0
        while True:
            item = self.jobs.get()
            try:
                if item is self.SENTINEL:
                    break
                job_id, payload = item
                try:
                    digest = process(job_id, payload)
                except ValueError as e:
                    with self.lock:
                        self.errors.append(str(e))
                    continue
                self.results.put((job_id, digest, checksum(payload)))
                self.local.count += 1
            finally:
                self.jobs.task_done()
        with self.lock:
            self.per_worker[self.local.name] = self.local.count

    def run(self, n):
        threads = [threading.Thread(target=self.worker, args=(i,), name=f"W{i}", daemon=True)
                   for i in range(self.n_workers)]
        for t in threads:
            t.start()
        prod = threading.Thread(target=self.producer, args=(n,))
        prod.start()
        prod.join()
        self.jobs.join()
        for t in threads:
            t.join(timeout=5)
        out = []
        while True:
            try:
                out.append(self.results.get_nowait())
            except queue.Empty:
                break
        return sorted(out), all(not t.is_alive() for t in threads)


class BoundedCounter:
    def __init__(self, limit):
        self.value = 0
        self.limit = limit
        self.cond = threading.Condition()

    def incr(self):
        with self.cond:
            while self.value >= self.limit:
                self.cond.wait()
            self.value += 1

    def decr(self):
        with self.cond:
            self.value -= 1
            self.cond.notify()


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def main():
    pipe = Pipeline(n_workers=4)
    results, all_stopped = pipe.run(20)
    print(f"processed {len(results)} jobs, all workers stopped: {all_stopped}")
    for job_id, digest, crc in results[:5]:
        print(f"  job {job_id:2}: {digest} crc={crc:08x}")
    print("  ...")
    print("errors:", sorted(pipe.errors))
    print("work split sums to", sum(pipe.per_worker.values()), "over", len(pipe.per_worker), "workers")

    # ThreadPoolExecutor: map keeps order, as_completed does not (so we sort)
    with cf.ThreadPoolExecutor(max_workers=3, thread_name_prefix="pool") as ex:
        print("map:", list(ex.map(fib, range(0, 60, 6))))
        futures = {ex.submit(process, i, b"x" * i): i for i in range(10)}
        done = []
        for fut in cf.as_completed(futures):
            i = futures[fut]
            try:
                done.append((i, fut.result()))
            except ValueError as e:
                done.append((i, f"failed: {e}"))
        for i, r in sorted(done):
            print(f"  future {i}: {r}")
        f = ex.submit(pow, 2, 100)
        print("callback result:", end=" ")
        got = []
        f.add_done_callback(lambda fut: got.append(fut.result()))
        cf.wait([f])
        print(f.result(), "exception:", f.exception())
        bad = ex.submit(int, "nope")
        print("exception():", repr(bad.exception()))
        first = cf.wait([ex.submit(fib, 10), ex.submit(fib, 20)], return_when=cf.ALL_COMPLETED)
        print("wait:", sorted(x.result() for x in first.done), len(first.not_done))

    # Condition-based bounded counter
    bc = BoundedCounter(limit=2)
    peak = []
    plock = threading.Lock()

    def use(n):
        for _ in range(n):
            bc.incr()
            with plock:
                peak.append(bc.value)
            bc.decr()

    ts = [threading.Thread(target=use, args=(50,)) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    # (the peak itself, 1 or 2, depends on where the scheduler switches threads)
    print("bounded counter: final", bc.value, "bound kept", 1 <= max(peak) <= 2,
          "entries", len(peak))

    # Barrier + Event + RLock + Semaphore
    barrier = threading.Barrier(3)
    arrived = []
    go = threading.Event()
    rl = threading.RLock()
    sem = threading.BoundedSemaphore(2)

    def phase(i):
        with sem:
            with rl:
                with rl:
                    arrived.append(i)
        idx = barrier.wait()
        go.wait()
        return idx

    with cf.ThreadPoolExecutor(3) as ex:
        futs = [ex.submit(phase, i) for i in range(3)]
        while len(arrived) < 3:
            threading.Event().wait(0.001)
        go.set()
        print("barrier indices:", sorted(f.result() for f in futs), "arrived:", sorted(arrived))
    try:
        sem.release()
    except ValueError as e:
        print("semaphore:", e)

    # Timer and thread exceptions via excepthook
    hooked = []
    old = threading.excepthook
    threading.excepthook = lambda args: hooked.append((args.exc_type.__name__, str(args.exc_value),
                                                       args.thread.name))
    t = threading.Thread(target=lambda: 1 / 0, name="crasher")
    t.start()
    t.join()
    threading.excepthook = old
    print("excepthook:", hooked)
    fired = threading.Event()
    timer = threading.Timer(0.01, fired.set)
    timer.start()
    print("timer fired:", fired.wait(5))
    timer.join()

    # thread-local isolation
    loc = threading.local()
    loc.v = "main"
    seen = []

    def touch():
        seen.append(getattr(loc, "v", "unset"))
        loc.v = "thread"

    th = threading.Thread(target=touch)
    th.start()
    th.join()
    print("local:", seen, loc.v, threading.current_thread().name, threading.active_count())


if __name__ == "__main__":
    main()
