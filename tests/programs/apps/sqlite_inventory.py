"""An inventory app on sqlite3 (in-memory): schema migrations, parameterised
queries, row factories, custom adapters/converters, user-defined functions and
aggregates, transactions with rollback, window functions and a report."""
import datetime
import decimal
import json
import sqlite3
from contextlib import closing

SCHEMA_V1 = """
CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    sku TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    price DECIMAL NOT NULL,
    added DATE NOT NULL
);
CREATE TABLE stock (
    product_id INTEGER REFERENCES product(id) ON DELETE CASCADE,
    warehouse TEXT NOT NULL,
    qty INTEGER NOT NULL CHECK (qty >= 0),
    PRIMARY KEY (product_id, warehouse)
);
"""

MIGRATIONS = [
    "ALTER TABLE product ADD COLUMN tags JSON DEFAULT '[]'",
    "CREATE INDEX idx_stock_wh ON stock(warehouse)",
    """CREATE VIEW stock_value AS
       SELECT p.sku, s.warehouse, s.qty, p.price, s.qty * p.price AS value
       FROM stock s JOIN product p ON p.id = s.product_id""",
]


def adapt_decimal(d):
    return str(d)


def convert_decimal(b):
    return decimal.Decimal(b.decode())


def adapt_date(d):
    return d.isoformat()


def convert_date(b):
    return datetime.date.fromisoformat(b.decode())


def convert_json(b):
    return json.loads(b)


sqlite3.register_adapter(decimal.Decimal, adapt_decimal)
sqlite3.register_converter("DECIMAL", convert_decimal)
sqlite3.register_adapter(datetime.date, adapt_date)
sqlite3.register_converter("DATE", convert_date)
sqlite3.register_converter("JSON", convert_json)


class Median:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        if not self.values:
            return None
        v = sorted(self.values)
        n = len(v)
        return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def dict_factory(cursor, row):
    return {d[0]: v for d, v in zip(cursor.description, row)}


def migrate(conn):
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    applied = []
    if version == 0:
        conn.executescript(SCHEMA_V1)
        version = 1
        applied.append(1)
    for i, stmt in enumerate(MIGRATIONS, start=2):
        if version < i:
            conn.execute(stmt)
            version = i
            applied.append(i)
    conn.execute(f"PRAGMA user_version = {version}")
    return applied


