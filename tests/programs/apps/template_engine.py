"""A Jinja-like template engine that compiles templates to Python source and
exec()s them: variables with filters, if/elif/else, for loops with loop
variables, macros, template inheritance (blocks), includes, autoescaping,
and error messages that map back to template line numbers."""
import html
import re

TOKEN_RE = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.S)


class TemplateSyntaxError(Exception):
    def __init__(self, msg, name, lineno):
        super().__init__(f"{name}:{lineno}: {msg}")
        self.lineno = lineno


class TemplateRuntimeError(Exception):
    pass


class Markup(str):
    def __html__(self):
        return self


def escape(value):
    if hasattr(value, "__html__"):
        return value.__html__()
    return Markup(html.escape(str(value)))


class Undefined:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return ""

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __getattr__(self, item):
        if item.startswith("__"):
            raise AttributeError(item)
        raise TemplateRuntimeError(f"{self.name!r} is undefined (accessing .{item})")


FILTERS = {
    "upper": lambda v: str(v).upper(),
    "lower": lambda v: str(v).lower(),
    "title": lambda v: str(v).title(),
    "length": len,
    "join": lambda v, sep=", ": sep.join(map(str, v)),
    "default": lambda v, d="": v if v or v == 0 else d,
    "truncate": lambda v, n=20: v if len(v) <= n else v[: n - 3] + "...",
    "safe": Markup,
    "money": lambda v: f"${v:,.2f}",
    "sum": sum,
    "sort": sorted,
    "first": lambda v: next(iter(v), None),
    "round": round,
    "pluralize": lambda n, s="s": "" if n == 1 else s,
}


class Loop:
    def __init__(self, length):
        self.length = length
        self.index0 = -1

    @property
    def index(self):
        return self.index0 + 1

    @property
    def first(self):
        return self.index0 == 0

    @property
    def last(self):
        return self.index0 == self.length - 1

    def cycle(self, *values):
        return values[self.index0 % len(values)]


class CodeBuilder:
    def __init__(self):
        self.lines = []
        self.indent = 1
        self.linemap = {}

    def add(self, line, tpl_line):
        self.linemap[len(self.lines) + 2] = tpl_line
        self.lines.append("    " * self.indent + line)


def compile_expr(expr):
    """'user.name|upper|truncate(10)' -> Python expression using ctx lookups."""
    parts = [p.strip() for p in re.split(r"\|(?![|])", expr)]
    code = translate(parts[0])
    for f in parts[1:]:
        m = re.fullmatch(r"(\w+)(?:\((.*?)\))?(.*)", f)
        if not m:
            raise ValueError(f"bad filter {f!r}")
        name, args, rest = m.groups()
        code = f"_f[{name!r}]({code}{', ' + translate(args) if args else ''}){' ' + translate(rest) if rest.strip() else ''}"
    return code


def translate(expr):
    out = []
    for tok in re.finditer(r"'[^']*'|\"[^\"]*\"|[A-Za-z_]\w*(?:\.\w+)*|\S", expr):
        t = tok.group()
        if t[0].isalpha() or t[0] == "_":
            head, *rest = t.split(".")
            if head in ("and", "or", "not", "in", "is", "None", "True", "False", "if", "else"):
                out.append(t)
                continue
            code = f"_lookup(_ctx, {head!r})"
            for attr in rest:
                code = f"_attr({code}, {attr!r})"
            out.append(code)
        else:
            out.append(t)
    return " ".join(out)


class Environment:
    def __init__(self, templates, autoescape=True):
        self.sources = templates
        self.autoescape = autoescape
        self.cache = {}

    def get(self, name):
        if name not in self.cache:
            if name not in self.sources:
                raise TemplateRuntimeError(f"template {name!r} not found")
            self.cache[name] = Template(self.sources[name], name, self)
        return self.cache[name]


def _lookup(ctx, name):
    for scope in reversed(ctx):
        if name in scope:
            return scope[name]
    return Undefined(name)


def _attr(obj, name):
    if isinstance(obj, dict):
        return obj.get(name, Undefined(name))
    try:
        return getattr(obj, name)
    except AttributeError:
        return Undefined(name)


