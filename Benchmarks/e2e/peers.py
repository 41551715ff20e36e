#!/usr/bin/env python3
"""The peer side of the end-to-end benchmark: one export per process, like `extract export`.

    peers.py TOOL FORMAT COMPRESSION SQLITE_DB OUT        TOOL = duckdb | pyarrow | polars
    peers.py inmem-pyarrow SQLITE_DB OUT REPEATS          in-memory table -> Parquet snappy

Each call reads `orders_bench` from the SQLite file and writes OUT, then prints one JSON line
on stdout: {"inner_s": seconds spent after the imports, "rows": N}. The driver (run.py) times
the whole process, imports included; `inner_s` is reported for transparency.

What each peer does (also written up in BENCHMARKS.md):
* duckdb  - DuckDB with its sqlite_scanner extension, loaded from the PyPI wheel
            duckdb-extension-sqlite-scanner (no download at run time):
            COPY (SELECT * FROM sqlite_scan(db, 'orders_bench')) TO out (FORMAT csv|parquet, ...).
* pyarrow - connectorx reads the query into an Arrow table (typed: date32, timestamp[us], bool),
            then pyarrow.csv.write_csv (through pyarrow's CompressedOutputStream for gzip/zstd/lz4)
            or pyarrow.parquet.write_table(compression=...).
* polars  - pl.read_database_uri(..., engine="connectorx"), then DataFrame.write_csv /
            write_parquet(compression=...).
"""
import glob
import json
import os
import sys
import time

QUERY = "SELECT * FROM orders_bench"
DELIMS = {"csv": ",", "tsv": "\t", "dat": "|"}
# Parquet codec names per tool (ours: none gzip zstd lz4 snappy; lz4 = LZ4_RAW)
PQ_CODECS = {"none": "uncompressed", "snappy": "snappy", "gzip": "gzip", "zstd": "zstd", "lz4": "lz4"}

# Which (format, compression) pairs each peer can do; the driver asks with `--support`.
SUPPORT = {
    "duckdb": {("csv", c) for c in ("none", "gzip", "zstd")}
              | {("tsv", c) for c in ("none", "gzip", "zstd")}
              | {("dat", c) for c in ("none", "gzip", "zstd")}
              | {("parquet", c) for c in ("none", "snappy", "gzip", "zstd", "lz4")},
    "pyarrow": {(f, c) for f in ("csv", "tsv", "dat") for c in ("none", "gzip", "zstd", "lz4")}
               | {("parquet", c) for c in ("none", "snappy", "gzip", "zstd", "lz4")},
    "polars": {(f, "none") for f in ("csv", "tsv", "dat")}
              | {("parquet", c) for c in ("none", "snappy", "gzip", "zstd", "lz4")},
}


def duckdb_connect():
    import duckdb
    import duckdb_extension_sqlite_scanner as ext
    path = glob.glob(os.path.join(os.path.dirname(ext.__file__), "extensions", "*", "sqlite_scanner.duckdb_extension"))
    if not path:
        sys.exit("duckdb-extension-sqlite-scanner has no extension binary")
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    con.load_extension(path[0])
    return con


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def run_duckdb(fmt, comp, db, out):
    con = duckdb_connect()
    t0 = time.perf_counter()
    src = f"SELECT * FROM sqlite_scan({sql_str(db)}, 'orders_bench')"
    if fmt == "parquet":
        opts = f"FORMAT parquet, COMPRESSION {PQ_CODECS[comp]}"
    else:
        opts = f"FORMAT csv, HEADER, DELIMITER {sql_str(DELIMS[fmt])}, COMPRESSION {'none' if comp == 'none' else comp}"
    con.execute(f"COPY ({src}) TO {sql_str(out)} ({opts})")
    rows = con.execute(f"SELECT count(*) FROM sqlite_scan({sql_str(db)}, 'orders_bench')").fetchone()[0] \
        if os.environ.get("PEERS_COUNT") else None
    return t0, rows


def read_arrow(db):
    import connectorx as cx
    return cx.read_sql("sqlite://" + os.path.abspath(db), QUERY, return_type="arrow")


def run_pyarrow(fmt, comp, db, out):
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq
    t0 = time.perf_counter()
    table = read_arrow(db)
    if fmt == "parquet":
        pq.write_table(table, out, compression="none" if comp == "none" else PQ_CODECS[comp])
    else:
        opts = pcsv.WriteOptions(include_header=True, delimiter=DELIMS[fmt])
        if comp == "none":
            pcsv.write_csv(table, out, write_options=opts)
        else:
            with pa.CompressedOutputStream(out, comp) as sink:
                pcsv.write_csv(table, sink, write_options=opts)
    return t0, table.num_rows


def run_polars(fmt, comp, db, out):
    import polars as pl
    t0 = time.perf_counter()
    df = pl.read_database_uri(QUERY, "sqlite://" + os.path.abspath(db), engine="connectorx")
    if fmt == "parquet":
        df.write_parquet(out, compression=PQ_CODECS[comp])
    else:
        df.write_csv(out, separator=DELIMS[fmt], include_header=True)
    return t0, df.height


def inmem_pyarrow(db, out, repeats):
    """Loads the table once (through DuckDB's sqlite scanner, so types match a typed reader),
    then times pq.write_table(snappy) of the in-memory table `repeats` times."""
    import pyarrow.parquet as pq
    con = duckdb_connect()
    rel = con.sql(f"SELECT * FROM sqlite_scan({sql_str(db)}, 'orders_bench')")
    table = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.fetch_arrow_table()
    con.close()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        pq.write_table(table, out, compression="snappy")
        times.append(time.perf_counter() - t0)
    return times, table.num_rows


def main():
    if sys.argv[1] == "--support":
        print(json.dumps({k: sorted(f"{f}/{c}" for f, c in v) for k, v in SUPPORT.items()}))
        return
    if sys.argv[1] == "inmem-pyarrow":
        db, out, repeats = sys.argv[2], sys.argv[3], int(sys.argv[4])
        times, rows = inmem_pyarrow(db, out, repeats)
        print(json.dumps({"write_s": times, "rows": rows}))
        return
    tool, fmt, comp, db, out = sys.argv[1:6]
    if (fmt, comp) not in SUPPORT[tool]:
        sys.exit(f"{tool} cannot do {fmt}/{comp}")
    t0, rows = {"duckdb": run_duckdb, "pyarrow": run_pyarrow, "polars": run_polars}[tool](fmt, comp, db, out)
    print(json.dumps({"inner_s": time.perf_counter() - t0, "rows": rows}))


if __name__ == "__main__":
    main()
