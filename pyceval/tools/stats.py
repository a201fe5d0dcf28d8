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
        self.history = {}           # (info, index) -> _History
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
        h = self.history.get(key)
        if h is None:
            h = self.history[key] = _History()
        h.add(self.executions.get(key, 0), what, detail)

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
                **_history_fields(self.history.get((info, index))),
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
          "deopts": lambda r: -r["events"].get("deopt", 0),
          "name": lambda r: (r["now"], r["file"], r["line"])}


class _History:
    """What happened to one instruction, in bounded memory: its first HEAD events and
    its last TAIL, with counts of every (event, detail) (a polymorphic site re-specializes
    and deoptimizes thousands of times in a long run)."""
    HEAD, TAIL = 12, 4
    __slots__ = ("head", "tail", "counts", "total")

    def __init__(self):
        self.head = []
        self.tail = []
        self.counts = {}
        self.total = 0

    def add(self, execution, what, detail):
        self.total += 1
        key = (what, detail)
        self.counts[key] = self.counts.get(key, 0) + 1
        event = (execution, what, detail)
        if len(self.head) < self.HEAD:
            self.head.append(event)
            return
        self.tail.append(event)
        if len(self.tail) > self.TAIL:
            del self.tail[0]


def _history_fields(h):
    """The JSON fields of a history: `history` (the first events), `history_tail` (the
    last ones, when some between were left out), `history_omitted` (how many),
    `events` (count per event kind) and `event_details` ([event, detail, count])."""
    def rows(events):
        return [{"execution": n, "event": w, "detail": d} for n, w, d in events]
    if h is None:
        return {"history": [], "history_tail": [], "history_omitted": 0, "events": {},
                "event_details": []}
    events = {}
    for (what, _), n in h.counts.items():
        events[what] = events.get(what, 0) + n
    return {"history": rows(h.head), "history_tail": rows(h.tail),
            "history_omitted": h.total - len(h.head) - len(h.tail), "events": events,
            "event_details": [[w, d, n] for (w, d), n in
                              sorted(h.counts.items(), key=lambda kv: -kv[1])]}


def _event_text(h):
    n, what, detail = h["execution"], h["event"], h["detail"]
    if what == "success":
        return f"specialized to {detail} at execution {n}"
    if what == "failure":
        return f"failed at execution {n} ({detail})"
    return f"deoptimized at execution {n}"


_EVENT_WORDS = {"success": "specialized", "failure": "failed", "deopt": "deoptimized"}


def _describe(row, first=4):
    shown = row["history"][:first]
    parts = [_event_text(h) for h in shown]
    omitted = row["history_omitted"] + len(row["history"]) - len(shown)
    if omitted:
        counts = dict(row["events"])
        for h in shown + row["history_tail"]:
            counts[h["event"]] -= 1
        summary = ", ".join(f"{_EVENT_WORDS.get(w, w)} {n}x" for w, n in counts.items() if n)
        parts.append(f"... {omitted} more events ({summary}) ...")
    parts.extend(_event_text(h) for h in row["history_tail"])
    if omitted:
        parts.append("in all: " + ", ".join(
            f"{_EVENT_WORDS.get(w, w)} {n}x" for w, n in sorted(row["events"].items())))
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
