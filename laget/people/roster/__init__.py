"""Roster import and export: HR files in, the register out, with the same columns both ways.

- `columns`: the documented template (column keys, Norwegian headers, allowed values).
- files are read by the shared, bounded reader `laget.core.tabular`.
- `mapping`: matching a file's headers to the template's columns.
- `validation`: every row checked, every error reported at once.
- `importing`: the all-or-nothing, idempotent import (one service call).
- `exporting`: the register and the empty template as .xlsx.
"""
