"""Plain-Python reference implementation of the ssi-pulse report job.

This is what an analyst would otherwise write with pandas, openpyxl, numpy, scipy and matplotlib: read a
LinkedIn SSI workbook (sheets "SSI" and "Activity"), validate it, compute month-end changes, link weekly
activity to component changes within person (Pearson, Spearman, Benjamini-Hochberg), fit one fixed-effects
OLS per component, draw the team charts and one trend chart per person, and write report.md and
summary.json. bench/run.sh times it side by side with `ssi-pulse report`; it is meant to be an honest,
idiomatic baseline, neither deliberately slow nor hand-optimised.

Usage: python bench/reference.py WORKBOOK OUTDIR [--timings]
"""
import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

COMPONENTS = ["Establish your professional brand", "Find the right people",
              "Engage with insights", "Build relationships"]
SHORT = dict(zip(COMPONENTS, ["Brand", "People", "Insights", "Relationships"]))
SSI_COLS = ["Name", "Date", "SSI", *COMPONENTS, "Industry rank", "Network rank",
            "Industry average", "Network average"]
METRICS = ["Posts", "Comments", "Reactions", "Connection requests sent", "Connections accepted",
           "Messages sent", "Replies received", "Profile views", "Searches"]
ACT_COLS = ["Name", "Week starting", *METRICS]
MAX_GAP_DAYS = 45
ALPHA = 0.05
MIN_PAIRS = 8


def require(df, cols, sheet):
    missing = [c for c in cols if c not in df.columns]
    if missing:
        sys.exit(f"sheet {sheet!r} lacks column(s): {', '.join(missing)}")


def reject(df, mask, reason, rejects):
    """Count the rows of `df` flagged by `mask` under `reason` and return the rest."""
    n = int(mask.sum())
    if n:
        rejects[reason] = rejects.get(reason, 0) + n
    return df[~mask]


def clean_ssi(raw, rejects):
    require(raw, SSI_COLS, "SSI")
    df = raw[SSI_COLS].copy()
    df["Name"] = df["Name"].str.strip()
    df["Date"] = pd.to_datetime(df["Date"], errors="coerce")
    num = SSI_COLS[2:]
    df[num] = df[num].apply(pd.to_numeric, errors="coerce")
    df = reject(df, df["Name"].fillna("").eq(""), "SSI: missing name", rejects)
    df = reject(df, df["Date"].isna(), "SSI: missing or unreadable date", rejects)
    df = reject(df, df[["SSI", *COMPONENTS]].isna().any(axis=1), "SSI: non-numeric score", rejects)
    df = reject(df, ~df["SSI"].between(0, 100), "SSI: total outside 0-100", rejects)
    df = reject(df, ~df[COMPONENTS].apply(lambda s: s.between(0, 25)).all(axis=1),
                "SSI: component outside 0-25", rejects)
    ranks = df[["Industry rank", "Network rank"]]
    df = reject(df, ((ranks <= 0) | (ranks > 1)).any(axis=1), "SSI: rank outside (0, 1]", rejects)
    df = reject(df, df.duplicated(["Name", "Date"], keep="first"), "SSI: duplicate name and date", rejects)
    return df.sort_values(["Name", "Date"]).reset_index(drop=True)


def clean_activity(raw, rejects):
    require(raw, ACT_COLS, "Activity")
    df = raw[ACT_COLS].copy()
    df["Name"] = df["Name"].str.strip()
    df["Week starting"] = pd.to_datetime(df["Week starting"], errors="coerce")
    df[METRICS] = df[METRICS].apply(pd.to_numeric, errors="coerce")
    df = reject(df, df["Name"].fillna("").eq(""), "Activity: missing name", rejects)
    df = reject(df, df["Week starting"].isna(), "Activity: missing or unreadable date", rejects)
    df = reject(df, df[METRICS].isna().any(axis=1), "Activity: non-numeric count", rejects)
    df = reject(df, (df[METRICS] < 0).any(axis=1), "Activity: negative count", rejects)
    df = reject(df, df.duplicated(["Name", "Week starting"], keep="first"),
                "Activity: duplicate name and week", rejects)
    return df.reset_index(drop=True)


def month_ends(ssi):
    """Each person's last snapshot of each calendar month, with the change from the previous month."""
    m = ssi.assign(month=ssi["Date"].dt.to_period("M")).drop_duplicates(["Name", "month"], keep="last")
    m = m.copy()
    month_no = m["Date"].dt.year * 12 + m["Date"].dt.month
    consecutive = month_no.groupby(m["Name"]).diff() == 1
    for col in ["SSI", *COMPONENTS]:
        m[f"{col} change"] = m.groupby("Name")[col].diff().where(consecutive)
    return m


