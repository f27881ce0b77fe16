"""Skills and scores of resumes (PDF, DOCX, ODT, HTML, text), as dictionaries.

resumescan reads resumes and reports the skills it finds, with a score per document. This package
runs the same engine as the ``resumescan`` command line: every document comes back as a
dictionary with exactly the keys and values of a document in the JSON report of
``resumescan scan``.

>>> import resumescan
>>> doc = resumescan.analyze_text("SKILLS\\nGo, Kafka, PostgreSQL")
>>> [s["id"] for s in doc["skills"]][:3]  # doctest: +SKIP
['go', 'kafka', 'postgresql']

Many files go through :func:`scan`, an iterator that yields documents in input order while the
rest are analysed in parallel::

    for doc in resumescan.scan(["resumes/"]):
        print(doc["path"], doc["score"])

PDF and office files are parsed in worker processes by default (``isolation="process"``): a
document that crashes its parser, loops or eats memory becomes an entry with
``status: "error"``, and the Python process goes on. The workers are this Python interpreter
running ``resumescan._native.serve_worker`` (see :func:`worker_command`).
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _native

__all__ = [
    "Analyzer",
    "Document",
    "Error",
    "ConfigError",
    "DictionaryError",
    "DocumentError",
    "NoJobSkillsError",
    "Scan",
    "UnknownSkillError",
    "SUPPORTED_EXTENSIONS",
    "analyze_bytes",
    "analyze_file",
    "analyze_text",
    "job_profile",
    "scan",
    "worker_command",
]

#: A report entry: the JSON object ``resumescan scan`` writes for one document, as a dictionary.
Document = Dict[str, Any]

#: A path: a string or an ``os.PathLike`` such as ``pathlib.Path``.
StrPath = Union[str, "os.PathLike[str]"]

#: A job: a posting's text (``str``), a posting file (``os.PathLike``), or a job profile as
#: :func:`job_profile` returns it (``dict``).
JobSpec = Union[str, "os.PathLike[str]", Dict[str, Any]]

#: Skill rules such as ``"go:5"``, ``"java|kotlin"`` or ``"experience:7"``: a list, or one string
#: with the rules separated by commas (as ``--require`` takes them).
Rules = Union[str, Iterable[str]]

#: ``(year, month)`` or a date: the month "Present" in a resume's dates stands for.
Today = Union[Tuple[int, int], datetime.date]

#: Called as ``progress(done, total)`` while a scan runs.
ProgressCallback = Callable[[int, int], object]

#: Extensions of the files a folder is walked for (lower case, without the dot).
SUPPORTED_EXTENSIONS: Tuple[str, ...] = tuple(_native.supported_extensions())

#: Default size limit of one file, in bytes.
DEFAULT_MAX_FILE_SIZE: int = _native.DEFAULT_MAX_FILE_SIZE

#: Default address-space limit of a worker process, in bytes.
DEFAULT_MEMORY_LIMIT: int = _native.DEFAULT_MEMORY_LIMIT


class Error(Exception):
    """An error of resumescan.

    ``kind`` is the library's stable machine name for it, the same as ``error.kind`` in a report
    (``parse``, ``not_found``, ``unknown_skill``, ``dictionary``, ``config``, …); ``message`` is
    the description for people.
    """

    kind: str
    message: str

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class ConfigError(Error, ValueError):
    """A setting that cannot be used: an unknown profile, a bad option value."""


class DictionaryError(Error):
    """A dictionary or profile file is invalid."""


class UnknownSkillError(Error, ValueError):
    """A skill named in ``require`` or ``prefer`` that no dictionary knows; the message names the
    closest known skills."""


class NoJobSkillsError(Error, ValueError):
    """A job posting that names no skill resumescan knows."""


class DocumentError(Error):
    """A document that cannot be analysed (missing, unreadable, damaged, encrypted, too large, or
    its parser crashed or ran out of time). ``entry`` is its report entry, with ``status:
    "error"``; :func:`scan` yields such entries instead of raising."""

    entry: Optional[Document]

    def __init__(self, kind: str, message: str, entry: Optional[Document] = None) -> None:
        super().__init__(kind, message)
        self.entry = entry


_ERRORS = {
    "config": ConfigError,
    "dictionary": DictionaryError,
    "unknown_skill": UnknownSkillError,
    "no_job_skills": NoJobSkillsError,
}


def _error(e: BaseException) -> Error:
    kind, message = e.args if len(e.args) == 2 else ("internal", str(e))
    return _ERRORS.get(kind, DocumentError)(kind, message)


def worker_command() -> List[str]:
    """The command that starts a worker process under ``isolation="process"``.

    It is this interpreter (``sys.executable``), isolated from the environment and the user's
    site folder (``-I``), importing this package from where it is installed and running the
    parsers' loop of the library on its standard input and output. The batch appends the
    per-document limits (``--memory-limit BYTES --cpu-limit-secs SECONDS``). Ctrl-C is left to
    the parent: a worker ignores it and ends when its input closes.
    """
    if not sys.executable:
        raise ConfigError(
            "config",
            "no Python interpreter to start worker processes with (sys.executable is empty): "
            "use isolation=\"thread\"",
        )
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
        "sys.path.insert(0, sys.argv[1]); "
        "from resumescan._native import serve_worker; serve_worker(sys.argv[2:])"
    )
    return [sys.executable, "-I", "-c", code, here]


def _worker(isolation: str) -> Optional[List[str]]:
    if isolation == "process":
        return worker_command()
    if isolation == "thread":
        return None
    raise ConfigError("config", f'isolation must be "process" or "thread", not {isolation!r}')


def _rules(rules: Optional[Rules]) -> List[str]:
    if rules is None:
        return []
    if isinstance(rules, str):
        return [r.strip() for r in rules.split(",")]
    return [str(r) for r in rules]


def _today(today: Optional[Today]) -> Optional[Tuple[int, int]]:
    if today is None:
        return None
    if isinstance(today, datetime.date):
        return (today.year, today.month)
    year, month = today
    return (int(year), int(month))


class Analyzer:
    """Dictionaries, a scoring profile and the matcher, built once; analyses any number of
    documents, from any number of threads.

    :param profile: a built-in profile (``"backend"``, …) or a profile file (``.toml``).
    :param dictionaries: extra dictionary files (TOML), merged over the built-in ones.
    :param no_default_dictionaries: use only ``dictionaries``, not the built-in ones.
    :param today: ``(year, month)`` or a date: the month "Present" stands for in dated entries.
        Default: this month (``SOURCE_DATE_EPOCH``, when set, as for the command line).
    :param implied: infer implied skills (Django → Python), as the command line does unless
        ``--no-implied``.
    :param max_file_size: files larger than this many bytes are reported as ``too_large``.
    :raises DictionaryError: a dictionary or profile file is invalid.
    :raises ConfigError: the profile is unknown.
    """

    def __init__(
        self,
        profile: StrPath = "backend",
        dictionaries: Sequence[StrPath] = (),
        no_default_dictionaries: bool = False,
        today: Optional[Today] = None,
        implied: bool = True,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    ) -> None:
        try:
            self._native = _native.Analyzer(
                os.fspath(profile),
                [os.fspath(d) for d in dictionaries],
                no_default_dictionaries,
                _today(today),
                implied,
                max_file_size,
            )
        except _native.NativeError as e:
            raise _error(e) from None

    def header(self) -> Dict[str, Any]:
        """What a report says before its documents: ``schema_version``, ``tool``, ``profile``
        and ``dictionaries``."""
        result: Dict[str, Any] = json.loads(self._native.header())
        return result

    def _job(
        self, job: Optional[JobSpec], require: Optional[Rules], prefer: Optional[Rules]
    ) -> Optional[_native.Job]:
        text = path = profile = None
        if isinstance(job, str):
            text = job
        elif isinstance(job, dict):
            profile = json.dumps(job)
        elif job is not None:
            path = os.fspath(job)
        try:
            return self._native.job(text, path, profile, _rules(require), _rules(prefer))
        except _native.NativeError as e:
            raise _error(e) from None

    def job_profile(
        self,
        posting: JobSpec,
        require: Optional[Rules] = None,
        prefer: Optional[Rules] = None,
    ) -> Dict[str, Any]:
        """The skills a job asks for, as ``resumescan job`` reports them: ``required``,
        ``optional``, ``implied``, ``min_experience``.

        :param posting: the posting's text, a posting file (``pathlib.Path``), or a profile from
            an earlier call.
        :param require: rules added as must-haves (``"go:5"``, ``"java|kotlin"``,
            ``"experience:7"``).
        :param prefer: rules added as nice-to-haves.
        :raises NoJobSkillsError: the posting names no skill resumescan knows.
        :raises UnknownSkillError: a rule names an unknown skill.
        """
        job = self._job(posting, require, prefer)
        if job is None:  # pragma: no cover - a posting is always given
            raise ConfigError("config", "no job: give a posting, require or prefer")
        result: Dict[str, Any] = json.loads(job.json())
        return result

    def _analyze(
        self,
        name: str,
        text: Optional[str],
        data: Optional[bytes],
        path: Optional[str],
        job: Optional[JobSpec],
        require: Optional[Rules],
        prefer: Optional[Rules],
        isolation: str,
        timeout: float,
        memory_limit: int,
    ) -> Document:
        native_job = self._job(job, require, prefer)
        worker = _worker(isolation)
        try:
            entry = self._native.analyze(
                name, text, data, path, native_job, worker, float(timeout), memory_limit
            )
        except _native.NativeError as e:
            raise _error(e) from None
        doc: Document = json.loads(entry)
        error = doc.get("error")
        if doc.get("status") == "error" and isinstance(error, dict):
            raise DocumentError(str(error.get("kind")), str(error.get("message")), doc)
        return doc

    def analyze_text(
        self,
        text: str,
        job: Optional[JobSpec] = None,
        require: Optional[Rules] = None,
        prefer: Optional[Rules] = None,
        name: str = "text",
    ) -> Document:
        """Analyses text (no format detection, no extraction).

        :param job: a job to match the document against (its ``job_match``): a posting's text,
            a posting file, or a profile from :meth:`job_profile`.
        :param require: must-have rules added to the job (``"go:5"``, ``"java|kotlin"``).
        :param prefer: nice-to-have rules added to the job.
        :param name: the ``path`` the entry is reported under.
        """
        return self._analyze(
            name, text, None, None, job, require, prefer, "thread", 10.0, DEFAULT_MEMORY_LIMIT
        )

    def analyze_file(
        self,
        path: StrPath,
        job: Optional[JobSpec] = None,
        require: Optional[Rules] = None,
        prefer: Optional[Rules] = None,
        isolation: str = "process",
        timeout: float = 10.0,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
    ) -> Document:
        """Analyses one file (PDF, DOCX, ODT, HTML, text, Markdown).

        :param isolation: ``"process"`` parses PDF and office files in a worker process, so that
            a parser crash costs an exception, not the interpreter; ``"thread"`` parses here.
        :param timeout: CPU seconds a worker may spend on the document.
        :param memory_limit: address space of a worker process, in bytes.
        :raises DocumentError: the file cannot be analysed (``kind``: ``not_found``, ``parse``,
            ``encrypted``, ``timeout``, …; ``entry`` holds the report entry).
        """
        return self._analyze(
            os.fspath(path),
            None,
            None,
            os.fspath(path),
            job,
            require,
            prefer,
            isolation,
            timeout,
            memory_limit,
        )

    def analyze_bytes(
        self,
        data: bytes,
        filename: Optional[str] = None,
        job: Optional[JobSpec] = None,
        require: Optional[Rules] = None,
        prefer: Optional[Rules] = None,
        isolation: str = "process",
        timeout: float = 10.0,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
    ) -> Document:
        """Analyses a document's bytes; the format is told from the content, helped by
        ``filename``'s extension, which is also the entry's ``path`` (default ``"bytes"``).

        Raises as :meth:`analyze_file` does.
        """
        return self._analyze(
            filename or "bytes",
            None,
            bytes(data),
            None,
            job,
            require,
            prefer,
            isolation,
            timeout,
            memory_limit,
        )

    def scan(
        self,
        paths: Union[StrPath, Iterable[StrPath]],
        jobs: Optional[int] = None,
        isolation: str = "process",
        timeout: float = 10.0,
        job: Optional[JobSpec] = None,
        require: Optional[Rules] = None,
        prefer: Optional[Rules] = None,
        progress: Optional[ProgressCallback] = None,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
        duplicates: bool = True,
        possible_duplicates: bool = True,
        redact: bool = False,
        blind: bool = False,
        timings: bool = False,
    ) -> Scan:
        """Analyses files and folders in parallel; returns an iterator of their entries in input
        order, as ``resumescan scan`` reports them.

        Folders are walked recursively for supported files (:data:`SUPPORTED_EXTENSIONS`),
        sorted by path; hidden entries are left out and symbolic links are not followed. A
        document that cannot be analysed is an entry with ``status: "error"``, not an exception.

        The batch runs on a thread of its own and only a few entries wait for the iterator, so
        memory stays flat however many files there are. Ctrl-C (``KeyboardInterrupt``) while
        iterating, ``close()``, leaving a ``with`` block or dropping the iterator stops the run:
        no new document starts, and the worker processes are ended.

        :param paths: files and folders (one path, or several).
        :param jobs: documents analysed at once; default one per core.
        :param isolation: ``"process"`` (PDF and office files parsed in worker processes) or
            ``"thread"``.
        :param timeout: CPU seconds a worker may spend on one document (``timeout`` entry).
        :param job: a job to match every document against (see :meth:`analyze_text`).
        :param require: must-have rules (``"go:5"``, ``"java|kotlin"``, ``"experience:7"``).
        :param prefer: nice-to-have rules.
        :param progress: called as ``progress(done, total)`` as documents finish.
        :param memory_limit: address space of a worker process, in bytes.
        :param duplicates: report a file with the same bytes as an earlier one as
            ``duplicate`` (as the command line does).
        :param possible_duplicates: mark near-identical documents and shared contact details in
            ``possible_duplicate_of`` (as the command line does).
        :param redact: mask contact details in every entry.
        :param blind: blind screening: mask names and personal facts, name inputs
            ``candidate-0001``, ….
        :param timings: record each document's time in ``elapsed_ms``.
        :raises UnknownSkillError: a rule names an unknown skill.
        :raises NoJobSkillsError: the posting names no skill resumescan knows.
        """
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        native_job = self._job(job, require, prefer)
        worker = _worker(isolation)
        try:
            running = self._native.scan(
                [os.fspath(p) for p in paths],
                max(0, jobs or 0),
                native_job,
                worker,
                float(timeout),
                memory_limit,
                duplicates,
                possible_duplicates,
                redact,
                blind,
                timings,
            )
        except _native.NativeError as e:
            raise _error(e) from None
        return Scan(running, progress)


class Scan(Iterator[Document]):
    """A running scan: iterate for the documents, in input order.

    ``total`` is the number of inputs and ``done`` the documents finished so far. ``close()``
    (or a ``with`` block) stops the run early.
    """

    def __init__(self, running: _native.Scan, progress: Optional[ProgressCallback]) -> None:
        self._running = running
        self._progress = progress
        self._reported = -1

    @property
    def total(self) -> int:
        """The number of inputs."""
        return self._running.total

    @property
    def done(self) -> int:
        """Documents finished so far (some may not have been yielded yet)."""
        return self._running.done

    def _report(self) -> None:
        if self._progress is not None:
            done = self._running.done
            if done != self._reported:
                self._reported = done
                self._progress(done, self._running.total)

    def __iter__(self) -> Scan:
        return self

    def __next__(self) -> Document:
        try:
            while True:
                self._report()
                try:
                    entry = self._running.next(0.2 if self._progress is not None else 1e6)
                except TimeoutError:
                    continue
                if entry is None:
                    self._report()
                    raise StopIteration
                doc: Document = json.loads(entry)
                return doc
        except _native.NativeError as e:
            raise _error(e) from None
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stops the scan: no new document starts; returns once the documents in progress are
        done and the worker processes have ended."""
        self._running.close()

    def __enter__(self) -> Scan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        running = getattr(self, "_running", None)
        if running is not None:
            running.close()


