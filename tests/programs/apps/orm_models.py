"""A miniature ORM: a metaclass collecting Field descriptors (with __set_name__
and __prepare__ for declaration order), model inheritance, validation, an
identity map held in a WeakValueDictionary, a query builder using operator
overloading, lazy relations, __class_getitem__ for typed querysets, and change
tracking via __setattr__."""
import weakref
import gc
import itertools
import operator
import re
from collections import OrderedDict


class ValidationError(ValueError):
    pass


class Expr:
    def __init__(self, field, op, value):
        self.field, self.op, self.value = field, op, value

    def __and__(self, other):
        return And(self, other)

    def __or__(self, other):
        return Or(self, other)

    def __invert__(self):
        return Not(self)

    def matches(self, obj):
        return self.op(getattr(obj, self.field), self.value)

    def sql(self):
        sym = {operator.eq: "=", operator.ne: "!=", operator.lt: "<", operator.le: "<=",
               operator.gt: ">", operator.ge: ">="}.get(self.op, self.op.__name__)
        return f"{self.field} {sym} {self.value!r}"


class And(Expr):
    def __init__(self, a, b):
        self.a, self.b = a, b

    def matches(self, obj):
        return self.a.matches(obj) and self.b.matches(obj)

    def sql(self):
        return f"({self.a.sql()} AND {self.b.sql()})"


class Or(And):
    def matches(self, obj):
        return self.a.matches(obj) or self.b.matches(obj)

    def sql(self):
        return f"({self.a.sql()} OR {self.b.sql()})"


class Not(Expr):
    def __init__(self, e):
        self.e = e

    def matches(self, obj):
        return not self.e.matches(obj)

    def sql(self):
        return f"NOT {self.e.sql()}"


class Field:
    _counter = itertools.count()

    def __init__(self, *, default=None, required=False, choices=None):
        self.default = default
        self.required = required
        self.choices = choices
        self.order = next(Field._counter)

    def __set_name__(self, owner, name):
        self.name = name
        self.attr = "_f_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.attr, self.default() if callable(self.default) else self.default)

    def __set__(self, obj, value):
        value = self.convert(value)
        if value is None and self.required:
            raise ValidationError(f"{type(obj).__name__}.{self.name} is required")
        if self.choices is not None and value not in self.choices:
            raise ValidationError(f"{type(obj).__name__}.{self.name}={value!r} not in {self.choices}")
        obj.__dict__[self.attr] = value

    def convert(self, value):
        return value

    # query-building comparisons
    def __eq__(self, value):
        return Expr(self.name, operator.eq, value)

    def __ne__(self, value):
        return Expr(self.name, operator.ne, value)

    def __lt__(self, value):
        return Expr(self.name, operator.lt, value)

    def __le__(self, value):
        return Expr(self.name, operator.le, value)

    def __gt__(self, value):
        return Expr(self.name, operator.gt, value)

    def __ge__(self, value):
        return Expr(self.name, operator.ge, value)

    def contains(self, value):
        return Expr(self.name, operator.contains, value)

    __hash__ = object.__hash__

    def __repr__(self):
        return f"<{type(self).__name__} {getattr(self, 'name', '?')}>"


class IntField(Field):
    def __init__(self, *, min=None, max=None, **kw):
        super().__init__(**kw)
        self.min, self.max = min, max

    def convert(self, value):
        if value is None:
            return None
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise ValidationError(f"{self.name}: {value!r} is not an integer") from None
        if self.min is not None and value < self.min:
            raise ValidationError(f"{self.name}: {value} < {self.min}")
        if self.max is not None and value > self.max:
            raise ValidationError(f"{self.name}: {value} > {self.max}")
        return value


class StrField(Field):
    def __init__(self, *, pattern=None, max_length=None, **kw):
        super().__init__(**kw)
        self.pattern = re.compile(pattern) if pattern else None
        self.max_length = max_length

    def convert(self, value):
        if value is None:
            return None
        value = str(value).strip()
        if self.max_length and len(value) > self.max_length:
            raise ValidationError(f"{self.name}: longer than {self.max_length}")
        if self.pattern and not self.pattern.fullmatch(value):
            raise ValidationError(f"{self.name}: {value!r} does not match {self.pattern.pattern}")
        return value


