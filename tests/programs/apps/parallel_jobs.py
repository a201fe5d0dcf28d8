"""A job runner that fans work out to processes and subprocesses, like build
systems do: multiprocessing.Pool (fork) with map/imap/apply_async, a Manager-
free Queue between processes, subprocess.run of helper commands with captured
output and return codes, and graceful shutdown through a SIGTERM handler."""
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import textwrap


def collatz_len(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def risky(n):
    if n == 3:
        raise ValueError(f"bad input {n}")
    return n * n


def word_count(text):
    return len(text.split())


def producer(q, n):
    for i in range(n):
        q.put(("item", i, i * i))
    q.put(("done", os.getpid() != 0, None))


class Shutdown:
    def __init__(self):
        self.requested = False
        self.signals = []

    def handler(self, signum, frame):
        self.requested = True
        self.signals.append(signal.Signals(signum).name)


def main():
    ctx = mp.get_context("fork")
    with ctx.Pool(processes=2) as pool:
        print("map:", pool.map(collatz_len, range(1, 16)))
        print("imap:", list(pool.imap(word_count, ["a b c", "", "one two", "x " * 10], chunksize=2)))
        print("starmap:", pool.starmap(pow, [(2, 10), (3, 4), (5, 3)]))
        results = [pool.apply_async(risky, (i,)) for i in range(5)]
        out = []
        for r in results:
            try:
                out.append(r.get(timeout=30))
            except ValueError as e:
                out.append(f"error: {e}")
        print("apply_async:", out)
        print("unordered (sorted):", sorted(pool.imap_unordered(collatz_len, [27, 97, 871])))

    q = ctx.Queue()
    p = ctx.Process(target=producer, args=(q, 4), name="producer-1")
    p.start()
    received = []
    while True:
        kind, a, b = q.get(timeout=30)
        if kind == "done":
            break
        received.append((a, b))
    p.join(30)
    print("queue:", received, "| exitcode:", p.exitcode, "| name:", p.name)

    bad = ctx.Process(target=sys.exit, args=(3,))
    bad.start()
    bad.join(30)
    print("child exit code:", bad.exitcode)

    # subprocesses
    script = textwrap.dedent("""
        import sys
        data = sys.stdin.read()
        print(data.upper(), end="")
        print("warning: done", file=sys.stderr)
        sys.exit(len(data) % 5)
    """)
    r = subprocess.run([sys.executable, "-c", script], input="hello pipes\n", capture_output=True,
                       text=True, timeout=60)
    print("subprocess:", repr(r.stdout), repr(r.stderr), r.returncode)
    try:
        subprocess.run([sys.executable, "-c", "raise SystemExit(4)"], check=True, timeout=60)
    except subprocess.CalledProcessError as e:
        print("CalledProcessError:", e.returncode, e.cmd[1:], str(e).split("returned")[1])
    out = subprocess.check_output([sys.executable, "-c", "print(sum(range(101)))"], text=True)
    print("check_output:", out.strip())
    proc = subprocess.Popen([sys.executable, "-c", "import sys\nfor l in sys.stdin: print(len(l.strip()))"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    o, _ = proc.communicate("a\nbb\nccc\n", timeout=60)
    print("popen:", o.split(), proc.returncode)
    try:
        subprocess.run(["definitely-not-a-command-xyz"], capture_output=True)
    except FileNotFoundError as e:
        print("missing command:", e.errno, e.strerror)

    # signals
    sd = Shutdown()
    old = signal.signal(signal.SIGTERM, sd.handler)
    signal.signal(signal.SIGUSR1, sd.handler)
    work_done = 0
    for i in range(100):
        work_done += 1
        if i == 10:
            os.kill(os.getpid(), signal.SIGUSR1)
        if i == 20:
            signal.raise_signal(signal.SIGTERM)
        if sd.requested and "SIGTERM" in sd.signals:
            break
    signal.signal(signal.SIGTERM, old)
    print("graceful shutdown after", work_done, "units; signals:", sd.signals,
          "| default restored:", signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)
    print("cpu count known:", (os.cpu_count() or 0) > 0, "| start methods:",
          "fork" in mp.get_all_start_methods(), mp.current_process().name)


if __name__ == "__main__":
    main()
