#!/usr/bin/env python3
"""End-to-end benchmark driver: `extract export` against peer tools on the shared dataset.

Started by `Benchmarks/e2e/run` (which builds, makes the dataset and the venv first); run it
directly only with the same arguments that script passes. Standard library only, plus pyarrow
(from the benchmark venv) for the Parquet row-count checks.

Every measured run is one child process. Wall seconds come from time.perf_counter() around
the child, peak RSS from GNU time's %M (the child's own peak; see run_child). Per case the
tools run interleaved: a warm-up round (ours, peer1, peer2, ...) that is not counted, then
`--runs` timed rounds in the same order. The table shows medians.
"""
import argparse
import csv
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FORMATS = ["csv", "tsv", "dat", "parquet"]
COMPRESSIONS = ["none", "gzip", "zstd", "lz4", "snappy"]
TEXT_SUFFIX = {"none": "", "gzip": ".gz", "zstd": ".zst", "lz4": ".lz4", "snappy": ".sz"}
DELIMS = {"csv": ",", "tsv": "\t", "dat": "|"}
GNU_TIME = "/usr/bin/time"
PEERS = ["sqlite3", "duckdb", "pyarrow", "polars"]   # psql joins them with --postgres


def log(msg):
    print(f"==> {msg}", file=sys.stderr, flush=True)


class Child:
    """Result of one child process."""

    def __init__(self, wall, maxrss_kib, rc, stdout, stderr):
        self.wall, self.maxrss_kib, self.rc, self.stdout, self.stderr = wall, maxrss_kib, rc, stdout, stderr


def run_child(argv, stdout_path=None, env=None):
    """Runs argv, stdout to `stdout_path` (or captured), and returns wall s + peak RSS.

    Peak RSS comes from GNU time (`/usr/bin/time -f %M`), not from our own os.wait4(): on Linux
    a child's ru_maxrss also counts the high-water mark of the process image it was exec'd
    from, i.e. this driver's (11 MiB, 51 MiB once pyarrow is imported) - /bin/true would
    "peak" at 51 MiB. GNU time is a 1 MiB process, so what it reports is the tool's own peak.
    Wall seconds are measured here around the whole thing (time adds about a millisecond).
    """
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss, tempfile.TemporaryFile() as err, \
            (open(stdout_path, "wb") if stdout_path else tempfile.TemporaryFile()) as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", rss.name] + argv,
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, status, _ = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
        stdout = ""
        if not stdout_path:
            out.seek(0)
            stdout = out.read().decode(errors="replace")
        try:
            with open(rss.name) as f:
                maxrss_kib = int(f.read().strip().splitlines()[-1])
        except (ValueError, IndexError):
            maxrss_kib = 0
    return Child(wall, maxrss_kib, proc.returncode, stdout, stderr)


class Tool:
    """One way of producing an output file for a case."""

    def __init__(self, name, argv_fn, stdout_to_file=False, parse_inner=False):
        self.name, self.argv_fn, self.stdout_to_file, self.parse_inner = name, argv_fn, stdout_to_file, parse_inner


def output_name(fmt, comp):
    if fmt == "parquet":
        return "out.parquet"
    return f"out.{fmt}{TEXT_SUFFIX[comp]}"


def count_rows(path, fmt, comp):
    """Rows in an output file (header excluded), or None when not checked."""
    if fmt == "parquet":
        try:
            import pyarrow.parquet as pq
            return pq.ParquetFile(path).metadata.num_rows
        except Exception as e:  # a file that pyarrow cannot open is worth a loud warning
            return f"unreadable: {e}"
    if comp != "none" or fmt != "csv":
        return None
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        return sum(1 for _ in csv.reader(f)) - 1