def main():
    conn = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES)
    conn.execute("PRAGMA foreign_keys = ON")
    print("migrations applied:", migrate(conn), "| again:", migrate(conn))

    D = decimal.Decimal
    products = [
        ("W-1", "Widget", D("2.50"), datetime.date(2023, 1, 5), json.dumps(["small", "metal"])),
        ("G-7", "Gadget", D("19.99"), datetime.date(2023, 2, 11), json.dumps(["electronic"])),
        ("Z-3", "Gizmo", D("7.25"), datetime.date(2022, 12, 24), json.dumps([])),
        ("D-9", "Doohickey", D("0.99"), datetime.date(2023, 3, 1), json.dumps(["small"])),
    ]
    with conn:
        conn.executemany("INSERT INTO product (sku, name, price, added, tags) VALUES (?, ?, ?, ?, ?)",
                         products)
        ids = {sku: pid for pid, sku in conn.execute("SELECT id, sku FROM product")}
        stock = [(ids["W-1"], "north", 120), (ids["W-1"], "south", 30), (ids["G-7"], "north", 8),
                 (ids["Z-3"], "south", 45), (ids["Z-3"], "east", 5), (ids["D-9"], "east", 500)]
        conn.executemany("INSERT INTO stock VALUES (?, ?, ?)", stock)

    # converters at work
    row = conn.execute("SELECT sku, price, added, tags FROM product WHERE sku = ?", ("W-1",)).fetchone()
    print("typed row:", row, [type(v).__name__ for v in row])

    # row factories
    conn.row_factory = sqlite3.Row
    r = conn.execute("SELECT * FROM product WHERE sku = :sku", {"sku": "G-7"}).fetchone()
    print("Row:", r.keys(), r["name"], r[3], tuple(r)[:2], dict(r)["sku"])
    conn.row_factory = dict_factory
    print("dict rows:", conn.execute("SELECT sku, name FROM product ORDER BY sku LIMIT 2").fetchall())
    conn.row_factory = None

    # functions and aggregates
    conn.create_function("slug", 1, lambda s: s.lower().replace(" ", "-"), deterministic=True)
    conn.create_aggregate("median", 1, Median)
    conn.create_collation("reverse", lambda a, b: (a < b) - (a > b))
    print("udf:", conn.execute("SELECT slug('Big Gadget Pro')").fetchone()[0])
    print("median qty:", conn.execute("SELECT median(qty) FROM stock").fetchone()[0],
          "| per wh:", conn.execute("SELECT warehouse, median(qty) FROM stock GROUP BY warehouse "
                                    "ORDER BY warehouse").fetchall())
    print("collation:", [r[0] for r in conn.execute("SELECT sku FROM product ORDER BY sku COLLATE reverse")])

    # view + aggregate report
    print()
    print(f"{'warehouse':10} {'items':>5} {'units':>6} {'value':>10}")
    for wh, items, units, value in conn.execute(
            "SELECT warehouse, COUNT(*), SUM(qty), printf('%.2f', SUM(value)) FROM stock_value "
            "GROUP BY warehouse ORDER BY SUM(value) DESC"):
        print(f"{wh:10} {items:5} {units:6} {value:>10}")

    # window functions
    print()
    q = """SELECT sku, warehouse, qty,
                  RANK() OVER (PARTITION BY warehouse ORDER BY qty DESC) AS rnk,
                  SUM(qty) OVER (ORDER BY qty ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
           FROM stock_value ORDER BY qty"""
    for rowv in conn.execute(q):
        print("  window:", rowv)

    # transactions & constraint errors
    print()
    try:
        with conn:
            conn.execute("UPDATE stock SET qty = qty - 10 WHERE warehouse = 'north'")
            conn.execute("UPDATE stock SET qty = qty - 10 WHERE warehouse = 'east' AND qty < 10")
    except sqlite3.IntegrityError as e:
        print("integrity error:", e)
    print("north after rollback:", conn.execute(
        "SELECT qty FROM stock WHERE warehouse='north' ORDER BY qty").fetchall())
    for stmt, args in [("INSERT INTO product (sku, name, price, added) VALUES (?, ?, ?, ?)",
                        ("W-1", "Dup", D("1"), datetime.date(2023, 1, 1))),
                       ("INSERT INTO stock VALUES (?, ?, ?)", (999, "x", 1)),
                       ("SELECT nope FROM product", ()),
                       ("SELECT ?", (1, 2))]:
        try:
            conn.execute(stmt, args)
        except sqlite3.Error as e:
            print(f"{type(e).__name__}: {e}")
    conn.commit()

    # cascade delete and savepoints
    conn.isolation_level = None
    conn.execute("BEGIN")
    conn.execute("DELETE FROM product WHERE sku = 'Z-3'")
    conn.execute("SAVEPOINT sp1")
    conn.execute("DELETE FROM product WHERE sku = 'W-1'")
    conn.execute("ROLLBACK TO sp1")
    conn.execute("COMMIT")
    print("after cascade:", conn.execute("SELECT COUNT(*) FROM stock").fetchone()[0],
          [r[0] for r in conn.execute("SELECT sku FROM product ORDER BY sku")])

    # cursor details
    with closing(conn.cursor()) as cur:
        cur.execute("INSERT INTO product (sku, name, price, added) VALUES ('N-1', 'New', '3.00', '2023-04-01')")
        print("lastrowid:", cur.lastrowid, "rowcount:", cur.rowcount)
        cur.execute("SELECT sku, price FROM product ORDER BY id")
        print("description:", [d[0] for d in cur.description])
        print("fetchmany:", cur.fetchmany(2), "| rest:", len(cur.fetchall()))
        cur.execute("UPDATE product SET price = price * 2 WHERE price < 5")
        print("updated rows:", cur.rowcount)

    # json functions, blobs, iterdump
    print("json_each:", conn.execute(
        "SELECT p.sku, j.value FROM product p, json_each(p.tags) j ORDER BY p.sku, j.value").fetchall())
    conn.execute("CREATE TABLE blobs (data BLOB)")
    conn.execute("INSERT INTO blobs VALUES (?)", (b"\x00\x01binary\xff",))
    print("blob:", conn.execute("SELECT data, length(data), hex(data) FROM blobs").fetchone())
    dump = list(conn.iterdump())
    print("dump lines:", len(dump), dump[0], "| creates:", sum(l.startswith("CREATE") for l in dump))
    print("sqlite3 module:", sqlite3.paramstyle, sqlite3.threadsafety in (0, 1, 3),
          sqlite3.sqlite_version_info >= (3, 0, 0))
    conn.close()
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError as e:
        print("closed:", e)


if __name__ == "__main__":
    main()
