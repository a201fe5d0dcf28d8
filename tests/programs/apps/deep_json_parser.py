"""A hand-written recursive-descent JSON parser and serializer, exercised on
deeply nested documents (several hundred levels, like real-world pathological
inputs), compared with the json module, plus a recursive tree flattener and
a recursion-limit guard that reports errors instead of crashing."""
import json
import sys


class ParseError(Exception):
    def __init__(self, msg, pos):
        super().__init__(f"{msg} at offset {pos}")
        self.pos = pos


class Parser:
    WS = " \t\n\r"

    def __init__(self, text, max_depth=None):
        self.text = text
        self.pos = 0
        self.depth = 0
        self.max_depth = max_depth
        self.deepest = 0

    def parse(self):
        value = self.value()
        self.skip()
        if self.pos != len(self.text):
            raise ParseError("trailing data", self.pos)
        return value

    def skip(self):
        while self.pos < len(self.text) and self.text[self.pos] in self.WS:
            self.pos += 1

    def peek(self):
        self.skip()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, ch):
        if self.peek() != ch:
            raise ParseError(f"expected {ch!r}, got {self.peek() or 'EOF'!r}", self.pos)
        self.pos += 1

    def value(self):
        ch = self.peek()
        if ch in "[{":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            if self.max_depth is not None and self.depth > self.max_depth:
                raise ParseError(f"nesting deeper than {self.max_depth}", self.pos)
            try:
                return self.array() if ch == "[" else self.obj()
            finally:
                self.depth -= 1
        if ch == '"':
            return self.string()
        if ch == "-" or ch.isdigit():
            return self.number()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return val
        raise ParseError(f"unexpected {ch or 'EOF'!r}", self.pos)

    def array(self):
        self.expect("[")
        items = []
        if self.peek() == "]":
            self.pos += 1
            return items
        while True:
            items.append(self.value())
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("]")
            return items

    def obj(self):
        self.expect("{")
        out = {}
        if self.peek() == "}":
            self.pos += 1
            return out
        while True:
            if self.peek() != '"':
                raise ParseError("object keys must be strings", self.pos)
            key = self.string()
            self.expect(":")
            out[key] = self.value()
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("}")
            return out

    ESC = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

    def string(self):
        self.expect('"')
        out = []
        while True:
            if self.pos >= len(self.text):
                raise ParseError("unterminated string", self.pos)
            ch = self.text[self.pos]
            self.pos += 1
            if ch == '"':
                return "".join(out)
            if ch == "\\":
                esc = self.text[self.pos]
                self.pos += 1
                if esc == "u":
                    code = int(self.text[self.pos:self.pos + 4], 16)
                    self.pos += 4
                    if 0xD800 <= code < 0xDC00 and self.text.startswith("\\u", self.pos):
                        low = int(self.text[self.pos + 2:self.pos + 6], 16)
                        self.pos += 6
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    out.append(chr(code))
                else:
                    out.append(self.ESC[esc])
            else:
                out.append(ch)

    def number(self):
        start = self.pos
        if self.text[self.pos] == "-":
            self.pos += 1
        while self.pos < len(self.text) and (self.text[self.pos].isdigit() or self.text[self.pos] in ".eE+-"):
            self.pos += 1
        raw = self.text[start:self.pos]
        return float(raw) if any(c in raw for c in ".eE") else int(raw)


def dumps(value, indent=None, _level=0):
    pad = "" if indent is None else "\n" + " " * (indent * (_level + 1))
    end = "" if indent is None else "\n" + " " * (indent * _level)
    sep = "," if indent is None else ","
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = sep.join(f"{pad}{json.dumps(k)}:{' ' if indent is not None else ''}"
                         f"{dumps(v, indent, _level + 1)}" for k, v in value.items())
        return "{" + inner + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[" + sep.join(pad + dumps(v, indent, _level + 1) for v in value) + end + "]"
    return json.dumps(value)


def depth_of(value):
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    return 0


def flatten(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from flatten(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from flatten(v, f"{prefix}[{i}]")
    else:
        yield prefix, value


def nested(depth, leaf):
    text = leaf
    for i in range(depth):
        text = f'{{"k{i % 3}": {text}}}' if i % 2 else f"[{text}, {i}]"
    return text


def main():
    doc = ('{"name": "pyceval", "version": [3, 11, 7], "ok": true, "none": null, '
           '"pi": 3.14159, "neg": -2.5e-3, "esc": "tab\\tquote\\" slash\\/ \\u00e9 \\ud83d\\ude00", '
           '"nested": {"list": [{"a": 1}, {"b": [true, false]}], "empty": {}, "arr": []}}')
    mine = Parser(doc).parse()
    print("equal to json.loads:", mine == json.loads(doc))
    print("compact round trip:", dumps(mine) == json.dumps(mine, separators=(",", ":")))
    print(dumps(mine["nested"], indent=2))
    print("flatten:", list(flatten(mine))[:6])

    print("recursion limit:", sys.getrecursionlimit())
    for depth in (50, 200, 300):
        text = nested(depth, '"leaf"')
        p = Parser(text)
        value = p.parse()
        ok = value == json.loads(text)
        print(f"depth {depth}: parsed, deepest={p.deepest}, depth_of={depth_of(value)}, "
              f"json agrees={ok}, serialized length={len(dumps(value))}, "
              f"flatten={list(flatten(value))[-1]}")

    # guarded parsing of hostile input
    hostile = "[" * 5000 + "]" * 5000
    try:
        Parser(hostile, max_depth=400).parse()
    except ParseError as e:
        print("guarded:", e)
    try:
        Parser(hostile).parse()
        print("unguarded: parsed?!")
    except RecursionError as e:
        print("unguarded: RecursionError", type(e).__name__)
    try:
        json.loads(hostile)
    except RecursionError:
        print("json module: RecursionError too")
    print("still works after RecursionError:", Parser("[[1]]").parse())

    # error reporting
    for bad in ['{"a" 1}', "[1, 2", '{"a": tru}', '"abc', "[1] x", "{1: 2}", ""]:
        try:
            Parser(bad).parse()
        except ParseError as e:
            print(f"  {bad!r:12} -> {e}")

    # mutually recursive functions
    def is_even(n):
        return True if n == 0 else is_odd(n - 1)

    def is_odd(n):
        return False if n == 0 else is_even(n - 1)

    print("mutual recursion:", is_even(400), is_odd(301))

    # recursion through __repr__ and __eq__ of a linked list
    class Node:
        def __init__(self, v, nxt=None):
            self.v, self.nxt = v, nxt

        def __repr__(self):
            return f"{self.v}->{self.nxt!r}" if self.nxt is not None else str(self.v)

        def __eq__(self, other):
            return isinstance(other, Node) and self.v == other.v and self.nxt == other.nxt

        def __len__(self):
            return 1 + (len(self.nxt) if self.nxt is not None else 0)

    def build(n):
        head = None
        for i in reversed(range(n)):
            head = Node(i, head)
        return head

    a, b = build(150), build(150)
    print("linked list:", len(a), a == b, repr(a)[:30], repr(a)[-12:])


if __name__ == "__main__":
    main()
