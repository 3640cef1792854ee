"""A child that misbehaves on purpose, in each way a parser handed a hostile file might: the
tests point `laget.core.tabular.CHILD_MODULE` here. It caps itself exactly as the real child
does (`set_limits`), then does what its first argument says."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from dataclasses import fields

from laget.core.tabular_child import set_limits
from laget.core.tabular_scan import Limits


def _table(headers: list[str], rows: list[list[str]]) -> None:
    body = {"headers": headers, "rows": [[n, row] for n, row in enumerate(rows, start=2)]}
    sys.stdout.write(json.dumps(body))


def main(mode: str, given: str) -> None:
    names = {field.name for field in fields(Limits)}
    limits = Limits(**{k: int(v) for k, v in json.loads(given).items() if k in names})
    set_limits(limits)
    if mode == "abort":
        os.abort()
    elif mode == "spin":
        while True:
            pass
    elif mode == "sleep":
        time.sleep(600)
    elif mode.startswith("linger:"):
        # a grandchild in the same process group: the parent's kill must reach it too
        try:
            pid = os.fork()
        except OSError:
            pid = -1  # RLIMIT_NPROC forbade it (it does for any user but root)
        if pid == 0:
            time.sleep(600)
            os._exit(0)
        with open(mode.partition(":")[2], "w") as record:
            record.write(str(pid))
        time.sleep(600)
    elif mode == "flood":
        while True:
            sys.stdout.buffer.write(b"x" * 65536)
    elif mode == "allocate":
        block = bytearray(2 * limits.child_memory_bytes)
        print(len(block))
    elif mode == "garbage":
        sys.stdout.write("Dette er ikke JSON")
    elif mode == "shape":
        sys.stdout.write(json.dumps({"headers": ["a", "b"], "rows": [[2, ["bare én"]]]}))
    elif mode == "params":
        sys.stdout.write(json.dumps({"refused": "too_many_rows", "params": {"n": [1]}}))
    elif mode == "environment":
        _table(["navn", "verdi"], [[k, v] for k, v in os.environ.items()] or [["", "tomt"]])
    elif mode == "limits":
        _table(
            ["grense", "myk", "hard"],
            [
                [name, str(soft), str(hard)]
                for name in ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_CORE")
                for soft, hard in [resource.getrlimit(getattr(resource, name))]
            ],
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
