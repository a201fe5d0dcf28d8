"""A small Markdown-to-HTML converter (headings, paragraphs, emphasis, code,
lists, blockquotes, links, tables, fenced code) with html.escape and re, plus a
table of contents and an HTMLParser-based round trip that extracts text."""
import html
import re
from html.parser import HTMLParser

DOC = """\
# Pyceval *User* Guide

Welcome to **pyceval**, a VM for `CPython` bytecode & friends.
It runs <scripts> unchanged.

## Installing

1. Clone the repo
2. Run `pip install -e .`
3. Profit!

> **Note:** this is a *quote*
> that spans two lines.

## Usage

- run a script: `pyceval run x.py`
- run a module
  with a continuation line
- see [the docs](https://example.test/docs?a=1&b=2 "Docs")

```python
def hello(name):
    print(f"<hi> {name}")  # & more
```

### Options table

| Option | Meaning | Default |
|:-------|:-------:|--------:|
| `-m`   | module  | none    |
| `-c`   | code    | *none*  |

---

Trailing paragraph with a hard  
break, an ![image](img.png), __strong__ and _em_ and ~~strike~~.
Auto link: <https://example.test>. Escaped \\*stars\\*.

## Installing
Duplicate heading gets a unique id.
"""

INLINE_RULES = [
    (re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)"), lambda m: f'<img src="{m[2]}" alt="{m[1]}">'),
    (re.compile(r'\[([^\]]+)\]\(([^)\s]+)(?:\s+&quot;([^&]*)&quot;)?\)'),
     lambda m: f'<a href="{m[2]}"' + (f' title="{m[3]}"' if m[3] else "") + f">{m[1]}</a>"),
    (re.compile(r"&lt;(https?://[^&\s]+)&gt;"), lambda m: f'<a href="{m[1]}">{m[1]}</a>'),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), lambda m: f"<strong>{m[2]}</strong>"),
    (re.compile(r"(\*|_)(?=\S)(.+?)(?<=\S)\1"), lambda m: f"<em>{m[2]}</em>"),
    (re.compile(r"~~(.+?)~~"), lambda m: f"<del>{m[1]}</del>"),
]


def inline(text):
    # protect code spans and escapes first
    stash = []

    def keep(s):
        stash.append(s)
        return f"\x00{len(stash) - 1}\x00"

    text = re.sub(r"\\([*_`\\])", lambda m: keep(m[1]), text)
    text = re.sub(r"`([^`]+)`", lambda m: keep(f"<code>{html.escape(m[1])}</code>"), text)
    text = html.escape(text)
    for pattern, repl in INLINE_RULES:
        text = pattern.sub(repl, text)
    text = re.sub(r" {2,}\n", "<br>\n", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: stash[int(m[1])], text)


def slug(text, used):
    base = re.sub(r"[^\w\s-]", "", re.sub(r"<[^>]+>", "", text)).strip().lower()
    base = re.sub(r"[\s_]+", "-", base)
    s, n = base, 1
    while s in used:
        n += 1
        s = f"{base}-{n}"
    used.add(s)
    return s


class Converter:
    def __init__(self):
        self.toc = []
        self.ids = set()

    def convert(self, text):
        lines = text.splitlines()
        out = []
        i = 0
        para = []

        def flush():
            if para:
                out.append("<p>" + inline("\n".join(para)) + "</p>")
                para.clear()

        while i < len(lines):
            line = lines[i]
            if m := re.match(r"^```(\w*)\s*$", line):
                flush()
                lang = m[1]
                j = i + 1
                code = []
                while j < len(lines) and not lines[j].startswith("```"):
                    code.append(lines[j])
                    j += 1
                cls = f' class="language-{lang}"' if lang else ""
                out.append(f"<pre><code{cls}>" + html.escape("\n".join(code)) + "</code></pre>")
                i = j + 1
                continue
            if m := re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line):
                flush()
                level = len(m[1])
                content = inline(m[2])
                hid = slug(content, self.ids)
                self.toc.append((level, hid, re.sub(r"<[^>]+>", "", content)))
                out.append(f'<h{level} id="{hid}">{content}</h{level}>')
            elif re.match(r"^(-{3,}|\*{3,})$", line):
                flush()
                out.append("<hr>")
            elif line.startswith(">"):
                flush()
                quote = []
                while i < len(lines) and lines[i].startswith(">"):
                    quote.append(lines[i][1:].lstrip())
                    i += 1
                out.append("<blockquote>" + Converter().convert("\n".join(quote)) + "</blockquote>")
                continue
            elif re.match(r"^\s*([-*+]|\d+\.)\s", line):
                flush()
                ordered = bool(re.match(r"^\s*\d+\.", line))
                tag = "ol" if ordered else "ul"
                items = []
                while i < len(lines) and lines[i].strip():
                    if m := re.match(r"^\s*(?:[-*+]|\d+\.)\s+(.*)", lines[i]):
                        items.append(m[1])
                    else:
                        items[-1] += " " + lines[i].strip()
                    i += 1
                out.append(f"<{tag}>" + "".join(f"<li>{inline(x)}</li>" for x in items) + f"</{tag}>")
                continue
            elif line.startswith("|"):
                flush()
                rows = []
                while i < len(lines) and lines[i].startswith("|"):
                    rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                    i += 1
                aligns = []
                for spec in rows[1]:
                    left, right = spec.startswith(":"), spec.endswith(":")
                    aligns.append("center" if left and right else "right" if right else
                                  "left" if left else None)
                def cell(tag, text, al):
                    style = f' style="text-align:{al}"' if al else ""
                    return f"<{tag}{style}>{inline(text)}</{tag}>"
                head = "".join(cell("th", c, a) for c, a in zip(rows[0], aligns))
                body = "".join("<tr>" + "".join(cell("td", c, a) for c, a in zip(r, aligns)) + "</tr>"
                               for r in rows[2:])
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
                continue
            elif not line.strip():
                flush()
            else:
                para.append(line)
            i += 1
        flush()
        return "\n".join(out)


class TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.tags = {}
        self.links = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.stack.append(tag)
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href"))

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if "pre" not in self.stack:
            self.parts.append(data)


def main():
    conv = Converter()
    body = conv.convert(DOC)
    print(body)
    print()
    print("<nav><ul>")
    for level, hid, title in conv.toc:
        print(f'{"  " * level}<li><a href="#{hid}">{html.escape(title)}</a></li>')
    print("</nav></ul>")

    ex = TextExtractor()
    ex.feed(body)
    ex.close()
    text = re.sub(r"\s+", " ", "".join(ex.parts)).strip()
    print()
    print("text:", text[:200])
    print("tags:", sorted(ex.tags.items()))
    print("links:", ex.links)
    print("words:", len(re.findall(r"\b\w+\b", text)))
    print(html.unescape("&lt;p&gt; &amp;amp; &copy; &#x27;q&#39; &eacute;&nbsp;x &notanentity;"))
    print(html.escape('<a href="x">\'y\'</a>', quote=False), html.escape("'\""))


if __name__ == "__main__":
    main()
