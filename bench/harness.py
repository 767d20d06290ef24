"""Side-by-side benchmark of `ssi-pulse report`, a bare calamine read and the pandas and polars routes.

Run through bench/run.sh, which builds the binaries and the Python venv first. For each scale it
generates the workbook once (`ssi-pulse sample --people N --weeks W`), then runs the jobs in turn,
repetition after repetition (rotating their order so drift on a shared machine hits all alike), each
into a fresh output folder under /usr/bin/time. For each CSV scale it runs ssi-pulse alone on the two
CSV files the same command writes (a sheet holds at most 1,048,576 rows, so the largest teams come as
CSV), to show how peak memory grows with people. It prints medians of wall time, CPU time and peak
memory, the ratios, memory per person, ssi-pulse's own stage times (`--timings`) and the targets, and
writes the same figures to target/bench/results.json and results.md. Standard library only.
"""
import argparse
import json
import platform
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SSI_PULSE = ROOT / "target/release/ssi-pulse"
FLOOR = ROOT / "target/release/examples/calamine_floor"
WORK = ROOT / "target/bench"
STAGE_LINE = re.compile(r"^(\S.*?)\s+([0-9.]+)\s+[0-9.]+%(?:\s+[0-9]+ MB)?$")
FLOOR_LINE = re.compile(r"([0-9.]+) s$")


