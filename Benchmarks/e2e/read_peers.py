#!/usr/bin/env python3
"""Full single-thread read of one Parquet file by the peers, one process per read, for the
Parquet reader section of BENCHMARKS.md (the Swift side is Benchmarks' ParquetReadBench).

    read_peers.py TOOL FILE        TOOL = pyarrow | pyarrow-batches | polars | duckdb

Prints one JSON line: rows, wall_s and cpu_s (user + system of this process) around the read
call only (imports excluded), cpu_s_per_1m, peak_rss_mib.
* pyarrow          pq.read_table(FILE, use_threads=False)
* pyarrow-batches  ParquetFile(FILE).iter_batches(65536, use_threads=False) (streaming, like ours)
* polars           pl.read_parquet(FILE) with POLARS_MAX_THREADS=1 (set before the import)
* duckdb           threads=1; SELECT of aggregates touching every column (count, sum(id),
                   sum(amount), sum(length(customer)), epoch_us(max(ts)), sum(price))
"""
import json
import os
import resource
import sys
import time

tool, path = sys.argv[1], sys.argv[2]
if tool == "polars":
    os.environ["POLARS_MAX_THREADS"] = "1"
    import polars as pl
elif tool == "duckdb":
    import duckdb
else:
    import pyarrow.parquet as pq


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


c0, w0 = cpu(), time.perf_counter()
if tool == "pyarrow":
    rows = pq.read_table(path, use_threads=False).num_rows
elif tool == "pyarrow-batches":
    rows = sum(b.num_rows for b in pq.ParquetFile(path).iter_batches(65536, use_threads=False))
elif tool == "polars":
    rows = pl.read_parquet(path).height
elif tool == "duckdb":
    con = duckdb.connect()
    con.execute("SET threads=1")
    rows = con.execute(
        "SELECT count(*), sum(id), sum(amount), sum(length(customer)), epoch_us(max(ts)), sum(price) FROM read_parquet(?)", [path]
    ).fetchone()[0]
else:
    sys.exit(f"unknown tool {tool}")
c, w = cpu() - c0, time.perf_counter() - w0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"tool": tool, "rows": rows, "wall_s": round(w, 3), "cpu_s": round(c, 3),
                  "cpu_s_per_1m": round(c / (rows / 1e6), 4), "peak_rss_mib": round(peak, 1)}))
