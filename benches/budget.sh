#!/usr/bin/env bash
# Where the time of a PDF batch goes: the per-stage budget of examples/pdf_budget.rs (one thread,
# in this process, a clock around each stage), then what the worker processes add, from a batch
# run with --jobs 1 in worker processes against the same batch parsing in-process (ROUNDS
# alternating rounds, medians).
#
#   bash benches/budget.sh [PDF_DIR]        (default: ../shared/corpus/datasets/livecareer-resume-pdfs/pdf)
#
# Needs Python 3 and a release build (cargo build --release --bin resumescan --example pdf_budget).
# Writes benches/results/DATE-budget.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PDF_DIR=${1:-../shared/corpus/datasets/livecareer-resume-pdfs/pdf}
BIN=$PWD/target/release/resumescan
BUDGET=$PWD/target/release/examples/pdf_budget
ROUNDS=${ROUNDS:-5}
[ -x "$BIN" ] && [ -x "$BUDGET" ] || { echo "budget.sh: build first: cargo build --release --bin resumescan --example pdf_budget" >&2; exit 2; }
[ -d "$PDF_DIR" ] || { echo "budget.sh: no folder $PDF_DIR" >&2; exit 2; }

TABLE=$("$BUDGET" "$PDF_DIR")
OUT=benches/results/$(date +%Y-%m-%d)-budget.md
export BIN PDF_DIR ROUNDS TABLE
python3 - "$OUT" <<'PY'
import os, shlex, sys
sys.path.insert(0, "benches")
from rounds import machine, medians
env = os.environ
q = shlex.quote
n = len([f for f in os.listdir(env["PDF_DIR"]) if f.lower().endswith(".pdf")])
commands = {
    "worker processes": f"{q(env['BIN'])} scan --quiet --jobs 1 {q(env['PDF_DIR'])} > /dev/null",
    "in-process": f"{q(env['BIN'])} scan --quiet --jobs 1 --isolation thread {q(env['PDF_DIR'])} > /dev/null",
}
med = medians(list(commands.items()), int(env["ROUNDS"]))
per_doc = lambda s: s * 1000 / max(n, 1)
lines = [
    f"# Where a PDF batch spends its time ({env['PDF_DIR']}, {n} PDFs)",
    "",
    f"Machine: {machine()}.",
    "",
    "## Stages, one thread, in-process (`target/release/examples/pdf_budget`)",
    "",
    env["TABLE"],
    "",
    f"## What worker processes add (`scan --jobs 1`, medians of {env['ROUNDS']} alternating rounds)",
    "",
    "| batch | median s | ms per PDF |",
    "|---|---|---|",
]
for name, s in med.items():
    lines.append(f"| {name} | {s:.3f} | {per_doc(s):.2f} |")
lines += [
    "",
    f"Hand-off to the workers (request and text through a pipe, the worker's loop): "
    f"**{per_doc(med['worker processes'] - med['in-process']):.2f} ms per PDF**.",
]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "written: $OUT"
