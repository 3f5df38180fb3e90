"""The public API (ARCHITECTURE.md): sco_games.theory (+ the aliases sco_games.games and sco_games.repeated),
sco_games.scenario, sco_games.models.<model>, sco_games.figures."""

from __future__ import annotations

import importlib

import pytest

import sco_games.theory as theory


@pytest.mark.parametrize("alias", ["games", "repeated"])
def test_aliases_are_the_theory_modules_objects(alias):
    public = importlib.import_module(f"sco_games.{alias}")
    real = importlib.import_module(f"sco_games.theory.{alias}")
    assert public.__all__ == real.__all__
    for name in real.__all__:
        assert getattr(public, name) is getattr(real, name), name


def test_theory_reexports_its_modules_public_names():
    assert len(theory.__all__) == len(set(theory.__all__))
    for mod in ("games", "repeated", "bargaining", "coalitions", "triangle"):
        real = importlib.import_module(f"sco_games.theory.{mod}")
        for name in real.__all__:
            assert getattr(theory, name) is getattr(real, name), (mod, name)


@pytest.mark.parametrize("model", ["partnership", "border", "enlargement"])
def test_each_model_package_reexports_its_public_names(model):
    pkg = importlib.import_module(f"sco_games.models.{model}")
    assert len(pkg.__all__) == len(set(pkg.__all__))
    for name in pkg.__all__:
        assert hasattr(pkg, name), name


def test_every_model_with_a_notebook_has_a_report_function():
    from sco_games.models import border, enlargement, partnership

    assert callable(partnership.report) and partnership.PartnershipReport

    assert border.report is border.border_report and callable(border.report)
    assert enlargement.report is enlargement.enlargement_report and callable(enlargement.report)
