"""Differential test: threading, locks, conditions, thread pools,
thread-local data and exceptions raised in threads."""
import concurrent.futures
import queue
import sys
import threading

print("== Thread with target and args ==")
results = {}


def compute(name, n, *, power=2):
    total = 0
    for i in range(n):
        total += i ** power
    results[name] = total


threads = [
    threading.Thread(target=compute, args=("squares", 100)),
    threading.Thread(target=compute, args=("cubes", 50), kwargs={"power": 3}, name="cube-thread"),
]
print("before start alive:", [t.is_alive() for t in threads])
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
print("after join alive:", [t.is_alive() for t in threads])
print("explicit name:", threads[1].name)
print("main thread:", threading.current_thread() is threading.main_thread(), threading.main_thread().name)
try:
    threads[0].start()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    threading.Thread(target=print).join()
except RuntimeError as e:
    print(type(e).__name__, e)

print("== Thread subclass overriding run ==")


class Summer(threading.Thread):
    def __init__(self, numbers, name):
        super().__init__(name=name)
        self.numbers = numbers
        self.result = None
        self.seen_name = None

    def run(self):
        self.seen_name = threading.current_thread().name
        self.result = sum(self.numbers)


workers = [Summer(range(i * 10), f"summer-{i}") for i in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([(w.name, w.seen_name, w.result) for w in workers])
print("daemon default:", workers[0].daemon)

print("== Lock protecting a counter ==")
counter = 0
lock = threading.Lock()


def increment(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1


ts = [threading.Thread(target=increment, args=(1000,)) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter:", counter)
print("locked:", lock.locked(), lock.acquire(blocking=False), lock.locked())
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print(type(e).__name__, e)

rlock = threading.RLock()
with rlock:
    with rlock:
        print("re-entered RLock")
try:
    rlock.release()
except RuntimeError as e:
    print(type(e).__name__, e)

print("== Condition ping-pong (strict alternation prints deterministically) ==")
cond = threading.Condition()
turn = ["ping"]


def player(me, other, rounds):
    for i in range(rounds):
        with cond:
            cond.wait_for(lambda: turn[0] == me)
            print(f"{me} {i}")
            turn[0] = other
            cond.notify_all()


p1 = threading.Thread(target=player, args=("ping", "pong", 3))
p2 = threading.Thread(target=player, args=("pong", "ping", 3))
p2.start()
p1.start()
p1.join()
p2.join()

print("== Condition producer/consumer ==")
items = []
item_cond = threading.Condition()
consumed = []


def producer():
    for i in range(5):
        with item_cond:
            items.append(i)
            item_cond.notify()
    with item_cond:
        items.append(None)
        item_cond.notify()


def consumer():
    while True:
        with item_cond:
            while not items:
                item_cond.wait()
            item = items.pop(0)
        if item is None:
            return
        consumed.append(item * 10)


c = threading.Thread(target=consumer)
pr = threading.Thread(target=producer)
c.start()
pr.start()
pr.join()
c.join()
print("consumed:", consumed)
with item_cond:
    print("wait timeout returns:", item_cond.wait(timeout=0.001))

print("== Event, Semaphore, Barrier, queue.Queue ==")
ev = threading.Event()
seen = []


def waiter():
    seen.append(("waiting", ev.is_set()))
    ev.wait()
    seen.append(("released", ev.is_set()))


wt = threading.Thread(target=waiter)
wt.start()
while not seen:
    ev.wait(0.001)
ev.set()
wt.join()
print(seen, "wait on set event:", ev.wait(0))
ev.clear()
print("wait(timeout) on clear event:", ev.wait(0.001))

sem = threading.BoundedSemaphore(2)
active = [0]
peak = [0]
sem_lock = threading.Lock()


def limited():
    with sem:
        with sem_lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        with sem_lock:
            active[0] -= 1


ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("peak <= 2:", peak[0] <= 2)
try:
    sem.release()
except ValueError as e:
    print(type(e).__name__, e)

barrier = threading.Barrier(3)
arrivals = []
arr_lock = threading.Lock()


def at_barrier(i):
    with arr_lock:
        arrivals.append(i)
    idx = barrier.wait()
    with arr_lock:
        arrivals.append(("passed", idx in (0, 1, 2)))


ts = [threading.Thread(target=at_barrier, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier:", sorted(a for a in arrivals if isinstance(a, int)), arrivals.count(("passed", True)))

work_q = queue.Queue()
out_q = queue.Queue()


def pipeline_worker():
    while (item := work_q.get()) is not None:
        out_q.put(item.upper())
    out_q.put(None)


pw = threading.Thread(target=pipeline_worker)
pw.start()
for word in ["alpha", "beta", "gamma"]:
    work_q.put(word)
work_q.put(None)
pw.join()
collected = []
while (x := out_q.get()) is not None:
    collected.append(x)
print("pipeline:", collected)
try:
    out_q.get_nowait()
except queue.Empty as e:
    print(type(e).__name__, repr(str(e)))

print("== ThreadPoolExecutor ==")


def slow_square(x):
    return x * x


def maybe_fail(x):
    if x == 3:
        raise ValueError(f"bad input {x}")
    return x + 100


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as ex:
    print("map:", list(ex.map(slow_square, range(8))))
    print("map 2 iterables:", list(ex.map(pow, [2, 3, 4], [5, 2, 1])))
    print("map lambda:", list(ex.map(lambda s: s[::-1], ["abc", "xyz"])))
    futures = [ex.submit(maybe_fail, i) for i in range(5)]
    for i, f in enumerate(futures):
        try:
            print("submit", i, "->", f.result())
        except ValueError as e:
            print("submit", i, "raised", type(e).__name__, e)
    print("exception():", type(futures[3].exception()).__name__, futures[3].done())
    done = sorted(f.result() for f in concurrent.futures.as_completed(futures[:3]))
    print("as_completed:", done)
    fut = ex.submit(sum, [1, 2, 3])
    cb_results = []
    fut.add_done_callback(lambda f: cb_results.append(f.result()))
    concurrent.futures.wait([fut])
    print("callback saw:", cb_results or [fut.result()])
    try:
        list(ex.map(maybe_fail, [1, 2, 3, 4]))
    except ValueError as e:
        print("map raised:", e)
try:
    ex.submit(print, "never")
except RuntimeError as e:
    print(type(e).__name__, e)


print("== thread-local data ==")
local = threading.local()
local.value = "main"
local_results = {}


def use_local(name):
    print_missing = not hasattr(local, "value")
    local.value = name
    local.items = [name] * 2
    local_results[name] = (print_missing, local.value, local.items)


ts = [threading.Thread(target=use_local, args=(f"t{i}",)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(local_results.items()))
print("main still sees:", local.value, hasattr(local, "items"))
try:
    local.items
except AttributeError as e:
    print(type(e).__name__, e)


class MyLocal(threading.local):
    def __init__(self, start):
        self.start = start
        self.count = 0

    def bump(self):
        self.count += 1
        return self.start + self.count


ml = MyLocal(10)
ml.bump()
sub_results = []


def use_mylocal():
    sub_results.append((ml.count, ml.bump()))


t = threading.Thread(target=use_mylocal)
t.start()
t.join()
print("local subclass:", ml.count, sub_results)

print("== exceptions in threads ==")
hook_log = []


def my_excepthook(args):
    hook_log.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


def raiser(kind):
    if kind == "value":
        raise ValueError("thread value error")
    elif kind == "key":
        {}["nokey"]
    elif kind == "exit":
        sys.exit(3)  # a custom hook sees SystemExit (the default hook ignores it)
    return "no error"


old_hook = threading.excepthook
threading.excepthook = my_excepthook
for kind in ("value", "key", "exit", "none"):
    t = threading.Thread(target=raiser, args=(kind,), name=f"raiser-{kind}")
    t.start()
    t.join()
threading.excepthook = old_hook
for entry in hook_log:
    print("excepthook:", *entry)


class FailingRun(threading.Thread):
    def run(self):
        raise OSError("from run()")


threading.excepthook = lambda args: print("hook2:", args.exc_type.__name__, type(args.thread).__name__)
f = FailingRun(name="failing")
f.start()
f.join()
threading.excepthook = old_hook

print("== misc ==")
print("active_count back to 1:", threading.active_count())
print("enumerate:", [t.name for t in threading.enumerate()])
timer_log = []
tm = threading.Timer(0.001, timer_log.append, args=("timer fired",))
tm.start()
tm.join()
print(timer_log)
tm2 = threading.Timer(5, timer_log.append, args=("never",))
tm2.start()
tm2.cancel()
tm2.join()
print(timer_log)
print("get_ident is int:", isinstance(threading.get_ident(), int))
print("native id differs from 0:", threading.get_native_id() != 0)