class Template:
    def __init__(self, source, name="<string>", env=None):
        self.name = name
        self.env = env
        self.parent = None
        self.blocks = {}
        self.macros = {}
        self.source_code, self.linemap = self._compile(source)
        ns = {}
        try:
            exec(compile(self.source_code, f"<template {name}>", "exec"), ns)
        except SyntaxError as e:
            raise TemplateSyntaxError(f"invalid expression ({e.msg})", name,
                                      self.linemap.get(e.lineno, "?")) from None
        self.render_fn = ns["render"]
        self.block_fns = {b: ns[f"block_{b}"] for b in self.blocks}
        self.macro_fns = {m: ns[f"macro_{m}"] for m in self.macros}

    def _compile(self, source):
        main = CodeBuilder()
        builders = [main]
        stack = []
        lineno = 1
        all_code = []
        linemaps = {}

        def emit(line):
            builders[-1].add(line, lineno)

        for piece in TOKEN_RE.split(source):
            if not piece:
                continue
            start_line = lineno
            lineno += piece.count("\n")
            if piece.startswith("{#"):
                continue
            if piece.startswith("{{"):
                expr = piece[2:-2].strip()
                lineno_saved, lineno = lineno, start_line
                emit(f"_out.append(_esc({compile_expr(expr)}))")
                lineno = lineno_saved
            elif piece.startswith("{%"):
                stmt = piece[2:-2].strip()
                words = stmt.split(None, 1)
                kw = words[0]
                arg = words[1] if len(words) > 1 else ""
                lineno_saved, lineno = lineno, start_line
                if kw == "if":
                    emit(f"if {compile_expr(arg)}:")
                    builders[-1].indent += 1
                    stack.append("if")
                elif kw == "elif":
                    builders[-1].indent -= 1
                    emit(f"elif {compile_expr(arg)}:")
                    builders[-1].indent += 1
                elif kw == "else":
                    builders[-1].indent -= 1
                    emit("else:")
                    builders[-1].indent += 1
                elif kw == "for":
                    m = re.fullmatch(r"(\w+(?:\s*,\s*\w+)*)\s+in\s+(.+)", arg)
                    if not m:
                        raise TemplateSyntaxError(f"bad for: {arg!r}", self.name, lineno)
                    names = [n.strip() for n in m.group(1).split(",")]
                    emit(f"_items = list({compile_expr(m.group(2))})")
                    emit("_loop = _Loop(len(_items))")
                    emit("_ctx.append({'loop': _loop})")
                    emit(f"for {', '.join('_v_' + n for n in names)} in _items:")
                    builders[-1].indent += 1
                    emit("_loop.index0 += 1")
                    emit("_ctx[-1].update({" + ", ".join(f"{n!r}: _v_{n}" for n in names) + "})")
                    stack.append("for")
                elif kw == "block":
                    self.blocks[arg] = True
                    emit(f"_out.append(_self.render_block({arg!r}, _ctx))")
                    builders.append(CodeBuilder())
                    stack.append(("block", arg))
                elif kw == "macro":
                    m = re.fullmatch(r"(\w+)\((.*)\)", arg)
                    mname, params = m.group(1), m.group(2)
                    self.macros[mname] = True
                    b = CodeBuilder()
                    b.mname, b.params = mname, params
                    builders.append(b)
                    stack.append(("macro", mname))
                elif kw == "call":
                    m = re.fullmatch(r"(\w+)\((.*)\)", arg)
                    emit(f"_out.append(_self.call_macro({m.group(1)!r}, _ctx, {translate(m.group(2)) if m.group(2) else ''}))")
                elif kw == "extends":
                    self.parent = arg.strip("'\"")
                elif kw == "include":
                    emit(f"_out.append(_self.include({arg.strip(chr(39) + chr(34))!r}, _ctx))")
                elif kw == "set":
                    name, _, expr = arg.partition("=")
                    emit(f"_ctx[-1][{name.strip()!r}] = {compile_expr(expr)}")
                elif kw.startswith("end"):
                    if not stack:
                        raise TemplateSyntaxError(f"unexpected {kw!r}", self.name, lineno)
                    top = stack.pop()
                    kind = top if isinstance(top, str) else top[0]
                    if kw != "end" + kind:
                        raise TemplateSyntaxError(f"expected 'end{kind}', got {kw!r}", self.name, lineno)
                    if kind == "for":
                        builders[-1].indent -= 1
                        emit("_ctx.pop()")
                    elif kind == "if":
                        builders[-1].indent -= 1
                    else:
                        b = builders.pop()
                        b.kind, b.bname = kind, top[1]
                        all_code.append(b)
                else:
                    raise TemplateSyntaxError(f"unknown tag {kw!r}", self.name, lineno)
                lineno = lineno_saved
            else:
                emit(f"_out.append({piece!r})")
        if stack:
            top = stack[-1]
            raise TemplateSyntaxError(f"unclosed {top if isinstance(top, str) else top[0]!r}",
                                      self.name, lineno)
        header = ("from __main__ import _lookup, _attr, Loop as _Loop, FILTERS as _f, "
                  "escape as _escape_html\n")
        src_lines = [header]

        def add_func(signature, builder):
            base = len("".join(src_lines).splitlines()) + 1
            src_lines.append(signature + "\n")
            src_lines.append("    _out = []\n")
            for i, line in enumerate(builder.lines):
                linemaps[base + 2 + i] = builder.linemap.get(i + 2, "?")
                src_lines.append(line + "\n")
            src_lines.append("    return ''.join(_out)\n")

        add_func("def render(_self, _ctx, _esc):", main)
        for b in all_code:
            if b.kind == "block":
                add_func(f"def block_{b.bname}(_self, _ctx, _esc):", b)
            else:
                params = [p.strip() for p in b.params.split(",") if p.strip()]
                names = [p.split("=")[0].strip() for p in params]
                sig = ", ".join(["_self", "_ctx", "_esc"] + params)
                src_lines.append("")
                add_func(f"def macro_{b.bname}({sig}):\n    _ctx = _ctx + "
                         f"[{{{', '.join(f'{n!r}: {n}' for n in names)}}}]", b)
        return "".join(src_lines), linemaps

    # runtime helpers -----------------------------------------------------
    def _esc(self):
        if self.env is None or self.env.autoescape:
            return escape
        return lambda v: v if isinstance(v, str) else str(v)

    def render_block(self, name, ctx, child=None):
        impl = (child or self).find_block(name)
        return impl(self, ctx, self._esc())

    def find_block(self, name):
        return self.block_fns[name]

    def include(self, name, ctx):
        return Markup(self.env.get(name).render_ctx(ctx))

    def call_macro(self, name, ctx, *args):
        candidates = [self] + (list(self.env.cache.values()) if self.env else [])
        for tpl in candidates:
            if name in tpl.macro_fns:
                return Markup(tpl.macro_fns[name](self, ctx, self._esc(), *args))
        raise TemplateRuntimeError(f"unknown macro {name!r}")

    def render_ctx(self, ctx):
        try:
            if self.parent:
                parent = self.env.get(self.parent)
                child_blocks = self.block_fns

                class Chain:
                    pass

                merged = dict(parent.block_fns)
                merged.update(child_blocks)
                old = parent.find_block
                parent.find_block = merged.__getitem__
                try:
                    return parent.render_fn(parent, ctx, parent._esc())
                finally:
                    parent.find_block = old
            return self.render_fn(self, ctx, self._esc())
        except TemplateRuntimeError:
            raise
        except Exception as e:
            tb = e.__traceback__
            line = "?"
            while tb:
                if tb.tb_frame.f_code.co_filename.startswith("<template"):
                    line = self.linemap.get(tb.tb_lineno, "?")
                tb = tb.tb_next
            raise TemplateRuntimeError(f"{self.name}:{line}: {type(e).__name__}: {e}") from e

    def render(self, **context):
        return self.render_ctx([context])