class ForeignKey(Field):
    def __init__(self, target, **kw):
        super().__init__(**kw)
        self.target = target

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        pk = obj.__dict__.get(self.attr)
        if pk is None:
            return None
        target = self.target if isinstance(self.target, type) else Model.registry[self.target]
        return target.objects.get(pk)

    def __set__(self, obj, value):
        if isinstance(value, Model):
            value = value.pk
        obj.__dict__[self.attr] = value


class QuerySet:
    def __init__(self, model, rows, where=None, order=None, limit=None):
        self.model, self.rows, self.where, self.order, self._limit = model, rows, where, order, limit

    def __class_getitem__(cls, item):
        return f"QuerySet[{item.__name__}]"

    def filter(self, expr):
        where = expr if self.where is None else (self.where & expr)
        return QuerySet(self.model, self.rows, where, self.order, self._limit)

    def order_by(self, name):
        return QuerySet(self.model, self.rows, self.where, name, self._limit)

    def limit(self, n):
        return QuerySet(self.model, self.rows, self.where, self.order, n)

    def __iter__(self):
        items = [o for o in self.rows() if self.where is None or self.where.matches(o)]
        if self.order:
            desc = self.order.startswith("-")
            items.sort(key=operator.attrgetter(self.order.lstrip("-")), reverse=desc)
        return iter(items[: self._limit])

    def __len__(self):
        return sum(1 for _ in self)

    def sql(self):
        s = f"SELECT * FROM {self.model.__table__}"
        if self.where is not None:
            s += f" WHERE {self.where.sql()}"
        if self.order:
            s += f" ORDER BY {self.order.lstrip('-')}{' DESC' if self.order.startswith('-') else ''}"
        if self._limit is not None:
            s += f" LIMIT {self._limit}"
        return s


class Manager:
    def __init__(self, model):
        self.model = model
        self.store = {}
        self.identity = weakref.WeakValueDictionary()
        self.next_pk = 1

    def create(self, **kw):
        obj = self.model(**kw)
        obj.save()
        return obj

    def get(self, pk):
        obj = self.identity.get(pk)
        if obj is None:
            data = self.store[pk]
            obj = self.model(**data)
            obj.pk = pk
            obj._dirty.clear()
            self.identity[pk] = obj
            Model.loads += 1
        return obj

    def all(self):
        return QuerySet(self.model, lambda: [self.get(pk) for pk in sorted(self.store)])


class ModelMeta(type):
    registry = {}

    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        return OrderedDict()

    def __new__(mcs, name, bases, ns, table=None, **kw):
        cls = super().__new__(mcs, name, bases, dict(ns), **kw)
        fields = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "_fields", {}))
        own = sorted(((k, v) for k, v in ns.items() if isinstance(v, Field)), key=lambda kv: kv[1].order)
        fields.update(own)
        cls._fields = fields
        if name != "Model":
            cls.__table__ = table or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() + "s"
            cls.objects = Manager(cls)
            ModelMeta.registry[name] = cls
        return cls

    def __repr__(cls):
        return f"<model {cls.__name__} fields={list(cls._fields)}>"


class Model(metaclass=ModelMeta):
    loads = 0

    def __init__(self, **kw):
        object.__setattr__(self, "_dirty", set())
        object.__setattr__(self, "pk", None)
        unknown = set(kw) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} got unexpected fields {sorted(unknown)}")
        for name, field in self._fields.items():
            if name in kw:
                setattr(self, name, kw[name])
            elif field.required:
                raise ValidationError(f"{type(self).__name__}.{name} is required")

    def __setattr__(self, name, value):
        if name in self._fields:
            self._dirty.add(name)
        object.__setattr__(self, name, value)

    def save(self):
        mgr = type(self).objects
        if self.pk is None:
            object.__setattr__(self, "pk", mgr.next_pk)
            mgr.next_pk += 1
        mgr.store[self.pk] = {n: self.__dict__.get(f.attr) for n, f in self._fields.items()
                              if f.attr in self.__dict__}
        mgr.identity[self.pk] = self
        self._dirty.clear()
        return self

    def __repr__(self):
        vals = ", ".join(f"{n}={getattr(self, n)!r}" for n, f in self._fields.items()
                         if not isinstance(f, ForeignKey))
        return f"{type(self).__name__}(pk={self.pk}, {vals})"

    def __eq__(self, other):
        return type(self) is type(other) and self.pk is not None and self.pk == other.pk

    __hash__ = object.__hash__


