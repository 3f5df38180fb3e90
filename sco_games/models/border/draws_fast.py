"""The vectorized path of :func:`sco_games.models.border.draws.evaluate_draws` (issue 12): the Tajik dyad's
bargaining solutions and linkage calibrations for all draws at once, as arrays.

Everything is computed in China's share ``x`` of the disputed area, with China's utility ``x^a_C + L`` and the
neighbour's ``(1 - x)^a_N`` (module ``border.solutions``), ``x`` in ``[0, x_max]`` (the neighbour's outside
option), the disagreement point of ``border.game.DyadGame`` and the same case rules as the scalar code:

* **asymmetric Nash** (:func:`sco_games.theory.bargaining.nash_solution`): the log Nash product
  ``w log(x^a_C + L - d_C) + (1 - w) log((1 - x)^a_N - d_N)`` is concave in ``x`` (``a_C, a_N <= 1``), so its
  maximiser on the individually rational interval is the root of its derivative, found by bisection to
  machine precision (the scalar code: a 2049-point grid + bounded Brent, ~1e-8 on a curved frontier; exact on
  the linear one);
* **Kalai-Smorodinsky**: the root of the equal-relative-gain condition (increasing in ``u_1``), by bisection;
* **Rubinstein** with outside options: the closed-form cases of :func:`sco_games.theory.bargaining.rubinstein`
  on the linear pie, and on a curved frontier the fixed point of the stationary offer map by bisection on
  ``x - step(x)`` (the scalar code: Brent);
* **Fearon**: closed form;
* **calibrated linkage** (:func:`~sco_games.models.border.calibration.calibrate_linkage`): the same bracket
  checks at ``L = 0`` and ``L = 10^4``, then bisection on ``L`` (the share falls with ``L``; the scalar code:
  Brent), and :func:`~sco_games.models.border.calibration.linkage_need`'s categories for B4.

Tolerances: shares and ``L`` agree with the scalar code to ~1e-12 on the linear frontier and to ~1e-7 on a
curved one (the scalar Nash is a grid + Brent search, accurate to ~1e-8 in utility). For B4 the category
"needed" is read from the bracket checks (the scalar code also asks that the root exceed 1e-9, which needs a
share within 1e-9 of the observed one at ``L = 0``: not distinguished here). Draws in which the scalar code
would raise (a disagreement point outside the feasible set) are handed to the reference loop, which raises.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import numpy as np

from sco_games.data.capabilities import win_probability
from sco_games.models.border.claims import b1_claim, b2_claim, b3_claim, b4_claim
from sco_games.models.border.draws import CLAIM_IDS, NUMBERS, evaluate_loop
from sco_games.models.border.dyads import DISAGREEMENTS
from sco_games.models.border.params import BorderParams
from sco_games.models.border.settlements import settlements
from sco_games.models.border.solutions import SOLUTIONS
from sco_games.models.common import DrawOutputs, draw_count, draw_sections, splice_reference

__all__ = ["Dyad", "evaluate_vectorized", "shares", "linkage"]

_L_MAX = 1e4  # calibration._L_MAX
_BISECT = 64  # bisection steps on [0, 1]: 2^-64 < 1e-19
_FIELDS = {
    "valuation_curvature_china": "aC", "valuation_curvature_neighbour": "aN",
    "war_cost_china": "cwC", "war_cost_neighbour": "cwN", "dispute_cost_china": "cdC",
    "dispute_cost_neighbour": "cdN", "nash_weight_china": "w", "discount_rate_china": "rC",
    "discount_rate_neighbour": "rN", "offer_interval_years": "dt", "neighbour_outside_option": "oN",
}


#: numeric keys no output here reads (the prior L enters only the report's predictions at the prior);
#: validated all the same
_UNREAD = ("linkage_prior",)


class Dyad:
    """The Tajik dyad's numbers over ``n`` draws (each an ``(n,)`` array), one disagreement point."""

    def __init__(self, values: Mapping[str, np.ndarray], p: float, held: float, disagreement: str):
        for key, name in _FIELDS.items():
            setattr(self, name, np.asarray(values[key], dtype=float))
        self.n = self.aC.shape[0]
        self.p, self.h, self.dis = float(p), float(held), disagreement
        self.linear = (self.aC == 1.0) & (self.aN == 1.0)
        if disagreement == "war":
            self.dC, self.dN = p - self.cwC, 1.0 - p - self.cwN
        else:
            self.dC = max(held, 0.0) ** self.aC - self.cdC
            self.dN = max(1.0 - held, 0.0) ** self.aN - self.cdN
        self.x_max = 1.0 - np.clip(self.oN, 0.0, 1.0) ** (1.0 / self.aN)
        self.deltas = (np.exp(-self.rC * self.dt), np.exp(-self.rN * self.dt))

    # the frontier in utilities (border.solutions._frontier), on arrays
    def x_of_u1(self, u: np.ndarray, L: np.ndarray) -> np.ndarray:
        return np.clip(u - L, 0.0, 1.0) ** (1.0 / self.aC)

    def f(self, u: np.ndarray, L: np.ndarray) -> np.ndarray:
        return np.maximum(1.0 - self.x_of_u1(u, L), 0.0) ** self.aN


