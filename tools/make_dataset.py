#!/usr/bin/env python3
"""make_dataset.py: the project's benchmark and test dataset, `orders_bench`, in SQLite and
optionally in PostgreSQL (standard library only; PostgreSQL through the `psql` client).

    python3 tools/make_dataset.py --rows 100000 --out data/orders_bench_100k.sqlite
    python3 tools/make_dataset.py --rows 100000 --out data/o.sqlite --postgres postgresql://postgres@127.0.0.1:5432/db

Columns (SQLite declared type -> PostgreSQL type):
    order_id      INTEGER PRIMARY KEY      bigint primary key   1..N
    customer_id   INTEGER                  bigint               1..200000
    order_date    DATE (text YYYY-MM-DD)   date                 2020-01-01 .. 2025-12-31
    order_ts      TIMESTAMP (text, 6 fraction digits, no zone)  timestamp, same day as order_date
    status        TEXT                     text                 6 values, skewed
    channel       TEXT                     text                 5 values, skewed
    product_name  TEXT                     text                 5000 catalog names: non-ASCII, NFC and NFD
                                                                 spellings kept apart, quotes and commas
    quantity      INTEGER                  integer              1..20, mostly small
    unit_price    REAL                     numeric(12,2)        2 decimals
    discount      REAL, ~30% NULL          numeric(12,2)        0.01..0.60
    is_gift       BOOLEAN (INTEGER 0/1)    boolean              ~8% true
    notes         TEXT, ~80% NULL          text                 '' vs NULL, 'NULL', '\\N', quotes, commas,
                                                                 tabs, pipes, LF, CRLF, lone CR, backslashes,
                                                                 emoji, long texts

Deterministic: every row depends only on (--seed, its block of BLOCK rows); a smaller dataset is
a prefix of a larger one with the same seed. An up-to-date file (table `bench_meta`: rows, seed,
version, content digest) or PostgreSQL table (same signature in its COMMENT) is reused unless
--force is given.
"""
import argparse
import datetime
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile

VERSION = "swift-extract-2"
BLOCK = 50_000
CUSTOMERS = 200_000
FIRST_DAY = datetime.date(2020, 1, 1)
DAYS = (datetime.date(2025, 12, 31) - FIRST_DAY).days + 1

STATUSES = [("delivered", 0.50), ("shipped", 0.20), ("paid", 0.15), ("cancelled", 0.06),
            ("pending", 0.05), ("returned", 0.04)]
CHANNELS = [("web", 0.45), ("mobile", 0.30), ("store", 0.15), ("phone", 0.05), ("partner", 0.05)]

ADJECTIVES = ["Compact", "Deluxe", "Classic", "Smart", "Portable", "Organic", "Wireless", "Heavy",
              "Mini", "Premium", "Rugged", "Slim", "Vintage", "Quiet", "Eco"]
NOUNS = ["Kettle", "Backpack", "Lamp", "Monitor", "Chair", "Blender", "Notebook", "Speaker",
         "Jacket", "Tent", "Mug", "Keyboard", "Drill", "Scarf", "Camera", "Bottle"]
# Names no plain-ASCII writer gets right by accident. "Café" twice: precomposed (U+00E9) and
# decomposed (e + U+0301), two different byte strings that Unicode calls equivalent.
SPECIAL_NAMES = ["Caf\u00e9 Grinder", "Cafe\u0301 Grinder", "M\u00fcsli B\u00f6wl", "Stra\u00dfe Map",
                 "\u00d8resund Print", "Pi\u00f1ata XL", "\u0395\u03bb\u03b9\u03ac Oil",
                 "\u041c\u0430\u0442\u0440\u0451\u0448\u043a\u0430 Set", "\u65e5\u672c Tea Set",
                 "\u6771\u4eac Guide", "Rocket \U0001f680 Toy", "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 Pack",
                 "Flag \U0001f1ef\U0001f1f5 Pin"]
NOTE_PARTS = ["Leave at the door", "Call before delivery", "Gift wrap, please", "Fragile",
              "He said \"urgent\"", "\"Quoted at start", "Double \"\" quotes", "line one\nline two",
              "windows\r\nline", "old mac\rline", "tab\tseparated", "pipe | inside", "back\\slash",
              "literal \\N here", "it's fine", "a; b; c", "  padded  ", "Caf\u00e9 cr\u00e8me, s\u2019il vous pla\u00eet",
              "\u65e5\u672c\u8a9e\u306e\u30e1\u30e2", "thanks \U0001f600", "ring twice", "no plastic"]


