"""The `pyceval` command: `pyceval [run] ...` behaves like `python3 ...`; tools are subcommands."""
import sys

USAGE = """usage: pyceval [run] [--no-specialize] [--no-tier2] [-m module | -c command | file.py | file.pyc] [arg ...]
       pyceval dis [--adaptive] (file.py | file.pyc | module:function) [arg ...]
       pyceval stats [--json FILE] [--sort KEY] [--limit N] [-m module | -c command | file] [arg ...]
       pyceval trace [--no-stack] [-m module | -c command | file] [arg ...]
       pyceval conformance [-j N] [--json FILE] [--markdown FILE] [MODULE ...]

commands:
  run     execute a program in the VM, as python3 would (the default: `pyceval script.py
          args` is `pyceval run script.py args`; a script named like a command needs a
          path, `pyceval ./dis`)
  trace   execute a program and print every instruction with the value stack
  dis     disassemble as `dis` does; with --adaptive, run first and show the specialized
          instructions (PEP 659) with their counters
  stats   execute a program and report specialization per family, opcode counts and pairs,
          and the history of the hottest instructions
  conformance  run CPython's Lib/test modules natively and in the VM, compare per case
"""


def parse_target(argv):
    """python-style target selection: returns (kind, target, args) or raises SystemExit."""
    if not argv:
        print(USAGE, file=sys.stderr, end="")
        raise SystemExit(2)
    first = argv[0]
    for option, kind in (("-m", "module"), ("-c", "command")):
        if first == option:
            if len(argv) < 2:
                print(f"Argument expected for the {option} option", file=sys.stderr)
                raise SystemExit(2)
            return kind, argv[1], argv[2:]
        if first.startswith(option):          # -mpkg.mod, -c'code' as python accepts
            return kind, first[2:], argv[1:]
    if first == "--":
        return parse_target(argv[1:])
    if first.startswith("-") and first != "-":
        print(f"pyceval: unknown option {first}\n{USAGE}", file=sys.stderr, end="")
        raise SystemExit(2)
    return "script", first, argv[1:]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE, end="")
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        command, rest = "run", argv           # python-style: pyceval script.py args
    if command == "run":
        from .runner import KEYBOARD_INTERRUPT, exit_by_sigint, run_program
        while rest and rest[0] in ("--no-specialize", "--no-tier2"):
            if rest[0] == "--no-specialize":
                from .codeinfo import SPECIALIZE
                SPECIALIZE["enabled"] = False
            else:
                from .tier2 import TIER2
                TIER2["enabled"] = False
            rest = rest[1:]
        kind, target, args = parse_target(rest)
        status = run_program(kind, target, args)
        return exit_by_sigint() if status == KEYBOARD_INTERRUPT else status
    if command == "trace":
        from .tools import trace
        return trace.main(rest)
    if command == "stats":
        from .tools import stats
        return stats.main(rest)
    if command == "dis":
        from .tools import disassemble
        return disassemble.main(rest)
    if command == "conformance":
        from .tools import conformance
        return conformance.main(rest)
    raise AssertionError(command)


COMMANDS = ("run", "trace", "stats", "dis", "conformance")