def _bisect(g, lo: np.ndarray, hi: np.ndarray, steps: int = _BISECT) -> np.ndarray:
    """The root of the increasing ``g`` on ``[lo, hi]`` elementwise (``g(lo) < 0 < g(hi)`` assumed)."""
    lo, hi = lo.copy(), hi.copy()
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        pos = g(mid) > 0
        hi = np.where(pos, mid, hi)
        lo = np.where(pos, lo, mid)
    return 0.5 * (lo + hi)


def _problem(g: Dyad, L: np.ndarray):
    """``theory.bargaining._problem`` on arrays: ``(start, end, agreement, infeasible)`` in ``u_1``."""
    lo, hi = L, L + g.x_max ** g.aC
    start = np.minimum(np.maximum(g.dC, lo), hi)
    f_start = g.f(start, L)
    infeasible = (g.dC > hi + 1e-12) | (g.dN > f_start + 1e-12 * np.maximum(1.0, np.abs(g.dN)))
    f_hi = g.f(hi, L)
    with np.errstate(invalid="ignore"):
        x_end = 1.0 - np.clip(g.dN, 0.0, 1.0) ** (1.0 / g.aN)  # (1 - x)^a_N = d_N
    end = np.where(f_hi >= g.dN, hi, L + np.clip(x_end, 0.0, 1.0) ** g.aC)
    agreement = (f_start > g.dN) & (end > g.dC)
    return start, end, agreement, infeasible


def _axiomatic(g: Dyad, L: np.ndarray, solution: str) -> tuple[np.ndarray, np.ndarray]:
    """China's share under Nash or Kalai-Smorodinsky (NaN: no agreement), and the draws the scalar code
    would refuse (infeasible disagreement point)."""
    none = (g.dC >= L + g.x_max ** g.aC - 1e-15) | ((g.x_max <= 0.0) & (g.dC >= L))
    zero = ~none & (g.x_max <= 0.0)
    start, end, agree, infeasible = _problem(g, L)
    infeasible = infeasible & ~none & ~zero
    x_lo, x_hi = g.x_of_u1(start, L), g.x_of_u1(end, L)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if solution == "nash":
            w, aC, aN = g.w, g.aC, g.aN

            def slope(x: np.ndarray) -> np.ndarray:  # d/dx of the log Nash product
                a = w * aC * x ** (aC - 1.0) / (x ** aC + L - g.dC)
                b = (1.0 - w) * aN * (1.0 - x) ** (aN - 1.0) / ((1.0 - x) ** aN - g.dN)
                a = np.where(x ** aC + L - g.dC <= 0, np.inf, a)
                b = np.where((1.0 - x) ** aN - g.dN <= 0, np.inf, b)
                return b - a  # increasing in x (the product is concave)

            s_lo, s_hi = slope(x_lo), slope(x_hi)
            x = _bisect(slope, x_lo, x_hi)
            x = np.where(s_lo >= 0, x_lo, np.where(s_hi <= 0, x_hi, x))
        else:
            i1, i2 = end, g.f(start, L)

            def gap(u: np.ndarray) -> np.ndarray:
                return (u - g.dC) / (i1 - g.dC) - (g.f(u, L) - g.dN) / (i2 - g.dN)

            u1 = _bisect(gap, start, end)
            u1 = np.where(gap(start) >= 0, start, np.where(gap(end) <= 0, end, u1))
            x = g.x_of_u1(u1, L)
    out = np.where(none | ~agree, np.nan, x)
    return np.where(zero, 0.0, out), infeasible