def pick(rng, weighted):
    x = rng.random()
    for value, weight in weighted:
        x -= weight
        if x < 0:
            return value
    return weighted[-1][0]


def catalog(seed):
    """5000 (name, list price) pairs; about 1% of them non-ASCII, about 5% with quotes or commas."""
    rng = random.Random(seed * 31 + 7)
    products = []
    for i in range(5000):
        roll = rng.random()
        if roll < 0.012:
            base = SPECIAL_NAMES[i % len(SPECIAL_NAMES)]
        else:
            base = ADJECTIVES[int(rng.random() * len(ADJECTIVES))] + " " + NOUNS[int(rng.random() * len(NOUNS))]
        if 0.012 <= roll < 0.037:
            base += ' 27"'
        elif 0.037 <= roll < 0.062:
            base += ", 2 pcs"
        name = f"{base} {i:04d}"
        while len(name) < 10:
            name += "."
        name = name[:40]
        price = round(0.79 + (rng.random() ** 3) * 3500, 2)
        products.append((name, price))
    return products


def note(rng):
    roll = rng.random()
    if roll < 0.01:
        return ""
    if roll < 0.013:
        return "NULL"
    if roll < 0.018:
        return "long: " + " ".join(NOTE_PARTS[int(rng.random() * len(NOTE_PARTS))] for _ in range(40))
    parts = [NOTE_PARTS[int(rng.random() * len(NOTE_PARTS))] for _ in range(1 + int(rng.random() * 3))]
    return ". ".join(parts)


def block_rows(seed, block, first, last, products):
    """Rows first..last (1-based order_id, inclusive) of block `block`."""
    rng = random.Random(seed * 1_000_033 + block)
    rows = []
    for order_id in range(block * BLOCK + 1, block * BLOCK + BLOCK + 1):
        customer = 1 + int(rng.random() * CUSTOMERS)
        day = FIRST_DAY + datetime.timedelta(days=int(rng.random() * DAYS))
        micros = int(rng.random() * 86_400_000_000)
        ts = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(microseconds=micros)
        status = pick(rng, STATUSES)
        channel = pick(rng, CHANNELS)
        name, list_price = products[int(rng.random() * len(products))]
        quantity = 1 if rng.random() < 0.4 else 2 + int((rng.random() ** 2) * 19)
        price = list_price if rng.random() < 0.9 else round(list_price * (0.5 + rng.random()), 2)
        price = max(price, 0.01)
        discount = None if rng.random() < 0.3 else round(0.05 * (1 + int(rng.random() * 10)), 2)
        if discount is not None and rng.random() < 0.1:
            discount = round(0.01 + rng.random() * 0.59, 2)
        gift = 1 if rng.random() < 0.08 else 0
        text = note(rng) if rng.random() < 0.2 else None
        if first <= order_id <= last:
            rows.append((order_id, customer, day.isoformat(), ts.strftime("%Y-%m-%d %H:%M:%S.%f"), status,
                         channel, name, quantity, price, discount, gift, text))
    return rows


