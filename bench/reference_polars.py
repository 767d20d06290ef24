"""The ssi-pulse report job written plainly with polars (fastexcel to read), numpy, scipy and matplotlib.

The polars route beside bench/reference.py's pandas route: the same job (read and validate the sheets "SSI"
and "Activity", month-end changes, the within-person linkage of weekly activity to component changes with
Benjamini-Hochberg q, one fixed-effects model per component, the six team charts in PNG and SVG, one
trend chart per person, report.md and summary.json), with the tables kept in polars and the statistics
done by numpy and scipy on its columns. bench/run.sh times it side by side with `ssi-pulse report`; like
the pandas route it is meant as an honest, idiomatic baseline, neither deliberately slow nor tuned.

Usage: python bench/reference_polars.py WORKBOOK OUTDIR [--timings]
"""
import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
from scipy import stats  # noqa: E402

# polars announces a change to how it takes fastexcel's tables; the tables read are the same.
warnings.filterwarnings("ignore", message="from_arrow", category=FutureWarning)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import (  # noqa: E402
    ACT_COLS, ALPHA, COMPONENTS, MAX_GAP_DAYS, METRICS, MIN_PAIRS, SHORT, SSI_COLS, require, slugify)


def reject(df, mask, reason, rejects):
    """Counts the rows of `df` flagged by `mask` (a boolean expression) under `reason`; returns the rest."""
    flagged = df.select(mask.fill_null(True).alias("m"))["m"]
    n = int(flagged.sum())
    if n:
        rejects[reason] = rejects.get(reason, 0) + n
    return df.filter(~flagged)


def numeric(cols):
    return [pl.col(c).cast(pl.Float64, strict=False) for c in cols]


def clean_ssi(raw, rejects):
    require(raw, SSI_COLS, "SSI")
    df = raw.select(SSI_COLS).with_columns(
        pl.col("Name").cast(pl.Utf8).str.strip_chars(),
        pl.col("Date").cast(pl.Date, strict=False), *numeric(SSI_COLS[2:]))
    df = reject(df, pl.col("Name").fill_null("").eq(""), "SSI: missing name", rejects)
    df = reject(df, pl.col("Date").is_null(), "SSI: missing or unreadable date", rejects)
    df = reject(df, pl.any_horizontal(pl.col(["SSI", *COMPONENTS]).is_null()), "SSI: non-numeric score",
                rejects)
    df = reject(df, ~pl.col("SSI").is_between(0, 100), "SSI: total outside 0-100", rejects)
    df = reject(df, ~pl.all_horizontal([pl.col(c).is_between(0, 25) for c in COMPONENTS]),
                "SSI: component outside 0-25", rejects)
    ranks = ["Industry rank", "Network rank"]
    df = reject(df, pl.any_horizontal([(pl.col(c) <= 0) | (pl.col(c) > 1) for c in ranks]).fill_null(False),
                "SSI: rank outside (0, 1]", rejects)
    df = reject(df, pl.struct("Name", "Date").is_first_distinct().not_(), "SSI: duplicate name and date",
                rejects)
    return df.sort("Name", "Date")


def clean_activity(raw, rejects):
    require(raw, ACT_COLS, "Activity")
    df = raw.select(ACT_COLS).with_columns(
        pl.col("Name").cast(pl.Utf8).str.strip_chars(),
        pl.col("Week starting").cast(pl.Date, strict=False), *numeric(METRICS))
    df = reject(df, pl.col("Name").fill_null("").eq(""), "Activity: missing name", rejects)
    df = reject(df, pl.col("Week starting").is_null(), "Activity: missing or unreadable date", rejects)
    df = reject(df, pl.any_horizontal(pl.col(METRICS).is_null()), "Activity: non-numeric count", rejects)
    df = reject(df, pl.any_horizontal(pl.col(METRICS) < 0), "Activity: negative count", rejects)
    df = reject(df, pl.struct("Name", "Week starting").is_first_distinct().not_(),
                "Activity: duplicate name and week", rejects)
    return df


def month_ends(ssi):
    """Each person's last snapshot of each calendar month, with the change from the previous month."""
    m = (ssi.with_columns(month=pl.col("Date").dt.truncate("1mo"))
         .group_by("Name", "month", maintain_order=True).last()
         .sort("Name", "month"))
    month_no = pl.col("month").dt.year() * 12 + pl.col("month").dt.month()
    consecutive = month_no.diff().over("Name") == 1
    return m.with_columns([pl.when(consecutive).then(pl.col(c).diff().over("Name")).alias(f"{c} change")
                           for c in ["SSI", *COMPONENTS]])


