"""Runs resumescan as a step of a Spark job and checks it against a direct run.

Usage: python pipe_check.py RESUMESCAN_BINARY SAMPLES_DIR RECORDS

Starts Spark in local mode with 2 workers, builds an RDD of RECORDS NDJSON records from the
sample resumes, pipes every partition through `resumescan scan --input ndjson --format ndjson`,
and checks that every id comes back exactly once with the same score and skills as a direct
run of the same records through the binary. Exits 0 on success, 1 on a mismatch.
"""

import json
import os
import subprocess
import sys

from pyspark.sql import SparkSession


def main() -> int:
    binary, samples, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    texts = []
    for name in sorted(os.listdir(samples)):
        if name.endswith(".txt"):
            with open(os.path.join(samples, name), encoding="utf-8") as f:
                texts.append(f.read())
    records = [
        json.dumps({"id": f"doc-{i}", "text": texts[i % len(texts)]}) for i in range(count)
    ]

    direct = subprocess.run(
        [binary, "scan", "--input", "ndjson", "--format", "ndjson", "--quiet"],
        input="\n".join(records) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    expected = {}
    for line in direct:
        doc = json.loads(line)
        expected[doc["id"]] = (doc["score"], [s["id"] for s in doc["skills"]])

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("resumescan-pipe-check")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        rdd = spark.sparkContext.parallelize(records, 8)
        piped = rdd.pipe(
            f"{binary} scan --input ndjson --format ndjson --quiet --jobs 1",
            env={"RUST_BACKTRACE": "0"},
        ).collect()
    finally:
        spark.stop()

    seen = {}
    for line in piped:
        doc = json.loads(line)
        seen.setdefault(doc["id"], []).append((doc["score"], [s["id"] for s in doc["skills"]]))
    missing = [i for i in expected if i not in seen]
    doubled = [i for i, v in seen.items() if len(v) != 1]
    differ = [i for i, v in seen.items() if i in expected and v[0] != expected[i]]
    print(
        f"spark pipe: {len(records)} records in, {len(piped)} lines out, "
        f"{len(seen)} distinct ids; missing {len(missing)}, doubled {len(doubled)}, "
        f"different from a direct run {len(differ)}"
    )
    ok = len(piped) == len(records) and not missing and not doubled and not differ
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
