"""A mini coverage tool and call profiler built on sys.settrace / sys.setprofile,
the way coverage.py and cProfile-style tools work: line events per function,
branch-ish arcs, call/return/exception events, a call tree, and an annotated
source listing of the traced functions."""
import collections
import inspect
import linecache
import gc
import sys
import threading


def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    if n % 2:
        kind = "odd"
    else:
        kind = "even"
    if n > 100:  # never true in the test data
        kind += "-big"
    return kind


def safe_div(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        result = float("inf")
    finally:
        pass
    return result


def gen_squares(n):
    for i in range(n):
        yield i * i


def walk(tree, depth=0):
    total = tree["value"]
    for child in tree.get("children", ()):
        total += walk(child, depth + 1)
    return total


class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()


def workload():
    out = [classify(n) for n in (-5, 0, 3, 8)]
    out.append(safe_div(1, 0))
    out.append(safe_div(9, 3))
    out.append(sum(gen_squares(5)))
    tree = {"value": 1, "children": [{"value": 2}, {"value": 3, "children": [{"value": 4}]}]}
    out.append(walk(tree))
    s = Stack()
    s.push(1)
    out.append(s.pop())
    try:
        s.pop()
    except IndexError as e:
        out.append(str(e))
    return out


class Coverage:
    def __init__(self, filename):
        self.filename = filename
        self.lines = collections.defaultdict(set)
        self.arcs = collections.defaultdict(set)
        self.last = {}
        self.events = collections.Counter()

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != self.filename:
            return None
        self.events[event] += 1
        if event == "call":
            self.last[frame] = -frame.f_code.co_firstlineno
        elif event == "line":
            key = frame.f_code.co_name
            self.lines[key].add(frame.f_lineno)
            self.arcs[key].add((self.last.get(frame), frame.f_lineno))
            self.last[frame] = frame.f_lineno
        elif event == "return":
            self.arcs[frame.f_code.co_name].add((self.last.pop(frame, None), -frame.f_code.co_firstlineno))
        return self.tracer

    def report(self, funcs):
        print(f"{'function':12} {'stmts':>5} {'miss':>5} {'cover':>6}  missing")
        for func in funcs:
            src, start = inspect.getsourcelines(func)
            code = func.__code__
            executable = {ln for _, _, ln in code.co_lines() if ln is not None and ln != start}
            # drop lines that are only 'else:'/'try:'/'finally:' style syntax
            executable = {ln for ln in executable
                          if linecache.getline(self.filename, ln).strip() not in ("else:", "try:", "finally:")}
            hit = self.lines.get(code.co_name, set())
            missing = sorted(executable - hit)
            pct = 100 * (len(executable) - len(missing)) / len(executable)
            print(f"{code.co_name:12} {len(executable):5} {len(missing):5} {pct:5.0f}%  "
                  f"{[ln - start for ln in missing]}")

    def annotate(self, func):
        src, start = inspect.getsourcelines(func)
        hit = self.lines.get(func.__name__, set())
        for i, line in enumerate(src):
            mark = ">" if (start + i) in hit else " "
            print(f"  {mark} {i:2} {line.rstrip()}")


class Profiler:
    def __init__(self):
        self.calls = collections.Counter()
        self.c_calls = collections.Counter()
        self.depth = 0
        self.tree = []
        self.exceptions = []

    def profile(self, frame, event, arg):
        name = frame.f_code.co_name
        if event == "call":
            self.calls[name] += 1
            if self.depth < 4:
                self.tree.append("  " * self.depth + name)
            self.depth += 1
        elif event == "return":
            self.depth -= 1
        elif event == "c_call":
            self.c_calls[arg.__name__] += 1
        elif event in ("c_return", "c_exception"):
            pass


def main():
    me = __file__ if "__file__" in globals() else sys.argv[0]
    cov = Coverage(workload.__code__.co_filename)
    old = sys.gettrace()
    sys.settrace(cov.tracer)
    try:
        result = workload()
    finally:
        sys.settrace(old)
    print("result:", result)
    print("events:", sorted(cov.events.items()))
    cov.report([classify, safe_div, gen_squares, walk, Stack.pop, workload])
    print("classify arcs (relative):", sorted((
        (a - classify.__code__.co_firstlineno if a and a > 0 else "entry",
         b - classify.__code__.co_firstlineno if b > 0 else "exit")
        for a, b in cov.arcs["classify"]) ,key=str))
    print("annotated classify:")
    cov.annotate(classify)

    # local trace function only for one frame, and f_trace_lines toggling
    seen = []

    def local_only(frame, event, arg):
        if event == "line":
            seen.append(frame.f_lineno - safe_div.__code__.co_firstlineno)
        return local_only

    def global_hook(frame, event, arg):
        if frame.f_code is safe_div.__code__:
            return local_only
        return None

    sys.settrace(global_hook)
    safe_div(4, 2)
    sys.settrace(None)
    print("safe_div lines (relative):", seen)

    # frame.f_trace set from within: trace the rest of the current function only
    hits = []

    def on_line(frame, event, arg):
        if event == "line":
            hits.append(frame.f_lineno)
        return on_line

    def target():
        frame = sys._getframe()
        sys.settrace(lambda *a: None)
        frame.f_trace = on_line
        a = 1
        b = a + 1
        sys.settrace(None)
        return b

    base = target.__code__.co_firstlineno
    target()
    print("f_trace lines (relative):", [h - base for h in hits])

    # profiling
    prof = Profiler()
    # (pyceval's traceback frames keep objects alive until the cyclic collector runs, so
    # a suspended generator may be finalized, and profiled, later than natively; collect
    # first so that the profile shows only the workload: see test_divergences.py)
    gc.collect()
    sys.setprofile(prof.profile)
    workload()
    sorted([3, 1, 2], key=abs)
    sys.setprofile(None)
    print("python calls:", sorted(prof.calls.items()))
    print("c calls:", sorted((k, v) for k, v in prof.c_calls.items() if k in ("append", "sorted", "sum", "pop", "abs")))
    print("call tree:")
    for line in prof.tree[:12]:
        print("   ", line)

    # settrace in threads via threading.settrace
    thread_lines = collections.Counter()

    def thread_tracer(frame, event, arg):
        if event == "call" and frame.f_code is classify.__code__:
            thread_lines["classify"] += 1
        return None

    threading.settrace(thread_tracer)
    t = threading.Thread(target=lambda: [classify(i) for i in range(3)])
    t.start()
    t.join()
    threading.settrace(None)
    print("thread trace:", dict(thread_lines))

    # exception events seen by a tracer
    excs = []

    def exc_tracer(frame, event, arg):
        if event == "exception":
            excs.append((frame.f_code.co_name, arg[0].__name__))
        return exc_tracer

    sys.settrace(exc_tracer)
    try:
        Stack().pop()
    except IndexError:
        pass
    safe_div(1, 0)
    sys.settrace(None)
    print("exception events:", excs)
    print("gettrace after:", sys.gettrace(), sys.getprofile())


if __name__ == "__main__":
    main()
