"""Object persistence without files: a document store that snapshots its state with
pickle into io.BytesIO (custom __reduce__, __getstate__/__setstate__, persistent
ids for external references, copyreg), deep/shallow copies, and marshal/json
comparisons."""
import copy
import copyreg
import io
import json
import marshal
import pickle
import pickletools
from collections import OrderedDict, defaultdict, deque, namedtuple
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
from fractions import Fraction


class Status(Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


Version = namedtuple("Version", "major minor")


@dataclass
class Author:
    name: str
    email: str


@dataclass
class Document:
    doc_id: int
    title: str
    body: str
    author: Author
    tags: set = field(default_factory=set)
    status: Status = Status.DRAFT
    created: datetime = datetime(2023, 1, 1, 9, 30)
    version: Version = Version(1, 0)
    ratings: list = field(default_factory=list)

    @property
    def avg_rating(self):
        return sum(self.ratings, Fraction(0)) / len(self.ratings) if self.ratings else None


class Connection:
    """Something that must never be pickled (like a socket)."""

    def __init__(self, dsn):
        self.dsn = dsn
        self.open = True

    def __reduce__(self):
        raise TypeError(f"cannot pickle live connection to {self.dsn}")


class Cache:
    """Drops its volatile parts on pickling and rebuilds them on load."""

    def __init__(self, name, capacity):
        self.name = name
        self.capacity = capacity
        self.data = OrderedDict()
        self.hits = 0
        self.conn = Connection("cache://" + name)

    def get(self, key, compute):
        if key in self.data:
            self.hits += 1
            self.data.move_to_end(key)
            return self.data[key]
        value = compute(key)
        self.data[key] = value
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)
        return value

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["conn"]
        state["hits"] = 0
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.conn = Connection("cache://" + self.name + "?restored")


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)


class Temperature:
    """Pickled via __reduce_ex__ to a factory call."""

    def __init__(self, kelvin):
        self.kelvin = kelvin

    @classmethod
    def from_celsius(cls, c):
        return cls(c + 273.15)

    def __reduce_ex__(self, protocol):
        return (Temperature.from_celsius, (round(self.kelvin - 273.15, 2),))

    def __repr__(self):
        return f"Temperature({self.kelvin:.2f}K)"


class Color:
    def __init__(self, r, g, b):
        self.rgb = (r, g, b)

    def __repr__(self):
        return "#%02x%02x%02x" % self.rgb


def reduce_color(c):
    return Color, c.rgb


copyreg.pickle(Color, reduce_color)


class Store:
    def __init__(self):
        self.docs = {}
        self.authors = {}
        self.index = defaultdict(set)
        self.history = deque(maxlen=5)
        self.cache = Cache("render", 3)

    def add(self, doc):
        self.docs[doc.doc_id] = doc
        self.authors[doc.author.email] = doc.author
        for word in doc.body.lower().split():
            self.index[word.strip(".,!")].add(doc.doc_id)
        self.history.append(("add", doc.doc_id))

    def search(self, word):
        return sorted(self.index.get(word, ()))


class ExternalRefPickler(pickle.Pickler):
    """Authors live in another system: store only a reference to them."""

    def persistent_id(self, obj):
        if isinstance(obj, Author):
            return ("author", obj.email)
        return None


class ExternalRefUnpickler(pickle.Unpickler):
    def __init__(self, f, directory):
        super().__init__(f)
        self.directory = directory

    def persistent_load(self, pid):
        kind, key = pid
        if kind == "author":
            return self.directory[key]
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


class RestrictedUnpickler(pickle.Unpickler):
    SAFE = {("builtins", "set"), ("builtins", "frozenset"), ("collections", "OrderedDict"),
            ("datetime", "datetime")}

    def find_class(self, module, name):
        if (module, name) in self.SAFE:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"global '{module}.{name}' is forbidden")


def snapshot(obj, protocol=pickle.HIGHEST_PROTOCOL):
    buf = io.BytesIO()
    pickle.dump(obj, buf, protocol=protocol)
    return buf.getvalue()


