"""A first look at speed: run small workloads natively and under pyceval in the same
run and print the CPU-time ratio (median of several runs). The full benchmark runner
(pyperformance workloads, specialization on/off, memory, instructions) is run.py.

    python3 benchmarks/smoke.py [--repeat N]
"""
import glob
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DRIVER = r"""
import importlib.util, json, sys, time
spec = importlib.util.spec_from_file_location("w", sys.argv[1])
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
mod.run()                       # warm-up
t = time.process_time(); result = mod.run(); t = time.process_time() - t
print(json.dumps({"seconds": t, "result": repr(result)}))
"""


def measure(workload, under_vm):
    env = dict(os.environ, PYTHONPATH=ROOT)
    argv = [sys.executable] + (["-m", "pyceval", "run"] if under_vm else []) + ["-c", DRIVER, workload]
    out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv):
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    ratios = []
    print(f"{'workload':<16}{'native s':>10}{'pyceval s':>11}{'ratio':>8}")
    for path in sorted(glob.glob(os.path.join(HERE, "workloads", "*.py"))):
        name = os.path.basename(path)[:-3]
        nat = [measure(path, False) for _ in range(repeat)]
        vm = [measure(path, True) for _ in range(repeat)]
        if nat[0]["result"] != vm[0]["result"]:
            print(f"{name}: results differ: {nat[0]['result']} != {vm[0]['result']}")
            return 1
        n = statistics.median(r["seconds"] for r in nat)
        v = statistics.median(r["seconds"] for r in vm)
        ratios.append(v / n)
        print(f"{name:<16}{n:>10.4f}{v:>11.4f}{v / n:>7.1f}x")
    print(f"{'geometric mean':<37}{statistics.geometric_mean(ratios):>7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