def intervals(ssi, act):
    """Consecutive snapshot pairs of a person (gap <= 45 days) with lag-0 and lag-1 weekly activity."""
    df = ssi.select("Name", "Date", *COMPONENTS).with_columns(
        gap=(pl.col("Date") - pl.col("Date").shift().over("Name")).dt.total_days(),
        **{f"d {c}": pl.col(c) - pl.col(c).shift().over("Name") for c in COMPONENTS})
    df = df.with_columns(ok=pl.col("gap").le(MAX_GAP_DAYS).fill_null(False))
    df = df.with_columns(prev_ok=pl.col("ok").shift(fill_value=False).over("Name"))
    week_end = act.with_columns(Date=pl.col("Week starting") + pl.duration(days=7)).drop("Week starting")
    lag0 = df.filter("ok").join(week_end, on=["Name", "Date"], how="left")
    prev = week_end.with_columns(Date=pl.col("Date") + pl.duration(days=7))
    lag1 = df.filter(pl.col("ok") & pl.col("prev_ok")).join(prev, on=["Name", "Date"], how="left")
    return {0: lag0, 1: lag1}


def centred(frame, cols):
    return frame.select([pl.col(c) - pl.col(c).mean().over("Name") for c in cols])


def linkage(ivs):
    rows = []
    cols = [*METRICS, *(f"d {c}" for c in COMPONENTS)]
    for lag, df in ivs.items():
        sub = df.select("Name", *cols).drop_nulls()
        n, people = sub.height, sub["Name"].n_unique()
        c = centred(sub, cols)
        ranked = sub.select("Name", *[pl.col(x).rank("average").over("Name") for x in cols])
        rc = centred(ranked, cols)
        dof = n - people - 1
        for metric in METRICS:
            for comp in COMPONENTS:
                row = dict(metric=metric, component=SHORT[comp], lag=lag, n=n, people=people,
                           r=float("nan"), rho=float("nan"), p=float("nan"))
                x, y = c[metric].to_numpy(), c[f"d {comp}"].to_numpy()
                if n >= MIN_PAIRS and dof > 0 and x.std() > 0 and y.std() > 0:
                    r = stats.pearsonr(x, y).statistic
                    t = r * np.sqrt(dof / max(1 - r * r, 1e-300))
                    rho = stats.pearsonr(rc[metric].to_numpy(), rc[f"d {comp}"].to_numpy()).statistic
                    row.update(r=r, p=2 * stats.t.sf(abs(t), dof), rho=rho)
                rows.append(row)
    table = pl.DataFrame(rows)
    p = table["p"].to_numpy()
    q = np.full(len(p), np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        q[ok] = stats.false_discovery_control(p[ok], method="bh")
    return table.with_columns(q=pl.Series(q))


def fe_models(lag0):
    models = {}
    for comp in COMPONENTS:
        y_col = f"d {comp}"
        sub = lag0.select("Name", y_col, *METRICS).drop_nulls()
        c = centred(sub, [y_col, *METRICS])
        keep = [m for m in METRICS if c[m].abs().sum() > 0]
        X, y = c.select(keep).to_numpy(), c[y_col].to_numpy()
        n, people, k = sub.height, sub["Name"].n_unique(), len(keep)
        dof = n - people - k
        if n < MIN_PAIRS or dof <= 0:
            models[SHORT[comp]] = None
            continue
        beta, *_ = np.linalg.lstsq(X, y, rcond=None)
        resid = y - X @ beta
        sse = float(resid @ resid)
        se = np.sqrt(sse / dof * np.diag(np.linalg.pinv(X.T @ X)))
        t = beta / se
        models[SHORT[comp]] = dict(
            n=n, people=people, dof=dof, r2_within=1 - sse / float(y @ y),
            coefficients=pl.DataFrame({"metric": keep, "coef": beta, "se": se, "t": t,
                                       "p": 2 * stats.t.sf(np.abs(t), dof)}))
    return models


def save(fig, charts, stem):
    fig.savefig(charts / f"{stem}.png", dpi=100)
    fig.savefig(charts / f"{stem}.svg", dpi=100)
    plt.close(fig)


def team_charts(ssi, cur, month_rows, table, out):
    charts = out / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    weekly = (ssi.with_columns(week=pl.col("Date").dt.truncate("1w"))
              .group_by("week").agg(
                  pl.col("SSI").quantile(0.25, "linear").alias("q25"),
                  pl.col("SSI").median().alias("q50"),
                  pl.col("SSI").quantile(0.75, "linear").alias("q75"),
                  *[pl.col(c).median() for c in COMPONENTS])
              .sort("week"))
    weeks = weekly["week"].to_numpy()
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.fill_between(weeks, weekly["q25"].to_numpy(), weekly["q75"].to_numpy(), alpha=0.25, label="25-75%")
    ax.plot(weeks, weekly["q50"].to_numpy(), lw=2.5, label="Team median")
    best, worst = cur["Name"][0], cur["Name"][-1]
    for who, style in [(best, "--"), (worst, ":")] if best != worst else [(best, "--")]:
        p = ssi.filter(pl.col("Name") == who)
        ax.plot(p["Date"].to_numpy(), p["SSI"].to_numpy(), style, label=who)
    ax.set(title="Team SSI", ylabel="SSI", ylim=(0, 100))
    ax.legend(loc="lower left")
    save(fig, charts, "ssi_trend")
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.stackplot(weeks, weekly.select(COMPONENTS).to_numpy().T, labels=[SHORT[c] for c in COMPONENTS])
    ax.set(title="Team median components", ylabel="points", ylim=(0, 100))
    ax.legend(loc="upper left")
    save(fig, charts, "components")
    board = cur if cur.height <= 50 else pl.concat([cur.head(40), cur.tail(10)])
    labels = [f"{pl_}. {nm}" for pl_, nm in zip(board["place"], board["Name"])]
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.barh(range(board.height), board["SSI"].to_numpy(), color="tab:blue")
    ax.set_yticks(range(board.height), labels, fontsize=max(5, min(11, 400 // board.height)))
    ax.invert_yaxis()
    ax.set(title="Leaderboard" + (" (top 40, bottom 10)" if cur.height > 50 else ""), xlabel="SSI",
           xlim=(0, 100))
    fig.tight_layout()
    save(fig, charts, "leaderboard")
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.boxplot([month_rows[c].to_numpy() for c in COMPONENTS], tick_labels=[SHORT[c] for c in COMPONENTS])
    ax.set(title="Components this month", ylabel="points", ylim=(0, 25))
    save(fig, charts, "distribution")
    lag0 = table.filter(pl.col("lag") == 0)
    heat = np.array([[lag0.filter((pl.col("metric") == m) & (pl.col("component") == SHORT[c]))["r"][0]
                      for c in COMPONENTS] for m in METRICS])
    lim = max(float(np.nanmax(np.abs(heat))) if not np.isnan(heat).all() else 0, 0.05)
    fig, ax = plt.subplots(figsize=(16, 9))
    im = ax.imshow(heat, cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto")
    ax.set_xticks(range(4), [SHORT[c] for c in COMPONENTS])
    ax.set_yticks(range(len(METRICS)), METRICS)
    for (i, j), v in np.ndenumerate(heat):
        ax.text(j, i, "-" if np.isnan(v) else f"{v:.2f}", ha="center", va="center",
                color="white" if abs(v) > lim / 2 else "black")
    fig.colorbar(im, ax=ax, label="within-person r")
    ax.set_title("Activity vs component change (same week)")
    save(fig, charts, "linkage_heatmap")
    change = [month_rows[f"{c} change"].median() for c in COMPONENTS]
    change = [0.0 if v is None else v for v in change]
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.bar(list(SHORT.values()), change, color=["tab:green" if v >= 0 else "tab:red" for v in change])
    ax.axhline(0, color="black", lw=0.8)
    ax.set(title="Median change this month", ylabel="points")
    save(fig, charts, "component_change")


def person_charts(ssi, out):
    folder = out / "people"
    folder.mkdir(parents=True, exist_ok=True)
    taken, slugs = set(), {}
    for (name,), p in ssi.sort("Name").group_by("Name", maintain_order=True):
        slugs[name] = slug = slugify(name, taken)
        dates = p["Date"].to_numpy()
        fig, ax = plt.subplots(figsize=(8, 4.5))
        ax.plot(dates, p["SSI"].to_numpy(), color="black", lw=2, label="SSI")
        ax.set(ylim=(0, 100), ylabel="SSI", title=name)
        ax2 = ax.twinx()
        for c in COMPONENTS:
            ax2.plot(dates, p[c].to_numpy(), lw=1, label=SHORT[c])
        ax2.set(ylim=(0, 25), ylabel="component")
        ax2.legend(handles=ax.get_lines() + ax2.get_lines(), loc="lower right", fontsize=7, ncols=3)
        fig.savefig(folder / f"{slug}.png", dpi=100)
        plt.close(fig)
    return slugs


def md_table(df, floatfmt="{:.3f}"):
    def fmt(v):
        if isinstance(v, float):
            return "" if np.isnan(v) else floatfmt.format(v)
        return "" if v is None else str(v)
    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in df.iter_rows()]
    return "\n".join(lines)


def write_outputs(out, month, summary, table, models, cur, slugs):
    change = "n/a" if summary["team_median_change"] is None else f"{summary['team_median_change']:+.1f}"
    lines = [f"# SSI report - {month}", "",
             f"Team median SSI: **{summary['team_median_ssi']:.1f}** "
             f"(change {change}) across {summary['people']} people.", "",
             f"Rows used: SSI {summary['rows_used']['SSI']}, Activity {summary['rows_used']['Activity']}; "
             f"rejected: {sum(summary['rejected'].values())}.", ""]
    lines += [f"- {reason}: {n}" for reason, n in summary["rejected"].items()]
    found = (table.filter(pl.col("q") < ALPHA).with_columns(abs_r=pl.col("r").abs())
             .sort("abs_r", descending=True))
    shown = found.select("metric", "component", "lag", "n", "people", "r", "rho",
                         pl.col("p").map_elements("{:.2e}".format, return_dtype=pl.Utf8),
                         pl.col("q").map_elements("{:.2e}".format, return_dtype=pl.Utf8))
    lines += ["", "## What moved the needle (q < 0.05)", "",
              md_table(shown) if found.height else "No linkage row passes q < 0.05."]
    for comp, m in models.items():
        lines += ["", f"## Model: {comp} change", ""]
        if m is None:
            lines.append("Too little data.")
            continue
        lines += [f"n = {m['n']}, people = {m['people']}, df = {m['dof']}, "
                  f"within R² = {m['r2_within']:.3f}", "", md_table(m["coefficients"], "{:.4g}")]
    board = cur.select("place", pl.col("Name").map_elements(lambda n: f"[{n}](people/{slugs[n]}.png)",
                                                           return_dtype=pl.Utf8).alias("name"),
                       "SSI", pl.col("SSI change").alias("change"))
    lines += ["", "## Leaderboard", "", md_table(board, "{:.2f}"), "", "## Charts", ""]
    lines += [f"- [{s}](charts/{s}.png) ([svg](charts/{s}.svg))" for s in
              ["ssi_trend", "components", "leaderboard", "distribution", "linkage_heatmap", "component_change"]]
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary["linkage"] = table.to_dicts()
    summary["models"] = {c: m and {**m, "coefficients": m["coefficients"].to_dicts()} for c, m in models.items()}
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workbook")
    ap.add_argument("outdir")
    ap.add_argument("--timings", action="store_true", help="print stage times to stderr")
    args = ap.parse_args()
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    times, t0 = {}, time.perf_counter()

    sheets = pl.read_excel(args.workbook, sheet_name=["SSI", "Activity"], engine="calamine")
    times["read"], t0 = time.perf_counter() - t0, time.perf_counter()

    rejects = {}
    ssi = clean_ssi(sheets["SSI"], rejects)
    act = clean_activity(sheets["Activity"], rejects)
    if ssi.is_empty():
        sys.exit("no usable SSI rows")
    months = month_ends(ssi)
    report_month = months["month"].max()
    month_rows = months.filter(pl.col("month") == report_month)
    cur = month_rows.sort(["SSI", "Name"], descending=[True, False]).with_columns(
        place=pl.col("SSI").rank("min", descending=True).cast(pl.Int64))
    ivs = intervals(ssi, act)
    table = linkage(ivs)
    models = fe_models(ivs[0])
    change = month_rows["SSI change"].median()
    summary = dict(month=report_month.strftime("%Y-%m"), people=ssi["Name"].n_unique(),
                   rows_used={"SSI": ssi.height, "Activity": act.height}, rejected=rejects,
                   team_median_ssi=float(month_rows["SSI"].median()),
                   team_median_change=None if change is None else float(change),
                   intervals=ivs[0].height)
    times["analyse"], t0 = time.perf_counter() - t0, time.perf_counter()

    team_charts(ssi, cur, month_rows, table, out)
    slugs = person_charts(ssi, out)
    times["charts"], t0 = time.perf_counter() - t0, time.perf_counter()

    write_outputs(out, summary["month"], summary, table, models, cur, slugs)
    times["write"] = time.perf_counter() - t0

    if args.timings:
        print(" ".join(f"{k}={v:.3f}s" for k, v in times.items()), file=sys.stderr)
    print(f"{summary['month']}: {summary['people']} people, {ssi.height} snapshots, "
          f"{int((table['q'] < ALPHA).sum())} linkage findings, {sum(times.values()):.2f}s")


if __name__ == "__main__":
    main()
