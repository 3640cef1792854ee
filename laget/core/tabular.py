"""The one reader for every file Laget imports (roster, sick leave, and any import added later).

A file is hostile until proven otherwise. `read_table` is the only way to read one:

1. its size is checked before it is read (`read_upload`, `read_path`);
2. a bounded scan (`laget.core.tabular_scan`), here in the web or command process, refuses at
   once what breaks a limit: rows, columns, cells, characters, parts, unpacked size;
3. a file the scan lets through is parsed by calamine or the csv module in a child process
   (`laget.core.tabular_child`): a fresh interpreter with a clean environment that caps its own
   memory, processor time and output. This process waits with a timeout, kills the child's
   process group if it must, and reads back at most a bounded number of bytes. Whatever a file
   does, only the child dies, and the user reads «Filen kunne ikke leses» and the limit.

The limits are settings, in the spirit of Django's `DATA_UPLOAD_MAX_MEMORY_SIZE`:
`LAGET_IMPORT_MAX_BYTES`, `…_MAX_ROWS`, `…_MAX_COLUMNS`, `…_MAX_CELL_CHARS`,
`…_MAX_TOTAL_CHARS`, `…_MAX_UNPACKED_BYTES`, and the child's `…_CHILD_MEMORY_BYTES`,
`…_CHILD_CPU_SECONDS`, `…_CHILD_SECONDS`.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from laget.core.tabular_scan import Limits, Refused, scan_csv, scan_xlsx

__all__ = ["Limits", "Table", "TabularFileError", "read_path", "read_table", "read_upload"]

logger = logging.getLogger(__name__)

#: what the child runs as; tests point it at a child that misbehaves on purpose
CHILD_MODULE = "laget.core.tabular_child"


class TabularFileError(ValueError):
    """The file as a whole cannot be read; nothing has been imported."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)

    def to_json(self) -> dict:
        return {"headers": self.headers, "rows": [[n, cells] for n, cells in self.rows]}

    @classmethod
    def from_json(cls, data: dict) -> Table:
        return cls(list(data["headers"]), [(int(n), list(cells)) for n, cells in data["rows"]])


def limits_from_settings() -> Limits:
    defaults = Limits()
    return Limits(
        **{
            name: getattr(settings, f"LAGET_IMPORT_{name.upper()}", default)
            for name, default in asdict(defaults).items()
        }
    )


# The words for each refusal ------------------------------------------------------------


def _n(n) -> str:
    return number_format(n, force_grouping=True)


def _megabytes(n: int) -> str:
    return number_format(n / (1024 * 1024), decimal_pos=0)


def _message(refusal: Refused, limits: Limits) -> str:
    try:
        return _words(refusal, limits)
    except (KeyError, TypeError, ValueError):  # numbers missing or odd: a child gone wrong
        return _words(Refused("crashed"), limits)


