"""Shared set-up of the Python tests: the repository's folders, and skips that fail in CI."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Tuple

import pytest

#: The repository's root folder.
ROOT = Path(__file__).resolve().parents[2]

#: The clock the golden files were written with (`tests/golden.rs`): 2026-12-04.
SOURCE_DATE_EPOCH = 1796342400


def golden_month() -> Tuple[int, int]:
    """The month "Present" stood for when the golden files were written."""
    day = datetime.datetime.fromtimestamp(SOURCE_DATE_EPOCH, datetime.timezone.utc)
    return (day.year, day.month)


def skip(reason: str) -> None:
    """Skips the test, or fails it when `RESUMESCAN_REQUIRE_ALL=1` (as CI sets): CI cannot
    pass by skipping."""
    if os.environ.get("RESUMESCAN_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (RESUMESCAN_REQUIRE_ALL=1: a skip is a failure)")
    pytest.skip(reason)


def shared(path: str) -> Path:
    """A folder of `../shared/corpus`, or a skip when it is absent."""
    found = ROOT.parent / "shared" / "corpus" / path
    if not found.exists():
        skip(f"../shared/corpus/{path} is not present")
    return found


@pytest.fixture(autouse=True)
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in the repository's root, so that paths read as in the golden files."""
    monkeypatch.chdir(ROOT)
