#!/usr/bin/env python3
"""delimited_check.py: reads a CSV / TSV / pipe-delimited file with two independent parsers
(Python's csv module and DuckDB read_csv, both given the same explicit dialect), checks they
agree and the file is well formed, and compares it to an expectation.

    python3 tools/delimited_check.py out.csv --expect-sqlite src.db --query "SELECT * FROM t ORDER BY id"
    python3 tools/delimited_check.py out.tsv.gz --delimiter tab --null-token '\\N' --expect-csv expected.csv
    python3 tools/delimited_check.py out.dat --delimiter '|' --no-header --loose --expect-csv e.csv

Compression comes from the extension (.gz .zst .zstd .lz4 .snappy .sz .bz2 .xz) or --compression.
NULL is a field equal to --null-token (quoted or not). Values compare as exact text; --loose
compares numbers numerically and booleans as true/false.
Exit 0 when every check passes; the last line is "delimited_check: OK (2 parsers agree, R rows)"
or "delimited_check: FAIL (...)".
"""
import argparse
import bz2
import csv
import gzip
import lzma
import math
import os
import sqlite3
import sys
import tempfile

NULL = object()
csv.field_size_limit(1 << 30)


class Problems:
    def __init__(self):
        self.errors = []

    def error(self, text):
        self.errors.append(text)
        print("  ERROR: " + text)


def decompress(path, kind):
    with open(path, "rb") as f:
        data = f.read()
    if kind == "auto":
        lower = path.lower()
        kind = next((k for ext, k in [(".gz", "gzip"), (".zst", "zstd"), (".zstd", "zstd"), (".lz4", "lz4"),
                                      (".snappy", "snappy"), (".sz", "snappy"), (".bz2", "bz2"), (".xz", "xz")]
                     if lower.endswith(ext)), "none")
    if kind == "none":
        return data
    if kind == "gzip":
        return gzip.decompress(data)
    if kind == "bz2":
        return bz2.decompress(data)
    if kind == "xz":
        return lzma.decompress(data)
    import cramjam
    if kind == "zstd":
        return bytes(cramjam.zstd.decompress(data))
    if kind == "lz4":
        return bytes(cramjam.lz4.decompress(data))
    if kind == "snappy":
        try:
            return bytes(cramjam.snappy.decompress(data))
        except Exception:
            return bytes(cramjam.snappy.decompress_raw(data))
    raise SystemExit(f"delimited_check: unknown compression {kind}")


def python_records(text, args):
    options = dict(delimiter=args.delimiter, strict=True)
    if args.quote:
        options.update(quotechar=args.quote, doublequote=True, quoting=csv.QUOTE_MINIMAL)
    else:
        options.update(quoting=csv.QUOTE_NONE)
    if args.escape:
        options["escapechar"] = args.escape
    import io
    return [[NULL if field == args.null_token else field for field in record]
            for record in csv.reader(io.StringIO(text, newline=""), **options)]


def duckdb_records(plain_path, width, args):
    import duckdb

    def literal(text):
        return "'" + text.replace("'", "''") + "'"
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    quote = args.quote or ""
    options = [f"delim={literal(args.delimiter)}", f"quote={literal(quote)}",
               f"escape={literal(args.escape or quote)}", "header=false", "auto_detect=false",
               f"columns={columns}", f"nullstr={literal(args.null_token)}", "allow_quoted_nulls=true",
               "strict_mode=true", "null_padding=false", "max_line_size=1000000000"]
    sql = f"SELECT * FROM read_csv({literal(plain_path)}, {', '.join(options)})"
    rows = duckdb.connect().sql(sql).fetchall()
    return [[NULL if v is None else v for v in row] for row in rows]


def show(value):
    return "NULL" if value is NULL else repr(value)


def expected_records(args):
    if args.expect_csv:
        null = args.null_token if args.expect_null is None else args.expect_null
        with open(args.expect_csv, newline="", encoding="utf-8") as f:
            rows = [[NULL if cell == null else cell for cell in row] for row in csv.reader(f, strict=True)]
        header = None if args.expect_no_header or not rows else rows.pop(0)
        return header, rows
    with sqlite3.connect(f"file:{args.expect_sqlite}?mode=ro", uri=True) as db:
        cursor = db.execute(args.query)
        header = [d[0] for d in cursor.description]
        rows = [[NULL if v is None else v for v in row] for row in cursor.fetchall()]
    return header, rows


TRUE = {"true", "t", "1", "yes", "y"}
FALSE = {"false", "f", "0", "no", "n"}