class Bench:
    def __init__(self, args):
        self.a = args
        self.results = []          # dicts, one per (case, tool)
        self.outdir = args.work_dir
        os.makedirs(self.outdir, exist_ok=True)
        self.peer_support = json.loads(subprocess.check_output([args.python, args.peers, "--support"]))

    # -- tools --------------------------------------------------------------------------
    def ours(self, fmt, comp, db, source=None):
        src = source or f"sqlite:{db}"
        return Tool("ours", lambda out: [self.a.extract, "export", "--source", src, "--table", "orders_bench",
                                         "--format", fmt, "--compression", comp, "--output", out])

    def peer(self, name, fmt, comp, db):
        if name == "sqlite3":
            if (fmt, comp) != ("csv", "none"):
                return None
            return Tool("sqlite3 -csv", lambda out: ["sqlite3", "-csv", "-header", db, "select * from orders_bench"],
                        stdout_to_file=True)
        if f"{fmt}/{comp}" not in self.peer_support.get(name, []):
            return None
        return Tool(name, lambda out: [self.a.python, self.a.peers, name, fmt, comp, db, out], parse_inner=True)

    # -- one case -----------------------------------------------------------------------
    def run_case(self, case, tools, fmt, comp, rows):
        log(f"case {case}: {', '.join(t.name for t in tools)}")
        samples = {t.name: [] for t in tools}
        info = {t.name: {} for t in tools}
        failed = set()
        for rnd in range(self.a.runs + 1):          # round 0 is the warm-up
            for tool in tools:
                if tool.name in failed:
                    continue
                out = os.path.join(self.outdir, f"{tool.name.split()[0]}-{output_name(fmt, comp)}")
                if os.path.exists(out):
                    os.remove(out)
                child = run_child(tool.argv_fn(out), stdout_path=out if tool.stdout_to_file else None)
                if child.rc != 0:
                    log(f"  {tool.name} failed ({child.rc}): {child.stderr.strip()[-600:]}")
                    info[tool.name]["error"] = child.stderr.strip().splitlines()[-1:] or [f"exit {child.rc}"]
                    failed.add(tool.name)
                    continue
                size = os.path.getsize(out) if os.path.exists(out) else 0
                inner = None
                if tool.parse_inner and child.stdout.strip():
                    inner = json.loads(child.stdout.strip().splitlines()[-1]).get("inner_s")
                if rnd == 0:
                    checked = count_rows(out, fmt, comp) if self.a.check_rows else None
                    if checked is not None and checked != rows:
                        log(f"  WARNING {tool.name} {case}: {checked} rows, expected {rows}")
                    info[tool.name]["rows_checked"] = checked
                else:
                    samples[tool.name].append((child.wall, child.maxrss_kib, size, inner))
                    log(f"  {tool.name:14s} {child.wall:7.2f} s  {child.maxrss_kib / 1024:7.1f} MiB  {size:>12,} B")
                if os.path.exists(out):
                    os.remove(out)
        for tool in tools:
            s = samples[tool.name]
            row = {"case": case, "tool": tool.name, "rows": rows, "runs": len(s), **info[tool.name]}
            if s:
                row.update(median_s=statistics.median(x[0] for x in s),
                           all_s=[round(x[0], 3) for x in s],
                           peak_rss_mib=statistics.median(x[1] for x in s) / 1024,
                           bytes=s[-1][2],
                           inner_s=statistics.median(x[3] for x in s) if s[0][3] is not None else None)
                row["rows_per_s"] = rows / row["median_s"]
            self.results.append(row)

    # -- the matrix ---------------------------------------------------------------------
    def matrix(self, db, rows):
        pattern = re.compile(self.a.cases) if self.a.cases else None
        for fmt in FORMATS:
            for comp in COMPRESSIONS:
                case = f"sqlite {fmt}/{comp}"
                if pattern and not pattern.search(case):
                    continue
                tools = [self.ours(fmt, comp, db)] if "ours" in self.a.tools else []
                for p in PEERS:
                    if p in self.a.tools:
                        t = self.peer(p, fmt, comp, db)
                        if t:
                            tools.append(t)
                if tools:
                    self.run_case(case, tools, fmt, comp, rows)

    def postgres(self, url, rows):
        """PostgreSQL -> CSV: ours against psql \\copy."""
        case = "postgresql csv/none"
        if self.a.cases and not re.search(self.a.cases, case):
            return
        tools = []
        if "ours" in self.a.tools:
            tools.append(self.ours("csv", "none", None, source=url))
        if "psql" in self.a.tools:
            tools.append(Tool("psql \\copy", lambda out: ["psql", "-X", "-q", "-d", url, "-c",
                                                           f"\\copy (select * from orders_bench) to '{out}' csv header"]))
        if tools:
            self.run_case(case, tools, "csv", "none", rows)

    def in_memory(self, db, rows):
        """In-memory table -> Parquet snappy: only the write is timed (inside each child)."""
        case = "in-memory parquet/snappy"
        if self.a.cases and not re.search(self.a.cases, case):
            return
        log(f"case {case}: ours (ParquetInMemory), pyarrow pq.write_table")
        tools = []
        if "ours" in self.a.tools:
            if self.a.inmem_exe and os.path.exists(self.a.inmem_exe):
                tools.append(("ours", lambda out: [self.a.inmem_exe, db, out, "2"]))
            else:
                log("  ParquetInMemory not built: ours skipped")
        if "pyarrow" in self.a.tools:
            tools.append(("pyarrow", lambda out: [self.a.python, self.a.peers, "inmem-pyarrow", db, out, "2"]))
        if not tools:
            return
        samples = {name: [] for name, _ in tools}
        for rnd in range(self.a.runs + 1):
            for name, argv_fn in tools:
                out = os.path.join(self.outdir, f"inmem-{name}.parquet")
                child = run_child(argv_fn(out))
                if child.rc != 0:
                    log(f"  {name} failed: {child.stderr.strip()[-400:]}")
                    continue
                res = json.loads(child.stdout.strip().splitlines()[-1])
                write_s = res["write_s"][-1]          # the child's first write warms it up
                if rnd > 0:
                    samples[name].append((write_s, child.maxrss_kib, os.path.getsize(out)))
                    log(f"  {name:14s} write {write_s:7.3f} s  {child.maxrss_kib / 1024:7.1f} MiB")
                os.remove(out)
        for name, _ in tools:
            s = samples[name]
            if s:
                med = statistics.median(x[0] for x in s)
                self.results.append({"case": case, "tool": name, "rows": rows, "runs": len(s), "median_s": med,
                                     "all_s": [round(x[0], 3) for x in s], "rows_per_s": rows / med,
                                     "peak_rss_mib": statistics.median(x[1] for x in s) / 1024, "bytes": s[-1][2]})

    def memory_check(self, db_small, rows_small, rows_big):
        """Peak RSS of ours at rows_big versus rows_small, for the cases already measured at rows_big."""
        big = {r["case"]: r for r in self.results if r["tool"] == "ours" and r.get("peak_rss_mib")
               and r["case"].startswith("sqlite ")}
        checks = []
        for case in ["sqlite parquet/snappy", "sqlite csv/none"]:
            if case not in big:
                continue
            fmt, comp = case.split()[1].split("/")
            rss = []
            for _ in range(self.a.runs):
                out = os.path.join(self.outdir, f"memcheck-{output_name(fmt, comp)}")
                child = run_child(self.ours(fmt, comp, db_small).argv_fn(out))
                if child.rc == 0:
                    rss.append(child.maxrss_kib / 1024)
                if os.path.exists(out):
                    os.remove(out)
            if rss:
                small = statistics.median(rss)
                ratio = big[case]["peak_rss_mib"] / small
                checks.append({"case": case, "rows_small": rows_small, "rss_small_mib": small,
                               "rows_big": rows_big, "rss_big_mib": big[case]["peak_rss_mib"], "ratio": ratio,
                               "met": ratio <= 1.2})
        return checks


