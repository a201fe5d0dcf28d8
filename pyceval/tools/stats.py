"""`pyceval stats`: run a program and report PEP 659 specialization as CPython's
`--enable-pystats` builds do, without a special build, plus what those cannot show: the
history of each hot instruction.

    pyceval stats [--json FILE] [--sort executions|misses|deopts|name] [--limit N]
                  [-m module | -c command | script] [arg ...]

Per family: success, failure, hit, deferred, miss, deopt and the failure kinds by their
SPEC_FAIL names; per-opcode execution counts (specialized forms by their own names) and
the most frequent opcode pairs; for the hottest instructions, what happened to them and
at which execution. The collector listens through the event API (events.py) with
`observes_specialized`, so the program runs its specialized instruction stream.
"""
import dis
import json
import sys

from .. import events
from ..cli import parse_target
from ..instructions.specialize_v3_11 import FAMILIES, FAMILY_OF, VARIANTS
from ..version import OPNAMES

FIELDS = ("success", "failure", "hit", "deferred", "miss", "deopt")
_KNOWN = set(dis.opmap) | {n for names in VARIANTS.values() for n in names}
_SPECIALIZED = {n for fam in FAMILIES for n in VARIANTS[fam] if not n.endswith("_ADAPTIVE")}


class Collector:
    """Counts every instruction and every specialization event of a run.

    Its callbacks run during the program, so they use only C-level operations (plain
    dicts and lists): library code such as Counter.__missing__ would run in the VM and
    report events of its own."""
    observes_specialized = True

    def __init__(self):
        self.total = 0
        self.opcodes = {}
        self.pairs = {}
        self.executions = {}        # (info, index) -> count
        self.variant_runs = {}      # family -> executions of its variants
        self.families = {fam: dict.fromkeys(FIELDS, 0) for fam in FAMILIES}
        self.kinds = {fam: {} for fam in FAMILIES}
        self.history = {}           # (info, index) -> [(execution, what, detail)]
        self.misses = {}            # (info, index) -> {reason: count}
        self.deferred = {}          # (info, index) -> count
        self._last = None

    def on_instruction(self, frame, index):
        name = frame.instrs[index][0].__name__
        if name not in _KNOWN:                         # a decode-time variant of a base op
            name = OPNAMES[frame.info.ops[index]]
        self.total += 1
        self.opcodes[name] = self.opcodes.get(name, 0) + 1
        if self._last is not None:
            pair = (self._last, name)
            self.pairs[pair] = self.pairs.get(pair, 0) + 1
        self._last = name
        key = (frame.info, index)
        self.executions[key] = self.executions.get(key, 0) + 1
        if name in _SPECIALIZED:
            fam = FAMILY_OF[name]
            self.variant_runs[fam] = self.variant_runs.get(fam, 0) + 1

    def on_call(self, frame):
        self._last = None

    def on_specialize(self, frame, index, family, what, detail):
        key = (frame.info, index)
        stats = self.families[family]
        if what == "miss":
            stats["miss"] += 1
            reasons = self.misses.setdefault(key, {})
            reasons[detail] = reasons.get(detail, 0) + 1
            return
        if what == "deferred":
            stats["deferred"] += 1
            self.deferred[key] = self.deferred.get(key, 0) + 1
            return
        stats[what] += 1
        if what == "success":
            stats["hit"] += 1               # the dispatch right after specializing hits
        elif what == "failure":
            kind = detail.split(" (")[0]
            self.kinds[family][kind] = self.kinds[family].get(kind, 0) + 1
        self.history.setdefault(key, []).append((self.executions.get(key, 0), what, detail))

    # --- reports ------------------------------------------------------------------------

    def family_rows(self):
        rows = {}
        for fam in FAMILIES:
            s = dict(self.families[fam])
            s["hit"] += self.variant_runs.get(fam, 0) - s["miss"]
            s["failure_kinds"] = dict(sorted(self.kinds[fam].items(), key=lambda kv: -kv[1]))
            rows[fam.lower()] = s
        return rows

    def instruction_rows(self):
        rows = []
        keys = set(self.executions) | set(self.history)
        for info, index in keys:
            code = info.code
            now = info.instrs[index][0].__name__
            if now not in _KNOWN:
                now = OPNAMES[info.ops[index]]
            rows.append({
                "file": code.co_filename, "line": info.line_at(index), "function": code.co_qualname,
                "offset": info.offsets[index], "base": OPNAMES[info.ops[index]], "now": now,
                "executions": self.executions.get((info, index), 0),
                "history": [{"execution": n, "event": w, "detail": d}
                            for n, w, d in self.history.get((info, index), ())],
                "misses": self.misses.get((info, index), {}),
                "deferred": self.deferred.get((info, index), 0),
            })
        return rows

    def as_json(self):
        return {
            "total_instructions": self.total,
            "families": self.family_rows(),
            "opcodes": dict(sorted(self.opcodes.items(), key=lambda kv: -kv[1])),
            "pairs": [[a, b, n] for (a, b), n in sorted(self.pairs.items(), key=lambda kv: -kv[1])],
            "instructions": sorted(self.instruction_rows(), key=lambda r: -r["executions"]),
        }