def all_rows(rows, seed):
    products = catalog(seed)
    for block in range((rows + BLOCK - 1) // BLOCK):
        yield block_rows(seed, block, 1, rows, products)


SQLITE_DDL = """CREATE TABLE orders_bench (
    order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, order_date DATE NOT NULL,
    order_ts TIMESTAMP NOT NULL, status TEXT NOT NULL, channel TEXT NOT NULL,
    product_name TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price REAL NOT NULL,
    discount REAL, is_gift BOOLEAN NOT NULL, notes TEXT)"""


def signature(rows, seed):
    return f"{VERSION}:{rows}:{seed}"


def sqlite_is_current(path, rows, seed):
    if not os.path.exists(path):
        return False
    try:
        with sqlite3.connect(path) as db:
            meta = dict(db.execute("SELECT key, value FROM bench_meta"))
            return meta.get("signature") == signature(rows, seed)
    except sqlite3.Error:
        return False


def write_sqlite(path, rows, seed):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temp = path + ".partial"
    if os.path.exists(temp):
        os.remove(temp)
    digest = hashlib.sha256()
    db = sqlite3.connect(temp)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(SQLITE_DDL)
    for chunk in all_rows(rows, seed):
        db.executemany("INSERT INTO orders_bench VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", chunk)
        digest.update(repr(chunk).encode())
    db.execute("CREATE TABLE bench_meta (key TEXT PRIMARY KEY, value TEXT)")
    db.executemany("INSERT INTO bench_meta VALUES (?, ?)",
                   [("signature", signature(rows, seed)), ("rows", str(rows)), ("seed", str(seed)),
                    ("generator_version", VERSION), ("content_sha256", digest.hexdigest())])
    db.commit()
    db.close()
    os.replace(temp, path)


def csv_cell(value):
    if value is None:
        return ""
    return '"' + str(value).replace('"', '""') + '"'


def psql(dsn, *args, stdin=None):
    result = subprocess.run(["psql", dsn, "-X", "-q", "-v", "ON_ERROR_STOP=1", *args], input=stdin,
                            capture_output=True)
    if result.returncode != 0:
        sys.exit(f"make_dataset: psql failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode()


def load_postgres(dsn, table, money, rows, seed, force):
    """Loads the rows into `table` unless it already holds them (its comment is the signature).

    One psql session does it all in one transaction under an advisory lock, so concurrent loaders
    (test suites run in parallel) never interleave: the second waits, sees the signature and
    leaves the table alone, and readers never see a half-loaded table."""
    sig = signature(rows, seed) + ":" + money
    money_type = "numeric(12,2)" if money == "numeric" else "double precision"
    with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as data:
        for chunk in all_rows(rows, seed):
            data.write("".join(",".join(csv_cell(v) for v in row) + "\n" for row in chunk).encode())
    try:
        script = f"""
BEGIN;
SELECT pg_advisory_xact_lock(hashtext('make_dataset:{table}'));
SELECT coalesce(obj_description(to_regclass('{table}'), 'pg_class'), '') = '{sig}' AND NOT {str(force).lower()} AS fresh \\gset
\\if :fresh
\\echo unchanged
\\else
DROP TABLE IF EXISTS {table};
CREATE TABLE {table} (order_id bigint PRIMARY KEY, customer_id bigint NOT NULL, order_date date NOT NULL,
    order_ts timestamp NOT NULL, status text NOT NULL, channel text NOT NULL, product_name text NOT NULL,
    quantity integer NOT NULL, unit_price {money_type} NOT NULL, discount {money_type},
    is_gift boolean NOT NULL, notes text);
\\copy {table} FROM '{data.name}' (FORMAT csv)
ANALYZE {table};
COMMENT ON TABLE {table} IS '{sig}';
\\echo loaded
\\endif
COMMIT;
"""
        output = psql(dsn, "-At", stdin=script.encode())
    finally:
        os.unlink(data.name)
    return output.strip().endswith("loaded")


def main():
    ap = argparse.ArgumentParser(description="Builds the orders_bench dataset (deterministic).")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", help="SQLite file (default orders_bench_<rows>.sqlite)")
    ap.add_argument("--postgres", metavar="DSN", help="also load the same rows into this database")
    ap.add_argument("--pg-table", default="orders_bench")
    ap.add_argument("--pg-money-type", choices=["numeric", "double"], default="numeric")
    ap.add_argument("--force", action="store_true", help="rebuild even when up to date")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.rows < 0:
        ap.error("--rows must be >= 0")
    out = args.out or f"orders_bench_{args.rows}.sqlite"
    if args.force or not sqlite_is_current(out, args.rows, args.seed):
        write_sqlite(out, args.rows, args.seed)
        if not args.quiet:
            print(f"make_dataset: wrote {args.rows} rows to {out}")
    elif not args.quiet:
        print(f"make_dataset: {out} is up to date")
    if args.postgres:
        loaded = load_postgres(args.postgres, args.pg_table, args.pg_money_type, args.rows, args.seed, args.force)
        if not args.quiet:
            print(f"make_dataset: {'loaded' if loaded else 'up to date:'} {args.pg_table} in PostgreSQL")


if __name__ == "__main__":
    main()