def fmt_table(results):
    """The results table as GitHub markdown; ratio = ours speed / peer speed = peer s / ours s."""
    lines = ["| case | tool | median s | rows/s | output bytes | peak RSS MiB | ours/peer speed |",
             "|---|---|---:|---:|---:|---:|---:|"]
    by_case = {}
    for r in results:
        by_case.setdefault(r["case"], []).append(r)
    for case, rows in by_case.items():
        ours = next((r for r in rows if r["tool"] == "ours" and r.get("median_s")), None)
        for r in rows:
            if not r.get("median_s"):
                lines.append(f"| {case} | {r['tool']} | failed: {' '.join(r.get('error', ['?']))[:80]} | | | | |")
                continue
            ratio = ""
            if ours and r is not ours:
                ratio = f"{r['median_s'] / ours['median_s']:.2f}×"
            inner = f" ({r['inner_s']:.2f} in-process)" if r.get("inner_s") is not None else ""
            lines.append(f"| {case} | {r['tool'].replace('|', '/')} | {r['median_s']:.2f}{inner} | {r['rows_per_s'] / 1e6:.2f} M | "
                         f"{r['bytes']:,} | {r['peak_rss_mib']:.0f} | {ratio} |")
    return "\n".join(lines)


def goals(results, memory):
    """The issue's goals, judged from the medians."""
    out = []
    def med(case, tool):
        r = next((r for r in results if r["case"] == case and r["tool"] == tool and r.get("median_s")), None)
        return r["median_s"] if r else None

    for case, need in [("sqlite parquet/snappy", 1.5), ("sqlite csv/none", 1.5)]:
        ours = med(case, "ours")
        peers = [(r["median_s"], r["tool"]) for r in results
                 if r["case"] == case and r["tool"] != "ours" and r.get("median_s")]
        if ours and peers:
            best, who = min(peers)
            ratio = best / ours
            out.append(f"- {case}: ours {ours:.2f} s, fastest peer {who} {best:.2f} s -> {ratio:.2f}× "
                       f"(goal ≥ {need}×): {'MET' if ratio >= need else 'NOT met'}")
        else:
            out.append(f"- {case}: not measured")
    ours, peer = med("in-memory parquet/snappy", "ours"), med("in-memory parquet/snappy", "pyarrow")
    if ours and peer:
        out.append(f"- in-memory parquet/snappy: ours {ours:.3f} s, pyarrow {peer:.3f} s -> {peer / ours:.2f}× "
                   f"(goal ≥ 1.0×): {'MET' if peer / ours >= 1.0 else 'NOT met'}")
    else:
        out.append("- in-memory parquet/snappy: not measured")
    ours, peer = med("postgresql csv/none", "ours"), med("postgresql csv/none", "psql \\copy")
    if ours and peer:
        out.append(f"- postgresql csv/none: ours {ours:.2f} s, psql \\copy {peer:.2f} s -> {peer / ours:.2f}× "
                   f"(goal ≥ 0.9×): {'MET' if peer / ours >= 0.9 else 'NOT met'}")
    else:
        out.append("- postgresql csv/none: not measured")
    for m in memory:
        out.append(f"- peak RSS {m['case']}: {m['rows_big']:,} rows {m['rss_big_mib']:.0f} MiB vs "
                   f"{m['rows_small']:,} rows {m['rss_small_mib']:.0f} MiB -> {m['ratio']:.2f}× (goal ≤ 1.2×): "
                   f"{'MET' if m['met'] else 'NOT met'}")
    if not memory:
        out.append("- peak RSS 10M vs 1M: not measured (run with --rows 10000000)")
    return "\n".join(out)