_SORTS = {"executions": lambda r: -r["executions"], "misses": lambda r: -sum(r["misses"].values()),
          "deopts": lambda r: -sum(1 for h in r["history"] if h["event"] == "deopt"),
          "name": lambda r: (r["now"], r["file"], r["line"])}


def _describe(row):
    parts = []
    for h in row["history"]:
        n, what, detail = h["execution"], h["event"], h["detail"]
        if what == "success":
            parts.append(f"specialized to {detail} at execution {n}")
        elif what == "failure":
            parts.append(f"failed at execution {n} ({detail})")
        elif what == "deopt":
            parts.append(f"deoptimized at execution {n}")
    if row["misses"]:
        reasons = ", ".join(f"{r}: {c}" for r, c in sorted(row["misses"].items(), key=lambda x: -x[1]))
        parts.append(f"missed {sum(row['misses'].values())} times ({reasons})")
    if row["deferred"]:
        parts.append(f"deferred {row['deferred']} times")
    return "; ".join(parts) or "never specialized"


def report(data, sort="executions", limit=20, out=sys.stdout):
    w = out.write
    w(f"\npyceval stats: {data['total_instructions']} instructions executed\n\n")
    w("Specialization by family (the categories of CPython's --enable-pystats)\n")
    w(f"{'family':<17}" + "".join(f"{f:>10}" for f in FIELDS) + f"{'hit %':>8}\n")
    for fam, s in sorted(data["families"].items()):
        runs = s["hit"] + s["miss"] + s["deferred"]
        pct = f"{100 * s['hit'] / runs:.1f}" if runs else "-"
        w(f"{fam:<17}" + "".join(f"{s[f]:>10}" for f in FIELDS) + f"{pct:>8}\n")
    w("\nFailure kinds (SPEC_FAIL_*)\n")
    for fam, s in sorted(data["families"].items()):
        if s["failure_kinds"]:
            kinds = ", ".join(f"{k} {n}" for k, n in list(s["failure_kinds"].items())[:limit])
            w(f"  {fam}: {kinds}\n")
    ops = sorted(data["opcodes"].items(), key=(lambda x: x[0]) if sort == "name" else (lambda x: -x[1]))
    w(f"\nExecution counts (top {limit})\n")
    for name, n in ops[:limit]:
        w(f"  {name:<45}{n:>12}\n")
    w(f"\nOpcode pairs (top {limit})\n")
    for a, b, n in data["pairs"][:limit]:
        w(f"  {a + ' -> ' + b:<70}{n:>12}\n")
    w(f"\nInstructions by {sort} (top {limit})\n")
    for r in sorted(data["instructions"], key=_SORTS[sort])[:limit]:
        w(f"  {r['file']}:{r['line']} {r['function']} @{r['offset']} {r['base']}"
          f" (now {r['now']}), executed {r['executions']} times\n      {_describe(r)}\n")


def main(argv):
    json_file = None
    sort = "executions"
    limit = 20
    while argv and argv[0] in ("--json", "--sort", "--limit"):
        if len(argv) < 2:
            print(f"pyceval stats: {argv[0]} needs a value", file=sys.stderr)
            return 2
        opt, val, argv = argv[0], argv[1], argv[2:]
        if opt == "--json":
            json_file = val
        elif opt == "--sort":
            if val not in _SORTS:
                print(f"pyceval stats: --sort takes one of {', '.join(_SORTS)}", file=sys.stderr)
                return 2
            sort = val
        else:
            limit = int(val)
    kind, target, args = parse_target(argv)
    from ..runner import KEYBOARD_INTERRUPT, run_program
    collector = Collector()
    events.attach(collector)
    try:
        status = run_program(kind, target, args)
    finally:
        events.detach(collector)
    sys.stdout.flush()
    data = collector.as_json()
    if json_file:
        # json.dumps without indent uses the C encoder; indent= would run json's
        # pure-Python encoder, which is adopted and so would run in the VM (20x slower)
        with open(json_file, "w") as fh:
            fh.write(json.dumps(data))
    report(data, sort, limit)
    return 130 if status == KEYBOARD_INTERRUPT else status