def _words(refusal: Refused, limits: Limits) -> str:
    p = refusal.params
    code = refusal.code
    seconds = int(p.get("seconds", limits.child_cpu_seconds))
    if code == "too_large":
        return _("Filen er større enn %(mb)s MB og blir ikke lest.") % {
            "mb": _megabytes(limits.max_bytes)
        }
    if code == "too_many_rows":
        return _("Filen har %(n)s rader; høyst %(max)s kan importeres om gangen.") % {
            "n": _n(p["n"]),
            "max": _n(limits.max_rows),
        }
    if code == "too_many_columns":
        return _("Filen har celler i kolonne %(n)s; høyst %(max)s kolonner kan leses.") % {
            "n": _n(p["n"]),
            "max": limits.max_columns,
        }
    if code == "cell_too_long":
        return _(
            "Rad %(row)d, kolonne %(column)d har %(n)s tegn; høyst %(max)s tegn i en celle "
            "kan leses."
        ) % {
            "row": p["row"],
            "column": p["column"],
            "n": _n(p["n"]),
            "max": _n(limits.max_cell_chars),
        }
    simple = {
        "too_many_chars": _("Filen har mer enn %(max)s tegn til sammen og blir ikke lest.")
        % {"max": _n(limits.max_total_chars)},
        "too_many_cells": _("Filen har mer enn %(max)s celler og blir ikke lest.")
        % {"max": _n(limits.max_cells)},
        "too_many_parts": _("Excel-filen har for mange deler til å bli lest."),
        "unpacks_too_large": _("Excel-filen pakkes ut til mer enn %(mb)s MB og blir ikke lest.")
        % {"mb": _megabytes(limits.max_unpacked_bytes)},
        "doctype": _("Excel-filen inneholder en dokumenttypedefinisjon og leses ikke."),
        "broken_xlsx": _("Excel-filen kunne ikke leses (filen er skadet)."),
        "bad_reference": _("Excel-filen har en cellereferanse som ikke kan leses («%(ref)s»).")
        % {"ref": p.get("reference", "")},
        "xlsx_error": _("Excel-filen kunne ikke leses (%(error)s).") % {"error": p.get("error")},
        "unknown_encoding": _("Tegnsettet i CSV-filen er ukjent; lagre den som UTF-8."),
        "not_csv": _("Filen ser ikke ut til å være en CSV-fil."),
        "csv_error": _("CSV-filen kunne ikke leses: %(error)s") % {"error": p.get("error")},
        "empty": _("Filen er tom."),
        "no_data": _("Filen har overskrifter, men ingen rader med data."),
        # the child died or was stopped: the limit it broke
        "memory": _("Filen kunne ikke leses: den krevde mer enn %(mb)s MB minne.")
        % {"mb": _megabytes(limits.child_memory_bytes)},
        "time": ngettext(
            "Filen kunne ikke leses: den tok mer enn %(s)s sekund å lese.",
            "Filen kunne ikke leses: den tok mer enn %(s)s sekunder å lese.",
            seconds,
        )
        % {"s": seconds},
        "output": _("Filen kunne ikke leses: den gir mer enn %(mb)s MB tekst.")
        % {"mb": _megabytes(limits.max_output_bytes)},
        "crashed": _("Filen kunne ikke leses: leseren stoppet uventet."),
    }
    return simple.get(code, simple["crashed"])


# Reading the bytes ----------------------------------------------------------------------


def read_upload(uploaded, limits: Limits | None = None) -> bytes:
    """The bytes of an uploaded file, refused by its size before any is read."""
    limits = limits or limits_from_settings()
    if uploaded.size is None or uploaded.size > limits.max_bytes:
        raise TabularFileError(_message(Refused("too_large"), limits))
    content = uploaded.read(limits.max_bytes + 1)
    if len(content) > limits.max_bytes:
        raise TabularFileError(_message(Refused("too_large"), limits))
    return content


def read_path(path: Path, limits: Limits | None = None) -> bytes:
    """The bytes of a file on disk (the command line), refused by its size first."""
    limits = limits or limits_from_settings()
    try:
        if path.stat().st_size > limits.max_bytes:
            raise TabularFileError(_message(Refused("too_large"), limits))
        with path.open("rb") as file:
            content = file.read(limits.max_bytes + 1)
    except OSError as error:
        raise TabularFileError(
            _("Filen kunne ikke åpnes: %(error)s") % {"error": error.strerror or error}
        ) from None
    if len(content) > limits.max_bytes:
        raise TabularFileError(_message(Refused("too_large"), limits))
    return content


# The child -----------------------------------------------------------------------------


def _child_environment() -> dict[str, str]:
    """Nothing of this process's environment (no secrets, no settings): a locale, no more."""
    return {"LC_ALL": "C.UTF-8"}


def _wait(process: subprocess.Popen, seconds: float) -> int | None:
    """The child's exit status, or None if it runs past `seconds`. A pidfd wakes this process
    the moment the child ends (Popen.wait polls, adding up to 50 ms)."""
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):
        try:
            return process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None
    try:
        ready, _w, _x = select.select([pidfd], [], [], seconds)
    finally:
        os.close(pidfd)
    return process.wait() if ready else None


def _classify(status: int, stderr: bytes) -> Refused:
    """Why a child ended without a table: the limit it broke, as far as its end tells."""
    if b"MemoryError" in stderr or b"memory allocation of" in stderr:
        return Refused("memory")  # Python's MemoryError, or Rust's abort on a failed allocation
    if status in (-signal.SIGXCPU, -signal.SIGKILL):
        return Refused("time")  # RLIMIT_CPU: SIGXCPU, then SIGKILL
    if status == -signal.SIGXFSZ or b"[Errno 27]" in stderr:
        return Refused("output")  # RLIMIT_FSIZE: SIGXFSZ, which Python ignores for EFBIG
    return Refused("crashed")


