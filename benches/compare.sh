#!/usr/bin/env bash
# Side-by-side timing of resumescan against the Unix pipeline a user would otherwise write
# (pdftotext, then grep -oiwF over the same aliases), on the same files, in one run (a warm-up,
# then ROUNDS rounds that run every command once, in turn), and against the floor: the first PDF engine
# alone over the same files, in one process (examples/pdf_budget.rs --floor).
#
#   bash benches/compare.sh [PDF_DIR]        (default: ../shared/corpus/datasets/livecareer-resume-pdfs/pdf)
#
# Needs pdftotext (Debian: apt-get install poppler-utils), Python 3 and a release
# build (cargo build --release --bin resumescan --example pdf_budget). Writes the medians and ratios to benches/results/DATE-compare.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PDF_DIR=${1:-../shared/corpus/datasets/livecareer-resume-pdfs/pdf}
BIN=$PWD/target/release/resumescan
FLOOR=$PWD/target/release/examples/pdf_budget
ROUNDS=${ROUNDS:-5}
command -v pdftotext >/dev/null || { echo "compare.sh: pdftotext is missing (apt-get install poppler-utils)" >&2; exit 2; }
[ -x "$BIN" ] && [ -x "$FLOOR" ] || { echo "compare.sh: build first: cargo build --release --bin resumescan --example pdf_budget" >&2; exit 2; }
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
EXTRACT_ONLY="find '$PDF_DIR' -name '*.pdf' -print0 | xargs -0 -P 2 -n 8 sh -c 'for f; do pdftotext -q \"\$f\" - || true; done' _ > /dev/null"
PIPELINE="find '$PDF_DIR' -name '*.pdf' -print0 | xargs -0 -P 2 -n 8 sh -c 'for f; do pdftotext -q \"\$f\" - | grep -oiwF -f \"$WORK/aliases.txt\" || true; done' _ > /dev/null"

OUT=benches/results/$(date +%Y-%m-%d)-compare.md
export BIN FLOOR PDF_DIR N PIPELINE EXTRACT_ONLY WORK ROUNDS
python3 - "$OUT" <<'PY'
import os, shlex, sys
sys.path.insert(0, "benches")
from rounds import machine, medians
env = os.environ
q = shlex.quote
commands = [
    (f"resumescan --jobs 2 ({env['N']} PDFs)", f"{q(env['BIN'])} scan --quiet --jobs 2 {q(env['PDF_DIR'])} > /dev/null"),
    (f"resumescan --jobs 1 ({env['N']} PDFs)", f"{q(env['BIN'])} scan --quiet --jobs 1 {q(env['PDF_DIR'])} > /dev/null"),
    (f"pdftotext + grep -oiwF, xargs -P 2 ({env['N']} PDFs)", env["PIPELINE"]),
    (f"pdftotext alone, xargs -P 2 ({env['N']} PDFs)", env["EXTRACT_ONLY"]),
    (f"floor: first engine alone, 2 threads ({env['N']} PDFs)", f"{q(env['FLOOR'])} --floor --threads 2 {q(env['PDF_DIR'])} 2> /dev/null"),
    (f"floor: first engine alone, 1 thread ({env['N']} PDFs)", f"{q(env['FLOOR'])} --floor --threads 1 {q(env['PDF_DIR'])} 2> /dev/null"),
    ("resumescan --jobs 2 (pre-extracted text)", f"{q(env['BIN'])} scan --quiet --jobs 2 {q(env['WORK'] + '/text')} > /dev/null"),
    ("resumescan --jobs 2 (10,000 text resumes)", f"{q(env['BIN'])} scan --quiet --jobs 2 {q(env['WORK'] + '/gen')} > /dev/null"),
]
rounds = int(env.get("ROUNDS", "5"))
med = medians(commands, rounds)
names = [name for name, _ in commands]
pipeline, rs2, rs1, pdftotext, floor2 = names[2], names[0], names[1], names[3], names[4]
lines = [
    f"# resumescan vs pdftotext + grep ({env['PDF_DIR']})",
    "",
    f"Machine: {machine()}; medians of {rounds} alternating rounds "
    "(each command once per round, in turn, after a warm-up run of each).",
    "",
    "| command | median s | ratio to pipeline |",
    "|---|---|---|",
]
for n in names:
    lines.append(f"| {n} | {med[n]:.3f} | {med[n] / med[pipeline]:.2f} |")
lines += [
    "",
    f"- resumescan --jobs 2 ÷ pipeline: **{med[rs2] / med[pipeline]:.2f}** (target ≤ 0.20)",
    f"- --jobs 1 ÷ --jobs 2: **{med[rs1] / med[rs2]:.2f}** (target ≥ 1.8)",
    f"- resumescan --jobs 2 ÷ pdftotext alone: **{med[rs2] / med[pdftotext]:.2f}**",
    f"- resumescan --jobs 2 ÷ the floor on 2 threads: **{med[rs2] / med[floor2]:.2f}** (1.00 would be the engine alone)",
]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "written: $OUT"