def main():
    store = Store()
    ada = Author("Ada", "ada@example.test")
    bob = Author("Bob", "bob@example.test")
    store.add(Document(1, "Engines", "The analytical engine weaves patterns.", ada,
                       {"history", "computing"}, Status.PUBLISHED, ratings=[5, 4, 5]))
    store.add(Document(2, "Notes", "Notes on the engine, with examples.", ada, {"notes"},
                       version=Version(2, 1)))
    store.add(Document(3, "Patterns", "Weaves and patterns in looms!", bob, set(),
                       Status.ARCHIVED, datetime(2022, 5, 17, 14, 0), ratings=[3]))
    for key in ["a", "b", "a", "c", "d", "a"]:
        store.cache.get(key, str.upper)
    print("cache before:", list(store.cache.data), "hits", store.cache.hits)

    for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
        data = snapshot(store, proto)
        back = pickle.loads(data)
        same = (back.docs == store.docs and back.search("engine") == store.search("engine")
                and list(back.history) == list(store.history))
        print(f"protocol {proto}: roundtrip equal={same} cache={list(back.cache.data)} "
              f"hits={back.cache.hits} conn={back.cache.conn.dsn}")

    back = pickle.loads(snapshot(store))
    d1 = back.docs[1]
    print("shared author identity preserved:", d1.author is back.docs[2].author,
          "| enum identity:", d1.status is Status.PUBLISHED)
    print("avg rating:", d1.avg_rating, "| tags:", sorted(d1.tags), "| version:", d1.version)
    print("history:", list(back.history), back.history.maxlen)

    # live connection refuses to pickle
    try:
        pickle.dumps(Connection("db://prod"))
    except TypeError as e:
        print("refused:", e)
    try:
        pickle.dumps(lambda x: x)
    except (pickle.PicklingError, AttributeError) as e:
        print("lambda:", type(e).__name__)

    # persistent ids
    buf = io.BytesIO()
    ExternalRefPickler(buf, protocol=4).dump(list(store.docs.values()))
    directory = {"ada@example.test": Author("Ada Lovelace", "ada@example.test"),
                 "bob@example.test": Author("Bob Babbage", "bob@example.test")}
    buf.seek(0)
    docs = ExternalRefUnpickler(buf, directory).load()
    print("persistent authors:", [d.author.name for d in docs],
          docs[0].author is directory["ada@example.test"])

    # restricted unpickling
    ok = pickle.dumps({"when": datetime(2020, 2, 29), "s": frozenset({1})})
    print("restricted ok:", RestrictedUnpickler(io.BytesIO(ok)).load())
    try:
        RestrictedUnpickler(io.BytesIO(pickle.dumps(Status.DRAFT))).load()
    except pickle.UnpicklingError as e:
        print("restricted:", e)

    # slots, reduce_ex, copyreg, recursive structures
    misc = [Point(1, 2), Temperature.from_celsius(21.5), Color(255, 128, 0), Decimal("1.10"),
            Fraction(22, 7), timedelta(days=2, seconds=5), b"\x00\xff", bytearray(b"ab"),
            complex(1, -1), range(2, 10, 3), slice(1, None, 2), {1: frozenset("ab")}, None, ...]
    cyc = {"name": "loop"}
    cyc["self"] = cyc
    misc.append(cyc)
    out = pickle.loads(pickle.dumps(misc))
    out[-1] = (out[-1]["self"] is out[-1], out[-1]["name"])
    out[11] = {k: sorted(v) for k, v in out[11].items()}
    print("misc:", out)

    # pickletools: opcodes of a small pickle (stable across runs)
    small = pickle.dumps((1, "a", [None, True]), protocol=2)
    ops = [op.name for op, arg, pos in pickletools.genops(small)]
    print("opcodes:", ops)
    print("optimized shorter:", len(pickletools.optimize(small)) <= len(small))

    # copy vs deepcopy with __copy__/__deepcopy__ hooks
    class Node:
        def __init__(self, label, children=()):
            self.label = label
            self.children = list(children)
            self.copied = ""

        def __copy__(self):
            n = Node(self.label, self.children)
            n.copied = "shallow"
            return n

        def __deepcopy__(self, memo):
            n = Node(self.label)
            memo[id(self)] = n
            n.children = copy.deepcopy(self.children, memo)
            n.copied = "deep"
            return n

    leaf = Node("leaf")
    tree = Node("root", [leaf, leaf])
    s = copy.copy(tree)
    d = copy.deepcopy(tree)
    print("shallow shares children:", s.children[0] is leaf, s.copied)
    print("deep copies once per object:", d.children[0] is d.children[1], d.children[0] is leaf,
          d.copied, d.children[0].copied)
    doc_copy = copy.deepcopy(store.docs[1])
    doc_copy.tags.add("new")
    print("deepcopy isolates:", sorted(store.docs[1].tags), sorted(doc_copy.tags))
    print("replace:", copy.replace if hasattr(copy, "replace") else "n/a")

    # marshal and json for plain data
    plain = {"ids": [1, 2, 3], "name": "x", "ratio": 0.5, "nested": (1, (2, 3)), "none": None}
    m = marshal.loads(marshal.dumps(plain))
    j = json.loads(json.dumps(plain))
    print("marshal keeps tuples:", m["nested"], "| json makes lists:", j["nested"])
    print("pickle sizes:", {p: len(pickle.dumps(plain, protocol=p)) for p in range(6)})


if __name__ == "__main__":
    main()
