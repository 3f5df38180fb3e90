"""Exact bargaining solutions: closed forms on linear frontiers (callable or points) and the first-order
polish on curved ones, against hand-derived values to 1e-12 (Nash 1950; Kalai & Smorodinsky 1975;
Kalai 1977)."""

from __future__ import annotations

import math

import pytest

from sco_games.theory.bargaining import egalitarian, kalai_smorodinsky, nash_solution


def test_linear_callable_frontier_gives_the_closed_form_exactly():
    # u2 = 1 - u1, d = 0, weights (0.31, 0.69): player 1 gets 0.31 of the pie, to the last bit
    r = nash_solution(lambda u: 1 - u, (0.0, 0.0), (0.31, 0.69))
    assert (r.u1, r.u2) == (0.31, 0.69)
    assert r.method.startswith("closed form on a linear frontier")


@pytest.mark.parametrize(("d", "w"), [((0.1, 0.2), (0.25, 0.75)), ((0.0, 0.0), (0.9, 0.1)),
                                      ((-0.5, 0.2), (0.4, 0.6))])
def test_linear_frontier_nash_ks_egalitarian(d, w):
    # u2 = 2 - 2 u1 on [-1, 1]: Nash u1 = d1 + a (e - d1) with e = 1 - d2 / 2 where the line meets d2;
    # KS: ideal (e, f(max(d1, -1))), the ray from d to it; egalitarian: u1 - d1 = 2 - 2 u1 - d2
    f = lambda u: 2 - 2 * u  # noqa: E731
    e = 1 - d[1] / 2
    n = nash_solution(f, d, w, domain=(-1.0, 1.0))
    assert n.u1 == pytest.approx(d[0] + w[0] * (e - d[0]), abs=1e-15)
    assert n.u2 == pytest.approx(2 - 2 * n.u1, abs=1e-15)
    k = kalai_smorodinsky(f, d, domain=(-1.0, 1.0))
    i1, i2 = e, f(max(d[0], -1.0))
    t = (2 - 2 * d[0] - d[1]) / ((i2 - d[1]) + 2 * (i1 - d[0]))
    assert k.ideal == pytest.approx((i1, i2), abs=1e-15)
    assert (k.u1, k.u2) == pytest.approx((d[0] + t * (i1 - d[0]), d[1] + t * (i2 - d[1])), abs=1e-15)
    g = egalitarian(f, d, domain=(-1.0, 1.0))
    gain = (2 - 2 * d[0] - d[1]) / 3
    assert (g.u1, g.u2) == pytest.approx((d[0] + gain, d[1] + gain), abs=1e-15)


@pytest.mark.parametrize("a", [0.5, 0.2, 0.7, 0.9])
def test_nash_on_the_quarter_circle_like_frontier_to_1e_12(a):
    # u2 = 1 - u1^2, d = 0: a / u = (1 - a) 2u / (1 - u^2)  ->  u1 = sqrt(a / (2 - a)); 1/sqrt(3) for a = 1/2
    r = nash_solution(lambda u: 1 - u * u, (0.0, 0.0), (a, 1 - a))
    assert r.u1 == pytest.approx(math.sqrt(a / (2 - a)), abs=1e-12)
    assert r.u2 == pytest.approx(1 - r.u1**2, abs=1e-12)
    assert "first-order condition" in r.method


def test_ks_and_egalitarian_on_a_curved_frontier_to_1e_12():
    # u2 = 1 - u1^2, d = 0: ideal (1, 1), so KS and egalitarian both solve u = 1 - u^2: u = (sqrt 5 - 1) / 2
    k = kalai_smorodinsky(lambda u: 1 - u * u, (0.0, 0.0))
    g = egalitarian(lambda u: 1 - u * u, (0.0, 0.0))
    golden = (math.sqrt(5) - 1) / 2
    assert k.u1 == pytest.approx(golden, abs=1e-12) and k.u2 == pytest.approx(golden, abs=1e-12)
    assert g.u1 == pytest.approx(golden, abs=1e-12) and g.u2 == pytest.approx(golden, abs=1e-12)


def test_a_slightly_curved_frontier_is_not_taken_for_a_line():
    # u2 = 1 - u1 - eps u1^2: symmetric Nash solves 3 eps u^2 + 2u - 1 = 0 (not the line's 1/2), whose
    # positive root (-2 + sqrt(4 + 12 eps)) / (6 eps) is, without cancellation, 2 / (2 + sqrt(4 + 12 eps))
    eps = 1e-6
    r = nash_solution(lambda u: 1 - u - eps * u * u, (0.0, 0.0))
    expected = 2 / (2 + math.sqrt(4 + 12 * eps))
    assert abs(expected - 0.5) > 1e-8
    assert r.u1 == pytest.approx(expected, abs=1e-12)
    assert not r.method.startswith("closed form")


def test_point_frontier_ks_is_exact_on_its_segment():
    # Kalai & Smorodinsky (1975), set T: conv{(0,0), (0,1), (1,0.7), (1,0)}; KS = (1/1.3, 1/1.3)
    k = kalai_smorodinsky([[0, 1], [1, 0.7], [1, 0]], (0, 0))
    assert (k.u1, k.u2) == pytest.approx((1 / 1.3, 1 / 1.3), abs=1e-15)
    assert "exact on the segment" in k.method