def _in_child(kind: str, content: bytes, limits: Limits) -> dict:
    """The table the child parses from `content`, or the refusal it or its end gives."""
    command = [sys.executable, "-I", "-m", CHILD_MODULE, kind, json.dumps(asdict(limits))]
    with (
        tempfile.TemporaryFile() as stdin,
        tempfile.TemporaryFile() as stdout,
        tempfile.TemporaryFile() as stderr,
    ):
        stdin.write(content)
        stdin.seek(0)
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
            command,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            env=_child_environment(),
            cwd="/",
            close_fds=True,
            start_new_session=True,  # its own process group, killed whole on a timeout
        )
        status = _wait(process, limits.child_seconds)
        if status is None:
            os.killpg(process.pid, signal.SIGKILL)  # not reaped yet: the group is still its own
            process.wait()
            logger.warning("import child stopped after %s s", limits.child_seconds)
            raise Refused("time", seconds=limits.child_seconds)
        stderr.seek(max(0, os.fstat(stderr.fileno()).st_size - 64 * 1024))
        errors = stderr.read(64 * 1024)  # the end, where an exception or abort is named
        if status != 0:
            # its last words (Rust's «memory allocation of … failed», Python's exception),
            # without the traceback or backtrace before them
            lines = errors.decode(errors="replace").strip().splitlines()
            last = next((line for line in reversed(lines) if not line.startswith("note:")), "")
            logger.warning("import child ended with status %s: %s", status, last[:300])
            raise _classify(status, errors)
        if os.fstat(stdout.fileno()).st_size > limits.max_output_bytes:
            raise Refused("output")
        stdout.seek(0)
        try:
            result = json.loads(stdout.read(limits.max_output_bytes + 1))
        except ValueError:
            raise Refused("crashed") from None
    if not isinstance(result, dict):
        raise Refused("crashed")
    if "refused" in result:
        params = result.get("params")
        if not isinstance(params, dict) or not all(
            isinstance(v, int | str) for v in params.values()
        ):
            raise Refused("crashed")
        raise Refused(str(result["refused"]), **{str(k): v for k, v in params.items()})
    return result


def _checked(result: dict, limits: Limits) -> Table:
    """The child's answer taken as data from a process that read a hostile file: its shape and
    bounds checked again before anything here uses it."""
    headers, rows = result.get("headers"), result.get("rows")
    if (
        not isinstance(headers, list)
        or not isinstance(rows, list)
        or len(headers) > limits.max_columns
        or len(rows) > limits.max_rows
        or not all(isinstance(h, str) and len(h) <= limits.max_cell_chars for h in headers)
    ):
        raise Refused("crashed")
    for row in rows:
        if not (
            isinstance(row, list)
            and len(row) == 2
            and isinstance(row[0], int)
            and isinstance(row[1], list)
            and len(row[1]) == len(headers)
            and all(isinstance(c, str) and len(c) <= limits.max_cell_chars for c in row[1])
        ):
            raise Refused("crashed")
    return Table(headers, [(n, cells) for n, cells in rows])


def _read_in_child(kind: str, content: bytes, limits: Limits) -> Table:
    return _checked(_in_child(kind, content, limits), limits)


def read_table(name: str, content: bytes, limits: Limits | None = None) -> Table:
    """A table from an .xlsx or .csv file; TabularFileError explains what is wrong."""
    limits = limits or limits_from_settings()
    lower = name.lower()
    try:
        if len(content) > limits.max_bytes:
            raise Refused("too_large")
        if lower.endswith(".xlsx"):
            if not content.startswith(b"PK"):
                raise TabularFileError(_("Filen heter .xlsx, men er ikke en Excel-fil."))
            scan_xlsx(content, limits)
            return _read_in_child("xlsx", content, limits)
        if lower.endswith((".csv", ".txt")):
            scan_csv(content, limits)
            return _read_in_child("csv", content, limits)
    except Refused as refusal:
        raise TabularFileError(_message(refusal, limits)) from None
    raise TabularFileError(
        _("Bare .xlsx- og .csv-filer kan importeres (fikk «%(name)s»).") % {"name": name}
    )
