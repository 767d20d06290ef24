#!/usr/bin/env bash
# Benchmarks ssi-pulse side by side with a bare calamine read and the pandas and polars routes on
# generated workbooks (and ssi-pulse alone on the same tables as CSV), and prints the comparison table.
# Builds what it needs (release binary, the calamine example, a Python venv with bench/requirements.txt
# under target/bench/venv) and keeps everything under target/bench/. Options are passed to bench/harness.py, e.g.:
#   bench/run.sh                          # 1x78, 200x104, 2000x156; 500x156, 5000x156 CSV; 3 repetitions
#   bench/run.sh --reps 5 --scales 1x78,200x104
#   bench/run.sh --no-python              # ssi-pulse and the calamine floor only
#   bench/run.sh --person-pages-variants  # also --person-pages md and none, side by side
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
    echo "bench/run.sh needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
    exit 2
fi
cargo build --release --quiet --bin ssi-pulse --example calamine_floor

venv=target/bench/venv
if [[ " $* " != *" --no-python "* ]]; then
    if [ ! -x "$venv/bin/python" ] || ! cmp -s bench/requirements.txt "$venv/requirements.txt"; then
        echo "setting up $venv (pandas, openpyxl, polars, fastexcel, scipy, matplotlib)" >&2
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/requirements.txt
        cp bench/requirements.txt "$venv/requirements.txt"
    fi
fi
exec python3 bench/harness.py --python "$venv/bin/python" "$@"
