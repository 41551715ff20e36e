#!/usr/bin/env python3
"""The Parquet reader benchmark file (BENCHMARKS.md section 4): ROWS rows of the issue's mix with
pyarrow's defaults (snappy, 1M-row groups): id int64 sequential; amount double, 10 % NULL;
customer string of up to 2M distinct values; ts timestamp[us, UTC]; price decimal(18,2).

    make_read_file.py ROWS OUT.parquet
"""
import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq
rows, out = int(sys.argv[1]), sys.argv[2]
schema = pa.schema([("id", pa.int64()), ("amount", pa.float64()), ("customer", pa.string()),
                    ("ts", pa.timestamp("us", "UTC")), ("price", pa.decimal128(18, 2))])
rng = np.random.default_rng(42)
chunk = 1_000_000
with pq.ParquetWriter(out, schema, compression="snappy") as w:
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        ids = np.arange(start, start + n, dtype=np.int64)
        amount = pa.array(rng.random(n) * 1000, mask=rng.random(n) < 0.1)
        cust = pa.array(np.char.add("customer-", (rng.integers(0, 2_000_000, n)).astype(str)))
        ts = pa.array(1_700_000_000_000_000 + ids * 1_000_003, pa.timestamp("us", "UTC"))
        price = pa.array(rng.integers(0, 10**9, n).astype(np.int32), pa.int32()).cast(pa.decimal128(18, 2))
        w.write_table(pa.table([ids, amount, cust, ts, price], schema=schema), row_group_size=chunk)
