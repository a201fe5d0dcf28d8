"""A small Python linter / code-metrics tool: parses source with ast, walks it
with NodeVisitor/NodeTransformer, checks names and complexity, tokenizes with
tokenize for comment/string stats, rewrites code with ast.unparse, compiles
and runs the transformed code, inspects symtables and code objects, and
disassembles one function."""
import ast
import dis
import io
import keyword
import symtable
import textwrap
import tokenize
from collections import Counter

SOURCE = textwrap.dedent('''
    """Module docstring."""
    import os, sys
    from collections import *
    import json

    GLOBAL_counter = 0
    CONSTANT = 42


    def BadName(x, y=[]):
        global GLOBAL_counter
        GLOBAL_counter += 1
        if x > 0:
            if x > 10:
                for i in range(x):
                    if i % 2 == 0 and i % 3 == 0 or i == 7:
                        y.append(i)
            elif x == 5:
                while x:
                    x -= 1
        else:
            try:
                return 1 / x
            except:
                pass
        return y


    class shape:
        sides = 0

        def area(self):  # TODO: implement
            raise NotImplementedError

        def describe(self, verbose=False):
            name = type(self).__name__
            label = f"{name} with {self.sides} sides"
            return label if verbose else name


    def good_function(values: list[int]) -> int:
        """Sum positive values."""
        total = 0
        for v in values:
            if v > 0:
                total += v
        unused = 5
        return total


    async def fetch(url, *, retries=3):
        for attempt in range(retries):
            result = await something(url)
            if result:
                return result
        lambda q: q
        print("debug", url)
''')


class Linter(ast.NodeVisitor):
    def __init__(self):
        self.issues = []
        self.func_stack = []
        self.imported = {}
        self.used_names = Counter()

    def report(self, node, code, msg):
        self.issues.append((node.lineno, node.col_offset, code, msg))

    def visit_Import(self, node):
        if len(node.names) > 1:
            self.report(node, "E401", "multiple imports on one line")
        for alias in node.names:
            self.imported[alias.asname or alias.name] = node.lineno
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if alias.name == "*":
                self.report(node, "F403", f"'from {node.module} import *' used")
            else:
                self.imported[alias.asname or alias.name] = node.lineno

    def visit_FunctionDef(self, node):
        if not node.name.islower() and not node.name.startswith("_"):
            self.report(node, "N802", f"function name {node.name!r} should be lowercase")
        for default in node.args.defaults:
            if isinstance(default, (ast.List, ast.Dict, ast.Set)):
                self.report(default, "B006", "mutable default argument")
        if ast.get_docstring(node) is None and not node.name.startswith("_"):
            self.report(node, "D103", f"missing docstring in {node.name!r}")
        complexity = 1 + sum(isinstance(n, (ast.If, ast.For, ast.While, ast.ExceptHandler,
                                            ast.BoolOp, ast.IfExp, ast.AsyncFor))
                             for n in ast.walk(node))
        if complexity > 5:
            self.report(node, "C901", f"{node.name!r} is too complex ({complexity})")
        self.check_unused(node)
        self.func_stack.append(node.name)
        self.generic_visit(node)
        self.func_stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def check_unused(self, func):
        assigned = {}
        loaded = set()
        for n in ast.walk(func):
            if isinstance(n, ast.Name):
                if isinstance(n.ctx, ast.Store):
                    assigned.setdefault(n.id, n)
                else:
                    loaded.add(n.id)
        for name, n in assigned.items():
            if name not in loaded:
                self.report(n, "F841", f"local variable {name!r} is assigned to but never used")

    def visit_ClassDef(self, node):
        if not node.name[:1].isupper():
            self.report(node, "N801", f"class name {node.name!r} should use CapWords")
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        if node.type is None:
            self.report(node, "E722", "do not use bare 'except'")
        self.generic_visit(node)

    def visit_Global(self, node):
        self.report(node, "PLW0603", f"using the global statement ({', '.join(node.names)})")

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id == "print" and self.func_stack:
            self.report(node, "T201", "print found")
        self.generic_visit(node)

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Lambda):
            self.report(node, "B018", "useless lambda expression")
        self.generic_visit(node)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self.used_names[node.id] += 1

    def finish(self):
        for name, lineno in self.imported.items():
            if not self.used_names[name]:
                self.issues.append((lineno, 0, "F401", f"{name!r} imported but unused"))
        self.issues.sort()


class ConstantFolder(ast.NodeTransformer):
    """Fold arithmetic on literals and rename print -> log."""
    OPS = {ast.Add: lambda a, b: a + b, ast.Mult: lambda a, b: a * b,
           ast.Sub: lambda a, b: a - b, ast.Pow: lambda a, b: a ** b}

    def __init__(self):
        self.folded = 0

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if (isinstance(node.left, ast.Constant) and isinstance(node.right, ast.Constant)
                and type(node.op) in self.OPS):
            self.folded += 1
            value = self.OPS[type(node.op)](node.left.value, node.right.value)
            return ast.copy_location(ast.Constant(value), node)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "print":
            node.func = ast.copy_location(ast.Name("log", ast.Load()), node.func)
        return node