def _rubinstein_linear(d1: np.ndarray, d2: np.ndarray, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    """The proposer's share of :func:`sco_games.theory.bargaining.rubinstein` on arrays (NaN: no agreement):
    the same four cases in the same order, the first fixed point whose binding options match its case."""
    def F(x1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        y2 = 1 - np.maximum(w1, d1 * x1)
        return 1 - np.maximum(w2, d2 * y2), y2

    cases = [(1 - d2) / (1 - d1 * d2), 1 - w2, 1 - d2 * (1 - w1), 1 - w2]
    labels = [(False, False), (False, True), (True, False), (True, True)]  # (proposer binds, responder)
    chosen = np.full(d1.shape, np.nan)
    done = np.zeros(d1.shape, dtype=bool)
    for x1, (lp, lr) in zip(cases, labels, strict=True):
        fx, y2 = F(x1)
        fixed = np.abs(fx - x1) <= 1e-12
        match = ((w1 > d1 * x1) == lp) & ((w2 > d2 * y2) == lr)
        chosen = np.where(~done & fixed, x1, chosen)
        done |= fixed & match
    return np.where(w1 + w2 > 1.0, np.nan, chosen)


def _rubinstein(g: Dyad, L: np.ndarray) -> np.ndarray:
    """``border.solutions._rubinstein_split`` on arrays (NaN: no agreement)."""
    opt_c = np.maximum(g.dC, L)
    opt_n = np.maximum(np.maximum(g.dN, g.oN), 0.0)
    dc, dn = g.deltas
    size = 1.0 + L
    x_lin = np.clip(_rubinstein_linear(dc, dn, opt_c / size, opt_n / size) * size - L, 0.0, 1.0)

    def uc(x):
        return np.maximum(x, 0.0) ** g.aC

    def xn(v):  # x_from_neighbour_utility
        return 1.0 - np.clip(v, 0.0, 1.0) ** (1.0 / g.aN)

    def step(x: np.ndarray) -> np.ndarray:
        y = g.x_of_u1(np.maximum(opt_c, dc * (uc(x) + L)), L)
        return xn(np.maximum(opt_n, dn * np.maximum(1.0 - y, 0.0) ** g.aN))

    none = opt_c > L + uc(xn(opt_n)) + 1e-15
    lo_gap, hi_gap = -step(np.zeros(g.n)), 1.0 - step(np.ones(g.n))
    x = _bisect(lambda v: v - step(v), np.zeros(g.n), np.ones(g.n))
    x_cur = np.where(lo_gap >= 0, 0.0, np.where(hi_gap <= 0, 1.0, x))
    x_cur = np.where(none, np.nan, x_cur)
    return np.where(g.linear, x_lin, x_cur)


def shares(g: Dyad, L: np.ndarray | float, solution: str) -> tuple[np.ndarray, np.ndarray]:
    """China's share under ``solution`` at linkage ``L`` for every draw (NaN: no agreement), and the draws the
    scalar code refuses; ``"fearon"`` gives the range's lower end, as ``predicted_share``."""
    L = np.broadcast_to(np.asarray(L, dtype=float), (g.n,))
    bad = np.zeros(g.n, dtype=bool)
    if solution in ("nash", "kalai-smorodinsky"):
        return _axiomatic(g, L, solution)
    if solution == "rubinstein":
        return _rubinstein(g, L), bad
    raise ValueError(f"solution={solution!r}: must be nash, kalai-smorodinsky or rubinstein")


def _fearon_need(g: Dyad, x_obs: float) -> tuple[np.ndarray, np.ndarray]:
    """``linkage_need(..., "fearon")`` for war: ``(needed, value)`` (not needed where ``value <= 1e-9``)."""
    raw_lo, raw_hi = g.p - g.cwC, g.p + g.cwN
    empty = ~((raw_lo < raw_hi) & (raw_lo < 1.0) & (raw_hi > 0.0))
    high = 1.0 - np.clip(1.0 - raw_hi, 0.0, 1.0) ** (1.0 / g.aN)
    found = ~empty & ~(x_obs > high + 1e-12)
    value = np.maximum(g.p - g.cwC - x_obs ** g.aC, 0.0)
    return found, np.where(found, value, np.nan)


def linkage(g: Dyad, x_obs: float, solution: str, root: bool = True
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``calibrate_linkage`` + ``linkage_need`` on arrays: ``(need code, L, share at L = 0, refused)`` with
    need codes 0 "needed", 1 "not needed", 2 "unreachable", 3 "not applicable"; ``L`` NaN where no value
    is found (computed only if ``root``)."""
    if solution == "fearon":
        if g.dis != "war":
            nan = np.full(g.n, np.nan)
            return np.full(g.n, 3), nan, nan, np.zeros(g.n, dtype=bool)
        found, value = _fearon_need(g, x_obs)
        code = np.where(found, np.where(value > 1e-9, 0, 1), 2)
        return code, value, np.full(g.n, np.nan), np.zeros(g.n, dtype=bool)
    at0, bad0 = shares(g, 0.0, solution)
    atmax, badm = shares(g, _L_MAX, solution)
    s0 = np.where(np.isnan(at0), 2.0, at0)
    f0 = s0 - x_obs
    tol0 = np.where(g.linear, 1e-12, 1e-7)
    no_deal = np.isnan(atmax)
    zero = ~no_deal & (np.abs(f0) <= tol0)
    below = ~no_deal & ~zero & (f0 < 0)
    floor = ~no_deal & ~zero & ~below & (atmax - x_obs > 0)
    rooted = ~no_deal & ~zero & ~below & ~floor
    value = np.where(zero, 0.0, np.nan)
    if root and rooted.any():
        def gap(Lv: np.ndarray) -> np.ndarray:  # increasing in L: observed minus predicted
            s, _ = shares(g, Lv, solution)
            return x_obs - np.where(np.isnan(s), 2.0, s)
        hi = np.ones(g.n)
        for _ in range(16):  # the scalar code's bracket: double hi until the share is at most observed
            grow = (gap(hi) < 0) & (hi < _L_MAX)
            if not grow.any():
                break
            hi = np.where(grow, np.minimum(2 * hi, _L_MAX), hi)
        lo = np.where(hi <= 1.0, 0.0, hi / 2)
        value = np.where(rooted, _bisect(gap, lo, hi, 80), value)
    found = zero | rooted
    code = np.where(found, np.where(zero, 1, 0), np.where(~np.isnan(at0) & (at0 <= x_obs), 1, 2))
    if root:
        code = np.where(found & ~zero, np.where(value > 1e-9, 0, 1), code)
    return code, value, at0, bad0 | badm


_NEED_NAMES = ("needed", "not needed", "unreachable", "not applicable")


def _arrays(params: BorderParams, draws: Mapping[str, Any], n: int
            ) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Every numeric value as an ``(n,)`` array, and each draw's disagreement point; validated as in the
    partnership (each key's extreme values as sections; the disagreement point's every value)."""
    values = {k: np.full(n, float(getattr(params, k).value)) for k in _FIELDS}
    numeric = {}
    for k, a in draws.items():
        if k in _FIELDS or k in _UNREAD:
            numeric[k] = np.asarray(a, dtype=float)
            values[k] = numeric[k]
    if n and numeric:
        for k, a in numeric.items():
            if not np.all(np.isfinite(a)):
                raise ValueError(f"border.evaluate_draws: draws[{k!r}] must be finite numbers")
        draw_sections(params, {k: np.array([a.min(), a.max()]) for k, a in numeric.items()},
                      "border.evaluate_draws")
    dis = np.full(n, str(params.disagreement.value), dtype=object)
    if "disagreement" in draws:
        dis = np.asarray(draws["disagreement"], dtype=object)
        kinds = sorted(set(dis.tolist()), key=str)
        draw_sections(params, {"disagreement": np.array(kinds, dtype=object)}, "border.evaluate_draws")
    return values, dis


def evaluate_vectorized(params: BorderParams, draws: Mapping[str, Any], date: _dt.date) -> DrawOutputs:
    """See the module docstring; the outputs of the reference loop, for every draw."""
    n = draw_count(draws, "border.evaluate_draws")
    other = [k for k in draws if k not in _FIELDS and k not in ("disagreement", *_UNREAD)]
    if other:  # keys no Tajik claim reads numerically (dyads, focus_dyad, linkage_prior): the loop
        out = evaluate_loop(draw_sections(params, draws, "border.evaluate_draws"), date)
        return DrawOutputs(n, out.verdicts, out.numbers, out.descriptions,
                           out.method + f" (vectorized path not written for {other})")
    values, dis = _arrays(params, draws, n)
    facts = settlements()
    tj = facts["Tajikistan"]
    main = tj.reading()
    x_obs = main.observed_share
    p, held = win_probability("China", "Tajikistan"), tj.china_held_share
    numbers = {k: np.full(n, np.nan) for k in NUMBERS}
    codes: dict[tuple[str, str], np.ndarray] = {}
    refused = np.zeros(n, dtype=bool)
    for d in DISAGREEMENTS:
        g = Dyad(values, p, held, d)
        for s in SOLUTIONS:
            code, value, at0, bad = linkage(g, x_obs, s, root=(s == "nash"))
            codes[(d, s)] = code
            refused |= bad
            if s == "nash":
                numbers[f"linkage_nash_{d}"] = value
                numbers[f"nash_share_{d}"] = at0
        numbers[f"rubinstein_share_{d}"], _ = shares(g, 0.0, "rubinstein")
    verdicts = {c: np.empty(n, dtype=object) for c in CLAIM_IDS}
    rs = tj.readings
    b2 = b2_claim([(r.ceded_km2, r.observed_share, r.reported <= date) for r in rs], tj.settled).verdict
    b3 = b3_claim({k: f.settled for k, f in facts.items()}, models_joint_table=False).verdict
    b1 = {d: b1_claim(main.disputed_km2, [r.disputed_km2 for r in rs], d).verdict for d in DISAGREEMENTS}
    memo: dict[tuple, str] = {}
    code_stack = np.stack([codes[(d, s)] for d in DISAGREEMENTS for s in SOLUTIONS], axis=1)
    for i in range(n):
        default = str(dis[i])
        key = (default, tuple(code_stack[i].tolist()))
        if key not in memo:
            order = sorted(DISAGREEMENTS, key=lambda d: d != default)
            flat = {(d, s): code_stack[i][DISAGREEMENTS.index(d) * len(SOLUTIONS) + k]
                    for d in DISAGREEMENTS for k, s in enumerate(SOLUTIONS)}
            needs = {(d, s): (_NEED_NAMES[flat[(d, s)]], None) for d in order for s in SOLUTIONS}
            memo[key] = b4_claim(needs, default).verdict
        verdicts["B1"][i], verdicts["B2"][i], verdicts["B3"][i] = b1[default], b2, b3
        verdicts["B4"][i] = memo[key]
    method = ("vectorized: Nash, Kalai-Smorodinsky and Rubinstein by bisection on arrays, Fearon in closed "
              "form, the linkage calibration's bracket checks and root (bisection) for every draw; B1-B3 "
              "from the data and the disagreement point, B4 by b4_claim on the need categories")
    if refused.any():
        idx = np.flatnonzero(refused)
        sub = {k: np.asarray(a)[idx] for k, a in draws.items()}
        splice_reference(verdicts, numbers, idx,
                         evaluate_loop(draw_sections(params, sub, "border.evaluate_draws"), date))
        method += f"; {idx.size} draw(s) by the reference loop"
    return DrawOutputs(n, verdicts, numbers, dict(NUMBERS), method)
