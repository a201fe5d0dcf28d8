"""A tiny expression language: regex tokenizer, recursive-descent parser producing a
dataclass AST, an evaluator written with match statements, closures, and error
reporting with source positions."""
from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, field
from typing import Union


class LangError(Exception):
    def __init__(self, message, pos=None):
        super().__init__(message)
        self.pos = pos

    def render(self, source):
        if self.pos is None:
            return f"{type(self).__name__}: {self}"
        line_start = source.rfind("\n", 0, self.pos) + 1
        line_end = source.find("\n", self.pos)
        if line_end < 0:
            line_end = len(source)
        line_no = source.count("\n", 0, self.pos) + 1
        col = self.pos - line_start
        return (f"{type(self).__name__} at {line_no}:{col + 1}: {self}\n"
                f"    {source[line_start:line_end]}\n"
                f"    {' ' * col}^")


class LexError(LangError):
    pass


class ParseError(LangError):
    pass


class EvalError(LangError):
    pass


TOKEN_SPEC = [
    ("NUMBER", r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?"),
    ("STRING", r'"(?:[^"\\]|\\.)*"'),
    ("NAME", r"[A-Za-z_][A-Za-z_0-9]*"),
    ("OP", r"==|!=|<=|>=|->|&&|\|\||[-+*/%^<>=(),;{}\[\]!]"),
    ("NEWLINE", r"\n"),
    ("SKIP", r"[ \t]+|#[^\n]*"),
    ("MISMATCH", r"."),
]
TOKEN_RE = re.compile("|".join(f"(?P<{n}>{p})" for n, p in TOKEN_SPEC))
KEYWORDS = {"let", "fn", "if", "then", "else", "true", "false", "nil"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    pos: int


def tokenize(source):
    for m in TOKEN_RE.finditer(source):
        kind = m.lastgroup
        text = m.group()
        if kind in ("SKIP", "NEWLINE"):
            continue
        if kind == "MISMATCH":
            raise LexError(f"unexpected character {text!r}", m.start())
        if kind == "NAME" and text in KEYWORDS:
            kind = "KW"
        yield Token(kind, text, m.start())
    yield Token("EOF", "", len(source))


# ------------------------------------------------------------------ AST
@dataclass
class Num:
    value: float
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Str:
    value: str
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Const:
    value: object
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Var:
    name: str
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class BinOp:
    op: str
    left: "Expr"
    right: "Expr"
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Unary:
    op: str
    operand: "Expr"
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Call:
    func: "Expr"
    args: list
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Index:
    target: "Expr"
    index: "Expr"
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class ListLit:
    items: list
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class If:
    cond: "Expr"
    then: "Expr"
    other: "Expr"
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Lambda:
    params: list
    body: "Expr"
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Let:
    name: str
    value: "Expr"
    pos: int = field(default=0, compare=False, repr=False)


@dataclass
class Block:
    body: list
    pos: int = field(default=0, compare=False, repr=False)


Expr = Union[Num, Str, Const, Var, BinOp, Unary, Call, Index, ListLit, If, Lambda, Let, Block]

PRECEDENCE = [
    ("||",),
    ("&&",),
    ("==", "!="),
    ("<", ">", "<=", ">="),
    ("+", "-"),
    ("*", "/", "%"),
]


class Parser:
    def __init__(self, source):
        self.tokens = list(tokenize(source))
        self.i = 0

    @property
    def tok(self):
        return self.tokens[self.i]

    def advance(self):
        t = self.tokens[self.i]
        self.i += 1
        return t

    def accept(self, text):
        if self.tok.text == text and self.tok.kind in ("OP", "KW"):
            return self.advance()
        return None

    def expect(self, text):
        t = self.accept(text)
        if t is None:
            got = self.tok.text or "end of input"
            raise ParseError(f"expected {text!r}, got {got!r}", self.tok.pos)
        return t

    def program(self):
        stmts = [self.statement()]
        while self.accept(";"):
            if self.tok.kind == "EOF":
                break
            stmts.append(self.statement())
        if self.tok.kind != "EOF":
            raise ParseError(f"unexpected {self.tok.text!r}", self.tok.pos)
        return Block(stmts, 0)

    def statement(self):
        if t := self.accept("let"):
            name = self.advance()
            if name.kind != "NAME":
                raise ParseError("expected a name after 'let'", name.pos)
            self.expect("=")
            return Let(name.text, self.expression(), t.pos)
        return self.expression()

    def expression(self):
        if t := self.accept("if"):
            cond = self.expression()
            self.expect("then")
            then = self.expression()
            self.expect("else")
            return If(cond, then, self.expression(), t.pos)
        if t := self.accept("fn"):
            self.expect("(")
            params = []
            if not self.accept(")"):
                while True:
                    p = self.advance()
                    if p.kind != "NAME":
                        raise ParseError("bad parameter", p.pos)
                    params.append(p.text)
                    if self.accept(")"):
                        break
                    self.expect(",")
            self.expect("->")
            return Lambda(params, self.expression(), t.pos)
        return self.binary(0)

    def binary(self, level):
        if level == len(PRECEDENCE):
            return self.power()
        left = self.binary(level + 1)
        while self.tok.kind == "OP" and self.tok.text in PRECEDENCE[level]:
            op = self.advance()
            right = self.binary(level + 1)
            left = BinOp(op.text, left, right, op.pos)
        return left

    def power(self):
        base = self.unary()
        if t := self.accept("^"):
            return BinOp("^", base, self.power(), t.pos)  # right-assoc
        return base

    def unary(self):
        if self.tok.kind == "OP" and self.tok.text in ("-", "!"):
            t = self.advance()
            return Unary(t.text, self.unary(), t.pos)
        return self.postfix()

    def postfix(self):
        node = self.atom()
        while True:
            if t := self.accept("("):
                args = []
                if not self.accept(")"):
                    args.append(self.expression())
                    while self.accept(","):
                        args.append(self.expression())
                    self.expect(")")
                node = Call(node, args, t.pos)
            elif t := self.accept("["):
                idx = self.expression()
                self.expect("]")
                node = Index(node, idx, t.pos)
            else:
                return node

    def atom(self):
        t = self.advance()
        match t:
            case Token(kind="NUMBER", text=text):
                v = float(text)
                return Num(int(v) if v.is_integer() and "." not in text and "e" not in text.lower() else v, t.pos)
            case Token(kind="STRING", text=text):
                return Str(bytes(text[1:-1], "utf-8").decode("unicode_escape"), t.pos)
            case Token(kind="KW", text="true" | "false" as b):
                return Const(b == "true", t.pos)
            case Token(kind="KW", text="nil"):
                return Const(None, t.pos)
            case Token(kind="NAME", text=name):
                return Var(name, t.pos)
            case Token(kind="OP", text="("):
                e = self.expression()
                self.expect(")")
                return e
            case Token(kind="OP", text="["):
                items = []
                if not self.accept("]"):
                    items.append(self.expression())
                    while self.accept(","):
                        items.append(self.expression())
                    self.expect("]")
                return ListLit(items, t.pos)
            case Token(kind="OP", text="{"):
                body = [self.statement()]
                while self.accept(";"):
                    if self.tok.text == "}":
                        break
                    body.append(self.statement())
                self.expect("}")
                return Block(body, t.pos)
            case Token(kind="EOF"):
                raise ParseError("unexpected end of input", t.pos)
            case _:
                raise ParseError(f"unexpected {t.text!r}", t.pos)


# ------------------------------------------------------------------ evaluator
class Env:
    def __init__(self, parent=None, **bindings):
        self.vars = dict(bindings)
        self.parent = parent

    def lookup(self, name, pos):
        env = self
        while env is not None:
            if name in env.vars:
                return env.vars[name]
            env = env.parent
        raise EvalError(f"undefined name {name!r}", pos)

    def define(self, name, value):
        self.vars[name] = value


@dataclass
class Closure:
    params: list
    body: Expr
    env: Env
    name: str = "<fn>"

    def __repr__(self):
        return f"<fn {self.name}/{len(self.params)}>"


ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
         "%": operator.mod, "^": operator.pow, "<": operator.lt, ">": operator.gt,
         "<=": operator.le, ">=": operator.ge, "==": operator.eq, "!=": operator.ne}


class Interpreter:
    def __init__(self, out):
        self.out = out
        self.depth = 0
        self.calls = 0
        self.globals = Env(None, pi=math.pi)
        builtins = {
            "print": self._print, "len": len, "sqrt": math.sqrt, "str": self._str,
            "range": lambda n: list(range(int(n))),
            "map": lambda f, xs: [self.apply(f, [x], 0) for x in xs],
            "filter": lambda f, xs: [x for x in xs if self.truthy(self.apply(f, [x], 0))],
            "reduce": self._reduce,
        }
        for k, v in builtins.items():
            self.globals.define(k, v)

    def _str(self, v):
        match v:
            case bool():
                return "true" if v else "false"
            case None:
                return "nil"
            case float() if v.is_integer():
                return str(int(v))
            case list():
                return "[" + ", ".join(self._str(x) for x in v) + "]"
            case _:
                return str(v)

    def _print(self, *args):
        self.out.append(" ".join(self._str(a) for a in args))
        return None

    def _reduce(self, f, xs, init):
        acc = init
        for x in xs:
            acc = self.apply(f, [acc, x], 0)
        return acc

    @staticmethod
    def truthy(v):
        return v not in (False, None, 0, "", [])

    def apply(self, func, args, pos):
        match func:
            case Closure(params=params, body=body, env=env):
                if len(params) != len(args):
                    raise EvalError(f"{func!r} expects {len(params)} args, got {len(args)}", pos)
                self.depth += 1
                self.calls += 1
                if self.depth > 200:
                    self.depth = 0
                    raise EvalError("recursion too deep", pos)
                try:
                    return self.eval(body, Env(env, **dict(zip(params, args))))
                finally:
                    self.depth -= 1
            case _ if callable(func):
                try:
                    return func(*args)
                except (TypeError, ValueError) as e:
                    raise EvalError(f"builtin failed: {e}", pos) from e
            case _:
                raise EvalError(f"{self._str(func)!r} is not callable", pos)

    def eval(self, node, env):
        match node:
            case Num(value=v) | Str(value=v) | Const(value=v):
                return v
            case Var(name=name, pos=pos):
                return env.lookup(name, pos)
            case Let(name=name, value=value):
                v = self.eval(value, env)
                if isinstance(v, Closure) and v.name == "<fn>":
                    v.name = name
                env.define(name, v)
                return v
            case Block(body=body):
                result = None
                inner = Env(env) if node.pos else env
                for stmt in body:
                    result = self.eval(stmt, inner)
                return result
            case BinOp(op="&&", left=l, right=r):
                lv = self.eval(l, env)
                return self.eval(r, env) if self.truthy(lv) else lv
            case BinOp(op="||", left=l, right=r):
                lv = self.eval(l, env)
                return lv if self.truthy(lv) else self.eval(r, env)
            case BinOp(op=op, left=l, right=r, pos=pos):
                lv, rv = self.eval(l, env), self.eval(r, env)
                if op == "+" and (isinstance(lv, str) or isinstance(rv, str)):
                    return self._str(lv) + self._str(rv)
                try:
                    return ARITH[op](lv, rv)
                except ZeroDivisionError:
                    raise EvalError("division by zero", pos) from None
                except TypeError:
                    raise EvalError(f"cannot apply {op!r} to {type(lv).__name__} and "
                                    f"{type(rv).__name__}", pos) from None
            case Unary(op="-", operand=o, pos=pos):
                v = self.eval(o, env)
                if not isinstance(v, (int, float)) or isinstance(v, bool):
                    raise EvalError("bad operand for unary -", pos)
                return -v
            case Unary(op="!", operand=o):
                return not self.truthy(self.eval(o, env))
            case If(cond=c, then=t, other=o):
                return self.eval(t if self.truthy(self.eval(c, env)) else o, env)
            case Lambda(params=params, body=body):
                return Closure(params, body, env)
            case Call(func=f, args=args, pos=pos):
                fv = self.eval(f, env)
                return self.apply(fv, [self.eval(a, env) for a in args], pos)
            case ListLit(items=items):
                return [self.eval(i, env) for i in items]
            case Index(target=t, index=i, pos=pos):
                tv, iv = self.eval(t, env), self.eval(i, env)
                try:
                    return tv[int(iv)]
                except IndexError:
                    raise EvalError(f"index {iv} out of range", pos) from None
                except TypeError:
                    raise EvalError("not indexable", pos) from None
            case _:
                raise EvalError(f"unknown node {type(node).__name__}")


PROGRAMS = [
    "1 + 2 * 3 - 4 / 2",
    "2 ^ 3 ^ 2",
    "-(3 + 4) * 2 % 5",
    'let greet = fn(name) -> "hello, " + name + "!"; greet("world")',
    "let fact = fn(n) -> if n <= 1 then 1 else n * fact(n - 1); fact(20)",
    "let fib = fn(n) -> if n < 2 then n else fib(n-1) + fib(n-2); map(fib, range(15))",
    "let compose = fn(f, g) -> fn(x) -> f(g(x)); let inc = fn(x) -> x + 1;"
    " let dbl = fn(x) -> x * 2; compose(inc, dbl)(10)",
    "let xs = [3, 1, 4, 1, 5, 9, 2, 6]; reduce(fn(a, b) -> a + b, filter(fn(x) -> x % 2 == 1, xs), 0)",
    "let counter = fn() -> { let n = 0; fn() -> { let n = n + 1; n } }; counter()()",
    "{ print(\"in block\", 1 < 2, nil, [1, [2, 3]]); len(\"abc\") }",
    "true && 0 || \"fallback\"",
    "sqrt(2) * sqrt(2) == 2",
    "let loop = fn(n) -> loop(n + 1); loop(0)",
    "1 / (2 - 2)",
    "undefined_thing + 1",
    "let f = fn(a, b) -> a; f(1)",
    "[1, 2, 3][7]",
    "3(4)",
    "\"a\" - 1",
    "1 + * 2",
    "let = 5",
    "fn(x, 1) -> x",
    "(1 + 2",
    "1 + 2 $ 3",
    "if 1 then 2",
    "let s = \"tab\\there\"; print(s); len(s)",
    "let x = 1;\nlet y = 2;\nx + y +\n  nope",
]


def main():
    for src in PROGRAMS:
        out = []
        interp = Interpreter(out)
        print("»", src.replace("\n", " ⏎ "))
        try:
            tree = Parser(src).program()
            if len(src) < 40:
                print("  ast:", tree.body[-1])
            value = interp.eval(tree, interp.globals)
        except LangError as e:
            for line in e.render(src).splitlines():
                print("  !", line)
            if e.__cause__ is not None:
                print("  ! caused by", type(e.__cause__).__name__)
        else:
            for line in out:
                print("  out:", line)
            print("  =", interp._str(value), f"(calls: {interp.calls})")

    # structural equality of AST nodes ignores positions
    a = Parser("1 + x").program()
    b = Parser("1   +   x").program()
    print("ast equal:", a == b, "| tokens:", [t.kind for t in tokenize("let f = fn(a) -> a")])


if __name__ == "__main__":
    main()
