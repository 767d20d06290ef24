#!/usr/bin/env bash
# Converts each workbook given to PDF with LibreOffice (headless, Debian package) and checks that the
# conversion succeeded and that the PDF holds the expected text (a chart title, a sheet's header).
# Usage: .ci/check_xlsx.sh FILE.xlsx "expected text" [FILE.xlsx "expected text" ...]
set -euo pipefail
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-calc-nogui poppler-utils >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
while [ $# -ge 2 ]; do
    file=$1 want=$2
    shift 2
    name=$(basename "$file" .xlsx)
    rm -f "$out/$name.pdf"
    soffice --headless --norestore --convert-to pdf --outdir "$out" "$file" >"$out/log" 2>&1 || {
        cat "$out/log"
        echo "LibreOffice could not convert $file" >&2
        exit 1
    }
    test -s "$out/$name.pdf" || { cat "$out/log"; echo "no PDF from $file" >&2; exit 1; }
    pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')
    if ! pdftotext "$out/$name.pdf" - | tr -s ' \n' ' ' | grep -qF "$want"; then
        echo "$file: the PDF does not show '$want'" >&2
        exit 1
    fi
    echo "$file: $pages PDF pages, shows '$want'"
done
