"""Where the VM's time goes, counted instead of timed: host bytecodes per guest unit.

    python3 benchmarks/hostops.py SCRIPT FUNCTION N [--lines]

Runs SCRIPT in the VM (as module `m`), calls FUNCTION(N) once to warm up (quickening,
tier-2 blocks), then once more under a host trace function with `f_trace_opcodes`, and
prints the host bytecodes executed per unit of N, by host function (`block` for the
tier-2 blocks). Unlike CPU time on a shared machine, the count is the same from run to
run, so it shows what a change to the VM costs or saves (a guest call of a one-line
function, say) to the bytecode. `--lines` adds the busiest lines of run_frame and of
the blocks.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.setrecursionlimit(10000)

from pyceval.interpreter import run_code  # noqa: E402


def main(argv):
    lines = "--lines" in argv
    argv = [a for a in argv if a != "--lines"]
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    script, name, n = argv[0], argv[1], int(argv[2])
    with open(script) as fh:
        g = {"__name__": "m"}
        run_code(compile(fh.read(), script, "exec"), g)
    fn = g[name]
    call = compile("fn(%d)" % n, "<hostops>", "exec")
    run_code(call, {"fn": fn})                       # warm up
    counts = {}

    def tracer(frame, event, arg):
        frame.f_trace_opcodes = True
        frame.f_trace_lines = False
        if event == "opcode":
            co = frame.f_code.co_name
            key = (co, frame.f_lineno) if lines else (co, 0)
            counts[key] = counts.get(key, 0) + 1
        return tracer

    sys.settrace(tracer)
    try:
        run_code(call, {"fn": fn})
    finally:
        sys.settrace(None)
    by_function = {}
    for (co, _), c in counts.items():
        by_function[co] = by_function.get(co, 0) + c
    print("host bytecodes per unit: %.1f" % (sum(counts.values()) / n))
    for co, c in sorted(by_function.items(), key=lambda kv: -kv[1])[:15]:
        print("  %-32s %10.1f" % (co, c / n))
    if lines:
        print("busiest lines:")
        for (co, line), c in sorted(counts.items(), key=lambda kv: -kv[1])[:30]:
            print("  %-24s %5d %10.1f" % (co, line, c / n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