class TimestampedModel(Model):
    created = IntField(default=0)


class Author(TimestampedModel, table="people"):
    name = StrField(required=True, max_length=20)
    email = StrField(pattern=r"[^@\s]+@[^@\s]+\.\w+")
    karma = IntField(default=0, min=0)


class BlogPost(TimestampedModel):
    title = StrField(required=True)
    status = StrField(default="draft", choices=("draft", "published"))
    views = IntField(default=0, min=0)
    author = ForeignKey("Author")
    tags = Field(default=list)


def main():
    print(Author, BlogPost, BlogPost.__table__, Author.__table__)
    ann = Author.objects.create(name="Ann", email="ann@example.test", karma="12", created=1)
    bob = Author.objects.create(name="  Bob  ", email="bob@example.test", created=2)
    posts = [
        BlogPost.objects.create(title="Hello", status="published", views=120, author=ann, tags=["intro"]),
        BlogPost.objects.create(title="Metaclasses", status="published", views=45, author=ann),
        BlogPost.objects.create(title="Draft ideas", author=bob),
        BlogPost.objects.create(title="Descriptors", status="published", views=300, author=bob.pk,
                                tags=["python", "advanced"]),
    ]
    print(posts[0], "| author:", posts[0].author.name, "| tags default:", posts[2].tags)

    for kwargs in [dict(title=None), dict(title="x", status="deleted"), dict(title="x", views=-1),
                   dict(title="x", views="many"), dict(title="x", colour="red")]:
        try:
            BlogPost(**kwargs)
        except (ValidationError, TypeError) as e:
            print(f"  {type(e).__name__}: {e}")
    for kwargs in [dict(name="x" * 30), dict(name="C", email="not-an-email"), dict(email="a@b.c")]:
        try:
            Author(**kwargs)
        except ValidationError as e:
            print(f"  ValidationError: {e}")

    qs = (BlogPost.objects.all().filter((BlogPost.status == "published") & (BlogPost.views > 50))
          .order_by("-views"))
    print(qs.sql())
    print([p.title for p in qs], len(qs))
    q2 = BlogPost.objects.all().filter(~(BlogPost.status == "draft") | BlogPost.tags.contains("intro"))
    print(q2.limit(2).sql(), [p.title for p in q2.limit(2)])
    print(QuerySet[BlogPost], BlogPost.views, (BlogPost.views == 3).sql())

    # change tracking
    p = posts[1]
    p.views += 5
    p.title = "Metaclasses in depth"
    print("dirty:", sorted(p._dirty))
    p.save()
    print("dirty after save:", sorted(p._dirty), BlogPost.objects.store[p.pk]["views"])

    # identity map: same object while referenced; reloaded after it is collected
    pk = posts[2].pk
    first = BlogPost.objects.get(pk)
    print("identity while alive:", first is posts[2])
    del first
    posts.pop(2)
    gc.collect()
    print("in identity map after del:", pk in BlogPost.objects.identity)
    loads_before = Model.loads
    again = BlogPost.objects.get(pk)
    print("reloaded:", again, "| loads +", Model.loads - loads_before, "| author:", again.author.name)
    print("same on second get:", BlogPost.objects.get(pk) is again, "| loads +", Model.loads - loads_before)
    alive = len(BlogPost.objects.identity)
    print("alive objects:", alive)

    # weakref callbacks and finalize
    events = []

    class Session:
        def __init__(self, name):
            self.name = name

    s = Session("s1")
    r = weakref.ref(s, lambda ref: events.append("ref callback"))
    fin = weakref.finalize(s, events.append, "finalized s1")
    print("weakref alive:", r() is s, fin.alive)
    del s
    gc.collect()
    print("after del:", r(), fin.alive, events)
    ws = weakref.WeakSet()
    keep = [Session(i) for i in range(3)]
    for k in keep:
        ws.add(k)
    ws.add(Session("temp"))
    gc.collect()
    print("weakset size:", len(ws))
    proxy = weakref.proxy(keep[0])
    print("proxy:", proxy.name)
    keep.clear()
    gc.collect()
    try:
        proxy.name
    except ReferenceError as e:
        print("proxy dead:", e)
    print("models:", sorted(ModelMeta.registry), list(BlogPost._fields))


if __name__ == "__main__":
    main()
