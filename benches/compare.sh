#!/usr/bin/env bash
# Side-by-side timing of resumescan against the Unix pipeline a user would otherwise write
# (pdftotext, then grep -oiwF over the same aliases), on the same files, in one run (hyperfine: a warm-up, then RUNS runs of each command in turn).
#
#   bash benches/compare.sh [PDF_DIR]        (default: ../shared/corpus/datasets/livecareer-resume-pdfs/pdf)
#
# Needs hyperfine and pdftotext (Debian: apt-get install hyperfine poppler-utils) and a release
# build (cargo build --release). Writes the medians and ratios to benches/results/DATE-compare.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PDF_DIR=${1:-../shared/corpus/datasets/livecareer-resume-pdfs/pdf}
BIN=$PWD/target/release/resumescan
RUNS=${RUNS:-5}
for tool in hyperfine pdftotext; do
    command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install hyperfine poppler-utils)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "compare.sh: build first: cargo build --release" >&2; exit 2; }
[ -d "$PDF_DIR" ] || { echo "compare.sh: no folder $PDF_DIR" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The same aliases resumescan matches, one per line, for grep -F.
"$BIN" dict list --json | python3 -c '
import json, sys
for skill in json.load(sys.stdin):
    for alias in skill["aliases"]:
        print(alias["text"])' > "$WORK/aliases.txt"

# Pre-extracted text of the same PDFs, for the text-only path.
mkdir -p "$WORK/text"
for f in "$PDF_DIR"/*.pdf; do
    pdftotext -q "$f" "$WORK/text/$(basename "$f" .pdf).txt" || true
done
# A generated set of 10,000 text resumes, made from the samples (each one unique, so none is
# skipped as a duplicate).
mkdir -p "$WORK/gen"
i=0
while [ $i -lt 10000 ]; do
    for s in samples/resumes/*.txt; do
        { echo "Candidate $i"; cat "$s"; } > "$WORK/gen/r$i-$(basename "$s")"
        i=$((i + 1))
        [ $i -ge 10000 ] && break
    done
done

N=$(ls "$PDF_DIR"/*.pdf | wc -l)
PIPELINE="find '$PDF_DIR' -name '*.pdf' -print0 | xargs -0 -P 2 -n 8 sh -c 'for f; do pdftotext -q \"\$f\" - | grep -oiwF -f \"$WORK/aliases.txt\" || true; done' _ > /dev/null"

hyperfine --runs "$RUNS" --warmup 1 --export-json "$WORK/pdf.json" \
    -n "resumescan --jobs 2 ($N PDFs)" "'$BIN' scan --quiet --jobs 2 '$PDF_DIR' > /dev/null" \
    -n "resumescan --jobs 1 ($N PDFs)" "'$BIN' scan --quiet --jobs 1 '$PDF_DIR' > /dev/null" \
    -n "pdftotext + grep -oiwF, xargs -P 2 ($N PDFs)" "$PIPELINE" \
    -n "resumescan --jobs 2 (pre-extracted text)" "'$BIN' scan --quiet --jobs 2 '$WORK/text' > /dev/null" \
    -n "resumescan --jobs 2 (10,000 text resumes)" "'$BIN' scan --quiet --jobs 2 '$WORK/gen' > /dev/null"

OUT=benches/results/$(date +%Y-%m-%d)-compare.md
python3 - "$WORK/pdf.json" "$OUT" "$PDF_DIR" <<'PY'
import json, os, platform, statistics, subprocess, sys
data = json.load(open(sys.argv[1]))["results"]
med = {r["command"]: statistics.median(r["times"]) for r in data}
names = list(med)
pipeline = next(n for n in names if n.startswith("pdftotext"))
rs2 = next(n for n in names if "--jobs 2 (" in n and "PDFs" in n)
rs1 = next(n for n in names if "--jobs 1" in n)
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
lines = [
    f"# resumescan vs pdftotext + grep ({sys.argv[3]})",
    "",
    f"Machine: {os.cpu_count()} cores, {cpu or platform.machine()}; medians of hyperfine runs.",
    "",
    "| command | median s | ratio to pipeline |",
    "|---|---|---|",
]
for n in names:
    lines.append(f"| {n} | {med[n]:.3f} | {med[n] / med[pipeline]:.2f} |")
lines += [
    "",
    f"- resumescan --jobs 2 ÷ pipeline: **{med[rs2] / med[pipeline]:.2f}** (target ≤ 0.67)",
    f"- --jobs 1 ÷ --jobs 2: **{med[rs1] / med[rs2]:.2f}** (target ≥ 1.7)",
]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "written: $OUT"
