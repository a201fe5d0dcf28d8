"""An interactive key-value shell built on cmd.Cmd, driven by a scripted input
stream, plus an embedded Python console (code.InteractiveConsole) executing a
session transcript, and a stdin-reading fallback that copes with empty stdin."""
import cmd
import code
import io
import shlex
import sys


class KVShell(cmd.Cmd):
    intro = "kv shell 1.0 -- type help"
    prompt = "kv> "

    def __init__(self, stdin, stdout):
        super().__init__(stdin=stdin, stdout=stdout)
        self.use_rawinput = False
        self.data = {}
        self.history = []
        self.tx = None

    def emit(self, *args):
        print(*args, file=self.stdout)

    def precmd(self, line):
        self.history.append(line)
        return line.strip()

    def postcmd(self, stop, line):
        return stop

    def emptyline(self):
        self.emit("(empty line ignored)")

    def default(self, line):
        self.emit(f"*** unknown command: {line.split()[0]!r}")

    def do_set(self, arg):
        "set KEY VALUE -- store a value"
        try:
            key, value = shlex.split(arg)
        except ValueError:
            self.emit("usage: set KEY VALUE")
            return
        target = self.tx if self.tx is not None else self.data
        target[key] = value

    def do_get(self, arg):
        "get KEY -- print a value"
        for source in (self.tx or {}, self.data):
            if arg in source:
                self.emit(source[arg])
                return
        self.emit(f"(nil)")

    def complete_get(self, text, line, begidx, endidx):
        return sorted(k for k in self.data if k.startswith(text))

    def do_del(self, arg):
        "del KEY..."
        n = sum(self.data.pop(k, None) is not None for k in arg.split())
        self.emit(f"(deleted {n})")

    def do_keys(self, arg):
        "keys [PATTERN]"
        import fnmatch
        keys = sorted(k for k in self.data if fnmatch.fnmatch(k, arg or "*"))
        self.columnize(keys, displaywidth=30) if keys else self.emit("(empty)")

    def do_begin(self, arg):
        if self.tx is not None:
            self.emit("*** already in transaction")
        else:
            self.tx = {}

    def do_commit(self, arg):
        if self.tx is None:
            self.emit("*** no transaction")
            return
        self.data.update(self.tx)
        self.emit(f"(committed {len(self.tx)})")
        self.tx = None

    def do_rollback(self, arg):
        self.tx = None
        self.emit("(rolled back)")

    def do_incr(self, arg):
        "incr KEY [N]"
        parts = arg.split()
        key, n = parts[0], int(parts[1]) if len(parts) > 1 else 1
        try:
            self.data[key] = str(int(self.data.get(key, "0")) + n)
        except ValueError:
            self.emit("*** value is not an integer")
            return
        self.emit(self.data[key])

    def do_history(self, arg):
        for i, h in enumerate(self.history[-5:], 1):
            self.emit(f"{i:3}  {h}")

    def do_quit(self, arg):
        "quit the shell"
        self.emit("bye")
        return True

    do_EOF = do_quit


SCRIPT = """\
set name Ada
set greeting "hello world"
get greeting
get missing
incr counter
incr counter 41
incr name

keys
keys g*
begin
set name Grace
get name
begin
rollback
get name
begin
set lang python
commit
commit
del name nope
frobnicate now
help set
help
history
"""

CONSOLE_LINES = [
    "x = 21",
    "x * 2",
    "def double(v):",
    "    return v * 2",
    "",
    "[double(i) for i in range(4)]",
    "import math; math.sqrt(x * 4 + 16)",
    "1 / 0",
    "undefined_name",
    "for i in range(2):",
    "    print('loop', i)",
    "",
    "class P:",
    "    def __repr__(self): return 'P()'",
    "",
    "P()",
    "_",
    "if True:",
    "   print('unclosed'",
    ")",
    "x = (1 +",
    "     2)",
    "x",
    "None",
    "def broken(:",
]


class Console(code.InteractiveConsole):
    def __init__(self, out):
        super().__init__(locals={"__name__": "__console__"})
        self.out = out

    def write(self, data):
        self.out.append("ERR " + data.rstrip("\n"))


def main():
    out = io.StringIO()
    shell = KVShell(io.StringIO(SCRIPT), out)
    shell.cmdloop()
    for line in out.getvalue().splitlines():
        print("|", line.rstrip())
    print("final data:", dict(sorted(shell.data.items())))
    print("completion:", shell.complete_get("g", "get g", 4, 5), shell.completenames("he"))

    print("--- console ---")
    transcript = []
    console = Console(transcript)
    saved_out = sys.stdout
    buf = io.StringIO()
    sys.stdout = buf
    old_hook = sys.displayhook
    try:
        more = False
        for line in CONSOLE_LINES:
            prompt = "... " if more else ">>> "
            transcript.append(prompt + line)
            mark = len(buf.getvalue())
            more = console.push(line)
            produced = buf.getvalue()[mark:]
            for pl in produced.splitlines():
                transcript.append(pl)
    finally:
        sys.stdout = saved_out
        sys.displayhook = old_hook
    for line in transcript:
        print(line)
    print("console locals:", sorted(k for k in console.locals if not k.startswith("__")))

    # code.compile_command: incomplete vs complete
    for src in ["if x:", "if x:\n  pass\n", "a = 1", "a = (", "def f(:"]:
        try:
            r = code.compile_command(src)
            print(f"compile_command({src!r}) ->", "incomplete" if r is None else type(r).__name__)
        except SyntaxError as e:
            print(f"compile_command({src!r}) -> SyntaxError {e.msg}")

    # reading stdin like a filter program; the harness gives empty stdin
    data = sys.stdin.read()
    lines = data.splitlines() or ["(no input; using defaults)"]
    print("stdin lines:", lines, "isatty:", sys.stdin.isatty())
    try:
        answer = input("continue? ")
    except EOFError:
        answer = None
        print()
        print("EOF on input()")
    print("answer:", answer)


if __name__ == "__main__":
    main()
