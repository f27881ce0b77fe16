"""The Python package against the command line: same documents, errors as entries or typed
exceptions, a flat memory on many files, and a scan that stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import resumescan
from conftest import ROOT, SOURCE_DATE_EPOCH, golden_month, shared, skip


def golden(name: str) -> Dict[str, Any]:
    report: Dict[str, Any] = json.loads((ROOT / "tests" / "golden" / name).read_text("utf-8"))
    return report


def analyzer() -> resumescan.Analyzer:
    return resumescan.Analyzer(today=golden_month())


def children() -> List[int]:
    """The processes this one started that are still there (worker processes)."""
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name is in brackets and may hold spaces; the parent id follows the state.
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[1] == me and fields[0] != "Z":
            found.append(int(entry))
    return found


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


def test_samples_give_the_documents_of_the_json_report() -> None:
    """`resumescan scan --format json samples/resumes` (tests/golden/samples.json): the same
    documents, key for key and value for value, in the same order, and the same header."""
    expected = golden("samples.json")
    docs = list(analyzer().scan("samples/resumes"))
    assert [d["path"] for d in docs] == [d["path"] for d in expected["documents"]]
    for doc, want in zip(docs, expected["documents"]):
        assert doc == want, doc["path"]
    header = analyzer().header()
    for key in ("schema_version", "tool", "profile", "dictionaries"):
        assert header[key] == expected[key]


def test_samples_with_a_job_give_the_documents_of_the_json_report() -> None:
    """`scan --job samples/jobs/go-platform-engineer.md` (tests/golden/samples-job.json)."""
    expected = golden("samples-job.json")
    job = Path("samples/jobs/go-platform-engineer.md")
    docs = list(analyzer().scan(["samples/resumes"], job=job))
    assert docs == expected["documents"]
    assert analyzer().job_profile(job) == expected["job"]


def test_the_ranking_is_the_table_of_scan() -> None:
    """Sorted by score (a stable sort, ties in input order), the documents come in the order of
    `resumescan scan --format table` (tests/golden/samples.table), as the README's snippet
    prints them."""
    docs = sorted(analyzer().scan("samples/resumes"), key=lambda d: (d["status"] != "ok", -d["score"]))
    table = (ROOT / "tests" / "golden" / "samples.table").read_text("utf-8").splitlines()
    rows = [line.split() for line in table[1:] if line[:6].strip().isdigit()]
    assert len(rows) == len(docs) == 14
    for row, doc in zip(rows, docs):
        assert float(row[1]) == doc["score"]
        assert doc["path"].endswith(row[6].lstrip("…")), (row, doc["path"])


def test_analyze_text_file_and_bytes_agree_with_scan() -> None:
    a = analyzer()
    by_scan = {d["path"]: d for d in a.scan("samples/resumes")}
    for path in ("samples/resumes/go-backend.txt", "samples/resumes/pdf/java-spring.pdf"):
        want = dict(by_scan[path])
        want.pop("possible_duplicate_of", None)
        assert a.analyze_file(path) == want
        assert a.analyze_file(Path(path), isolation="thread") == want
        data = Path(path).read_bytes()
        assert a.analyze_bytes(data, filename=path) == want
    text = Path("samples/resumes/go-backend.txt").read_text("utf-8")
    doc = a.analyze_text(text, name="samples/resumes/go-backend.txt")
    assert [s["id"] for s in doc["skills"]] == [
        s["id"] for s in by_scan["samples/resumes/go-backend.txt"]["skills"]
    ]
    assert doc["score"] == by_scan["samples/resumes/go-backend.txt"]["score"]


def test_module_functions_use_the_backend_profile() -> None:
    doc = resumescan.analyze_text("SKILLS\nGo, Kafka, PostgreSQL, gRPC, Docker")
    assert doc["status"] == "ok"
    assert {"go", "kafka", "postgresql"} <= {s["id"] for s in doc["skills"]}
    assert doc["path"] == "text"
    assert "go" in {s["id"] for s in resumescan.analyze_file("samples/resumes/go-backend.txt")["skills"]}


def test_a_broken_pdf_is_an_error_entry_in_scan_and_an_exception_alone(tmp_path: Path) -> None:
    (tmp_path / "a-broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    (tmp_path / "b-fine.txt").write_text("SKILLS\nGo, Kafka, PostgreSQL\n")
    docs = list(resumescan.scan(tmp_path))
    assert [Path(d["path"]).name for d in docs] == ["a-broken.pdf", "b-fine.txt"]
    assert docs[0]["status"] == "error"
    assert docs[0]["error"]["kind"] == "parse"
    assert docs[1]["status"] == "ok"
    with pytest.raises(resumescan.DocumentError) as caught:
        resumescan.analyze_file(tmp_path / "a-broken.pdf")
    assert caught.value.kind == "parse"
    assert caught.value.entry is not None and caught.value.entry["status"] == "error"
    with pytest.raises(resumescan.DocumentError) as missing:
        resumescan.analyze_file(tmp_path / "none.pdf")
    assert missing.value.kind == "not_found"
    assert isinstance(missing.value, resumescan.Error)


def test_a_missing_path_and_an_empty_folder_are_error_entries(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    docs = list(resumescan.scan([tmp_path / "none.pdf", tmp_path / "empty"]))
    assert [d["error"]["kind"] for d in docs] == ["not_found", "no_supported_files"]


def test_folders_are_walked_as_the_command_line_walks_them(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("Kafka")
    (tmp_path / "a.txt").write_text("Go")
    (tmp_path / "c.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden.txt").write_text("Go")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    docs = list(resumescan.scan(str(tmp_path)))
    names = [(Path(d["path"]).relative_to(tmp_path).as_posix(), d["status"]) for d in docs]
    assert names == [("a.txt", "ok"), ("b/z.md", "ok"), ("link.txt", "skipped")]


def test_jobs_and_rules(tmp_path: Path) -> None:
    a = analyzer()
    doc = a.analyze_text("SKILLS\nGo, Kafka", require=["go", "java|kotlin"], prefer="kafka")
    match = doc["job_match"]
    assert match["required"]["missing"] == ["java|kotlin"] or match["match_rate"] < 100
    profile = a.job_profile("Senior Go engineer\nMust have: Go, Kafka\nNice to have: gRPC")
    assert {s["id"] for s in profile["required"]} >= {"go", "kafka"}
    # A profile from job_profile is a job too.
    again = a.analyze_text("SKILLS\nGo, Kafka, gRPC", job=profile)
    assert again["job_match"]["match_rate"] == 100.0
    with pytest.raises(resumescan.UnknownSkillError) as unknown:
        a.scan("samples/resumes", require="go,kubernetess")
    assert unknown.value.kind == "unknown_skill"
    assert "kubernetes" in str(unknown.value)
    with pytest.raises(resumescan.NoJobSkillsError):
        a.job_profile("We sell flowers.")
    rules = a.job_profile("Backend engineer, Go", require=["go:5", "experience:7"])
    assert rules["min_experience"] is not None


def test_settings_errors_are_typed(tmp_path: Path) -> None:
    with pytest.raises(resumescan.ConfigError) as caught:
        resumescan.Analyzer(profile="no-such-profile")
    assert caught.value.kind == "config"
    bad = tmp_path / "bad.toml"
    bad.write_text("[[skill]]\nid = 3\n")
    with pytest.raises(resumescan.DictionaryError) as dictionary:
        resumescan.Analyzer(dictionaries=[bad])
    assert dictionary.value.kind == "dictionary"
    with pytest.raises(resumescan.ConfigError):
        resumescan.scan("samples/resumes", isolation="container")


def test_progress_reaches_the_total() -> None:
    seen: List[tuple[int, int]] = []
    docs = list(resumescan.scan("samples/resumes", progress=lambda d, t: seen.append((d, t))))
    assert seen[-1] == (len(docs), len(docs)) == (14, 14)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_thousand_documents_keep_memory_flat(tmp_path: Path) -> None:
    text = Path("samples/resumes/go-backend.txt").read_text("utf-8")
    for i in range(1000):
        (tmp_path / f"r{i:04}.txt").write_text(f"{text}\nref {i}\n")
    scan = resumescan.scan(tmp_path, isolation="thread")
    seen = 0
    after_warm_up: Optional[int] = None
    peak = 0
    for doc in scan:
        assert doc["status"] == "ok"
        seen += 1
        if seen == 100:
            after_warm_up = rss_kib()
        peak = max(peak, rss_kib())
    assert seen == 1000
    assert after_warm_up is not None
    # Held entries are bounded by the channel and the batch's reorder window, not by the number
    # of files: a run that kept every entry would grow by tens of MB here.
    grew = peak - after_warm_up
    print(f"RSS after 100 documents {after_warm_up} KiB, peak {peak} KiB, grew {grew} KiB")
    assert grew < 20 * 1024, f"RSS grew by {grew} KiB over 900 documents"


def test_leaving_a_scan_early_ends_its_workers() -> None:
    pdfs = sorted(str(p) for p in Path("samples/resumes/pdf").glob("*.pdf")) * 100
    with analyzer().scan(pdfs, jobs=2, duplicates=False) as scan:
        first = next(scan)
        assert first["status"] == "ok"
        assert children(), "PDFs are parsed in worker processes"
    assert scan.done < len(pdfs)
    deadline = time.monotonic() + 5
    while children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children() == []
    assert list(scan) == []


def test_ctrl_c_stops_a_scan_cleanly(tmp_path: Path) -> None:
    """SIGINT during a scan: KeyboardInterrupt in the loop, soon, and no worker left behind."""
    script = tmp_path / "scan.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, resumescan
            pdfs = sorted(sys.argv[1:]) * 200
            try:
                for i, doc in enumerate(resumescan.Analyzer().scan(pdfs, jobs=2, duplicates=False)):
                    if i == 0:
                        print("first", flush=True)
            except KeyboardInterrupt:
                print("interrupted", flush=True)
                sys.exit(3)
            """
        )
    )
    pdfs = [str(p) for p in Path("samples/resumes/pdf").glob("*.pdf")]
    child = subprocess.Popen(
        [sys.executable, str(script), *pdfs],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "first"
    started = time.monotonic()
    os.killpg(child.pid, signal.SIGINT)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == 3, out
    assert "interrupted" in out
    assert time.monotonic() - started < 10
    # The session's processes: the script's workers must be gone with it.
    left = subprocess.run(["pgrep", "-s", str(child.pid)], capture_output=True, text=True)
    assert left.stdout.strip() == "", left.stdout


def test_the_real_resumes_give_the_documents_of_the_command_line() -> None:
    """`../shared/corpus/resumes` through Python and through `resumescan scan`: the same
    documents."""
    folder = shared("resumes")
    binary = cli()
    out = subprocess.run(
        [binary, "scan", "--quiet", "--format", "json", str(folder)],
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)},
    )
    assert out.returncode in (0, 2), out.stderr
    expected = json.loads(out.stdout)["documents"]
    docs = list(analyzer().scan(folder))
    assert len(docs) == len(expected) > 20
    for doc, want in zip(docs, expected):
        assert doc == want, doc["path"]


def test_the_torture_pdfs_cost_entries_not_the_interpreter() -> None:
    """The malformed PDFs the library's isolation tests use: every file once, with a status,
    and this process still here."""
    folder = shared("pdf-torture")
    files = sorted(p for p in folder.iterdir() if p.suffix == ".pdf")
    docs = list(resumescan.scan(folder, timeout=5))
    assert [Path(d["path"]).name for d in docs] == [p.name for p in files]
    assert all(d["status"] in ("ok", "empty", "error", "duplicate") for d in docs)


def cli() -> str:
    """The command line built from this tree (the newer of the debug and release builds)."""
    found = [ROOT / "target" / kind / "resumescan" for kind in ("debug", "release")]
    found = [p for p in found if p.exists()]
    if not found:
        skip("no resumescan binary in target/ (run `cargo build` first)")
    return str(max(found, key=lambda p: p.stat().st_mtime))