def intervals(ssi, act):
    """Consecutive snapshot pairs of a person (gap <= 45 days) with lag-0 and lag-1 weekly activity.

    Lag 1 is the week before the interval's own week; as in ssi-pulse it is used only when the previous
    interval is in the linkage too (so a person's first interval has no lag-1 pair).
    """
    df = ssi[["Name", "Date", *COMPONENTS]].copy()
    g = df.groupby("Name")
    gap = (df["Date"] - g["Date"].shift()).dt.days
    for c in COMPONENTS:
        df[f"d {c}"] = df[c] - g[c].shift()
    ok = gap.le(MAX_GAP_DAYS)  # False on each person's first snapshot (gap is NaN)
    prev_ok = ok.groupby(df["Name"]).shift(fill_value=False).astype(bool)
    week_end = act.assign(Date=act["Week starting"] + pd.Timedelta(days=7)).drop(columns="Week starting")
    lag0 = df[ok].merge(week_end, on=["Name", "Date"], how="left")
    prev = week_end.assign(Date=week_end["Date"] + pd.Timedelta(days=7))
    lag1 = df[ok & prev_ok].merge(prev, on=["Name", "Date"], how="left")
    return {0: lag0, 1: lag1}


def centred(frame, cols):
    return frame[cols] - frame.groupby("Name")[cols].transform("mean")


def linkage(ivs):
    rows = []
    cols = [*METRICS, *(f"d {c}" for c in COMPONENTS)]
    for lag, df in ivs.items():
        # Validation leaves no gaps inside a row, so an interval lacks either all its activity (no row for
        # that week) or none: dropping incomplete rows once gives every metric x component the same pairs.
        sub = df[["Name", *cols]].dropna()
        n, people = len(sub), sub["Name"].nunique()
        c = centred(sub, cols)
        # Spearman as in ssi-pulse: ranks within person (ties averaged), centred, then Pearson
        rc = centred(sub.groupby("Name")[cols].rank().assign(Name=sub["Name"]), cols)
        dof = n - people - 1
        for metric in METRICS:
            for comp in COMPONENTS:
                row = dict(metric=metric, component=SHORT[comp], lag=lag, n=n, people=people,
                           r=np.nan, rho=np.nan, p=np.nan)
                x, y = c[metric].to_numpy(), c[f"d {comp}"].to_numpy()
                if n >= MIN_PAIRS and dof > 0 and x.std() > 0 and y.std() > 0:
                    r = stats.pearsonr(x, y).statistic
                    t = r * np.sqrt(dof / max(1 - r * r, 1e-300))
                    rho = stats.pearsonr(rc[metric], rc[f"d {comp}"]).statistic
                    row.update(r=r, p=2 * stats.t.sf(abs(t), dof), rho=rho)
                rows.append(row)
    table = pd.DataFrame(rows)
    ok = table["p"].notna()
    table["q"] = np.nan
    if ok.any():
        table.loc[ok, "q"] = stats.false_discovery_control(table.loc[ok, "p"], method="bh")
    return table


def fe_models(lag0):
    models = {}
    for comp in COMPONENTS:
        y_col = f"d {comp}"
        sub = lag0[["Name", y_col, *METRICS]].dropna()
        c = centred(sub, [y_col, *METRICS])
        keep = [m for m in METRICS if c[m].abs().sum() > 0]
        X, y = c[keep].to_numpy(), c[y_col].to_numpy()
        n, people, k = len(sub), sub["Name"].nunique(), len(keep)
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
            coefficients=pd.DataFrame({"metric": keep, "coef": beta, "se": se, "t": t,
                                       "p": 2 * stats.t.sf(np.abs(t), dof)}))
    return models


def slugify(name, taken):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "person"
    slug, i = base, 2
    while slug in taken:
        slug, i = f"{base}-{i}", i + 1
    taken.add(slug)
    return slug


def save(fig, charts, stem):
    fig.savefig(charts / f"{stem}.png", dpi=100)
    fig.savefig(charts / f"{stem}.svg", dpi=100)
    plt.close(fig)