TEMPLATES = {
    "base.html": """<!doctype html>
<title>{% block title %}Shop{% endblock %}</title>
<nav>{% include "nav.html" %}</nav>
<main>{% block content %}(no content){% endblock %}</main>
<footer>{% block footer %}&copy; {{ year }}{% endblock %}</footer>""",
    "nav.html": """{% for link in links %}<a href="{{ link.url }}"{% if loop.first %} class="first"{% endif %}>{{ link.label }}</a>{% if not loop.last %} | {% endif %}{% endfor %}""",
    "macros.html": "",
    "order.html": """{% extends "base.html" %}
{% macro price(amount, currency='USD') %}<span class="{{ currency|lower }}">{{ amount|money }}</span>{% endmacro %}
{% block title %}Order #{{ order.id }} - {{ order.customer|title }}{% endblock %}
{% block content %}
{# a comment that is dropped #}
<h1>Order for {{ order.customer|title }}</h1>
{% if order.items|length > 3 %}<p>Big order!</p>{% elif order.items %}<p>{{ order.items|length }} item{{ order.items|length|pluralize }}</p>{% else %}<p>Empty</p>{% endif %}
<table>
{% for name, qty, unit in order.items %}<tr class="{{ loop.cycle('odd', 'even') }}"><td>{{ loop.index }}</td><td>{{ name }}</td><td>{{ qty }}</td><td>{% call price(unit) %}</td></tr>
{% endfor %}</table>
{% set total = order.total %}<p>Total: {% call price(total, 'EUR') %}</p>
<p>Note: {{ order.note|default('none') }} / {{ order.html_note }} / {{ order.html_note|safe }}</p>
<p>Tags: {{ order.tags|sort|join(' · ') }}; first: {{ order.tags|first }}</p>
{% endblock %}""",
    "broken_syntax.html": "Hello {{ name + }}",
    "broken_tag.html": "line1\n{% for x in xs %}\n{{ x }}\n{% endif %}",
    "unclosed.html": "a\n{% if x %}\nb",
    "runtime_error.html": "ok\n{{ items|length }}\n{{ total / zero }}\n",
    "undefined_attr.html": "{{ user.name }} {{ nobody.email }}",
}


