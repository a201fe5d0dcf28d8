"""A 'todo' command line tool built with argparse subcommands, driven by several
argv lists. Help and usage errors are captured."""
import argparse
import contextlib
import io
import json
import os
import sys


class Store:
    def __init__(self):
        self.items = []
        self.next_id = 1

    def add(self, title, priority, tags):
        item = {"id": self.next_id, "title": title, "priority": priority,
                "tags": sorted(set(tags)), "done": False}
        self.items.append(item)
        self.next_id += 1
        return item

    def find(self, ident):
        for it in self.items:
            if it["id"] == ident:
                return it
        raise KeyError(ident)


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not positive")
    return value


class KeyValueAction(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        d = dict(getattr(namespace, self.dest) or {})
        for v in values:
            if "=" not in v:
                parser.error(f"expected KEY=VALUE, got {v!r}")
            k, _, val = v.partition("=")
            d[k] = val
        setattr(namespace, self.dest, d)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="todo",
        description="Manage a list of things to do.",
        epilog="Example: todo add 'buy milk' -p 2 -t shopping",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more output")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--version", action="version", version="%(prog)s 1.4.2")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p_add = sub.add_parser("add", help="add an item", aliases=["a"])
    p_add.add_argument("title")
    p_add.add_argument("-p", "--priority", type=positive_int, default=3)
    p_add.add_argument("-t", "--tag", dest="tags", action="append", default=[])
    p_add.add_argument("--meta", nargs="+", action=KeyValueAction, default=None,
                       metavar="KEY=VALUE")

    p_list = sub.add_parser("list", help="list items")
    group = p_list.add_mutually_exclusive_group()
    group.add_argument("--done", action="store_true")
    group.add_argument("--pending", action="store_true")
    p_list.add_argument("--sort", choices=["id", "priority", "title"], default="id")
    p_list.add_argument("--limit", type=int)

    p_done = sub.add_parser("done", help="mark items done")
    p_done.add_argument("ids", nargs="+", type=int)

    p_stats = sub.add_parser("stats", help="show statistics")
    p_stats.add_argument("--by", nargs="?", const="tag", default="priority")
    return parser


def run(argv, store, out):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verbose >= 2:
        print("args:", sorted(vars(args).items(), key=lambda kv: kv[0]), file=out)
    if args.command in ("add", "a"):
        item = store.add(args.title, args.priority, args.tags)
        if args.meta:
            item["meta"] = dict(sorted(args.meta.items()))
        if args.format == "json":
            print(json.dumps(item, sort_keys=True), file=out)
        else:
            print(f"added #{item['id']}: {item['title']}", file=out)
    elif args.command == "list":
        items = store.items
        if args.done:
            items = [i for i in items if i["done"]]
        elif args.pending:
            items = [i for i in items if not i["done"]]
        items = sorted(items, key=lambda i: (i[args.sort], i["id"]))
        if args.limit is not None:
            items = items[:args.limit]
        if args.format == "json":
            print(json.dumps(items, indent=2, sort_keys=True), file=out)
        else:
            for i in items:
                mark = "x" if i["done"] else " "
                tags = ",".join(i["tags"]) or "-"
                print(f"[{mark}] {i['id']:>3} p{i['priority']} {i['title']:<20} {tags}", file=out)
    elif args.command == "done":
        for ident in args.ids:
            try:
                store.find(ident)["done"] = True
                print(f"completed #{ident}", file=out)
            except KeyError:
                print(f"no such item: {ident}", file=out)
    elif args.command == "stats":
        counts = {}
        for i in store.items:
            keys = i["tags"] if args.by == "tag" else [i[args.by]]
            for k in keys:
                counts[k] = counts.get(k, 0) + 1
        for k in sorted(counts, key=str):
            print(f"{args.by}={k}: {counts[k]}", file=out)
    return 0


def invoke(argv, store):
    out = io.StringIO()
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(argv, store, sys.stdout)
        except SystemExit as e:
            code = e.code
    print(f"$ todo {' '.join(argv)}")
    for line in out.getvalue().splitlines():
        print("  out|", line)
    for line in err.getvalue().splitlines():
        print("  err|", line)
    print("  exit:", code)


def main():
    os.environ["COLUMNS"] = "80"
    store = Store()
    cases = [
        ["--help"],
        ["add", "--help"],
        ["--version"],
        ["add", "buy milk", "-p", "2", "-t", "shopping", "-t", "errand"],
        ["a", "write report", "--tag", "work", "--meta", "due=friday", "owner=me"],
        ["--format", "json", "add", "call mom", "-p", "1", "-t", "family", "-t", "family"],
        ["add", "fix bike", "-p", "0"],
        ["add", "fix bike", "-p", "abc"],
        ["add", "fix bike", "--meta", "broken"],
        ["add"],
        ["remove", "1"],
        [],
        ["list"],
        ["list", "--sort", "priority"],
        ["list", "--done", "--pending"],
        ["done", "1", "3", "99"],
        ["list", "--pending", "--limit", "1"],
        ["--format", "json", "list", "--done"],
        ["-vv", "stats"],
        ["stats", "--by"],
        ["list", "--sort", "size"],
        ["done", "x"],
    ]
    for argv in cases:
        invoke(argv, store)
    # parse_known_args and intermixed parsing
    p = argparse.ArgumentParser(prog="tool")
    p.add_argument("--level", type=int, default=1)
    p.add_argument("files", nargs="*")
    ns, rest = p.parse_known_args(["a.txt", "--level", "4", "--unknown", "b.txt"])
    print("known:", ns.level, ns.files, "rest:", rest)
    ns = p.parse_intermixed_args(["a", "--level", "2", "b", "c"])
    print("intermixed:", ns)
    p2 = argparse.ArgumentParser(prog="fromfile", fromfile_prefix_chars="@",
                                 argument_default=argparse.SUPPRESS)
    p2.add_argument("--x", type=float)
    p2.add_argument("--flag", action=argparse.BooleanOptionalAction)
    print("suppress:", vars(p2.parse_args([])), vars(p2.parse_args(["--x", "2.5", "--no-flag"])))
    print(p2.format_usage().strip())


if __name__ == "__main__":
    main()
