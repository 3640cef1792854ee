"""The layout shows the architecture: pure domain modules, one Django app per domain."""

import ast
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