_default: Optional[Analyzer] = None


def _analyzer() -> Analyzer:
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze_text(
    text: str,
    job: Optional[JobSpec] = None,
    require: Optional[Rules] = None,
    prefer: Optional[Rules] = None,
) -> Document:
    """:meth:`Analyzer.analyze_text` with the default analyzer (the ``backend`` profile)."""
    return _analyzer().analyze_text(text, job=job, require=require, prefer=prefer)


def analyze_file(
    path: StrPath,
    job: Optional[JobSpec] = None,
    require: Optional[Rules] = None,
    prefer: Optional[Rules] = None,
    isolation: str = "process",
    timeout: float = 10.0,
) -> Document:
    """:meth:`Analyzer.analyze_file` with the default analyzer (the ``backend`` profile)."""
    return _analyzer().analyze_file(
        path, job=job, require=require, prefer=prefer, isolation=isolation, timeout=timeout
    )


def analyze_bytes(
    data: bytes,
    filename: Optional[str] = None,
    job: Optional[JobSpec] = None,
    require: Optional[Rules] = None,
    prefer: Optional[Rules] = None,
    isolation: str = "process",
    timeout: float = 10.0,
) -> Document:
    """:meth:`Analyzer.analyze_bytes` with the default analyzer (the ``backend`` profile)."""
    return _analyzer().analyze_bytes(
        data,
        filename,
        job=job,
        require=require,
        prefer=prefer,
        isolation=isolation,
        timeout=timeout,
    )


def scan(
    paths: Union[StrPath, Iterable[StrPath]],
    jobs: Optional[int] = None,
    isolation: str = "process",
    timeout: float = 10.0,
    job: Optional[JobSpec] = None,
    require: Optional[Rules] = None,
    prefer: Optional[Rules] = None,
    progress: Optional[ProgressCallback] = None,
) -> Scan:
    """:meth:`Analyzer.scan` with the default analyzer (the ``backend`` profile)."""
    return _analyzer().scan(
        paths,
        jobs=jobs,
        isolation=isolation,
        timeout=timeout,
        job=job,
        require=require,
        prefer=prefer,
        progress=progress,
    )


def job_profile(
    posting: JobSpec,
    require: Optional[Rules] = None,
    prefer: Optional[Rules] = None,
) -> Dict[str, Any]:
    """:meth:`Analyzer.job_profile` with the default analyzer (the ``backend`` profile)."""
    return _analyzer().job_profile(posting, require=require, prefer=prefer)
