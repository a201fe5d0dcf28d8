"""Run one pyperformance workload once and print its measurement as JSON.

    python3 benchmarks/driver.py WORKLOAD [--scale S] [--no-warmup]
    python3 -m pyceval run benchmarks/driver.py WORKLOAD [--scale S]

`benchmarks/run.py` starts this script in a subprocess for every measurement, natively
and under pyceval. pyperf's runner is not used: the benchmark module
(`pyperformance/data-files/benchmarks/bm_NAME/run_benchmark.py`, found in the installed
pyperformance package) is imported by path under the name `bm_NAME` (so its pyperf
main block does not run), and the workload calls its inner benchmark functions with a
fixed size (times `--scale`). Setting up is untimed; one warm-up call is made, then
one call is timed with `time.process_time()`.

Printed (the last line of stdout): `{"seconds", "fingerprint", "result", "maxrss_kb"}`.
The fingerprint is a hash of the call's result and of what it printed: the same
workload must give the same fingerprint natively and under pyceval. `maxrss_kb` is
the process's peak RSS at the end: `VmHWM` of /proc/self/status where there is one,
else `ru_maxrss`. (On Linux `ru_maxrss` keeps the parent's peak across fork and exec,
so a child of a big process reports the parent's size.)
"""
import contextlib
import copy
import hashlib
import importlib.util
import io
import json
import math
import os
import resource
import sys
import time
import types

INSTALL_HINT = "pip install -e '.[bench]'   (or: pip install pyperformance)"
WORKLOADS = {}      # name -> setup(bm, scale) returning the call to time


def benchmarks_dir():
    """The installed pyperformance's benchmark sources, or None if it is not installed."""
    spec = importlib.util.find_spec("pyperformance")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], "data-files", "benchmarks")


