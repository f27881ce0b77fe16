"""Ranks the resumes of a folder by score: a pandas DataFrame when pandas is installed, a plain
table otherwise.

    python python/examples/rank_folder.py samples/resumes [--require go,kafka]
"""

from __future__ import annotations

import argparse
from typing import Any, Dict, List

import resumescan


def rows(folder: str, require: str | None) -> List[Dict[str, Any]]:
    """One row per analysed document, best score first (ties in path order)."""
    found = []
    for doc in resumescan.scan([folder], require=require):
        if doc["status"] != "ok":
            continue
        match = doc.get("job_match")
        found.append(
            {
                "score": doc["score"],
                "match": match["match_rate"] if match else None,
                "stack": (doc.get("primary_stack") or {}).get("id", "-"),
                "file": doc["path"],
                "top skills": ", ".join(s["name"] for s in doc["skills"][:4]),
            }
        )
    return sorted(found, key=lambda r: -r["score"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--require", help="must-have skills, e.g. go,kafka")
    args = parser.parse_args()
    ranked = rows(args.folder, args.require)
    try:
        import pandas as pd
    except ImportError:
        for rank, r in enumerate(ranked, 1):
            print(f"{rank:>4}  {r['score']:>5.1f}  {r['stack']:<7} {r['file']:<45} {r['top skills']}")
        return
    frame = pd.DataFrame(ranked, index=range(1, len(ranked) + 1))
    print(frame.to_string())


if __name__ == "__main__":
    main()