def same(actual, expected, loose, digits):
    if actual is NULL or expected is NULL:
        return actual is expected
    if isinstance(expected, bytes):
        expected = expected.decode("utf-8", errors="replace")
    if not isinstance(expected, str):
        expected = repr(expected) if isinstance(expected, float) else str(expected)
    if actual == expected:
        return True
    if not loose:
        return False
    a, e = actual.strip().lower(), expected.strip().lower()
    if (a in TRUE and e in TRUE) or (a in FALSE and e in FALSE):
        return True
    try:
        x, y = float(a), float(e)
    except ValueError:
        return False
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y or abs(x - y) <= 10 ** (-digits + 1) * max(abs(x), abs(y))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--delimiter", default=",", help="one character; 'tab' or '\\t' for a tab")
    ap.add_argument("--quote", default='"', help="quote character; '' for none")
    ap.add_argument("--escape", default=None)
    ap.add_argument("--header", dest="header", action="store_true", default=True)
    ap.add_argument("--no-header", dest="header", action="store_false")
    ap.add_argument("--null-token", default="")
    ap.add_argument("--compression", default="auto",
                    choices=["auto", "none", "gzip", "zstd", "lz4", "snappy", "bz2", "xz"])
    ap.add_argument("--encoding", default="utf-8")
    source = ap.add_mutually_exclusive_group()
    source.add_argument("--expect-csv")
    source.add_argument("--expect-sqlite")
    ap.add_argument("--query")
    ap.add_argument("--expect-null", default=None, help="NULL text in --expect-csv (default: --null-token)")
    ap.add_argument("--expect-no-header", action="store_true")
    ap.add_argument("--loose", action="store_true")
    ap.add_argument("--float-digits", type=int, default=15)
    args = ap.parse_args()
    if args.delimiter in ("tab", "\\t"):
        args.delimiter = "\t"
    if len(args.delimiter) != 1:
        ap.error("--delimiter must be one character")
    if args.expect_sqlite and not args.query:
        ap.error("--expect-sqlite needs --query")

    problems = Problems()
    print(f"delimited_check: {args.file}")
    data = decompress(args.file, args.compression)
    if data.startswith(b"\xef\xbb\xbf"):
        print("  info:  UTF-8 byte order mark")
        data = data[3:]
    try:
        text = data.decode(args.encoding)
    except UnicodeDecodeError as error:
        problems.error(f"not valid {args.encoding}: {error}")
        text = data.decode(args.encoding, errors="replace")

    try:
        records = python_records(text, args)
    except csv.Error as error:
        problems.error(f"Python csv rejects the file: {error}")
        records = []
    widths = {len(r) for r in records}
    if len(widths) > 1:
        ragged = next(i for i, r in enumerate(records) if len(r) != len(records[0]))
        problems.error(f"ragged records: record {ragged + 1} has {len(records[ragged])} fields, "
                       f"record 1 has {len(records[0])}")
    width = len(records[0]) if records else 0

    if records and not problems.errors:
        with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as plain:
            plain.write(text.encode("utf-8"))
        try:
            duck = duckdb_records(plain.name, width, args)
        except Exception as error:
            problems.error(f"DuckDB read_csv rejects the file: {str(error).splitlines()[0]}")
            duck = None
        finally:
            os.unlink(plain.name)
        if duck is not None:
            if len(duck) != len(records):
                problems.error(f"parsers disagree on the record count: Python csv {len(records)}, DuckDB {len(duck)}")
            else:
                for i, (a, b) in enumerate(zip(records, duck)):
                    if a != b:
                        column = next(j for j in range(width) if a[j] != b[j])
                        problems.error(f"parsers disagree at record {i + 1}, field {column + 1}: "
                                       f"Python csv {show(a[column])}, DuckDB {show(b[column])}")
                        break

    header = None
    if args.header and records:
        header = records.pop(0)
        if any(h is NULL or h == "" for h in header):
            problems.error(f"empty header name in {header}")
        if len(set(header)) != len(header):
            problems.error(f"duplicate header names in {header}")

    if args.expect_csv or args.expect_sqlite:
        expected_header, expected = expected_records(args)
        # A SQLite query's column names are its expressions: only a CSV header must match the file.
        if header is not None and expected_header is not None and args.expect_csv and \
                [h.lower() for h in header] != [h.lower() for h in expected_header]:
            problems.error(f"header {header} != expected {expected_header}")
        if len(records) != len(expected):
            problems.error(f"{len(records)} rows, expected {len(expected)}")
        differing, first = 0, None
        for i, (row, want) in enumerate(zip(records, expected)):
            if len(row) != len(want):
                differing += 1
                first = first or f"row {i + 1} has {len(row)} fields, expected {len(want)}"
                continue
            for j, (a, e) in enumerate(zip(row, want)):
                if not same(a, e, args.loose, args.float_digits):
                    differing += 1
                    if first is None:
                        name = header[j] if header and j < len(header) else f"#{j + 1}"
                        first = f"row {i + 1}, column {name}: {show(a)}, expected {show(e)}"
        if differing:
            problems.error(f"content differs in {differing} cells; first: {first}")
        elif len(records) == len(expected):
            print(f"  content matches the expectation ({len(records)} rows)")

    if problems.errors:
        print(f"delimited_check: FAIL ({len(problems.errors)} errors; first: {problems.errors[0]})")
        sys.exit(1)
    print(f"delimited_check: OK (2 parsers agree, {len(records)} rows)")


if __name__ == "__main__":
    main()
