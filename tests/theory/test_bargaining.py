"""Tests for sco_games.theory.bargaining: closed forms, published examples, properties, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sco_games.theory.bargaining import (
    discount_factor,
    egalitarian,
    fearon_range,
    kalai_smorodinsky,
    linear_pie_nash,
    nash_solution,
    pareto_frontier,
    rubinstein,
    rubinstein_continuous,
    rubinstein_limit,
)

# ---------------------------------------------------------------------------- Nash / linear pie


@pytest.mark.parametrize(
    ("d", "w"),
    [((0, 0), (0.5, 0.5)), ((0.1, 0.2), (0.25, 0.75)), ((0.3, 0.0), (0.9, 0.1)), ((-0.5, 0.2), (0.4, 0.6))],
)
def test_nash_on_linear_pie_matches_closed_form(d, w):
    # x1 = d1 + a (1 - d1 - d2) (MODELS.md §2; Binmore, Rubinstein & Wolinsky 1986)
    expected = d[0] + w[0] * (1 - d[0] - d[1])
    closed = linear_pie_nash(d, w)
    assert closed.u1 == pytest.approx(expected, abs=1e-15)
    numeric = nash_solution(lambda u: 1 - u, d, w, domain=(-1.0, 1.0))
    assert numeric.u1 == pytest.approx(expected, abs=1e-7)
    assert numeric.u2 == pytest.approx(1 - expected, abs=1e-7)
    exact = nash_solution([[-1, 2], [1, 0]], d, w)  # same line, as two points
    assert exact.u1 == pytest.approx(expected, abs=1e-12)
    assert exact.method.startswith("exact")


def test_nash_kalai_smorodinsky_egalitarian_differ_on_curved_frontier():
    # u2 = 2 (1 - u1^2) on [0, 1], d = 0; hand-derived:
    #   Nash: max u * 2(1 - u^2) -> 1 - 3u^2 = 0 -> u1 = 1/sqrt(3), u2 = 4/3
    #   KS: ideal (1, 2); u1 = u2 / 2 -> u = 1 - u^2 -> u1 = (sqrt(5) - 1)/2
    #   egalitarian: u = 2 - 2u^2 -> u1 = (sqrt(17) - 1)/4
    f = lambda u: 2 * (1 - u * u)  # noqa: E731
    n = nash_solution(f, (0, 0))
    k = kalai_smorodinsky(f, (0, 0))
    e = egalitarian(f, (0, 0))
    assert n.u1 == pytest.approx(1 / math.sqrt(3), abs=1e-7)
    assert n.u2 == pytest.approx(4 / 3, abs=1e-7)
    assert k.ideal == pytest.approx((1.0, 2.0))
    assert k.u1 == pytest.approx((math.sqrt(5) - 1) / 2, abs=1e-10)
    assert k.u2 == pytest.approx(2 * k.u1, abs=1e-10)
    assert e.u1 == pytest.approx((math.sqrt(17) - 1) / 4, abs=1e-10)
    assert e.u2 == pytest.approx(e.u1, abs=1e-10)
    assert len({round(n.u1, 3), round(k.u1, 3), round(e.u1, 3)}) == 3


def test_nash_with_weights_on_curved_frontier():
    # u2 = 1 - u1^2, weights (a, 1-a): FOC a/u - (1-a) 2u/(1-u^2) = 0 -> u^2 = a / (2 - a)  (hand-derived)
    for a in (0.2, 0.5, 0.8):
        r = nash_solution(lambda u: 1 - u * u, (0, 0), (a, 1 - a))
        assert r.u1 == pytest.approx(math.sqrt(a / (2 - a)), abs=1e-7)


def test_kalai_smorodinsky_1975_monotonicity_example():
    # Kalai & Smorodinsky (1975, Econometrica 43:513-518): S = conv{(0,0),(0,1),(3/4,3/4),(1,0)},
    # T = conv{(0,0),(0,1),(1,0.7),(1,0)} contains S with the same ideal point (1, 1), yet Nash gives
    # player 2 0.75 in S and only 0.7 in T; KS gives (3/4, 3/4) in S and 1/1.3 to both in T.
    S = [[0, 0], [0, 1], [0.75, 0.75], [1, 0]]
    T = [[0, 0], [0, 1], [1, 0.7], [1, 0]]
    nS, nT = nash_solution(S, (0, 0)), nash_solution(T, (0, 0))
    assert (nS.u1, nS.u2) == pytest.approx((0.75, 0.75), abs=1e-12)
    assert (nT.u1, nT.u2) == pytest.approx((1.0, 0.7), abs=1e-12)
    assert nT.u2 < nS.u2  # Nash violates individual monotonicity
    kS, kT = kalai_smorodinsky(S, (0, 0)), kalai_smorodinsky(T, (0, 0))
    assert kS.ideal == kT.ideal == (1.0, 1.0)
    assert (kS.u1, kS.u2) == pytest.approx((0.75, 0.75), abs=1e-12)
    assert (kT.u1, kT.u2) == pytest.approx((1 / 1.3, 1 / 1.3), abs=1e-12)
    assert kT.u2 >= kS.u2


def test_nash_on_points_agrees_with_dense_callable():
    rng = np.random.default_rng(3)
    pts = rng.random((12, 2))
    verts = pareto_frontier(pts)
    f = lambda u: float(np.interp(u, verts[:, 0], verts[:, 1]))  # noqa: E731
    d = (0.05, 0.05)
    for a in (0.3, 0.5, 0.7):
        exact = nash_solution(pts, d, (a, 1 - a))
        numeric = nash_solution(f, d, (a, 1 - a), domain=(verts[0, 0], verts[-1, 0]))
        assert exact.u1 == pytest.approx(numeric.u1, abs=1e-6)
        # no vertex or segment point does better than the exact answer
        grid = np.linspace(verts[0, 0], verts[-1, 0], 20001)
        g1, g2 = grid - d[0], np.interp(grid, verts[:, 0], verts[:, 1]) - d[1]
        ok = (g1 > 0) & (g2 > 0)
        brute = np.max(a * np.log(g1[ok]) + (1 - a) * np.log(g2[ok]))
        got = a * math.log(exact.u1 - d[0]) + (1 - a) * math.log(exact.u2 - d[1])
        assert got >= brute - 1e-12


def test_pareto_frontier_drops_dominated_and_interior_points():
    verts = pareto_frontier([[0, 1], [0.5, 0.5], [1, 0], [0.2, 0.2], [0.5, 0.4], [0.0, 0.9]])
    assert verts.tolist() == [[0.0, 1.0], [1.0, 0.0]]  # (0.5, 0.5) lies on the chord
    single = pareto_frontier([[0.3, 0.3], [0.1, 0.1]])
    assert single.tolist() == [[0.3, 0.3]]
    r = nash_solution([[0.3, 0.3], [0.1, 0.1]], (0, 0))
    assert (r.u1, r.u2) == (0.3, 0.3)


def test_no_agreement_when_disagreement_on_frontier():
    r = nash_solution(lambda u: 1 - u, (0.4, 0.6))
    assert not r.agreement and (r.u1, r.u2) == (0.4, 0.6)
    assert not kalai_smorodinsky([[0, 1], [1, 0]], (1.0, 0.0)).agreement
    assert not egalitarian(lambda u: 1 - u, (0.0, 1.0)).agreement


def test_disagreement_left_of_domain_uses_free_disposal():
    # d1 below the domain: the comprehensive set extends left at height f(lo); KS / egalitarian still defined
    r = kalai_smorodinsky(lambda u: 1 - u, (-1.0, 0.0), domain=(0.0, 1.0))
    # ideal = (1, 1); ray from (-1, 0) to (1, 1): u2 = (u1 + 1)/2 meets u2 = 1 - u1 at u1 = 1/3
    assert (r.u1, r.u2) == pytest.approx((1 / 3, 2 / 3), abs=1e-12)
    e = egalitarian(lambda u: 0.5 - 0.5 * u, (-2.0, 0.0), domain=(0.0, 1.0))
    # equal gains hit the flat part: e = f(0) - 0 = 0.5 -> (-1.5, 0.5)
    assert (e.u1, e.u2) == pytest.approx((-1.5, 0.5))


# ------------------------------------------------------------------------- the assumed domain of a callable

SOLUTIONS = [
    pytest.param(lambda f, d, **kw: nash_solution(f, d, (0.75, 0.25), **kw), id="nash"),
    pytest.param(lambda f, d, **kw: kalai_smorodinsky(f, d, **kw), id="kalai-smorodinsky"),
    pytest.param(lambda f, d, **kw: egalitarian(f, d, **kw), id="egalitarian"),
]


@pytest.mark.parametrize("solve", SOLUTIONS)
def test_a_frontier_cut_by_the_assumed_domain_is_refused_naming_the_domain(solve):
    # u2 = 2 - u1 goes on to u1 = 2: the default (0, 1) would give Nash (1, 1) and KS (2/3, 4/3), both wrong
    with pytest.raises(ValueError, match=r"assumed domain=\(0, 1\) cuts the frontier.*domain=\(0, 2\)"):
        solve(lambda u: 2 - u, (0, 0))


@pytest.mark.parametrize("solve", SOLUTIONS)
def test_a_disagreement_left_of_the_assumed_domain_is_refused(solve):
    # d1 = -1: the frontier u2 = 1 - u1 rises to 2 at u1 = -1, which the default domain would flatten to 1
    with pytest.raises(ValueError, match=r"assumed domain=\(0, 1\).*d1 = -1.*domain=\(-1, 1\)"):
        solve(lambda u: 1 - u, (-1.0, 0.0))


@pytest.mark.parametrize("d2", [-0.2, -1.0])
def test_a_negative_d2_extends_the_frontier_past_the_assumed_domain(d2):
    with pytest.raises(ValueError, match="assumed domain"):
        nash_solution(lambda u: 1 - u, (0.0, d2))


def test_the_right_answers_with_the_domain_given():
    n = nash_solution(lambda u: 2 - u, (0, 0), (0.75, 0.25), domain=(0, 2))
    assert (n.u1, n.u2) == pytest.approx((1.5, 0.5), abs=1e-7)
    k = kalai_smorodinsky(lambda u: 2 - u, (0, 0), domain=(0, 2))
    assert (k.u1, k.u2) == pytest.approx((1.0, 1.0), abs=1e-12) and k.ideal == pytest.approx((2.0, 2.0))
    e = egalitarian(lambda u: 2 - u, (0, 0), domain=(0, 2))
    assert (e.u1, e.u2) == pytest.approx((1.0, 1.0), abs=1e-12)


@pytest.mark.parametrize("f", [
    pytest.param(lambda u: 1 - u, id="ends at d2 inside"),
    pytest.param(lambda u: max(0.0, 1 - u), id="flat at d2 beyond"),
    pytest.param(lambda u: math.sqrt(1 - u), id="undefined beyond (raises)"),
    pytest.param(lambda u: np.sqrt(1 - u) + 0.5, id="undefined beyond (NaN)"),
    pytest.param(lambda u: (1 - u) ** 2, id="rises beyond: not a frontier there"),
    pytest.param(lambda u: (1 - u ** 2) ** 0.5, id="complex beyond"),
])
def test_a_frontier_that_ends_inside_the_assumed_domain_is_accepted(f):
    for solve in (nash_solution, kalai_smorodinsky, egalitarian):
        assert solve(f, (0.0, 0.0)).agreement


def test_an_explicit_domain_is_the_feasible_set_even_where_the_frontier_goes_on():
    # a cap on player 1 (e.g. an outside option of player 2): the solution on the cap is the answer
    r = nash_solution(lambda u: 2 - u, (0, 0), (0.75, 0.25), domain=(0, 1))
    assert (r.u1, r.u2) == pytest.approx((1.0, 1.0), abs=1e-7)


# ------------------------------------------------------------------------------------------------ errors


@pytest.mark.parametrize("w", [(0.0, 1.0), (-0.2, 1.2), (0.6, 0.6), (0.5,), (0.5, math.nan)])
def test_bad_weights(w):
    with pytest.raises(ValueError, match="weights"):
        nash_solution(lambda u: 1 - u, (0, 0), w)


def test_infeasible_disagreement():
    with pytest.raises(ValueError, match="disagreement"):
        nash_solution(lambda u: 1 - u, (0.6, 0.6))
    with pytest.raises(ValueError, match="disagreement"):
        kalai_smorodinsky([[0, 1], [1, 0]], (2.0, -1.0))
    with pytest.raises(ValueError, match="disagreement"):
        linear_pie_nash((0.7, 0.7))


def test_bad_frontiers():
    with pytest.raises(ValueError, match="non-increasing"):
        nash_solution(lambda u: u, (0, 0))
    with pytest.raises(ValueError, match="domain"):
        nash_solution(lambda u: 1 - u, (0, 0), domain=(1.0, 0.0))
    with pytest.raises(ValueError, match="shape"):
        nash_solution(np.zeros((3, 3)), (0, 0))
    with pytest.raises(ValueError, match="finite"):
        nash_solution([[0, math.inf], [1, 0]], (0, 0))


# ------------------------------------------------------------------------------------------------ Rubinstein


def test_rubinstein_closed_forms():
    # Rubinstein (1982); Osborne & Rubinstein (1990, ch. 3): proposer (1 - d2)/(1 - d1 d2)
    r = rubinstein(0.9, 0.8)
    assert r.proposer == pytest.approx(0.2 / 0.28, abs=1e-15)
    assert r.responder == pytest.approx(0.8 * 0.1 / 0.28, abs=1e-15)
    assert r.binding is None and r.agreement
    # common delta: 1/(1 + delta) (Osborne & Rubinstein 1990, ch. 3)
    assert rubinstein(0.95, 0.95).proposer == pytest.approx(1 / 1.95, abs=1e-15)


def test_rubinstein_responder_outside_option_binds_only_above_its_share():
    # Osborne & Rubinstein (1990, ch. 3) with common delta: the option b binds iff b > delta/(1 + delta),
    # the responder's Rubinstein share; then the proposer gets 1 - b.
    delta = 0.9
    threshold = delta / (1 + delta)  # 0.47368...
    below = rubinstein(delta, delta, (0.0, threshold - 0.01))
    assert below.binding is None
    assert below.proposer == pytest.approx(1 / (1 + delta), abs=1e-15)
    above = rubinstein(delta, delta, (0.0, threshold + 0.01))
    assert above.binding == "responder"
    assert above.proposer == pytest.approx(1 - (threshold + 0.01), abs=1e-15)
    # asymmetric deltas: threshold delta2 (1 - delta1)/(1 - delta1 delta2)
    d1, d2 = 0.7, 0.95
    thr = d2 * (1 - d1) / (1 - d1 * d2)
    assert rubinstein(d1, d2, (0, thr * 0.999)).binding is None
    assert rubinstein(d1, d2, (0, thr * 1.001)).proposer == pytest.approx(1 - thr * 1.001, abs=1e-15)


def test_rubinstein_proposer_outside_option():
    # player 1's option w1 binds (when responding to 2's offers) iff w1 > delta1 x1*; then 2 proposes
    # y2 = 1 - w1, so 1 proposes x1 = 1 - delta2 (1 - w1) (Muthoo 1999, ch. 5 case analysis).
    d1, d2 = 0.5, 0.9
    x_star = (1 - d2) / (1 - d1 * d2)
    w1 = d1 * x_star + 0.1
    r = rubinstein(d1, d2, (w1, 0.0))
    assert r.binding == "proposer"
    assert r.proposer == pytest.approx(1 - d2 * (1 - w1), abs=1e-15)
    both = rubinstein(0.5, 0.5, (0.45, 0.45))  # both options bind: x1 = 1 - w2
    assert both.binding == "both" and both.proposer == pytest.approx(0.55)
    none = rubinstein(0.5, 0.5, (0.6, 0.6))
    assert not none.agreement


def finite_horizon_proposer_share(d1, d2, w1, w2, periods):
    """Backward induction in a T-period game (Stahl 1972): in the last period the proposer keeps what the
    responder's outside option leaves; earlier, the responder accepts max(option, its discounted value as
    the next proposer). Independent of the closed form and case analysis in ``rubinstein``."""
    deltas, options = (d1, d2), (w1, w2)
    proposer = 0 if periods % 2 == 1 else 1  # who proposes in the last period when 0 proposes first
    value = 1.0 - options[1 - proposer]  # last proposer's share
    for _ in range(periods - 1):
        responder_next = proposer  # the previous period's responder is this period's proposer
        proposer = 1 - proposer
        value = 1.0 - max(options[1 - proposer], deltas[1 - proposer] * value)
        assert responder_next == 1 - proposer
    assert proposer == 0
    return value


@pytest.mark.parametrize(
    ("d1", "d2", "w1", "w2"),
    [(0.9, 0.8, 0, 0), (0.6, 0.95, 0, 0), (0.9, 0.9, 0, 0.6), (0.5, 0.9, 0.4, 0), (0.5, 0.5, 0.45, 0.45),
     (0.99, 0.97, 0.1, 0.2)],
)
def test_rubinstein_is_the_limit_of_finite_horizon_backward_induction(d1, d2, w1, w2):
    # the unique SPE of the infinite game is the limit of the finite games' SPE (Stahl 1972; Rubinstein 1982)
    limit = finite_horizon_proposer_share(d1, d2, w1, w2, 20001)
    assert rubinstein(d1, d2, (w1, w2)).proposer == pytest.approx(limit, abs=1e-9)


def test_rubinstein_limit_equals_asymmetric_nash():
    # delta_i = exp(-r_i dt), dt -> 0: proposer share -> r2/(r1 + r2) = asymmetric Nash weight
    # (Binmore, Rubinstein & Wolinsky 1986)
    r1, r2 = 0.05, 0.15
    limit = rubinstein_limit(r1, r2)
    assert limit == pytest.approx((0.75, 0.25))
    errors = [abs(rubinstein_continuous(r1, r2, dt).proposer - limit[0]) for dt in (1.0, 0.1, 0.01, 0.001)]
    assert all(b < a for a, b in zip(errors, errors[1:], strict=False))
    assert errors[-1] < 1e-4
    nash = nash_solution(lambda u: 1 - u, (0, 0), limit)
    assert nash.u1 == pytest.approx(rubinstein_continuous(r1, r2, 1e-6).proposer, abs=1e-6)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5, math.nan])
def test_rubinstein_bad_deltas(bad):
    with pytest.raises(ValueError, match="delta1"):
        rubinstein(bad, 0.5)
    with pytest.raises(ValueError, match="delta2"):
        rubinstein(0.5, bad)


def test_rate_errors():
    with pytest.raises(ValueError, match="rate"):
        discount_factor(0.0, 1.0)
    with pytest.raises(ValueError, match="dt"):
        discount_factor(0.1, -1.0)
    with pytest.raises(ValueError, match="r1"):
        rubinstein_limit(-1.0, 1.0)


deltas = st.floats(min_value=0.01, max_value=0.99)
options = st.floats(min_value=0.0, max_value=0.5)


@settings(max_examples=200, deadline=None)
@given(deltas, deltas, options, options)
def test_rubinstein_properties(d1, d2, w1, w2):
    r = rubinstein(d1, d2, (w1, w2))
    assert 0.0 <= r.proposer <= 1.0 and 0.0 <= r.responder <= 1.0
    assert r.proposer + r.responder == pytest.approx(1.0, abs=1e-12)
    # each gets at least its outside option
    assert r.proposer >= w1 - 1e-12 and r.responder >= w2 - 1e-12
    # stationarity: x1 = 1 - max(w2, d2 y2), y2 = 1 - max(w1, d1 x1)
    y2 = 1 - max(w1, d1 * r.proposer)
    assert r.proposer == pytest.approx(1 - max(w2, d2 * y2), abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(deltas, deltas, st.floats(min_value=0.0, max_value=0.009))
def test_rubinstein_monotone_in_own_patience(d1, d2, step):
    base = rubinstein(d1, d2)
    more_patient_1 = rubinstein(min(d1 + step, 0.999), d2)
    more_patient_2 = rubinstein(d1, min(d2 + step, 0.999))
    assert more_patient_1.proposer >= base.proposer - 1e-15
    assert more_patient_2.responder >= base.responder - 1e-15


# ------------------------------------------------------------------------------------------------ Fearon


def test_fearon_range():
    # Fearon (1995): x in (p - c_A, p + c_B)
    r = fearon_range(0.6, 0.1, 0.15)
    assert (r.lower, r.upper) == pytest.approx((0.5, 0.75))
    assert not r.clipped and not r.empty and r.contains(0.6) and not r.contains(0.8)
    c = fearon_range(0.998, 0.01, 0.2)  # a near-certain winner: range clipped at 1
    assert c.clipped and c.upper == 1.0 and c.lower == pytest.approx(0.988)
    assert fearon_range(0.5, -0.2, 0.1).empty  # war gains exceed B's costs
    assert fearon_range(1.0, 0.0, 0.1).empty  # A wins surely at no cost: no share beats war strictly
    assert fearon_range(0.5, 0.0, 0.0).empty


def test_fearon_errors():
    with pytest.raises(ValueError, match="p must"):
        fearon_range(1.2, 0.1, 0.1)
    with pytest.raises(ValueError, match="cost_b"):
        fearon_range(0.5, 0.1, math.inf)


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1), st.just(0.0) | st.floats(1e-9, 2), st.just(0.0) | st.floats(1e-9, 2))
def test_fearon_properties(p, ca, cb):
    r = fearon_range(p, ca, cb)
    assert 0.0 <= r.lower <= r.upper <= 1.0
    if ca + cb > 0 and 0 < p < 1:
        assert not r.empty
    if ca > 0 and cb > 0:
        assert r.contains(p)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(1.2, 4.0),  # curvature k of u2 = c (1 - u1^k): concave for k >= 1
    st.floats(0.5, 3.0),  # scale c
    st.floats(0.05, 0.95),  # weight a
    st.floats(0.0, 0.3),
    st.floats(0.0, 0.3),
)
def test_axiomatic_solutions_properties(k, c, a, d1, d2):
    f = lambda u: c * (1 - u**k)  # noqa: E731
    d = (d1, d2 * c)
    nash = nash_solution(f, d, (a, 1 - a))
    ks = kalai_smorodinsky(f, d)
    assert nash.agreement and ks.agreement
    for r in (nash, ks):
        assert r.u1 > d[0] and r.u2 > d[1]  # individually rational
        assert r.u2 == pytest.approx(f(r.u1), abs=1e-8)  # on the Pareto frontier
    # first-order condition of the asymmetric Nash product: a / (u1 - d1) = (1 - a) |f'(u1)| / (u2 - d2)
    slope = c * k * nash.u1 ** (k - 1)
    assert a / (nash.u1 - d[0]) == pytest.approx((1 - a) * slope / (nash.u2 - d[1]), rel=1e-4)
    # Kalai-Smorodinsky: equal relative gains
    g1 = (ks.u1 - d[0]) / (ks.ideal[0] - d[0])
    g2 = (ks.u2 - d[1]) / (ks.ideal[1] - d[1])
    assert g1 == pytest.approx(g2, abs=1e-10)
    # more bargaining weight never hurts
    more = nash_solution(f, d, (min(a + 0.04, 0.99), 1 - min(a + 0.04, 0.99)))
    assert more.u1 >= nash.u1 - 1e-8
