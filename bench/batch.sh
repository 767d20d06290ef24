#!/usr/bin/env bash
# Times a batch over many one-person workbooks with the release binary, three ways side by side in one
# run (alternating, best of --reps): `report --each file` on every core, the same with --jobs 1, and one
# `report` process per workbook (what a shell loop does without batch mode). Checks that the parallel and
# serial batches wrote the same bytes. Prints wall time, peak memory and the ratios, then the time of
# regenerating every month of every workbook (--all-months).
# Usage: bench/batch.sh [--reps N] [--clients N] [--weeks W]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=3 clients=50 weeks=78
while [ $# -gt 0 ]; do
    case "$1" in
        --reps) reps=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --weeks) weeks=$2; shift 2 ;;
        *) echo "usage: bench/batch.sh [--reps N] [--clients N] [--weeks W]" >&2; exit 2 ;;
    esac
done
cargo build --release --quiet --bin ssi-pulse
bin=$PWD/target/release/ssi-pulse
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One generated person per workbook, each from its own seed.
mkdir -p "$work/clients"
for i in $(seq "$clients"); do
    "$bin" sample --people 1 --weeks "$weeks" --seed "$i" --out "$work/gen" >/dev/null
    mv "$work/gen/team_1x${weeks}.xlsx" "$work/clients/client_$(printf '%03d' "$i").xlsx"
    rm -rf "$work/gen"
done
echo "$clients one-person workbooks, $weeks weekly snapshots each; $(nproc) cores; best of $reps"

# Runs "$@" under /usr/bin/time; prints "wall_s peak_kb".
measure() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
        cat "$work/err" >&2
        exit 1
    }
    cat "$work/time"
}

loop() {
    for f in "$work"/clients/*.xlsx; do
        name=$(basename "$f" .xlsx)
        "$bin" report "$f" --quiet --out "$work/loop/$name" || return 1
    done
}
export -f loop
export bin work

best() { # best wall and max peak over lines "wall peak"
    sort -n | awk 'NR == 1 {w = $1} {if ($2 > p) p = $2} END {printf "%s %d\n", w, p / 1024}'
}

: >"$work/par" ; : >"$work/ser" ; : >"$work/loopt" ; : >"$work/all"
for _ in $(seq "$reps"); do
    rm -rf "$work/o_par" "$work/o_ser" "$work/loop" "$work/o_all"
    measure "$bin" report "$work/clients" --each file --quiet --out "$work/o_par" >>"$work/par"
    measure "$bin" report "$work/clients" --each file --jobs 1 --quiet --out "$work/o_ser" >>"$work/ser"
    measure bash -c loop >>"$work/loopt"
    measure "$bin" report "$work/clients" --each file --all-months --quiet --out "$work/o_all" >>"$work/all"
done
diff -r "$work/o_par" "$work/o_ser" >/dev/null || {
    echo "parallel and serial batches differ" >&2
    exit 1
}
reports=$(find "$work/o_par" -name report.md | wc -l)
read -r par_w par_m < <(best <"$work/par")
read -r ser_w ser_m < <(best <"$work/ser")
read -r loop_w loop_m < <(best <"$work/loopt")
read -r all_w all_m < <(best <"$work/all")
all_reports=$(find "$work/o_all" -name report.md | wc -l)
printf '%-44s %8s %8s %10s\n' way "wall s" "peak MB" "vs batch"
printf '%-44s %8s %8s %10s\n' "report --each file (every core)" "$par_w" "$par_m" "1.00x"
printf '%-44s %8s %8s %9.2fx\n' "report --each file --jobs 1" "$ser_w" "$ser_m" "$(awk "BEGIN {print $ser_w / $par_w}")"
printf '%-44s %8s %8s %9.2fx\n' "one report process per workbook (loop)" "$loop_w" "$loop_m" "$(awk "BEGIN {print $loop_w / $par_w}")"
echo "$reports reports written per batch; parallel and serial output identical"
printf 'report --each file --all-months: %s reports in %s s (%s ms a report), peak %s MB\n' \
    "$all_reports" "$all_w" "$(awk "BEGIN {printf \"%.0f\", 1000 * $all_w / $all_reports}")" "$all_m"
