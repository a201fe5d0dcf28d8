"""Object lifecycle in a connection-pool style program: __del__ finalizers that
log, generators whose finally-blocks release resources when they are dropped,
weakref callbacks, context managers, and atexit handlers that print a shutdown
report after main() returns (in LIFO order)."""
import atexit
import gc
import sys
import weakref

EVENTS = []


def log(msg):
    EVENTS.append(msg)
    print(msg)


class Connection:
    opened = 0

    def __init__(self, pool, cid):
        self.pool = pool
        self.cid = cid
        Connection.opened += 1
        log(f"open conn{cid}")

    def query(self, sql):
        return f"conn{self.cid}: {sql.lower()}"

    def __del__(self):
        log(f"__del__ conn{self.cid}")


class Pool:
    def __init__(self, size):
        self.size = size
        self.free = []
        self.next_id = 1
        self.leased = weakref.WeakSet()

    def acquire(self):
        conn = self.free.pop() if self.free else Connection(self, self._new_id())
        self.leased.add(conn)
        return conn

    def _new_id(self):
        self.next_id += 1
        return self.next_id - 1

    def release(self, conn):
        self.leased.discard(conn)
        if len(self.free) < self.size:
            self.free.append(conn)
        else:
            log(f"pool full, dropping conn{conn.cid}")

    def lease(self):
        pool = self

        class Lease:
            def __enter__(self):
                self.conn = pool.acquire()
                return self.conn

            def __exit__(self, *exc):
                pool.release(self.conn)
                del self.conn
                return False

        return Lease()


def rows(conn, n):
    log(f"cursor open on conn{conn.cid}")
    try:
        for i in range(n):
            yield conn.query(f"ROW {i}")
    finally:
        log(f"cursor closed on conn{conn.cid}")


def shutdown_report(pool):
    log(f"atexit: report (opened={Connection.opened}, free={len(pool.free)})")


def main():
    pool = Pool(size=1)
    atexit.register(log, "atexit: registered first, runs last")
    atexit.register(shutdown_report, pool)

    with pool.lease() as c1:
        print(c1.query("SELECT 1"))
        with pool.lease() as c2:
            print(c2.query("SELECT 2"))
        del c2
    del c1
    log(f"after leases: free={[c.cid for c in pool.free]} leased={len(pool.leased)}")

    # a temporary connection dropped immediately (refcount reaches zero)
    Connection(pool, 99).query("temp")
    log("after temporary")

    # partially consumed generator: finally runs when it is dropped
    conn = pool.acquire()
    g = rows(conn, 5)
    print(next(g))
    print(next(g))
    log("dropping generator")
    del g
    log("generator dropped")

    # fully consumed generator
    for r in rows(conn, 2):
        print(r)

    # explicit close
    g = rows(conn, 3)
    next(g)
    g.close()
    log("explicit close done")

    # break out of a for loop over a generator: closed when the loop's iterator dies
    for r in rows(conn, 10):
        if r.endswith("1"):
            break
    log("after break")

    # reference cycle: needs the cycle collector
    a = Connection(pool, 50)
    b = Connection(pool, 51)
    a.peer, b.peer = b, a
    ref = weakref.ref(a, lambda r: log("weakref callback for conn50"))
    del a, b
    log(f"cycle still alive: {ref() is not None}")
    gc.collect()
    log(f"after collect: {ref() is None}")

    # exceptions keep frames (and locals) alive through the traceback
    def failing():
        local_conn = Connection(pool, 77)
        raise RuntimeError("boom")

    try:
        failing()
    except RuntimeError as e:
        log(f"caught {e}")
    log("after except block (traceback released)")

    pool.release(conn)
    del conn
    atexit.register(lambda: log("atexit: lambda registered last, runs first"))
    atexit.register(print, "atexit: print with args", 1, 2, sep="|")
    unreg = lambda: log("never printed")
    atexit.register(unreg)
    atexit.unregister(unreg)
    log("main returns")


if __name__ == "__main__":
    main()
    log("module end")
    sys.stdout.flush()
