"""The layout shows the architecture. The imports between the parts are import-linter's
contracts (`[tool.importlinter]` in pyproject.toml, run by `make lint` and `make test`); this
test keeps only what import-linter cannot say."""

import ast
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "laget"
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
#: the one exception every contract has: tests import across the layers they test
TESTS_ONLY = ["laget.**.tests.** -> **"]


def _layers() -> list[list[str]]:
    (layers,) = [c for c in CONTRACTS["contracts"] if c["id"] == "layers"]
    return [[m.strip() for m in layer.replace("|", ":").split(":")] for layer in layers["layers"]]


def test_each_domain_is_its_own_django_app():
    labels = {config.name for config in apps.get_app_configs() if config.name.startswith("laget.")}
    assert {"laget.organisations", "laget.accounts", "laget.people", "laget.core"} <= labels
    assert "laget.publication" in labels


def test_every_package_of_laget_has_its_place_in_the_layers():
    """A new app cannot escape the contracts by being left out of them."""
    placed = {module for layer in _layers() for module in layer}
    packages = {
        f"laget.{path.parent.name}"
        for path in PACKAGE.glob("*/__init__.py")
        if path.parent.name not in {"settings", "frontend", "templates"}
    }
    assert packages - placed == set()
    assert placed - packages == set()


def test_no_contract_hides_an_import_but_the_tests():
    """No circle is hidden by an exception: what remains is listed in the README instead."""
    for contract in CONTRACTS["contracts"]:
        assert contract.get("ignore_imports", []) == TESTS_ONLY, contract["id"]


def test_the_publication_layer_lies_between_core_and_the_areas():
    layers = _layers()
    position = {module: i for i, layer in enumerate(layers) for module in layer}
    assert position["laget.domain"] > position["laget.core"] > position["laget.publication"]
    for area in ("laget.competence", "laget.workforce", "laget.projection"):
        assert position["laget.publication"] > position[area] > position["laget.reports"]


def test_every_publication_and_filler_is_registered_by_an_installed_app():
    from laget.publication import registry

    assert list(registry.publications()) == ["competence", "flows", "exits"]
    assert set(registry.fillers()) == {"competence", "flows", "exits"}
    assert {family.prefix for family in registry.set_families()} == {"workforce", "projection"}


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
