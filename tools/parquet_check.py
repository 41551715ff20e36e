#!/usr/bin/env python3
"""parquet_check.py: checks a Parquet file against the specification and against the real
readers, independently of the writer that made it.

    python3 tools/parquet_check.py FILE.parquet
    python3 tools/parquet_check.py FILE.parquet --expect-csv expected.csv [--csv-null TOKEN]
    python3 tools/parquet_check.py FILE.parquet --expect-sqlite src.db --query "SELECT ... ORDER BY id"
    python3 tools/parquet_check.py FILE.parquet --spark          # Spark (parquet-java) as 5th reader

1. Structure (tools/parquet_format.py, no Parquet library): magic, footer length, a strict Thrift
   decode of the footer, the schema tree and type annotations, row counts, chunk byte ranges, every
   page header, every page decompressed to its uncompressed_page_size, page CRCs, level streams,
   dictionary indices in range, PLAIN value sizes, encodings listed, OffsetIndex and ColumnIndex.
2. Readers: pyarrow, DuckDB, polars, fastparquet (and Spark with --spark or EXTRACT_TEST_SPARK=1)
   each read the file in their own process; every value must agree after normalization.
3. Statistics against data: chunk and page-header statistics (min/max decoded from their bytes
   with the column's sort order, null/nan/distinct counts, size statistics) and the ColumnIndex
   bounds of every page against the values of their row ranges.
4. Expectation: the rows, in order, against a CSV file or a SQLite query.

Normalization (same for every reader and the expectation, driven by the Parquet type): NULL;
booleans true/false; integers as digits; floats rounded to --float-digits significant digits
(FLOAT: at most 7), nan, inf, -inf, -0.0 as 0; DECIMAL with exactly `scale` fraction digits;
DATE YYYY-MM-DD; TIME HH:MM:SS[.fraction]; TIMESTAMP YYYY-MM-DD HH:MM:SS[.fraction] (+Z when
adjusted to UTC; an expectation with an offset is converted to UTC, one without is taken as UTC);
strings as text; binary as 0x + hex (an expected cell starting 0x or \\x is hex).

Exit 0 when there is no ERROR. Last line: "parquet_check: OK (N readers agree, R rows)" or
"parquet_check: FAIL (...)".
"""
import argparse
import csv
import datetime
import decimal
import functools
import math
import os
import pickle
import re
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parquet_format as pf  # noqa: E402

decimal.setcontext(decimal.Context(prec=100))
os.environ["TZ"] = "UTC"
csv.field_size_limit(1 << 30)
NULL = "\\N"
UNITS = {"day": None, "s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
READERS = ["pyarrow", "duckdb", "polars", "fastparquet", "spark"]


class Report:
    def __init__(self, quiet):
        self.errors, self.quiet = [], quiet

    def error(self, text):
        self.errors.append(text)
        print("  ERROR: " + text)

    def warn(self, text):
        print("  WARN:  " + text)

    def info(self, text):
        if not self.quiet:
            print("  info:  " + text)


# ---------------------------------------------------------------------------------------------
# Column kinds: what a leaf means, from its logical (or converted) type
# ---------------------------------------------------------------------------------------------


class Kind:
    def __init__(self, leaf):
        e, lt = leaf.element, leaf.logical
        self.physical, self.name = leaf.physical, leaf.name
        self.unit, self.utc, self.scale, self.signed = None, False, 0, True
        ct = e.get("converted_type")
        unit_of = {"MILLIS": "ms", "MICROS": "us", "NANOS": "ns"}
        if "DECIMAL" in lt or ct == 5:
            self.kind, self.scale = "decimal", lt.get("DECIMAL", {}).get("scale", e.get("scale", 0))
        elif "DATE" in lt or ct == 6:
            self.kind = "date"
        elif "TIME" in lt or ct in (7, 8):
            self.kind = "time"
            self.unit = unit_of[next(iter(lt["TIME"]["unit"]))] if "TIME" in lt else ("ms" if ct == 7 else "us")
        elif "TIMESTAMP" in lt or ct in (9, 10):
            self.kind = "timestamp"
            if "TIMESTAMP" in lt:
                self.unit = unit_of[next(iter(lt["TIMESTAMP"]["unit"]))]
                self.utc = lt["TIMESTAMP"]["isAdjustedToUTC"]
            else:
                self.unit, self.utc = ("ms" if ct == 9 else "us"), True
        elif self.physical == pf.INT96:
            self.kind, self.unit = "timestamp", "ns"
        elif "STRING" in lt or "ENUM" in lt or "JSON" in lt or ct in (0, 4, 19):
            self.kind = "string"
        elif "UUID" in lt:
            self.kind = "binary"
        elif "FLOAT16" in lt:
            self.kind = "float16"
        elif self.physical == pf.BOOLEAN:
            self.kind = "bool"
        elif self.physical in (pf.INT32, pf.INT64):
            self.kind = "int"
            if "INTEGER" in lt:
                self.signed = lt["INTEGER"]["isSigned"]
            elif ct in (11, 12, 13, 14):
                self.signed = False
        elif self.physical == pf.FLOAT:
            self.kind = "float"
        elif self.physical == pf.DOUBLE_T:
            self.kind = "double"
        else:
            self.kind = "binary"


def format_fraction(fraction, digits):
    if not fraction:
        return ""
    return "." + str(fraction).rjust(digits, "0").rstrip("0")


@functools.lru_cache(maxsize=1 << 16)
def format_date(days):
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=days)).isoformat()


def format_time(value, unit):
    per = UNITS[unit]
    seconds, fraction = divmod(value, per)
    return "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60) + \
        format_fraction(fraction, len(str(per)) - 1)