def team_charts(ssi, cur, month_rows, table, out):
    charts = out / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    weekly = ssi.assign(week=ssi["Date"].dt.to_period("W").dt.start_time).groupby("week")
    # (a) SSI trend: median with interquartile band, best and worst person
    q = weekly["SSI"].quantile([0.25, 0.5, 0.75]).unstack()
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.fill_between(q.index, q[0.25], q[0.75], alpha=0.25, label="25-75%")
    ax.plot(q.index, q[0.5], lw=2.5, label="Team median")
    best, worst = cur["Name"].iloc[0], cur["Name"].iloc[-1]
    for who, style in [(best, "--"), (worst, ":")] if best != worst else [(best, "--")]:
        p = ssi[ssi["Name"] == who]
        ax.plot(p["Date"], p["SSI"], style, label=who)
    ax.set(title="Team SSI", ylabel="SSI", ylim=(0, 100))
    ax.legend(loc="lower left")
    save(fig, charts, "ssi_trend")
    # (b) components: weekly medians stacked
    med = weekly[COMPONENTS].median()
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.stackplot(med.index, med.T.to_numpy(), labels=[SHORT[c] for c in COMPONENTS])
    ax.set(title="Team median components", ylabel="points", ylim=(0, 100))
    ax.legend(loc="upper left")
    save(fig, charts, "components")
    # (c) leaderboard
    board = cur if len(cur) <= 50 else pd.concat([cur.head(40), cur.tail(10)])
    labels = [f"{pl}. {nm}" for pl, nm in zip(board["place"], board["Name"])]
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.barh(range(len(board)), board["SSI"], color="tab:blue")
    ax.set_yticks(range(len(board)), labels, fontsize=max(5, min(11, 400 // len(board))))
    ax.invert_yaxis()
    ax.set(title="Leaderboard" + (" (top 40, bottom 10)" if len(cur) > 50 else ""), xlabel="SSI",
           xlim=(0, 100))
    fig.tight_layout()
    save(fig, charts, "leaderboard")
    # (d) distribution of each component in the report month
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.boxplot([month_rows[c].to_numpy() for c in COMPONENTS], tick_labels=[SHORT[c] for c in COMPONENTS])
    ax.set(title="Components this month", ylabel="points", ylim=(0, 25))
    save(fig, charts, "distribution")
    # (e) linkage heatmap (lag 0)
    heat = (table[table["lag"] == 0].pivot(index="metric", columns="component", values="r")
            .reindex(index=METRICS, columns=list(SHORT.values())))
    lim = max(float(np.nanmax(np.abs(heat.to_numpy()))) if heat.notna().any().any() else 0, 0.05)
    fig, ax = plt.subplots(figsize=(16, 9))
    im = ax.imshow(heat.to_numpy(), cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto")
    ax.set_xticks(range(4), heat.columns)
    ax.set_yticks(range(len(METRICS)), heat.index)
    for (i, j), v in np.ndenumerate(heat.to_numpy()):
        ax.text(j, i, "-" if np.isnan(v) else f"{v:.2f}", ha="center", va="center",
                color="white" if abs(v) > lim / 2 else "black")
    fig.colorbar(im, ax=ax, label="within-person r")
    ax.set_title("Activity vs component change (same week)")
    save(fig, charts, "linkage_heatmap")
    # (f) median change per component this month
    change = month_rows[[f"{c} change" for c in COMPONENTS]].median()
    fig, ax = plt.subplots(figsize=(16, 9))
    ax.bar(list(SHORT.values()), change.fillna(0), color=["tab:green" if v >= 0 else "tab:red" for v in change])
    ax.axhline(0, color="black", lw=0.8)
    ax.set(title="Median change this month", ylabel="points")
    save(fig, charts, "component_change")


def person_charts(ssi, out):
    folder = out / "people"
    folder.mkdir(parents=True, exist_ok=True)
    taken, slugs = set(), {}
    for name, p in ssi.groupby("Name", sort=True):
        slugs[name] = slug = slugify(name, taken)
        fig, ax = plt.subplots(figsize=(8, 4.5))
        ax.plot(p["Date"], p["SSI"], color="black", lw=2, label="SSI")
        ax.set(ylim=(0, 100), ylabel="SSI", title=name)
        ax2 = ax.twinx()
        for c in COMPONENTS:
            ax2.plot(p["Date"], p[c], lw=1, label=SHORT[c])
        ax2.set(ylim=(0, 25), ylabel="component")
        ax2.legend(handles=ax.get_lines() + ax2.get_lines(), loc="lower right", fontsize=7, ncols=3)
        fig.savefig(folder / f"{slug}.png", dpi=100)
        plt.close(fig)
    return slugs


def md_table(df, floatfmt="{:.3f}"):
    def fmt(v):
        if isinstance(v, (float, np.floating)):
            return "" if np.isnan(v) else floatfmt.format(v)
        return str(v)
    lines = ["| " + " | ".join(map(str, df.columns)) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def write_outputs(out, month, summary, table, models, cur, slugs):
    change = "n/a" if summary["team_median_change"] is None else f"{summary['team_median_change']:+.1f}"
    lines = [f"# SSI report - {month}", "",
             f"Team median SSI: **{summary['team_median_ssi']:.1f}** "
             f"(change {change}) across {summary['people']} people.", "",
             f"Rows used: SSI {summary['rows_used']['SSI']}, Activity {summary['rows_used']['Activity']}; "
             f"rejected: {sum(summary['rejected'].values())}.", ""]
    lines += [f"- {reason}: {n}" for reason, n in summary["rejected"].items()]
    found = table[table["q"] < ALPHA].assign(abs_r=lambda d: d["r"].abs()).sort_values("abs_r", ascending=False)
    lines += ["", "## What moved the needle (q < 0.05)", "",
              md_table(found[["metric", "component", "lag", "n", "people", "r", "rho", "p", "q"]]
                       .assign(p=found["p"].map("{:.2e}".format), q=found["q"].map("{:.2e}".format)))
              if len(found) else "No linkage row passes q < 0.05."]
    for comp, m in models.items():
        lines += ["", f"## Model: {comp} change", ""]
        if m is None:
            lines.append("Too little data.")
            continue
        lines += [f"n = {m['n']}, people = {m['people']}, df = {m['dof']}, "
                  f"within R² = {m['r2_within']:.3f}", "", md_table(m["coefficients"], "{:.4g}")]
    board = cur.assign(link=[f"[{n}](people/{slugs[n]}.png)" for n in cur["Name"]])
    board = board[["place", "link", "SSI", "SSI change"]].rename(columns={"link": "name", "SSI change": "change"})
    lines += ["", "## Leaderboard", "", md_table(board, "{:.2f}"), "", "## Charts", ""]
    lines += [f"- [{s}](charts/{s}.png) ([svg](charts/{s}.svg))" for s in
              ["ssi_trend", "components", "leaderboard", "distribution", "linkage_heatmap", "component_change"]]
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = lambda df: json.loads(df.to_json(orient="records", double_precision=15))  # noqa: E731
    summary["linkage"] = records(table)
    summary["models"] = {c: m and {**m, "coefficients": records(m["coefficients"])} for c, m in models.items()}
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

    sheets = pd.read_excel(args.workbook, sheet_name=["SSI", "Activity"], engine="openpyxl")
    times["read"], t0 = time.perf_counter() - t0, time.perf_counter()

    rejects = {}
    ssi = clean_ssi(sheets["SSI"], rejects)
    act = clean_activity(sheets["Activity"], rejects)
    if ssi.empty:
        sys.exit("no usable SSI rows")
    months = month_ends(ssi)
    report_month = months["month"].max()
    month_rows = months[months["month"] == report_month]
    cur = month_rows.sort_values(["SSI", "Name"], ascending=[False, True]).reset_index(drop=True)
    cur["place"] = cur["SSI"].rank(method="min", ascending=False).astype(int)
    ivs = intervals(ssi, act)
    table = linkage(ivs)
    models = fe_models(ivs[0])
    team_median = float(month_rows["SSI"].median())
    change = month_rows["SSI change"].median()  # median of the people's own month-over-month changes
    summary = dict(month=str(report_month), people=int(ssi["Name"].nunique()),
                   rows_used={"SSI": len(ssi), "Activity": len(act)}, rejected=rejects,
                   team_median_ssi=team_median,
                   team_median_change=None if np.isnan(change) else float(change),
                   intervals=len(ivs[0]))
    times["analyse"], t0 = time.perf_counter() - t0, time.perf_counter()

    team_charts(ssi, cur, month_rows, table, out)
    slugs = person_charts(ssi, out)
    times["charts"], t0 = time.perf_counter() - t0, time.perf_counter()

    write_outputs(out, report_month, summary, table, models, cur, slugs)
    times["write"] = time.perf_counter() - t0

    if args.timings:
        print(" ".join(f"{k}={v:.3f}s" for k, v in times.items()), file=sys.stderr)
    print(f"{summary['month']}: {summary['people']} people, {len(ssi)} snapshots, "
          f"{int((table['q'] < ALPHA).sum())} linkage findings, {sum(times.values()):.2f}s")


if __name__ == "__main__":
    main()