def machine():
    load = os.getloadavg()
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return {"nproc": os.cpu_count(), "cpu": model, "mem_gib": round(mem_kib / 1024 / 1024, 1),
            "load": [round(x, 2) for x in load]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="orders_bench SQLite file with --rows rows")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--db-1m", help="the 1M-row file, for the memory check when --rows > 1M")
    ap.add_argument("--extract", required=True, help="the release `extract` binary")
    ap.add_argument("--inmem-exe", help="the release ParquetInMemory binary")
    ap.add_argument("--python", default=sys.executable, help="the venv Python with the peers")
    ap.add_argument("--peers", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers.py"))
    ap.add_argument("--postgres", help="PostgreSQL URL holding orders_bench (loaded by make_dataset.py)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per tool and case (after one warm-up)")
    ap.add_argument("--cases", help="regex over case names, e.g. 'parquet/snappy|csv/none'")
    ap.add_argument("--tools", default="ours,psql," + ",".join(PEERS), help="comma list: ours,sqlite3,duckdb,pyarrow,polars,psql")
    ap.add_argument("--work-dir", default=os.path.join(tempfile.gettempdir(), "extract-e2e"))
    ap.add_argument("--no-check-rows", dest="check_rows", action="store_false")
    ap.add_argument("--results", help="write the markdown report here (and .json beside it)")
    a = ap.parse_args()
    a.tools = set(a.tools.split(","))
    if a.runs < 3:
        log(f"note: --runs {a.runs} < 3; the issue asks for at least 3")

    start = machine()
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    b = Bench(a)
    b.matrix(a.db, a.rows)
    if a.postgres:
        b.postgres(a.postgres, a.rows)
    b.in_memory(a.db, a.rows)
    memory = []
    if a.rows > 1_000_000 and a.db_1m and "ours" in a.tools:
        memory = b.memory_check(a.db_1m, 1_000_000, a.rows)
    end = machine()
    shutil.rmtree(a.work_dir, ignore_errors=True)

    report = [f"Started {started}; {start['nproc']} CPUs ({start['cpu']}), {start['mem_gib']} GiB; "
              f"load average (1/5/15 min) at start {start['load']}, at end {end['load']}.",
              f"Dataset: orders_bench, {a.rows:,} rows, {a.db}. Medians of {a.runs} timed runs after one warm-up, "
              "tools interleaved per case. Wall seconds of the whole process (peers: Python start-up and imports "
              "included; the in-process part in parentheses). ours/peer speed = peer s ÷ ours s (> 1: ours faster).",
              "", fmt_table(b.results), "", "Goals:", goals(b.results, memory)]
    text = "\n".join(report)
    print(text)
    if a.results:
        with open(a.results, "w") as f:
            f.write(text + "\n")
        with open(os.path.splitext(a.results)[0] + ".json", "w") as f:
            json.dump({"machine_start": start, "machine_end": end, "started": started, "rows": a.rows,
                       "results": b.results, "memory": memory}, f, indent=1)


if __name__ == "__main__":
    main()
