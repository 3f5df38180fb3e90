"""Shared fixtures: the project's paths, scenario files in a temporary folder, the tiny notebooks; and the
Hypothesis profiles.

Property tests are deterministic by default (profile ``ci``: the examples derive from each test's code, no
example database, no wall-clock deadline or health check), so ``make test`` passes or fails the same way
on every run. Random exploration is a separate, explicit run: ``make test-explore`` (``pytest -m
hypothesis --hypothesis-profile=explore``) draws fresh random examples, ``EXPLORE_FACTOR`` (default 10)
times as many as each test's own ``max_examples``, keeps failures in ``.hypothesis/`` to replay them first
next time, and prints how to reproduce one (``@reproduce_failure``). A counterexample it finds becomes an
``@example``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],  # timing-based: on a loaded machine it would flake
)
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
# Loaded here, before any test module is imported: each test's ``@settings(max_examples=...)`` inherits the
# rest from the profile. ``--hypothesis-profile=NAME`` (loaded by Hypothesis's plugin) overrides it.
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
#: Test inputs: tiny notebooks (tiny_*.ipynb) and game cases (games/*.yaml).
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PARAMS = ROOT / "params"
NOTEBOOKS = ROOT / "notebooks"
#: The small scenario the notebook and runner tests use.
SMALL_SCENARIO = PARAMS / "founding_2001.yaml"


def pytest_sessionfinish(session, exitstatus):
    """Collecting no test at all is a failure (never pytest's exit 5)."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def base_data() -> dict:
    """The small scenario's YAML as a plain dict (a fresh copy to mutate)."""
    return yaml.safe_load(SMALL_SCENARIO.read_text(encoding="utf-8"))


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """``write_scenario(data_or_text, name=...)`` writes ``<tmp>/params/<name>.yaml``; with a dict,
    ``meta.name`` is set to ``name`` unless ``keep_name=True``."""

    def _write(content: dict | str, name: str = "case", keep_name: bool = False) -> Path:
        folder = tmp_path / "params"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.yaml"
        if isinstance(content, dict):
            if not keep_name and isinstance(content.get("meta"), dict):
                content["meta"]["name"] = name
            content = yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
        path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def tiny_notebook(tmp_path: Path) -> Callable[[str, str | None], Path]:
    """``tiny_notebook("tiny_ok", "tiny")`` copies a fixture notebook into ``<tmp>/nb/<name>.ipynb``."""

    def _copy(fixture: str, name: str | None = None) -> Path:
        folder = tmp_path / "nb"
        folder.mkdir(exist_ok=True)
        dst = folder / f"{name or fixture}.ipynb"
        shutil.copyfile(FIXTURES / f"{fixture}.ipynb", dst)
        return dst

    return _copy


@pytest.fixture
def small_scenario(write_scenario, base_data) -> Path:
    """A valid copy of the small scenario, in a temporary params folder."""
    return write_scenario(base_data, "small")


@pytest.fixture
def cli() -> list[str]:
    """The command line prefix that runs the CLI with this interpreter."""
    return [sys.executable, "-m", "sco_games"]


def pytest_collection_modifyitems(config, items):
    """Under the ``explore`` profile, each property test draws ``EXPLORE_FACTOR`` times its own
    ``max_examples`` (explicit per-test counts would otherwise cap the profile's)."""
    if settings.get_current_profile_name() != "explore":
        return
    factor = int(os.environ.get("EXPLORE_FACTOR", "10"))
    done = set()
    for item in items:
        test = getattr(item, "obj", None)
        # Hypothesis reads a test's settings from this attribute when the test runs
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if current is None or id(test) in done:
            continue
        done.add(id(test))
        test._hypothesis_internal_use_settings = settings(current, max_examples=current.max_examples * factor)
