"""Roster import and export: HR files in, the register out, with the same columns both ways.

- `columns`: the documented template (column keys, Norwegian headers, allowed values).
- `reading`: .xlsx (openpyxl) and .csv (the standard csv module) into a plain table.
- `mapping`: matching a file's headers to the template's columns.
- `validation`: every row checked, every error reported at once.
- `importing`: the all-or-nothing, idempotent import (one service call).
- `exporting`: the register and the empty template as .xlsx.
"""
