"""The uncertain values of a section and their seeded samples (known shares on a toy section)."""

from __future__ import annotations

import numpy as np
import pytest

from sco_games.scenario import load_scenario
from sco_games.uncertainty.sampling import nominal_draws, to_draws, unit_sample
from sco_games.uncertainty.space import uncertainties
from tests.conftest import PARAMS
from tests.uncertainty.toys import toy_params


def test_every_ranged_or_declared_entry_is_one_dimension_per_coordinate():
    u = uncertainties(toy_params())
    assert [(x.label, x.kind) for x in u] == [
        ("a", "uniform"), ("b", "triangular"), ("c", "loguniform"), ("k", "categorical"),
        ("pos (x)", "uniform")]
    k = u[3]
    assert k.choices == ("war", "dispute") and k.weights == (0.25, 0.75)
    assert u[4].coordinate == 0 and (u[4].low, u[4].high) == (-0.5, 0.5)  # y has a zero-width range: fixed


def test_include_and_exclude_by_key_or_pattern():
    p = toy_params()
    assert [x.key for x in uncertainties(p, include=["a", "p*"])] == ["a", "pos"]
    assert [x.key for x in uncertainties(p, exclude=["[abc]"])] == ["k", "pos"]
    with pytest.raises(ValueError, match="'fixed' names no uncertain value.*a, b, c, k, pos"):
        uncertainties(p, include=["fixed"])


def test_a_shipped_scenario_has_its_ranges_and_points():
    s = load_scenario(PARAMS / "founding_2001.yaml")
    labels = [x.label for x in uncertainties(s.enlargement)]
    assert "members.China (x)" in labels and "members.China (y)" in labels
    assert "affinities.Kyrgyzstan->Uzbekistan" in labels and "n_proposals" not in labels
    assert [x.key for x in uncertainties(s.partnership)][:2] == ["border_stability", "security_guarantee"]


@pytest.mark.parametrize("method", ["lhs", "sobol", "random"])
def test_the_design_is_a_pure_function_of_its_seed(method):
    a, b, c = unit_sample(3, 64, 7, method), unit_sample(3, 64, 7, method), unit_sample(3, 64, 8, method)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert a.shape == (64, 3) and a.min() >= 0 and a.max() < 1


def test_bad_design_arguments():
    with pytest.raises(ValueError, match="none of lhs, sobol, random"):
        unit_sample(2, 10, 0, "grid")
    with pytest.raises(ValueError, match="at least one draw"):
        unit_sample(2, 0, 0)


def test_distributions_give_their_known_shares_on_a_latin_hypercube():
    """A Latin hypercube puts exactly n/4 draws in each quarter of [0, 1), so shares at quantiles that are
    multiples of 1/4 (here n = 1000: of 1/1000) are exact, not approximate."""
    u = uncertainties(toy_params())
    d = to_draws(u, unit_sample(len(u), 1000, 3, "lhs"))
    assert np.mean(d["a"] < 0.3) == 0.3
    assert np.mean(d["b"] < 0.2) == pytest.approx(0.2, abs=1e-12)  # triangular, mode 0.2: F(0.2) = 0.2
    assert np.mean(d["c"] < 1.0) == 0.5  # log-uniform on [0.1, 10]: the median is sqrt(0.1 * 10) = 1
    assert np.mean(d["k"] == "war") == 0.25 and set(d["k"]) == {"war", "dispute"}
    assert d["pos"].shape == (1000, 2) and np.all(d["pos"][:, 1] == 0.0)
    assert np.mean(d["pos"][:, 0] < 0) == 0.5
    assert d["b"].min() >= 0 and d["b"].max() <= 1 and d["c"].min() >= 0.1 and d["c"].max() <= 10


def test_the_nominal_draw_is_the_scenario_as_written():
    d = nominal_draws(uncertainties(toy_params()))
    assert d["a"].tolist() == [0.5] and d["k"].tolist() == ["war"] and d["pos"].tolist() == [[0.0, 0.0]]
