"""The benchmark runner (benchmarks/run.py) and the comparison of its results
(benchmarks/compare.py), on a tiny workload and on fabricated results."""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCHMARKS = os.path.join(ROOT, "benchmarks")


def run_script(name, *args):
    return subprocess.run([sys.executable, os.path.join(BENCHMARKS, name), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_run_nbody_tiny(tmp_path):
    pytest.importorskip("pyperformance", reason="pip install -e '.[test]' installs it")
    out = tmp_path / "results.json"
    # --no-stats: `pyceval stats` takes ~20 s to write its JSON for any program that
    # imports pyperf (json.dump with indent runs the pure-Python encoder in the VM)
    proc = run_script("run.py", "--only", "nbody", "--repeat", "1", "--scale", "0.01",
                      "--no-off", "--no-stats", "--json", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text())
    nbody = report["workloads"]["nbody"]
    assert nbody["error"] is None and nbody["agree"]
    assert nbody["ratio"] > 0 and nbody["memory_ratio"] > 0
    assert nbody["native"]["fingerprint"] == nbody["pyceval"]["fingerprint"]
    assert report["machine"]["cpu_count"] and report["summary"]["geomean"] > 0


def results(ratios):
    """A minimal results file of run.py --json with these pyceval/native ratios."""
    workloads = {name: {"ratio": ratio, "error": None, "agree": True}
                 for name, ratio in ratios.items()}
    geomean = 1.0
    for ratio in ratios.values():
        geomean *= ratio ** (1 / len(ratios))
    return {"workloads": workloads, "summary": {"geomean": geomean, "call_heavy": None}}


@pytest.mark.parametrize("slower, status", [(1.20, 1), (1.05, 0)])
def test_compare_flags_regressions(tmp_path, slower, status):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(results({"nbody": 40.0, "go": 50.0})))
    new.write_text(json.dumps(results({"nbody": 40.0 * slower, "go": 50.0})))
    proc = run_script("compare.py", str(old), str(new))
    assert proc.returncode == status, proc.stdout + proc.stderr
    nbody = next(line for line in proc.stdout.splitlines() if line.startswith("nbody"))
    assert f"{(slower - 1) * 100:+.1f}%" in nbody
    assert ("REGRESSION" in nbody) == (status == 1)


def test_hostops_counts_host_bytecodes_per_call(tmp_path):
    script = tmp_path / "calls.py"
    script.write_text("def g(a):\n    return a\n"
                      "def loop(n):\n    for i in range(n):\n        g(i)\n")
    out = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "hostops.py"),
                          str(script), "loop", "300"], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    per_unit = float(out.splitlines()[0].split(":")[1])
    rows = {line.split()[0]: float(line.split()[1]) for line in out.splitlines()[1:]}
    # a guest call runs in tier-2 blocks, in a new frame, which the caller's block runs
    # inline (run_frame runs only the entry frame then)
    assert {"block", "run_frame", "new_frame"} <= set(rows), out
    assert 100 < per_unit < 5000, out
    assert abs(sum(rows.values()) - per_unit) < 0.05 * per_unit
