#!/usr/bin/env python3
"""test_checkers.py: proves tools/parquet_check.py and tools/delimited_check.py pass good files
and fail broken ones. Last line: "N passed, M failed"; exit 0 only when all pass."""
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = 1_234_567_890_123  # the column minimum whose statistic the test corrupts


def run(script, *args):
    result = subprocess.run([sys.executable, os.path.join(HERE, script), *args], capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).strip().splitlines()[-1:]


def main():
    import pyarrow as pa
    import pyarrow.parquet as pq
    tmp = tempfile.mkdtemp(prefix="checkers-")
    table = pa.table({"id": pa.array([MARK + i for i in range(1000)], pa.int64()),
                      "name": pa.array([None if i % 7 == 0 else f"n{i}" for i in range(1000)]),
                      "price": pa.array([i * 0.25 for i in range(1000)])})
    good = os.path.join(tmp, "good.parquet")
    pq.write_table(table, good, write_page_index=True, data_page_size=2048)
    csv_good = os.path.join(tmp, "expected.csv")
    with open(csv_good, "w") as f:
        f.write("id,name,price\n" + "".join(f"{MARK + i},{'' if i % 7 == 0 else f'n{i}'},{i * 0.25}\n"
                                            for i in range(1000)))
    data = open(good, "rb").read()
    (footer_length,) = struct.unpack_from("<I", data, len(data) - 8)
    footer_start = len(data) - 8 - footer_length
    truncated = os.path.join(tmp, "truncated.parquet")
    open(truncated, "wb").write(data[:-8] + struct.pack("<I", footer_length - 5) + b"PAR1")
    needle = struct.pack("<q", MARK)
    wrong_min = os.path.join(tmp, "wrong-min.parquet")
    footer = data[footer_start:].replace(needle, struct.pack("<q", MARK + 1))  # min and min_value
    open(wrong_min, "wb").write(data[:footer_start] + footer)
    csv_bad = os.path.join(tmp, "expected-bad.csv")
    lines = open(csv_good).read().splitlines(True)
    lines[500] = lines[500].replace("n499", "n-changed")
    open(csv_bad, "w").writelines(lines)
    ragged = os.path.join(tmp, "ragged.csv")
    broken = list(lines)
    broken[10] = broken[10].rstrip("\n") + ",extra\n"
    open(ragged, "w").writelines(broken)

    cases = [
        ("pyarrow file passes", True, "parquet_check.py", [good, "--expect-csv", csv_good]),
        ("truncated footer fails", False, "parquet_check.py", [truncated]),
        ("wrong min statistic fails", False, "parquet_check.py", [wrong_min]),
        ("expectation mismatch fails", False, "parquet_check.py", [good, "--expect-csv", csv_bad]),
        ("CSV passes", True, "delimited_check.py", [csv_good, "--expect-csv", csv_good]),
        ("ragged CSV fails", False, "delimited_check.py", [ragged]),
        ("CSV mismatch fails", False, "delimited_check.py", [csv_good, "--expect-csv", csv_bad]),
    ]
    passed = failed = 0
    for name, should_pass, script, args in cases:
        status, last = run(script, *args)
        ok = (status == 0) == should_pass
        passed, failed = passed + ok, failed + (not ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {status} {last}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
