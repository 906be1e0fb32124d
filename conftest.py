"""pytest anywhere in this repository: a notebook's nbval cells stay together, in order, on one pytest-xdist
worker (they share the notebook's kernel), also when a notebook is tested alone (`pytest notebooks/03_x.ipynb`),
which loads no tests/conftest.py. The suite's fixtures, builds and tiers are in tests/conftest.py."""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(item.path.name))
