"""The layout shows the architecture. The imports between the parts are import-linter's
contracts (`[tool.importlinter]` in pyproject.toml, run by `make lint` and `make test`); this
test keeps only what import-linter cannot say."""

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
