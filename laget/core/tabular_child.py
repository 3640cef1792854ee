"""The process that parses an imported file: `python -I -m laget.core.tabular_child KIND LIMITS`.

A file's bytes come on stdin; a table (JSON: headers and numbered rows) or one refusal
(`{"refused": code, "params": {…}}`) goes to stdout. Before it reads a byte the process caps
its own memory, processor time, output and file handles, and forbids itself new processes, so
that whatever a file makes calamine or the csv module do, only this process dies. The web or
command process that started it (`laget.core.tabular.read_table`) turns its death into one
message. No Django here: the child starts in a tenth of a second.
"""

from __future__ import annotations

import csv
import io
import json
import resource
import sys
from dataclasses import fields
from datetime import date, datetime

from laget.core.tabular_scan import Limits, Refused, csv_delimiter, decode_csv


def set_limits(limits: Limits) -> None:
    """Caps this process: address space, processor seconds, bytes written, no core file and
    no child processes."""
    cpu = limits.child_cpu_seconds
    for name, wanted_soft, wanted_hard in (
        ("RLIMIT_AS", limits.child_memory_bytes, limits.child_memory_bytes),
        ("RLIMIT_CPU", cpu, cpu + 1),  # SIGXCPU at the soft limit, SIGKILL a second later
        ("RLIMIT_FSIZE", limits.max_output_bytes, limits.max_output_bytes),
        ("RLIMIT_CORE", 0, 0),
        ("RLIMIT_NPROC", 0, 0),
        ("RLIMIT_NOFILE", 16, 16),
    ):
        which = getattr(resource, name)
        _soft, ceiling = resource.getrlimit(which)
        if ceiling != resource.RLIM_INFINITY:  # a limit may be lowered, never raised
            wanted_soft, wanted_hard = min(wanted_soft, ceiling), min(wanted_hard, ceiling)
        resource.setrlimit(which, (wanted_soft, wanted_hard))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


class _Rows:
    """Rows as they are read, each cell's length and the file's characters checked at once,
    not after the table is built."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.chars = 0
        self.count = 0  # rows with anything in them, the header included
        self.rows: list[tuple[int, list[str]]] = []

    def add(self, number: int, cells: list[str]) -> None:
        for index, cell in enumerate(cells):
            if len(cell) > self.limits.max_cell_chars:
                raise Refused("cell_too_long", row=number, column=index + 1, n=len(cell))
            self.chars += len(cell)
        if self.chars > self.limits.max_total_chars:
            raise Refused("too_many_chars")
        if any(cells):
            self.count += 1
            if self.count <= self.limits.max_rows + 1:  # beyond, only counted for the message
                self.rows.append((number, cells))

    def table(self) -> dict:
        if not self.rows:
            raise Refused("empty")
        (_header_row, headers), data = self.rows[0], self.rows[1:]
        headers = [h.strip() for h in headers]
        while headers and not headers[-1]:
            headers.pop()
        if not data:
            raise Refused("no_data")
        if self.count - 1 > self.limits.max_rows:
            raise Refused("too_many_rows", n=self.count - 1)
        width = len(headers)
        return {"headers": headers, "rows": [[n, (c + [""] * width)[:width]] for n, c in data]}


def read_xlsx(content: bytes, limits: Limits) -> dict:
    """The first sheet, read with calamine (Rust; about ten times faster than openpyxl)."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        values = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except MemoryError:
        raise
    except Exception as error:  # calamine raises its own error types for a broken file
        raise Refused("xlsx_error", error=type(error).__name__) from None
    rows = _Rows(limits)
    for number, row in enumerate(values, start=1):
        rows.add(number, [_cell(v) for v in row])
    return rows.table()


def read_csv(content: bytes, limits: Limits) -> dict:
    text = decode_csv(content)
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=csv_delimiter(text))
    rows = _Rows(limits)
    try:
        for number, cells in enumerate(reader, start=1):
            rows.add(number, [c.strip() for c in cells])
    except csv.Error as error:
        raise Refused("csv_error", error=str(error)[:200]) from None
    return rows.table()


def main(argv: list[str]) -> int:
    kind, given = argv
    names = {field.name for field in fields(Limits)}
    limits = Limits(**{k: int(v) for k, v in json.loads(given).items() if k in names})
    set_limits(limits)
    content = sys.stdin.buffer.read(limits.max_bytes + 1)
    try:
        if len(content) > limits.max_bytes:
            raise Refused("too_large")
        result = (read_xlsx if kind == "xlsx" else read_csv)(content, limits)
    except Refused as refusal:
        result = {"refused": refusal.code, "params": refusal.params}
    except MemoryError:
        result = {"refused": "memory", "params": {}}
    answer = json.dumps(result, ensure_ascii=False).encode()
    if len(answer) > limits.max_output_bytes:
        answer = json.dumps({"refused": "output", "params": {}}).encode()
    sys.stdout.buffer.write(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
