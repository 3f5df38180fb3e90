"""The documentation's pages are doctests (``--doctest-glob=*.md``, pyproject.toml), as nashpy's are.

Each page runs in a fresh copy of the project folder (``params/`` and ``notebooks/`` in a temporary folder, the
current folder while it runs), so a page may write a scenario file or a report without touching the checkout,
and what it shows is what a reader sees in their own project folder. The pages that run notebooks through
papermill (:data:`SLOW_PAGES`) are in the slow tier (``make test-slow``, in CI); the site's build is
``make docs``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

ROOT = Path(__file__).resolve().parent.parent

#: not doctest files: the Sphinx configuration and extension, the build, the offline check (tests/test_docs.py)
collect_ignore = ["conf.py", "_ext", "_build", "_check_offline.py"]

#: pages that run a notebook through papermill (a Jupyter kernel each): the slow tier
SLOW_PAGES = {"first-report.md", "overrides.md"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if isinstance(item, DoctestItem) and item.path.name in SLOW_PAGES and ROOT / "docs" in item.path.parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _in_a_project_copy(request, tmp_path, monkeypatch):
    """A doctest page runs in its own copy of the project folder (the current folder while it runs)."""
    if not isinstance(request.node, DoctestItem):
        yield
        return
    for folder in ("params", "notebooks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.delenv("SCO_GAMES_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    yield
