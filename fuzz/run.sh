#!/usr/bin/env bash
# Runs one fuzz target for a while: `bash fuzz/run.sh TARGET [SECONDS]` (default 600).
# Targets: analyze_text, docx, dictionary. Needs a nightly toolchain and cargo-fuzz
# (`rustup toolchain install nightly && cargo install cargo-fuzz`).
# Seeds come from the project (samples, dictionaries) and, when present, from ../shared/corpus;
# they and the fuzzer's findings stay under fuzz/corpus and fuzz/artifacts, which git ignores.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh analyze_text|docx|dictionary [SECONDS]}
seconds=${2:-600}
seeds=corpus/$target
mkdir -p "$seeds"
case $target in
analyze_text)
    cp ../samples/resumes/*.txt "$seeds"/ ;;
dictionary)
    cp ../dictionaries/*.toml ../dictionaries/profiles/*.toml "$seeds"/ ;;
docx)
    # Whole files start with an even byte, document.xml bodies with an odd one (see the target).
    for f in ../../shared/corpus/resumes/*.docx; do
        [ -f "$f" ] || continue
        name=$(basename "$f" .docx)
        { printf '\0'; cat "$f"; } > "$seeds/$name.file"
        { printf '\1'; unzip -p "$f" word/document.xml; } > "$seeds/$name.xml" || true
    done
    printf '\1<w:document><w:body><w:p><w:r><w:t>Go and PostgreSQL</w:t></w:r></w:p></w:body></w:document>' \
        > "$seeds/minimal.xml" ;;
*)
    echo "unknown target $target" >&2; exit 2 ;;
esac
exec cargo +nightly fuzz run "$target" "$seeds" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
