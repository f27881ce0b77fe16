"""Code that uses resumescan as the README shows; `mypy --strict` checks it (and the package)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Dict, List

import resumescan


def rank(folder: Path) -> List[Dict[str, Any]]:
    analyzer = resumescan.Analyzer(profile="backend", today=datetime.date(2026, 12, 4))
    done: List[int] = []
    with analyzer.scan([folder], jobs=2, require="go,kafka", progress=lambda d, t: done.append(d)) as scan:
        docs = [doc for doc in scan if doc["status"] == "ok"]
    return sorted(docs, key=lambda d: -float(d["score"]))


def one(path: str) -> float:
    try:
        doc = resumescan.analyze_file(path, isolation="thread", timeout=5.0)
    except resumescan.DocumentError as e:
        print(e.kind, e.message, e.entry)
        return 0.0
    except resumescan.Error as e:
        raise SystemExit(f"{e.kind}: {e}")
    score: float = doc["score"]
    return score


def job() -> None:
    profile = resumescan.job_profile("Go engineer", require=["go:5"], prefer=("kafka",))
    doc = resumescan.analyze_text("Go, Kafka", job=profile)
    data = Path("samples/resumes/pdf/go-backend.pdf").read_bytes()
    doc = resumescan.analyze_bytes(data, filename="cv.pdf", job=Path("posting.md"))
    print(doc["job_match"], resumescan.SUPPORTED_EXTENSIONS, resumescan.worker_command())
