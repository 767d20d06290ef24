#!/usr/bin/env bash
# Times the release binary on every file of the bad-input corpus (tests/fixtures/bad/): exit code, wall
# time and peak memory as the binary reports them with --timings (VmHWM), so the hostile workbooks can be
# seen to fail fast with flat memory; fails if any file crashes the binary. Usage: bench/hostile.sh [--reps N]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=3
if [ "${1:-}" = "--reps" ]; then reps=$2; fi
cargo build --release --quiet --bin ssi-pulse
bin=target/release/ssi-pulse
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-30s %5s %10s %10s\n' file exit "best wall s" "max peak MB"
for f in tests/fixtures/bad/*; do
    case "$f" in *.py|*.md) continue ;; esac
    best_wall="" best_peak=""
    for _ in $(seq "$reps"); do
        rm -rf "$out/o"
        set +e
        err=$("$bin" report "$f" --quiet --timings --as-of 2026-11-01 --out "$out/o" 2>&1 >/dev/null)
        code=$?
        set -e
        if [ "$code" -gt 3 ]; then
            echo "$f: exit $code (a crash, not an error)" >&2
            printf '%s\n' "$err" >&2
            exit 1
        fi
        wall=$(awk '/^total/ {print $2}' <<<"$err")
        peak=$(awk '/^peak memory/ {print $3}' <<<"$err")
        if [ -z "$best_wall" ] || awk "BEGIN {exit !($wall < $best_wall)}"; then best_wall=$wall; fi
        if [ -z "$best_peak" ] || [ "$peak" -gt "$best_peak" ]; then best_peak=$peak; fi
    done
    printf '%-30s %5s %10s %10s\n' "$(basename "$f")" "$code" "$best_wall" "$best_peak"
done