def main():
    env = Environment(TEMPLATES)
    order = {
        "id": 1042, "customer": "ada lovelace", "note": "",
        "items": [("Widget <small>", 3, 2.5), ("Gadget & co", 1, 1999.0), ("Gizmo", 12, 0.125)],
        "tags": ["gift", "express", "b2b"],
        "html_note": "<b>fragile</b>",
    }
    order["total"] = sum(q * u for _, q, u in order["items"])
    out = env.get("order.html").render(
        order=order, year=2024,
        links=[{"url": "/", "label": "Home"}, {"url": "/cart?x=1&y=2", "label": "Cart & Co"},
               {"url": "/help", "label": "Help"}])
    print(out)
    print("-" * 60)
    print(Template("{{ n }} item{{ n|pluralize }}; {{ missing|default('n/a') }}; [{{ missing }}]")
          .render(n=1), "|",
          Template("{% for x in xs %}{{ loop.index }}/{{ loop.length }} {% endfor %}").render(xs="abc"))
    raw = Environment({"t": "{{ v }}"}, autoescape=False).get("t").render(v="<i>raw</i>")
    print("no autoescape:", raw, "| escaped:", Template("{{ v }}").render(v="<i>x</i>"))
    print("generated code for nav.html:")
    for i, line in enumerate(env.get("nav.html").source_code.splitlines()[:8], 1):
        print(f"  {i:2} {line[:90]}")

    for name in ["broken_syntax.html", "broken_tag.html", "unclosed.html", "runtime_error.html",
                 "undefined_attr.html", "missing.html"]:
        try:
            env.get(name).render(items=[1, 2], zero=0, total=5, user={"name": "x"})
            print(f"{name}: rendered?!")
        except (TemplateSyntaxError, TemplateRuntimeError) as e:
            cause = f" (cause {type(e.__cause__).__name__})" if e.__cause__ else ""
            print(f"{type(e).__name__}: {e}{cause}")


if __name__ == "__main__":
    main()