def timed(cmd, out_dir):
    """Runs cmd under /usr/bin/time; returns wall, cpu, peak MB and the captured stdout/stderr."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    stats_file = WORK / "time.txt"
    proc = subprocess.run(
        ["/usr/bin/time", "-o", str(stats_file), "-f", "%e %U %S %M", *map(str, cmd)],
        capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    wall, user, system, kb = stats_file.read_text().split()[-4:]
    if out_dir.exists():
        shutil.rmtree(out_dir)
    return {"wall": float(wall), "cpu": float(user) + float(system), "peak_mb": int(kb) / 1024,
            "stdout": proc.stdout, "stderr": proc.stderr}


def stages(stderr):
    found = {}
    for line in stderr.splitlines():
        m = STAGE_LINE.match(line.strip())
        if m and m.group(1) not in ("stage",):
            found[m.group(1)] = float(m.group(2))
    return found


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1x78,200x104,2000x156",
                    help="comma-separated PEOPLExWEEKS (default: %(default)s)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions of each job (default: 3)")
    ap.add_argument("--python-reps", type=int,
                    help="repetitions of the pandas reference (default: --reps)")
    ap.add_argument("--csv-scales", default="500x156,5000x156",
                    help="comma-separated PEOPLExWEEKS run from CSV, ssi-pulse only (default: %(default)s; "
                         "empty for none)")
    ap.add_argument("--no-python", action="store_true", help="skip the pandas and polars routes")
    ap.add_argument("--without-xlsx", action="store_true",
                    help="also run ssi-pulse with --formats png,svg (no report.xlsx), side by side")
    ap.add_argument("--person-pages-variants", action="store_true",
                    help="also run ssi-pulse with --person-pages md and --person-pages none, side by side")
    ap.add_argument("--python", default=str(WORK / "venv/bin/python"),
                    help="the Python with bench/requirements.txt installed")
    args = ap.parse_args()
    scales = [tuple(int(v) for v in s.lower().split("x")) for s in args.scales.split(",") if s]
    csv_scales = [tuple(int(v) for v in s.lower().split("x")) for s in args.csv_scales.split(",") if s]
    python_reps = args.python_reps or args.reps
    data = WORK / "data"
    WORK.mkdir(parents=True, exist_ok=True)

    results = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
               "cpu": platform.processor() or platform.machine(), "reps": args.reps,
               "python_reps": 0 if args.no_python else python_reps, "scales": []}
    for people, weeks in scales:
        label = f"{people}x{weeks}"
        book = data / f"team_{label}.xlsx"
        if not book.exists():
            subprocess.run([SSI_PULSE, "sample", "--people", str(people), "--weeks", str(weeks),
                            "--out", data], check=True, capture_output=True)
        jobs = {
            "calamine floor": ([FLOOR, book], args.reps),
            "ssi-pulse": ([SSI_PULSE, "report", book, "--out", WORK / "out-ssi-pulse", "--quiet",
                           "--timings"], args.reps),
        }
        if args.without_xlsx:
            jobs["ssi-pulse without xlsx"] = ([SSI_PULSE, "report", book, "--out", WORK / "out-ssi-pulse",
                                               "--quiet", "--formats", "png,svg"], args.reps)
        if args.person_pages_variants:
            for pages in ("md", "none"):
                jobs[f"ssi-pulse --person-pages {pages}"] = (
                    [SSI_PULSE, "report", book, "--out", WORK / "out-ssi-pulse", "--quiet",
                     "--person-pages", pages], args.reps)
        if not args.no_python:
            jobs["pandas reference"] = ([args.python, ROOT / "bench/reference.py", book,
                                         WORK / "out-reference"], python_reps)
            jobs["polars reference"] = ([args.python, ROOT / "bench/reference_polars.py", book,
                                         WORK / "out-reference"], python_reps)
        runs = {name: [] for name in jobs}
        order = list(jobs)
        for rep in range(max(n for _, n in jobs.values())):
            for name in order[rep % len(order):] + order[:rep % len(order)]:
                cmd, n = jobs[name]
                if rep < n:
                    out = WORK / ("out-ssi-pulse" if name.startswith("ssi-pulse") else "out-reference")
                    runs[name].append(timed(cmd, out))
                    print(f"  {label} {name} run {rep + 1}: {runs[name][-1]['wall']:.2f} s",
                          file=sys.stderr)
        scale = {"people": people, "weeks": weeks, "rows": people * weeks,
                 "workbook_mb": book.stat().st_size / 1e6, "jobs": {}}
        for name, rs in runs.items():
            scale["jobs"][name] = {k: median(rs, k) for k in ("wall", "cpu", "peak_mb")}
            scale["jobs"][name]["runs"] = len(rs)
        floor_in = [float(FLOOR_LINE.search(r["stdout"].strip()).group(1)) for r in runs["calamine floor"]]
        scale["floor_read_s"] = statistics.median(floor_in)
        stage_runs = [stages(r["stderr"]) for r in runs["ssi-pulse"]]
        scale["stages"] = {k: statistics.median(s[k] for s in stage_runs) for k in stage_runs[0]}
        results["scales"].append(scale)

    results["csv_scales"] = []
    for people, weeks in csv_scales:
        label = f"{people}x{weeks}"
        tables = [data / f"team_{label}_ssi.csv", data / f"team_{label}_activity.csv"]
        if not all(t.exists() for t in tables):
            subprocess.run([SSI_PULSE, "sample", "--people", str(people), "--weeks", str(weeks),
                            "--out", data], check=True, capture_output=True)
        cmd = [SSI_PULSE, "report", *tables, "--out", WORK / "out-ssi-pulse", "--quiet", "--timings"]
        rs = []
        for rep in range(args.reps):
            rs.append(timed(cmd, WORK / "out-ssi-pulse"))
            print(f"  {label} CSV ssi-pulse run {rep + 1}: {rs[-1]['wall']:.2f} s, "
                  f"{rs[-1]['peak_mb']:.0f} MB", file=sys.stderr)
        results["csv_scales"].append({"people": people, "weeks": weeks, "rows": people * weeks,
                                      **{k: median(rs, k) for k in ("wall", "cpu", "peak_mb")}})

    report = render(results)
    print(report)
    (WORK / "results.md").write_text(report + "\n")
    (WORK / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"(also in {WORK / 'results.md'} and results.json)", file=sys.stderr)


def render(results):
    lines = [f"Measured {results['date']} on {results['cores']} cores ({results['cpu']}), medians of "
             f"{results['reps']} runs (pandas reference: {results['python_reps']}), `bench/run.sh`.", "",
             "| people x weeks | rows per sheet | job | wall | CPU | peak memory | wall vs ssi-pulse |",
             "|---|---:|---|---:|---:|---:|---:|"]
    for s in results["scales"]:
        base = s["jobs"]["ssi-pulse"]["wall"]
        for name, j in s["jobs"].items():
            lines.append(f"| {s['people']:,} x {s['weeks']} | {s['rows']:,} | {name} | {j['wall']:.2f} s | "
                         f"{j['cpu']:.2f} s | {j['peak_mb']:.0f} MB | {j['wall'] / base:.2f}x |")
    names = []
    for s in results["scales"]:
        names += [n for n in s["stages"] if n not in names]
    lines += ["", "ssi-pulse stages (`--timings`, wall seconds):", "",
              "| people x weeks | " + " | ".join(names) + " |",
              "|---|" + "---:|" * len(names)]
    for s in results["scales"]:
        lines.append(f"| {s['people']:,} x {s['weeks']} | "
                     + " | ".join(f"{s['stages'][n]:.3f}" if n in s["stages"] else "-" for n in names)
                     + " |")
    csv = results.get("csv_scales", [])
    if csv:
        lines += ["", "ssi-pulse on the same tables as CSV (ssi and activity files), memory per person:", "",
                  "| people x weeks | rows per table | wall | CPU | peak memory | per 1,000 people |",
                  "|---|---:|---:|---:|---:|---:|"]
        for c in csv:
            lines.append(f"| {c['people']:,} x {c['weeks']} | {c['rows']:,} | {c['wall']:.2f} s | "
                         f"{c['cpu']:.2f} s | {c['peak_mb']:.0f} MB | {c['peak_mb'] / c['people'] * 1000:.0f} MB |")
        if len(csv) > 1:
            a, b = csv[0], csv[-1]
            per = (b["peak_mb"] - a["peak_mb"]) / (b["people"] - a["people"]) * 1000
            lines.append(f"\nFrom {a['people']:,} to {b['people']:,} people the peak grows by {per:.0f} MB "
                         f"per 1,000 people ({b['peak_mb'] / a['peak_mb']:.2f}x).")
    lines += ["", "Targets:", ""]
    by = {(s["people"], s["weeks"]): s for s in results["scales"]}
    big, mid, one = by.get((2000, 156)), by.get((200, 104)), by.get((1, 78))
    def verdict(ok):
        return "met" if ok else "NOT met"
    for route, target in (("polars reference", 25), ("pandas reference", 30)):
        if big and route in big["jobs"]:
            r = big["jobs"][route]["wall"] / big["jobs"]["ssi-pulse"]["wall"]
            lines.append(f"- 2,000 x 156 end to end: {r:.1f}x faster than the {route.split()[0]} route "
                         f"(target {target}x): {verdict(r >= target)}")
            for name in (n for n in big["jobs"] if n.startswith("ssi-pulse --person-pages")):
                v = big["jobs"][route]["wall"] / big["jobs"][name]["wall"]
                lines.append(f"  - with `{name[len('ssi-pulse '):]}` instead of full person pages: {v:.1f}x")
    for s in results["scales"]:
        read = s["stages"].get("read inputs")
        if read is not None:
            r = read / s["floor_read_s"]
            lines.append(f"- {s['people']:,} x {s['weeks']} ingestion: read stage {read:.3f} s vs bare "
                         f"calamine read {s['floor_read_s']:.3f} s = {r:.2f}x (target 1.3x): {verdict(r <= 1.3)}")
    if big:
        mb = big["jobs"]["ssi-pulse"]["peak_mb"]
        lines.append(f"- 2,000 x 156 peak memory: {mb:.0f} MiB (target under 600 MiB): {verdict(mb < 600)}")
    if len(csv) > 1:
        a, b = csv[0], csv[-1]
        grow = b["peak_mb"] / a["peak_mb"]
        lines.append(f"- {b['people']:,} x {b['weeks']} CSV peak within 10% of {a['people']:,} x {a['weeks']}: "
                     f"{b['peak_mb']:.0f} vs {a['peak_mb']:.0f} MiB ({grow:.2f}x): {verdict(grow <= 1.10)}")
    if one:
        w = one["jobs"]["ssi-pulse"]["wall"]
        lines.append(f"- 1 x 78 end to end: {w:.3f} s (target under 0.3 s): {verdict(w < 0.3)}")
    if big and mid:
        rows = big["rows"] / mid["rows"]
        t = big["jobs"]["ssi-pulse"]["wall"] / mid["jobs"]["ssi-pulse"]["wall"]
        c = big["jobs"]["ssi-pulse"]["cpu"] / mid["jobs"]["ssi-pulse"]["cpu"]
        lines.append(f"- scaling 200 x 104 -> 2,000 x 156: rows x{rows:.1f}, wall x{t:.1f}, CPU x{c:.1f} "
                     f"(target: no worse than the rows): {verdict(t <= rows * 1.05)}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
