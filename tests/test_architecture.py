"""The layout shows the architecture: pure domain modules, one Django app per domain."""

import ast
import sys
from pathlib import Path

from django.apps import apps

PACKAGE = Path(__file__).resolve().parent.parent / "laget"


def test_domain_modules_import_nothing_from_django():
    offenders = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(PACKAGE)}: {n}"
                for n in names
                if n.split(".")[0] in {"django", "laget"} and not n.startswith("laget.domain")
            ]
    assert offenders == []


def test_each_domain_is_its_own_django_app():
    labels = {config.name for config in apps.get_app_configs() if config.name.startswith("laget.")}
    assert {"laget.organisations", "laget.accounts", "laget.people", "laget.core"} <= labels


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every import in a file; name is "" for `import module`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
    return found


def _application_modules():
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


#: files Laget ships itself, read with the csv module (never an upload)
SHIPPED_CSV_READERS = {"organisations/services.py", "core/validators.py"}
CHILD = "core/tabular_child.py"


def test_only_the_child_process_parses_an_imported_table():
    """Every import reads its file with `laget.core.tabular.read_table`, which parses it in a
    child process: nothing else may import a spreadsheet reader, or read CSV, or the next
    import added could parse an upload inside the web process."""
    offenders = []
    for path in _application_modules():
        name = str(path.relative_to(PACKAGE))
        for module, imported in _imports(path):
            reader = (
                module.split(".")[0] == "python_calamine"
                or (module.split(".")[0] == "openpyxl" and imported == "load_workbook")
                or module.startswith("openpyxl.reader")
            )
            if reader and name != CHILD:
                offenders.append(f"{name}: {module} {imported}".strip())
        source = path.read_text(encoding="utf-8")
        for call in ("csv.reader", "csv.DictReader", "load_workbook("):
            if call in source and name not in SHIPPED_CSV_READERS | {CHILD}:
                offenders.append(f"{name}: {call}")
    assert offenders == []


def test_the_child_and_the_scan_need_nothing_but_the_standard_library_and_calamine():
    """The child starts without Django (a tenth of a second), and the scan it shares with the
    web process could run anywhere."""
    allowed = set(sys.stdlib_module_names) | {"__future__", "python_calamine"}
    for name in (CHILD, "core/tabular_scan.py"):
        modules = {module for module, _name in _imports(PACKAGE / name)}
        outside = {m for m in modules if m.split(".")[0] not in allowed}
        assert outside <= {"laget.core.tabular_scan"}, (name, outside)
