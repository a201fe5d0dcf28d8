"""`pyceval trace`: print every executed instruction with the value stack.

A minimal tool on the event API: one line per instruction,

    <depth-indent> <function>:<line> <offset> <OPNAME> <oparg>   stack: [...]

written to stderr (or --output FILE) so that the program's own output stays apart.
"""
import sys

from .. import events
from ..version import OPNAMES


class Tracer:
    def __init__(self, out, show_stack=True):
        self.out = out
        self.show_stack = show_stack
        self.depth = {}
        self.busy = False

    def _indent(self, frame):
        d = 0
        f = frame.back
        while f is not None:
            d += 1
            f = f.back
        return "  " * d

    def on_call(self, frame):
        if self.busy:
            return
        self.out.write(f"{self._indent(frame)}--> call {frame.code.co_qualname} "
                       f"({frame.code.co_filename}:{frame.code.co_firstlineno})\n")

    def on_return(self, frame, value):
        if self.busy:
            return
        self.out.write(f"{self._indent(frame)}<-- return from {frame.code.co_qualname}\n")

    def on_exception(self, frame, exc):
        if self.busy:
            return
        self.out.write(f"{self._indent(frame)}!!! {type(exc).__name__} in {frame.code.co_qualname}\n")

    def on_instruction(self, frame, index):
        if self.busy:       # reprs of guest objects run guest code: don't trace the tracer
            return
        self.busy = True
        try:
            info = frame.info
            op = info.ops[index]
            line = info.line(index)
            text = (f"{self._indent(frame)}{frame.code.co_name}:{line if line is not None else '-'} "
                    f"{info.offsets[index]:>4} {OPNAMES.get(op, op):<24} {info.opargs[index]:<4}")
            if self.show_stack:
                text += f" stack: {events.stack_repr(frame)}"
            self.out.write(text + "\n")
        finally:
            self.busy = False


def main(argv):
    from ..cli import parse_target
    from ..runner import run_program
    show_stack = True
    out = sys.stderr
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--no-stack":
            show_stack = False
        elif opt == "--output":
            out = open(argv.pop(0), "w")
        else:
            print(f"pyceval trace: unknown option {opt}", file=sys.stderr)
            return 2
    kind, target, args = parse_target(argv)
    tracer = Tracer(out, show_stack)
    events.attach(tracer)
    try:
        return run_program(kind, target, args)
    finally:
        events.detach(tracer)
        out.flush()
