"""Types of the compiled part of resumescan (``resumescan._native``); use the package instead."""

from typing import List, Optional, Tuple

DEFAULT_MAX_FILE_SIZE: int
DEFAULT_MEMORY_LIMIT: int

class NativeError(Exception):
    """``args`` is ``(kind, message)``."""

class Job:
    def json(self) -> str: ...

class Scan:
    @property
    def total(self) -> int: ...
    @property
    def done(self) -> int: ...
    def next(self, wait: float) -> Optional[str]: ...
    def close(self) -> None: ...

class Analyzer:
    def __init__(
        self,
        profile: str,
        dictionaries: List[str],
        no_default_dictionaries: bool,
        today: Optional[Tuple[int, int]],
        implied: bool,
        max_file_size: int,
    ) -> None: ...
    def header(self) -> str: ...
    def job(
        self,
        text: Optional[str],
        path: Optional[str],
        profile_json: Optional[str],
        require: List[str],
        prefer: List[str],
    ) -> Optional[Job]: ...
    def analyze(
        self,
        name: str,
        text: Optional[str],
        data: Optional[bytes],
        path: Optional[str],
        job: Optional[Job],
        worker: Optional[List[str]],
        timeout: float,
        memory_limit: int,
    ) -> str: ...
    def scan(
        self,
        paths: List[str],
        jobs: int,
        job: Optional[Job],
        worker: Optional[List[str]],
        timeout: float,
        memory_limit: int,
        duplicates: bool,
        possible_duplicates: bool,
        redact: bool,
        blind: bool,
        timings: bool,
    ) -> Scan: ...

def serve_worker(args: List[str]) -> None: ...
def supported_extensions() -> List[str]: ...