def canon(value, kind, digits):
    """The normalized text of a reader value (temporal values are ints in kind.unit)."""
    if value is None:
        return NULL
    k = kind.kind
    if k == "bool":
        return "true" if value else "false"
    if k == "int":
        return str(int(value))
    if k in ("float", "double", "float16"):
        v = float(value)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        if v == 0:
            return "0"
        n = {"float": min(digits, 7), "float16": 4}.get(k, digits)
        return repr(float(f"{v:.{n}g}"))
    if k == "decimal":
        return f"{decimal.Decimal(value):.{kind.scale}f}"
    if k == "date":
        return format_date(int(value))
    if k == "time":
        return format_time(int(value), kind.unit)
    if k == "timestamp":
        per_day = 86_400 * UNITS[kind.unit]
        days, rest = divmod(int(value), per_day)
        return format_date(days) + " " + format_time(rest, kind.unit) + ("Z" if kind.utc else "")
    if k == "string":
        return value if isinstance(value, str) else bytes(value).decode("utf-8", errors="replace")
    return "0x" + bytes(value).hex()


TIMESTAMP = re.compile(r"^(-?\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(Z|[+-]\d\d:?\d\d)?$")
TIME = re.compile(r"^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?$")


def parse_expected(value, kind, digits):
    """The normalized text of an expectation cell (CSV text or a SQLite value)."""
    if value is None:
        return NULL
    k = kind.kind
    if isinstance(value, bytes) and k != "binary":
        value = value.decode("utf-8")
    if k == "bool":
        text = str(value).strip().lower()
        if text in ("1", "t", "true", "yes", "y"):
            return "true"
        if text in ("0", "f", "false", "no", "n"):
            return "false"
        return "?" + text
    if k == "int":
        try:
            return str(int(str(value).strip()))
        except ValueError:
            return "?" + str(value)
    if k in ("float", "double", "float16"):
        text = str(value).strip().lower()
        text = {"infinity": "inf", "-infinity": "-inf", "+inf": "inf"}.get(text, text)
        try:
            return canon(float(text), kind, digits)
        except ValueError:
            return "?" + str(value)
    if k == "decimal":
        try:
            return canon(decimal.Decimal(repr(value) if isinstance(value, float) else str(value).strip()), kind, digits)
        except decimal.InvalidOperation:
            return "?" + str(value)
    if k in ("date", "timestamp"):
        m = TIMESTAMP.match(str(value).strip())
        if not m:
            return "?" + str(value)
        y, mo, d, hh, mm, ss, frac, zone = m.groups()
        days = (datetime.date(int(y), int(mo), int(d)) - datetime.date(1970, 1, 1)).days
        if k == "date":
            return format_date(days)
        per = UNITS[kind.unit]
        seconds = days * 86_400 + int(hh or 0) * 3600 + int(mm or 0) * 60 + int(ss or 0)
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            z = zone[1:].replace(":", "")
            seconds -= sign * (int(z[:2]) * 3600 + int(z[2:]) * 60)
        fraction = int((frac or "").ljust(len(str(per)) - 1, "0")[:len(str(per)) - 1] or 0)
        return canon(seconds * per + fraction, kind, digits)
    if k == "time":
        m = TIME.match(str(value).strip())
        if not m:
            return "?" + str(value)
        hh, mm, ss, frac = m.groups()
        per = UNITS[kind.unit]
        fraction = int((frac or "").ljust(len(str(per)) - 1, "0")[:len(str(per)) - 1] or 0)
        return format_time((int(hh) * 3600 + int(mm) * 60 + int(ss)) * per + fraction, kind.unit)
    if k == "string":
        return str(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    text = str(value)
    if text[:2] in ("0x", "\\x"):
        return "0x" + text[2:].lower()
    return "0x" + text.encode("utf-8").hex()


# ---------------------------------------------------------------------------------------------
# Readers: each runs in its own process (`--reader NAME`) and pickles
# {"columns": [...], "units": {column: unit}, "rows": [[...]]}; temporal values are ints in `units`.
# ---------------------------------------------------------------------------------------------


def read_pyarrow(path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    table = pq.read_table(path)
    columns, units = [], {}
    for field, column in zip(table.schema, table.columns):
        t = field.type
        if pa.types.is_timestamp(t) or pa.types.is_time(t):
            units[field.name] = t.unit
            column = column.cast(pa.int32() if pa.types.is_time32(t) else pa.int64())
        elif pa.types.is_date32(t):
            units[field.name] = "day"
            column = column.cast(pa.int32())
        columns.append(column.to_pylist())
    return {"columns": table.schema.names, "units": units, "rows": [list(r) for r in zip(*columns)]}


def read_duckdb(path):
    import duckdb
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    source = "read_parquet('" + path.replace("'", "''") + "')"
    described = con.sql(f"DESCRIBE SELECT * FROM {source}").fetchall()
    names, units, select = [], {}, []
    for name, type_name, *_ in described:
        q = '"' + name.replace('"', '""') + '"'
        names.append(name)
        if type_name == "TIMESTAMP_NS":
            units[name], expr = "ns", f"epoch_ns({q})"
        elif type_name.startswith("TIMESTAMP"):
            units[name], expr = "us", f"epoch_us({q})"
        elif type_name == "DATE":
            units[name], expr = "day", f"date_diff('day', DATE '1970-01-01', {q})"
        elif type_name.startswith("TIME"):
            units[name], expr = "us", f"date_diff('microsecond', TIME '00:00:00', {q}::TIME)"
        elif type_name == "UUID":
            expr = f"{q}::VARCHAR"
        else:
            expr = q
        select.append(expr)
    rows = con.sql(f"SELECT {', '.join(select)} FROM {source}").fetchall()
    out = []
    for row in rows:
        out.append([bytes.fromhex(v.replace("-", "")) if name_is_uuid else v
                    for v, name_is_uuid in zip(row, [t == "UUID" for _, t, *_ in described])])
    return {"columns": names, "units": units, "rows": out}


def read_polars(path):
    import polars as pl
    frame = pl.read_parquet(path)
    units, columns = {}, []
    for name, dtype in frame.schema.items():
        series = frame[name]
        if isinstance(dtype, pl.Datetime):
            units[name] = dtype.time_unit
            series = series.cast(pl.Int64)
        elif dtype == pl.Date:
            units[name] = "day"
            series = series.cast(pl.Int32)
        elif dtype == pl.Time:
            units[name] = "ns"
            series = series.cast(pl.Int64)
        columns.append(series.to_list())
    return {"columns": frame.columns, "units": units, "rows": [list(r) for r in zip(*columns)]}


def read_fastparquet(path):
    import fastparquet
    import numpy as np
    import pandas as pd
    frame = fastparquet.ParquetFile(path).to_pandas()
    units, columns = {}, []
    for name in frame.columns:
        series = frame[name]
        missing = series.isna().to_numpy()
        if pd.api.types.is_timedelta64_dtype(series.dtype):
            units[name] = "ns"
            values = series.to_numpy().astype("timedelta64[ns]").astype("int64").tolist()
        elif pd.api.types.is_datetime64_any_dtype(series.dtype):
            units[name] = "ns"
            raw = series.dt.tz_localize(None) if getattr(series.dt, "tz", None) else series
            values = raw.to_numpy().astype("datetime64[ns]").astype("int64").tolist()
        elif series.dtype == object and any(isinstance(v, datetime.time) for v in series[~missing][:1]):
            units[name] = "us"
            values = [None if v is None else ((v.hour * 60 + v.minute) * 60 + v.second) * 1_000_000 + v.microsecond
                      for v in series]
        else:
            values = [v.item() if isinstance(v, np.generic) else v for v in series.tolist()]
        columns.append([None if m else v for v, m in zip(values, missing)])
    return {"columns": list(frame.columns), "units": units, "rows": [list(r) for r in zip(*columns)]}


def read_spark(path):
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
    spark = (SparkSession.builder.master("local[1]").appName("parquet_check")
             .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
             .config("spark.sql.parquet.enableVectorizedReader", "true").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    frame = spark.read.parquet(path)
    units, select = {}, []
    for field in frame.schema.fields:
        c = F.col(f"`{field.name}`")
        if isinstance(field.dataType, T.TimestampType):
            units[field.name], c = "us", F.unix_micros(c)
        elif type(field.dataType).__name__ == "TimestampNTZType":
            units[field.name], c = "us", F.unix_micros(c.cast("timestamp"))
        elif isinstance(field.dataType, T.DateType):
            units[field.name], c = "day", F.unix_date(c)
        select.append(c.alias(field.name))
    rows = [[bytes(v) if isinstance(v, (bytearray, memoryview)) else v for v in row]
            for row in frame.select(*select).collect()]
    names = frame.columns
    spark.stop()
    return {"columns": names, "units": units, "rows": rows}


def run_reader(name, path, timeout):
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as out:
        pass
    try:
        result = subprocess.run([sys.executable, os.path.abspath(__file__), "--reader", name, path, out.name],
                                capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            lines = [l for l in (result.stderr or result.stdout).strip().splitlines() if l.strip()]
            return None, (lines[-1] if lines else f"exit {result.returncode}")
        with open(out.name, "rb") as f:
            return pickle.load(f), None
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    finally:
        os.unlink(out.name)


def rescale(value, have, want):
    """An int temporal value in unit `have` as unit `want` (None when `want` is finer: not exact)."""
    if have == want or have == "day":
        return value
    a, b = UNITS[have], UNITS[want]
    return value * (b // a) if b >= a else value // (a // b)


# ---------------------------------------------------------------------------------------------
# Structure: the footer, the schema, every chunk and every page
# ---------------------------------------------------------------------------------------------

CREATED_BY = re.compile(r"^\S+ version \S+( \(build \S+\))?")


def check_structure(path, report):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 12 or data[:4] != b"PAR1" or data[-4:] != b"PAR1":
        raise pf.FormatError("the file does not start and end with PAR1")
    (footer_length,) = struct.unpack_from("<I", data, len(data) - 8)
    footer_start = len(data) - 8 - footer_length
    if footer_start < 4:
        raise pf.FormatError(f"footer length {footer_length} is longer than the file")
    meta, end = pf.decode(data, "FileMetaData", footer_start)
    if end != len(data) - 8:
        raise pf.FormatError(f"the footer is {footer_length} bytes but its Thrift struct ends after {end - footer_start}")
    leaves = pf.schema_leaves(meta["schema"])
    check_types(leaves, report)
    created_by = meta.get("created_by")
    if created_by is None or not CREATED_BY.match(created_by):
        report.error(f"created_by {created_by!r} is not '<application> version <x.y.z> (build <hash>)'")
    if "column_orders" in meta and len(meta["column_orders"]) != len(leaves):
        report.error(f"{len(meta['column_orders'])} column_orders for {len(leaves)} columns")
    total_rows = sum(rg["num_rows"] for rg in meta["row_groups"])
    if total_rows != meta["num_rows"]:
        report.error(f"num_rows {meta['num_rows']} != sum over row groups {total_rows}")
    ranges, pages = [], {}
    for g, rg in enumerate(meta["row_groups"]):
        if len(rg["columns"]) != len(leaves):
            report.error(f"row group {g}: {len(rg['columns'])} chunks for {len(leaves)} columns")
            continue
        compressed_total = 0
        for c, (chunk, leaf) in enumerate(zip(rg["columns"], leaves)):
            where = f"row group {g}, column {leaf.name}"
            md = chunk.get("meta_data")
            if md is None:
                report.error(f"{where}: no meta_data")
                continue
            if md["path_in_schema"] != leaf.path:
                report.error(f"{where}: path_in_schema {md['path_in_schema']} != {leaf.path}")
            if md["type"] != leaf.physical:
                report.error(f"{where}: chunk type {md['type']} != schema type {leaf.physical}")
            start = md.get("dictionary_page_offset", md["data_page_offset"])
            if "dictionary_page_offset" in md and md["dictionary_page_offset"] >= md["data_page_offset"]:
                report.error(f"{where}: dictionary_page_offset is not before data_page_offset")
            stop = start + md["total_compressed_size"]
            if start < 4 or stop > footer_start:
                report.error(f"{where}: bytes {start}..{stop} outside the data area 4..{footer_start}")
                continue
            ranges.append((start, stop, where))
            compressed_total += md["total_compressed_size"]
            try:
                pages[(g, c)] = walk_pages(data, start, stop, md, leaf, rg["num_rows"], where, report)
            except (pf.FormatError, ValueError, struct.error, zlib.error, IndexError) as error:
                report.error(f"{where}: {error}")
                continue
            check_page_index(data, chunk, pages[(g, c)], where, footer_start, report)
        if "total_compressed_size" in rg and rg["total_compressed_size"] != compressed_total:
            report.error(f"row group {g}: total_compressed_size {rg['total_compressed_size']} != {compressed_total}")
    ranges.sort()
    for (a0, a1, aw), (b0, b1, bw) in zip(ranges, ranges[1:]):
        if b0 < a1:
            report.error(f"{aw} and {bw} overlap")
    report.info(f"structure: {len(meta['row_groups'])} row groups, {len(leaves)} columns, "
                f"{sum(len(p) for p in pages.values())} pages walked")
    return meta, leaves, pages


def check_types(leaves, report):
    for leaf in leaves:
        e, lt, p = leaf.element, leaf.logical, leaf.physical
        allowed = {"STRING": {pf.BYTE_ARRAY}, "ENUM": {pf.BYTE_ARRAY}, "JSON": {pf.BYTE_ARRAY},
                   "BSON": {pf.BYTE_ARRAY}, "DATE": {pf.INT32}, "UUID": {pf.FIXED}, "FLOAT16": {pf.FIXED},
                   "DECIMAL": {pf.INT32, pf.INT64, pf.FIXED, pf.BYTE_ARRAY}, "INTEGER": {pf.INT32, pf.INT64},
                   "TIMESTAMP": {pf.INT64}, "TIME": {pf.INT32, pf.INT64}}
        for name, physical in allowed.items():
            if name in lt and p not in physical:
                report.error(f"{leaf.name}: {name} on physical type {pf.TYPE_NAMES[p]}")
        if "DECIMAL" in lt:
            precision, scale = lt["DECIMAL"]["precision"], lt["DECIMAL"]["scale"]
            limit = {pf.INT32: 9, pf.INT64: 18}.get(p, None)
            if p == pf.FIXED:
                limit = int(math.floor(math.log10(2 ** (8 * e.get("type_length", 0) - 1) - 1)))
            if precision < 1 or not 0 <= scale <= precision or (limit and precision > limit):
                report.error(f"{leaf.name}: DECIMAL({precision},{scale}) invalid on {pf.TYPE_NAMES[p]}")
            if e.get("converted_type") == 5 and (e.get("precision"), e.get("scale")) != (precision, scale):
                report.error(f"{leaf.name}: converted DECIMAL({e.get('precision')},{e.get('scale')}) "
                             f"!= logical DECIMAL({precision},{scale})")
        if "TIME" in lt:
            unit = next(iter(lt["TIME"]["unit"]))
            if (unit == "MILLIS") != (p == pf.INT32):
                report.error(f"{leaf.name}: TIME({unit}) on {pf.TYPE_NAMES[p]}")
        if "INTEGER" in lt:
            width = lt["INTEGER"]["bitWidth"]
            if width not in (8, 16, 32, 64) or (width == 64) != (p == pf.INT64):
                report.error(f"{leaf.name}: INTEGER({width}) on {pf.TYPE_NAMES[p]}")
        if p == pf.FIXED and e.get("type_length", 0) <= 0:
            report.error(f"{leaf.name}: FIXED_LEN_BYTE_ARRAY without a positive type_length")
        converted = {"STRING": 0, "DATE": 6, "DECIMAL": 5}
        for name, ct in converted.items():
            if name in lt and "converted_type" in e and e["converted_type"] != ct:
                report.error(f"{leaf.name}: logical {name} with converted_type {e['converted_type']}")


class Page:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def walk_pages(data, start, stop, md, leaf, group_rows, where, report):
    """Every page of a chunk: decoded header, decompressed, levels and values checked."""
    pos, pages, dictionary_size = start, [], None
    values = uncompressed_total = 0
    seen_encodings, encoding_counts = set(), {}
    while pos < stop:
        header, body = pf.decode(data, "PageHeader", pos)
        size, raw_size = header["compressed_page_size"], header["uncompressed_page_size"]
        if size < 0 or raw_size < 0 or body + size > stop:
            raise pf.FormatError(f"page at {pos}: {size} bytes run past the chunk end {stop}")
        page_bytes = data[body:body + size]
        if "crc" in header and (zlib.crc32(page_bytes) & 0xFFFFFFFF) != (header["crc"] & 0xFFFFFFFF):
            report.error(f"{where}: page at {pos}: CRC mismatch")
        kind = header["type"]
        uncompressed_total += body - pos + raw_size
        if kind == pf.DICTIONARY_PAGE:
            if pages or dictionary_size is not None:
                report.error(f"{where}: dictionary page at {pos} is not the first page")
            dh = header.get("dictionary_page_header")
            if dh is None:
                raise pf.FormatError(f"dictionary page at {pos} without dictionary_page_header")
            plain = pf.decompress(md["codec"], page_bytes, raw_size)
            if len(plain) != raw_size:
                report.error(f"{where}: dictionary page decompresses to {len(plain)} bytes, header says {raw_size}")
            if dh["encoding"] not in (pf.PLAIN, pf.PLAIN_DICTIONARY):
                report.error(f"{where}: dictionary page encoding {dh['encoding']}")
            pf.plain_size(plain, 0, len(plain), leaf.physical, leaf.element.get("type_length"), dh["num_values"])
            dictionary_size = dh["num_values"]
            seen_encodings.add(dh["encoding"])
            encoding_counts[(kind, dh["encoding"])] = encoding_counts.get((kind, dh["encoding"]), 0) + 1
        elif kind in (pf.DATA_PAGE, pf.DATA_PAGE_V2):
            page = data_page(header, page_bytes, md, leaf, dictionary_size, where, pos)
            page.offset, page.header_length = pos, body - pos
            pages.append(page)
            values += page.num_values
            seen_encodings.add(page.encoding)
            encoding_counts[(kind, page.encoding)] = encoding_counts.get((kind, page.encoding), 0) + 1
        else:
            report.error(f"{where}: unexpected page type {kind} at {pos}")
        pos = body + size
    if pos != stop:
        report.error(f"{where}: pages end at {pos}, chunk at {stop}")
    if values != md["num_values"]:
        report.error(f"{where}: pages hold {values} values, num_values says {md['num_values']}")
    if uncompressed_total != md["total_uncompressed_size"]:
        report.error(f"{where}: pages uncompress to {uncompressed_total} bytes (headers included), "
                     f"total_uncompressed_size says {md['total_uncompressed_size']}")
    listed = set(md["encodings"])
    if not seen_encodings <= listed | ({pf.RLE} if pf.RLE in listed else set()):
        report.error(f"{where}: pages use encodings {sorted(seen_encodings)}, chunk lists {sorted(listed)}")
    if "encoding_stats" in md:
        stated = {(s["page_type"], s["encoding"]): s["count"] for s in md["encoding_stats"]}
        if stated != encoding_counts:
            report.error(f"{where}: encoding_stats {stated} != pages {encoding_counts}")
    rows = 0
    for page in pages:
        page.first_row = rows
        rows += page.num_rows
    if leaf.max_rep == 0 and rows != group_rows:
        report.error(f"{where}: pages hold {rows} rows, the row group {group_rows}")
    return pages


def data_page(header, page_bytes, md, leaf, dictionary_size, where, pos):
    raw_size = header["uncompressed_page_size"]
    v2 = header["type"] == pf.DATA_PAGE_V2
    h = header.get("data_page_header_v2" if v2 else "data_page_header")
    if h is None:
        raise pf.FormatError(f"data page at {pos} without its data page header")
    count = h["num_values"]
    def_width = leaf.max_def.bit_length()
    rep_width = leaf.max_rep.bit_length()
    if v2:
        levels = h["repetition_levels_byte_length"] + h["definition_levels_byte_length"]
        body = page_bytes[levels:]
        body = pf.decompress(md["codec"], body, raw_size - levels) if h.get("is_compressed", True) else body
        plain = page_bytes[:levels] + body
        rep_end = h["repetition_levels_byte_length"]
        def_start, def_end = rep_end, levels
        value_start = levels
    else:
        plain = pf.decompress(md["codec"], page_bytes, raw_size)
        p = 0
        rep_end = def_start = def_end = 0
        if leaf.max_rep:
            (n,) = struct.unpack_from("<I", plain, p)
            p += 4 + n
            rep_end = p
        if leaf.max_def:
            (n,) = struct.unpack_from("<I", plain, p)
            def_start, def_end = p + 4, p + 4 + n
            p = def_end
        value_start = p
        if p > len(plain):
            raise pf.FormatError(f"data page at {pos}: level lengths run past the page")
    if len(plain) != raw_size:
        raise pf.FormatError(f"data page at {pos} decompresses to {len(plain)} bytes, header says {raw_size}")
    nulls = 0
    definitions = None
    if leaf.max_def:
        definitions, _ = pf.hybrid(plain, def_start, def_end, def_width, count)
        if any(d > leaf.max_def for d in definitions):
            raise pf.FormatError(f"data page at {pos}: definition level above {leaf.max_def}")
        nulls = sum(1 for d in definitions if d < leaf.max_def)
    if v2 and h["num_nulls"] != nulls:
        raise pf.FormatError(f"data page at {pos}: num_nulls {h['num_nulls']}, levels say {nulls}")
    present = count - nulls
    encoding = h["encoding"]
    if encoding in (pf.RLE_DICTIONARY, pf.PLAIN_DICTIONARY):
        if dictionary_size is None:
            raise pf.FormatError(f"data page at {pos} is dictionary-encoded but the chunk has no dictionary page")
        if present:
            width = plain[value_start]
            if width > 32:
                raise pf.FormatError(f"data page at {pos}: index bit width {width}")
            indices, _ = pf.hybrid(plain, value_start + 1, len(plain), width, present)
            if max(indices) >= dictionary_size:
                raise pf.FormatError(f"data page at {pos}: index {max(indices)} >= dictionary size {dictionary_size}")
    elif encoding == pf.PLAIN:
        pf.plain_size(plain, value_start, len(plain), leaf.physical, leaf.element.get("type_length"), present)
    elif encoding == pf.DELTA_BP:
        total = pf.delta_header(plain, value_start)
        if total != present:
            raise pf.FormatError(f"data page at {pos}: DELTA_BINARY_PACKED holds {total} values, expected {present}")
    rows = h["num_rows"] if v2 else count
    return Page(num_values=count, num_nulls=nulls, num_rows=rows, encoding=encoding,
                statistics=h.get("statistics"), compressed_size=len(page_bytes))


def check_page_index(data, chunk, pages, where, footer_start, report):
    if "offset_index_offset" in chunk:
        start, length = chunk["offset_index_offset"], chunk.get("offset_index_length", 0)
        index, end = pf.decode(data, "OffsetIndex", start)
        if end - start != length:
            report.error(f"{where}: OffsetIndex is {end - start} bytes, offset_index_length says {length}")
        locations = index["page_locations"]
        if len(locations) != len(pages):
            report.error(f"{where}: OffsetIndex lists {len(locations)} pages, the chunk has {len(pages)}")
        for i, (loc, page) in enumerate(zip(locations, pages)):
            actual = (page.offset, page.header_length + page.compressed_size, page.first_row)
            stated = (loc["offset"], loc["compressed_page_size"], loc["first_row_index"])
            if actual != stated:
                report.error(f"{where}: OffsetIndex page {i} (offset, size, first row) {stated} != {actual}")
                break
    if "column_index_offset" in chunk:
        start, length = chunk["column_index_offset"], chunk.get("column_index_length", 0)
        index, end = pf.decode(data, "ColumnIndex", start)
        if end - start != length:
            report.error(f"{where}: ColumnIndex is {end - start} bytes, column_index_length says {length}")
        for name in ("null_pages", "min_values", "max_values"):
            if len(index[name]) != len(pages):
                report.error(f"{where}: ColumnIndex {name} has {len(index[name])} entries for {len(pages)} pages")
        for i, page in enumerate(pages):
            if i < len(index["null_pages"]) and index["null_pages"][i] != (page.num_nulls == page.num_values):
                report.error(f"{where}: ColumnIndex null_pages[{i}] is {index['null_pages'][i]}")
            if "null_counts" in index and i < len(index["null_counts"]) and index["null_counts"][i] != page.num_nulls:
                report.error(f"{where}: ColumnIndex null_counts[{i}] {index['null_counts'][i]} != {page.num_nulls}")
        for page in pages:
            page.column_index = index
    else:
        for page in pages:
            page.column_index = None


# ---------------------------------------------------------------------------------------------
# Statistics against the data
# ---------------------------------------------------------------------------------------------


def decode_stat(raw, leaf, kind):
    p = leaf.physical
    if p == pf.BOOLEAN:
        return raw[0] != 0
    if p == pf.INT32:
        return struct.unpack("<i" if kind.signed else "<I", raw)[0]
    if p == pf.INT64:
        return struct.unpack("<q" if kind.signed else "<Q", raw)[0]
    if p == pf.FLOAT:
        return struct.unpack("<f", raw)[0]
    if p == pf.DOUBLE_T:
        return struct.unpack("<d", raw)[0]
    if kind.kind == "decimal":
        return int.from_bytes(raw, "big", signed=True)
    return bytes(raw)


def physical_values(column, leaf, kind):
    """A pyarrow column as values in the statistics' domain (None for NULL, NaN left out later)."""
    import pyarrow as pa
    t = column.type
    if pa.types.is_timestamp(t) or pa.types.is_time(t):
        return [None if v is None else rescale(v, t.unit, kind.unit or t.unit)
                for v in column.cast(pa.int32() if pa.types.is_time32(t) else pa.int64()).to_pylist()]
    if pa.types.is_date32(t):
        return column.cast(pa.int32()).to_pylist()
    values = column.to_pylist()
    if kind.kind == "decimal":
        return [None if v is None else int(v.scaleb(kind.scale)) for v in values]
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return [None if v is None else v.encode("utf-8") for v in values]
    if kind.kind == "float16":
        return None
    return values


def bounds_ok(stated, actual_min, actual_max, exact, is_min):
    actual = actual_min if is_min else actual_max
    if exact:
        return stated == actual
    return stated <= actual if is_min else stated >= actual


def check_values_stats(stats, values, leaf, kind, where, report):
    """Statistics `stats` (Thrift dict) against `values` (the rows they describe)."""
    if not stats:
        return
    nulls = sum(1 for v in values if v is None)
    present = [v for v in values if v is not None]
    is_float = leaf.physical in (pf.FLOAT, pf.DOUBLE_T)
    nans = sum(1 for v in present if is_float and math.isnan(v))
    ordered = [v for v in present if not (is_float and math.isnan(v))]
    if "null_count" in stats and stats["null_count"] != nulls:
        report.error(f"{where}: null_count {stats['null_count']} != {nulls}")
    if "nan_count" in stats and stats["nan_count"] != nans:
        report.error(f"{where}: nan_count {stats['nan_count']} != {nans}")
    if "distinct_count" in stats and stats["distinct_count"] != len(set(present)):
        report.error(f"{where}: distinct_count {stats['distinct_count']} != {len(set(present))}")
    if leaf.physical == pf.INT96:
        return
    lo, hi = (min(ordered), max(ordered)) if ordered else (None, None)
    for key, is_min, exact_key in (("min_value", True, "is_min_value_exact"), ("max_value", False, "is_max_value_exact")):
        if key not in stats:
            continue
        if lo is None:
            if not is_float:
                report.error(f"{where}: {key} present but every value is NULL")
            continue
        stated = decode_stat(stats[key], leaf, kind)
        exact = stats.get(exact_key, True) or leaf.physical not in (pf.BYTE_ARRAY, pf.FIXED)
        if not bounds_ok(stated, lo, hi, exact, is_min):
            report.error(f"{where}: {key} {stated!r} but the values' {'min' if is_min else 'max'} is "
                         f"{(lo if is_min else hi)!r}{'' if exact else ' (inexact bound)'}")
        if is_float and stated == 0 and math.copysign(1, stated) != (-1 if is_min else 1):
            report.warn(f"{where}: {key} of zero should be {'-0.0' if is_min else '+0.0'}")
    signed_sort = leaf.physical in (pf.BOOLEAN, pf.INT32, pf.INT64, pf.FLOAT, pf.DOUBLE_T) and kind.signed
    for key, is_min in (("min", True), ("max", False)):
        if key in stats and signed_sort and lo is not None:
            stated = decode_stat(stats[key], leaf, kind)
            if not bounds_ok(stated, lo, hi, True, is_min):
                report.error(f"{where}: deprecated {key} {stated!r} != {(lo if is_min else hi)!r}")


def check_statistics(path, meta, leaves, pages, report):
    import pyarrow.parquet as pq
    parquet = pq.ParquetFile(path)
    checked = 0
    for g, rg in enumerate(meta["row_groups"]):
        table = parquet.read_row_group(g)
        for c, (chunk, leaf) in enumerate(zip(rg["columns"], leaves)):
            if leaf.max_rep or len(leaf.path) != 1:
                continue
            kind = Kind(leaf)
            values = physical_values(table.column(c).combine_chunks(), leaf, kind)
            if values is None:
                continue
            where = f"row group {g}, column {leaf.name}"
            md = chunk.get("meta_data", {})
            check_values_stats(md.get("statistics"), values, leaf, kind, f"{where}, statistics", report)
            size = md.get("size_statistics")
            if size:
                nulls = sum(1 for v in values if v is None)
                if "definition_level_histogram" in size and leaf.max_def == 1 and \
                        size["definition_level_histogram"] != [nulls, len(values) - nulls]:
                    report.error(f"{where}: definition_level_histogram {size['definition_level_histogram']} "
                                 f"!= {[nulls, len(values) - nulls]}")
                if "unencoded_byte_array_data_bytes" in size and leaf.physical == pf.BYTE_ARRAY:
                    total = sum(len(v) for v in values if v is not None)
                    if size["unencoded_byte_array_data_bytes"] != total:
                        report.error(f"{where}: unencoded_byte_array_data_bytes "
                                     f"{size['unencoded_byte_array_data_bytes']} != {total}")
            for i, page in enumerate(pages.get((g, c), [])):
                rows = values[page.first_row:page.first_row + page.num_rows]
                check_values_stats(page.statistics, rows, leaf, kind, f"{where}, page {i} header statistics", report)
                index = page.column_index
                if index and i < len(index["min_values"]) and not index["null_pages"][i]:
                    stats = {"min_value": index["min_values"][i], "max_value": index["max_values"][i],
                             "is_min_value_exact": leaf.physical not in (pf.BYTE_ARRAY, pf.FIXED),
                             "is_max_value_exact": leaf.physical not in (pf.BYTE_ARRAY, pf.FIXED)}
                    check_values_stats(stats, rows, leaf, kind, f"{where}, ColumnIndex page {i}", report)
            index = next((p.column_index for p in pages.get((g, c), []) if p.column_index), None)
            if index:
                check_boundary_order(index, leaf, kind, where, report)
            checked += 1
    report.info(f"statistics: {checked} column chunks checked against their values")


def check_boundary_order(index, leaf, kind, where, report):
    live = [i for i, null in enumerate(index["null_pages"]) if not null]
    mins = [decode_stat(index["min_values"][i], leaf, kind) for i in live]
    maxs = [decode_stat(index["max_values"][i], leaf, kind) for i in live]
    order = index["boundary_order"]
    ascending = all(a <= b for a, b in zip(mins, mins[1:])) and all(a <= b for a, b in zip(maxs, maxs[1:]))
    descending = all(a >= b for a, b in zip(mins, mins[1:])) and all(a >= b for a, b in zip(maxs, maxs[1:]))
    if (order == 1 and not ascending) or (order == 2 and not descending):
        report.error(f"{where}: ColumnIndex boundary_order {order} but the page bounds are not in that order")


# ---------------------------------------------------------------------------------------------
# Readers and expectation
# ---------------------------------------------------------------------------------------------


def normalized(result, kinds, digits):
    """A reader's columns as normalized text; a value the reader holds at a coarser unit than the
    column (DuckDB's TIME is microseconds) as ("coarse", value, factor); a DECIMAL the reader
    decoded to float (fastparquet) as ("float", value)."""
    columns = []
    for c, kind in enumerate(kinds):
        have = result["units"].get(result["columns"][c])
        values = [row[c] for row in result["rows"]]
        if kind.kind == "date" and have not in (None, "day"):
            values = [None if v is None else v // (86_400 * UNITS[have]) for v in values]
        elif kind.kind in ("time", "timestamp") and have and have != kind.unit:
            if UNITS[have] < UNITS[kind.unit]:
                factor = UNITS[kind.unit] // UNITS[have]
                columns.append([None if v is None else ("coarse", v, factor) for v in values])
                continue
            values = [None if v is None else rescale(v, have, kind.unit) for v in values]
        if kind.kind == "decimal" and any(isinstance(v, float) for v in values):
            columns.append([None if v is None else ("float", v) for v in values])
            continue
        columns.append([canon(v, kind, digits) for v in values])
    return columns


def agrees(mine, ref, ref_raw, name, kind):
    if isinstance(mine, tuple):
        if mine[0] == "float":
            return ref != NULL and math.isclose(float(decimal.Decimal(ref)), mine[1], rel_tol=1e-9, abs_tol=1e-12)
        # The reader rounds or truncates to its unit: within one unit of it.
        return ref_raw is not None and abs(ref_raw - mine[1] * mine[2]) < mine[2]
    if mine == ref:
        return True
    # fastparquet reads float NaN back as NULL (a known limitation, not a file defect).
    return name == "fastparquet" and mine == NULL and ref == "nan"


def compare_reader(name, columns, reference, reference_raw, kinds, report):
    lossy = set()
    for c, kind in enumerate(kinds):
        for r, (mine, ref) in enumerate(zip(columns[c], reference[c])):
            if mine is None:
                mine = NULL
            if isinstance(mine, tuple):
                lossy.add(kind.name)
            if not agrees(mine, ref, reference_raw[c][r], name, kind):
                report.error(f"{name}: row {r + 1}, column {kind.name}: {mine!r}, pyarrow {ref!r}")
                return False
    if lossy:
        report.info(f"{name}: compared at the reader's precision: {', '.join(sorted(lossy))}")
    return True


def expected_rows(args):
    if args.expect_csv:
        with open(args.expect_csv, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f, strict=True))
        header = None if args.csv_no_header or not rows else rows.pop(0)
        return header, [[None if cell == args.csv_null else cell for cell in row] for row in rows]
    with sqlite3.connect(f"file:{args.expect_sqlite}?mode=ro", uri=True) as db:
        cursor = db.execute(args.query)
        header = [d[0] for d in cursor.description]
        return header, [list(row) for row in cursor.fetchall()]


def compare_expected(args, names, reference, kinds, report):
    header, rows = expected_rows(args)
    if args.max_rows is not None:
        rows = rows[:args.max_rows]
    # A SQLite query's column names are its expressions: only a CSV header must match the file.
    if args.expect_csv and header is not None and [h.lower() for h in header] != [n.lower() for n in names]:
        report.error(f"expected columns {header} != file columns {names}")
        return
    count = len(reference[0]) if reference else 0
    if args.max_rows is None and len(rows) != count:
        report.error(f"{count} rows, expected {len(rows)}")
    differing, first = 0, None
    for r, row in enumerate(rows[:count]):
        if len(row) != len(kinds):
            differing += 1
            first = first or f"row {r + 1} has {len(row)} cells, expected {len(kinds)}"
            continue
        for c, kind in enumerate(kinds):
            want = parse_expected(row[c], kind, args.float_digits)
            if want != reference[c][r]:
                differing += 1
                first = first or f"row {r + 1}, column {kind.name}: {reference[c][r]!r}, expected {want!r}"
    if differing:
        report.error(f"content differs in {differing} cells; first: {first}")
    else:
        report.info(f"expectation: {min(len(rows), count)} rows match")


def check(args):
    report = Report(args.quiet)
    print(f"parquet_check: {args.file}")
    try:
        meta, leaves, pages = check_structure(args.file, report)
    except (pf.FormatError, struct.error, OSError) as error:
        report.error(f"structure: {error}")
        return report, 0, 0
    kinds = [Kind(leaf) for leaf in leaves]
    if not args.no_footer_dump and not args.quiet:
        for leaf, kind in zip(leaves, kinds):
            md = meta["row_groups"][0]["columns"][leaves.index(leaf)]["meta_data"] if meta["row_groups"] else {}
            report.info(f"column {leaf.name}: {pf.TYPE_NAMES[leaf.physical]} {kind.kind} "
                        f"codec {pf.CODECS[md.get('codec', 0)]} encodings {md.get('encodings')}")
    flat = all(leaf.max_rep == 0 and len(leaf.path) == 1 for leaf in leaves)
    try:
        check_statistics(args.file, meta, leaves, pages, report)
    except Exception as error:  # a pyarrow failure is reported by the reader step too
        report.error(f"statistics: {type(error).__name__}: {error}")
    readers = [r for r in READERS if r not in args.skip and (r != "spark" or args.spark)]
    if not flat:
        report.warn("nested columns: readers compare only row counts")
    reference, agreeing, names = None, 0, []
    for name in readers:
        result, failure = run_reader(name, args.file, args.reader_timeout)
        if failure:
            report.error(f"{name} cannot read the file: {failure}")
            continue
        if len(result["columns"]) != len(leaves) and flat:
            report.error(f"{name}: {len(result['columns'])} columns, the schema has {len(leaves)}")
            continue
        if len(result["rows"]) != meta["num_rows"]:
            report.error(f"{name}: {len(result['rows'])} rows, the footer says {meta['num_rows']}")
            continue
        if not flat:
            agreeing += 1
            continue
        columns = normalized(result, kinds, args.float_digits)
        if reference is None:
            if name != "pyarrow":
                report.warn("pyarrow is skipped: the first reader is the reference")
            reference, names = columns, result["columns"]
            reference_raw = [[row[c] if kind.kind in ("time", "timestamp") else None for row in result["rows"]]
                             for c, kind in enumerate(kinds)]
            for c, kind in enumerate(kinds):
                have = result["units"].get(names[c])
                if kind.kind in ("time", "timestamp") and have and have != kind.unit:
                    reference_raw[c] = [None if v is None else rescale(v, have, kind.unit) for v in reference_raw[c]]
            agreeing += 1
            report.info(f"{name}: {len(result['rows'])} rows")
            continue
        if [n.lower() for n in result["columns"]] != [n.lower() for n in names]:
            report.error(f"{name}: column names {result['columns']} != {names}")
            continue
        if compare_reader(name, columns, reference, reference_raw, kinds, report):
            agreeing += 1
            report.info(f"{name}: agrees ({len(result['rows'])} rows)")
    if (args.expect_csv or args.expect_sqlite) and reference is not None:
        compare_expected(args, names, reference, kinds, report)
    return report, agreeing, meta["num_rows"]


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--reader":
        _, _, name, path, out = sys.argv
        result = globals()["read_" + name](path)
        with open(out, "wb") as f:
            pickle.dump(result, f)
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    source = ap.add_mutually_exclusive_group()
    source.add_argument("--expect-csv", metavar="CSV")
    source.add_argument("--expect-sqlite", metavar="DB")
    ap.add_argument("--query")
    ap.add_argument("--csv-null", default="", help="cell text meaning NULL in --expect-csv (default: empty)")
    ap.add_argument("--csv-no-header", action="store_true")
    ap.add_argument("--spark", action="store_true", help="also read with Spark (parquet-java)")
    ap.add_argument("--skip", action="append", default=[], choices=READERS)
    ap.add_argument("--float-digits", type=int, default=15)
    ap.add_argument("--max-rows", type=int, default=None)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--no-footer-dump", action="store_true")
    ap.add_argument("--reader-timeout", type=int, default=600)
    args = ap.parse_args()
    if args.expect_sqlite and not args.query:
        ap.error("--expect-sqlite needs --query")
    report, agreeing, rows = check(args)
    if report.errors:
        print(f"parquet_check: FAIL ({len(report.errors)} errors; first: {report.errors[0]})")
        sys.exit(1)
    print(f"parquet_check: OK ({agreeing} readers agree, {rows} rows)")


if __name__ == "__main__":
    main()