def load_benchmark(name):
    """Import bm_NAME/run_benchmark.py as the module `bm_NAME` (not `__main__`)."""
    path = os.path.join(benchmarks_dir(), f"bm_{name}", "run_benchmark.py")
    spec = importlib.util.spec_from_file_location(f"bm_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def workload(name):
    """Register `setup(bm, scale)` as the workload `name`: it prepares the workload
    and returns the call to time, a function without arguments whose result
    identifies what it computed."""
    def register(setup):
        WORKLOADS[name] = setup
        return setup
    return register


def size(base, scale):
    return max(1, round(base * scale))


# The workloads: sizes make one native call take roughly 0.05-0.3 s at scale 1.

@workload("nbody")
def nbody(bm, scale):
    bm.offset_momentum(bm.BODIES[bm.DEFAULT_REFERENCE])
    iterations = size(bm.DEFAULT_ITERATIONS, scale)

    def call():
        bm.advance(0.01, iterations)
        return bm.report_energy()
    return call


@workload("richards")
def richards(bm, scale):
    iterations = size(2, scale)

    def call():
        ok = bm.Richards().run(iterations)
        return ok, bm.taskWorkArea.holdCount, bm.taskWorkArea.qpktCount
    return call


@workload("fannkuch")
def fannkuch(bm, scale):
    loops = size(2, scale)
    return lambda: [bm.fannkuch(8) for _ in range(loops)]


@workload("spectral_norm")
def spectral_norm(bm, scale):
    n = size(bm.DEFAULT_N, scale ** 0.5)

    def call():             # bench_spectral_norm's loop body, with size n
        u = [1] * n
        for _ in range(10):
            v = bm.eval_AtA_times_u(u)
            u = bm.eval_AtA_times_u(v)
        vbv = vv = 0
        for ue, ve in zip(u, v):
            vbv += ue * ve
            vv += ve * ve
        return vbv, vv
    return call


@workload("nqueens")
def nqueens(bm, scale):
    n = 7 if scale < 0.3 else 8 if scale < 3 else 9     # the work grows ~8x with n
    return lambda: list(bm.n_queens(n))


@workload("float")
def float_points(bm, scale):
    n = size(bm.POINTS, scale)

    def call():
        p = bm.benchmark(n)
        return p.x, p.y, p.z
    return call


class FakeRunner:
    """Stands in for pyperf.Runner in a benchmark's main(runner, args): keeps the
    call it is given instead of running it."""

    def __init__(self):
        self.metadata = {}
        self.call = None

    def bench_func(self, name, func, *args):
        self.call = lambda: func(*args)


@workload("chaos")
def chaos(bm, scale):
    images = []
    bm.write_ppm = lambda image, filename: images.append(image)     # keeps the picture
    runner = FakeRunner()
    args = types.SimpleNamespace(
        thickness=bm.DEFAULT_THICKNESS, width=bm.DEFAULT_WIDTH, height=bm.DEFAULT_HEIGHT,
        iterations=size(bm.DEFAULT_ITERATIONS, scale), filename="(kept)",
        rng_seed=bm.DEFAULT_RNG_SEED)
    bm.main(runner, args)       # builds the splines and hands over the call

    def call():
        images.clear()
        runner.call()
        return hashlib.sha256(repr(images).encode()).hexdigest()
    return call


@workload("deltablue")
def deltablue(bm, scale):
    n = size(3000, scale)

    def call():             # prints a message if a constraint check fails
        bm.delta_blue(n)
        return bm.planner.current_mark
    return call


@workload("go")
def go(bm, scale):
    bm.GAMES = size(120, scale)
    return bm.versus_cpu


@workload("hexiom")
def hexiom(bm, scale):
    board, _ = bm.LEVELS[25]
    loops = size(12, scale)

    def call():
        outputs = []
        for _ in range(loops):
            stream = io.StringIO()
            bm.solve_file(board.strip(), bm.Done.FIRST_STRATEGY, bm.DESCENDING, stream)
            outputs.append(stream.getvalue())
        return outputs
    return call


@workload("raytrace")
def raytrace(bm, scale):
    width = height = size(60, scale ** 0.5)
    pictures = []
    bm.Canvas.write_ppm = lambda canvas, filename: pictures.append(canvas.bytes.tobytes())

    def call():
        pictures.clear()
        bm.bench_raytrace(1, width, height, "(kept)")
        return hashlib.sha256(pictures[0]).hexdigest()
    return call


@workload("generators")
def generators(bm, scale):
    tree = bm.tree(range(size(150000, scale)))
    return lambda: sum(tree)


@workload("coroutines")
def coroutines(bm, scale):
    n = 27 + round(math.log(scale, 1.618))      # the work grows by the golden ratio

    def call():
        coro = bm.fibonacci(n)
        try:
            while True:
                coro.send(None)
        except StopIteration as stop:
            return stop.value
    return call


@workload("unpack_sequence")
def unpack_sequence(bm, scale):
    loops = size(6000, scale)

    def call():
        bm.bench_tuple_unpacking(loops)
        bm.bench_list_unpacking(loops)
        return loops
    return call


@workload("deepcopy")
def deepcopy(bm, scale):
    n = size(200, scale)
    shared = [1, 2]
    data = {"dataclass": bm.A("hello", shared, True), "shared": (shared, shared)}

    def call():             # the benchmarks return times only: copy similar data too
        bm.benchmark(n)
        bm.benchmark_reduce(n * 10)
        bm.benchmark_memo(n // 5 + 1)
        copied = copy.deepcopy(data)
        return copied, copied["dataclass"].lst is copied["shared"][1]
    return call


@workload("json_dumps")
def json_dumps(bm, scale):
    cases = [getattr(bm, case) for case in bm.CASES]
    data = [(obj, range(size(count * 4, scale))) for obj, count in cases]

    def call():
        bm.bench_json_dumps(data)
        return [bm.json.dumps(obj) for obj, _ in cases]
    return call


@workload("pyflate")
def pyflate(bm, scale):
    # The packaged archive takes seconds to decode natively: decode a bzip2 archive of
    # a part of its content instead (made here, with the C bz2 module).
    import bz2
    with open(os.path.join(os.path.dirname(bm.__file__), "data", "interpreter.tar.bz2"), "rb") as f:
        content = bz2.decompress(f.read())
    archive = bz2.compress(content[:size(80000, scale)], 9)

    def call():
        field = bm.RBitfield(io.BytesIO(archive))
        assert field.readbits(16) == 0x425a           # "BZ"
        out = bm.bzip2_main(field)
        assert out == content[:len(out)]
        return hashlib.md5(out).hexdigest()
    return call


def peak_rss_kb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(name, scale, warmup=True):
    bm = load_benchmark(name)
    call = WORKLOADS[name](bm, scale)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        if warmup:
            call()
        start = time.process_time()
        result = call()
        seconds = time.process_time() - start
    text = repr(result) + printed.getvalue()
    return {
        "seconds": seconds,
        "fingerprint": hashlib.sha256(text.encode()).hexdigest()[:16],
        "result": text if len(text) <= 60 else text[:57] + "...",
        "maxrss_kb": peak_rss_kb(),
    }


def main(argv):
    if not argv or argv[0] not in WORKLOADS:
        print(f"usage: driver.py WORKLOAD [--scale S] [--no-warmup]\n"
              f"workloads: {', '.join(WORKLOADS)}", file=sys.stderr)
        return 2
    if benchmarks_dir() is None:
        print(f"pyperformance is not installed: {INSTALL_HINT}", file=sys.stderr)
        return 2
    scale = float(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1.0
    print(json.dumps(measure(argv[0], scale, warmup="--no-warmup" not in argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