def token_stats(source):
    stats = Counter()
    comments = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        stats[tokenize.tok_name[tok.type]] += 1
        if tok.type == tokenize.COMMENT:
            comments.append((tok.start[0], tok.string))
        if tok.type == tokenize.NAME and keyword.iskeyword(tok.string):
            stats["keyword:" + tok.string] += 1
    return stats, comments


def main():
    tree = ast.parse(SOURCE, filename="sample.py")
    linter = Linter()
    linter.visit(tree)
    linter.finish()
    print(f"{len(linter.issues)} issues:")
    for lineno, col, code, msg in linter.issues:
        print(f"  sample.py:{lineno}:{col + 1}: {code} {msg}")

    # metrics
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    print("functions:", [(f.name, f.lineno, f.end_lineno, len(f.args.args)) for f in funcs])
    print("node types:", Counter(type(n).__name__ for n in ast.walk(tree)).most_common(6))
    print("docstring:", ast.get_docstring(tree), "| good_function doc:",
          ast.get_docstring(next(f for f in funcs if f.name == "good_function")))
    seg = ast.get_source_segment(SOURCE, funcs[-1].args)
    print("source segment:", repr(seg))

    stats, comments = token_stats(SOURCE)
    print("tokens:", {k: stats[k] for k in ("NAME", "OP", "NUMBER", "STRING", "COMMENT", "NEWLINE",
                                             "INDENT", "DEDENT")})
    print("keywords:", sorted((k.split(":")[1], v) for k, v in stats.items() if k.startswith("keyword:"))[:8])
    print("comments:", comments)
    try:
        list(tokenize.generate_tokens(io.StringIO("x = (1,\n").readline))
    except tokenize.TokenError as e:
        print("token error:", e.args[0])

    # dump / unparse / literal_eval
    expr = ast.parse("a + 2 * 3 - f(x, *y, k=1)", mode="eval")
    print(ast.dump(expr.body.left, include_attributes=False))
    print(ast.dump(ast.parse("x: int = 1").body[0], indent=1))
    print(ast.unparse(ast.parse("if a:\n  b = [i**2 for i in range(10) if i%2]\nelse:\n  del c[1:2]")))
    print("literal_eval:", ast.literal_eval("{'a': [1, 2.5, (3, None)], 'b': {True, -4}, 'c': b'x'}"))
    try:
        ast.literal_eval("__import__('os')")
    except ValueError as e:
        print("literal_eval refused:", str(e).split(":")[0])

    # transform, compile and run
    program = textwrap.dedent("""
        SECONDS_PER_DAY = 24 * 60 * 60
        def report(n):
            print("days", n, "=", n * SECONDS_PER_DAY, "seconds", 2 ** 10)
            return n * (3 + 4)
        result = report(2)
    """)
    t = ast.parse(program)
    folder = ConstantFolder()
    t = ast.fix_missing_locations(folder.visit(t))
    print("folded:", folder.folded)
    print(ast.unparse(t))
    logged = []
    ns = {"log": lambda *a: logged.append(" ".join(map(str, a)))}
    exec(compile(t, "<transformed>", "exec"), ns)
    print("executed:", logged, ns["result"], ns["SECONDS_PER_DAY"])

    # compile errors with positions
    for bad in ["def f(:\n  pass", "x = 1 +", "return 5", "a = [1, 2", "f(**x, *y)", "nonlocal q"]:
        try:
            compile(bad, "bad.py", "exec")
        except SyntaxError as e:
            print(f"  {bad!r:22} -> {type(e).__name__}: {e.msg} (line {e.lineno}, col {e.offset})")

    # symtable
    st = symtable.symtable(SOURCE, "sample.py", "exec")
    bad_fn = next(c for c in st.get_children() if c.get_name() == "BadName")
    print("symtable BadName:", sorted(bad_fn.get_locals()), sorted(bad_fn.get_globals()),
          bad_fn.get_type(), bad_fn.lookup("GLOBAL_counter").is_declared_global())
    shape_cls = next(c for c in st.get_children() if c.get_name() == "shape")
    print("class methods:", sorted(shape_cls.get_methods()))

    # code objects and dis
    code = compile("def f(a, b=2):\n    c = a + b\n    return [c * i for i in range(a)]\n", "m.py", "exec")
    fcode = next(c for c in code.co_consts if hasattr(c, "co_code"))
    print("code:", fcode.co_name, fcode.co_varnames, fcode.co_argcount, fcode.co_firstlineno,
          fcode.co_nlocals, [type(c).__name__ for c in fcode.co_consts])
    print("lines:", sorted({l for _, _, l in fcode.co_lines() if l}))
    ops = [ins.opname for ins in dis.get_instructions(fcode)]
    print("instructions:", len(ops), Counter(ops).most_common(3))
    out = io.StringIO()
    dis.dis(fcode, file=out, depth=0)
    print("\n".join(line.rstrip() for line in out.getvalue().splitlines()[:8]))
    print("stack effect:", dis.stack_effect(dis.opmap["BUILD_LIST"], 3), dis.opname[dis.opmap["RETURN_VALUE"]])


if __name__ == "__main__":
    main()
