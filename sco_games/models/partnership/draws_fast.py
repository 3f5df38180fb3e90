"""The vectorized path of :func:`sco_games.models.partnership.draws.evaluate_draws` (issue 12).

For ``n`` draws it builds every stage game a verdict needs -- the scenario with its events, the five pillar
counterfactuals of P2, the founding values and the founding values with the post-9/11 events (P4), and the
four games just beyond each US-price candidate -- as one stack and solves them together with
:func:`sco_games.theory.solve_batch` (verified equilibria, the same list :func:`~sco_games.theory.solve`
gives each game). From the stacked payoffs:

* grim trigger (:func:`sco_games.theory.repeated.critical_discount_factor`, Nash reversion) in closed form:
  ``R_i``, the best one-shot deviation ``T_i``, the deviator's worst pure stage equilibrium ``P_i``, and
  ``delta* = max_i (T_i - R_i) / (T_i - P_i)`` with the same case rules (module ``theory.repeated``);
  the pure equilibria by the same test as ``theory.nplayer.pure_equilibria`` (tolerance relative to each
  player's payoff range). The report reverts only to pure equilibria in undominated strategies
  (``sustainability``); a pure equilibrium in a weakly dominated strategy needs a best-reply tie, and every
  draw with a tie goes to the reference loop (below), so on the draws computed here every pure equilibrium
  is strict and the two reversions agree. A draw whose stage game has no pure equilibrium (then the report
  punishes with the minmax LP) is computed by the reference loop instead;
* strict dominance of Partner (P1) by the test of ``theory.dominance.dominance``;
* the US price from the best-reply thresholds (``us_stake_thresholds``), each candidate confirmed by the
  solved label just beyond it, as :func:`~sco_games.models.partnership.events.us_price` does;
* the verdicts by the claim module's own rules (``verdict_p1`` .. ``verdict_p5``) on those inputs.

Validity of the draws: each drawn key's smallest and largest value are validated as sections (every rule of
:class:`~sco_games.models.partnership.params.PartnershipParams` bounds one key by an interval, its events
included), and the relations' "not exactly 0" rule on every draw.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import numpy as np

from sco_games.models.common import DrawOutputs, draw_count, draw_sections, splice_reference
from sco_games.models.partnership.claims import (
    _BARRIERS,
    _NONE,
    _SINGLE,
    PILLAR_COUNTERFACTUALS,
    PP,
    SEPT_11,
    _has,
    p3_verdict,
    verdict_p1,
    verdict_p2,
    verdict_p4,
    verdict_p5,
)
from sco_games.models.partnership.draws import CLAIM_IDS, NUMBERS, evaluate_loop
from sco_games.models.partnership.game import payoff_matrices
from sco_games.models.partnership.params import (
    PAYOFF_KEYS,
    PLAYERS,
    RELATION_KEYS,
    PartnershipParams,
)
from sco_games.models.partnership.regions import batch_labels
from sco_games.theory.games import solve_batch

__all__ = ["evaluate_vectorized", "grim_trigger_batch"]

_TOL = 1e-9  # theory.nplayer / theory.dominance default


def _check(params: PartnershipParams, draws: Mapping[str, Any], n: int) -> dict[str, np.ndarray]:
    """The drawn arrays, validated (see the module docstring)."""
    arrays = {}
    for k, a in draws.items():
        arr = np.asarray(a)
        if arr.dtype == object or arr.ndim != 1:
            arr = np.asarray(a, dtype=float)
        arrays[k] = arr.astype(float)
    if n:
        ends = {k: np.array([np.nanmin(a), np.nanmax(a)]) for k, a in arrays.items()}
        draw_sections(params, ends, "partnership.evaluate_draws")  # names a bad key
        for k, a in arrays.items():
            if not np.all(np.isfinite(a)):
                raise ValueError(f"partnership.evaluate_draws: draws[{k!r}] must be finite numbers")
            if k in RELATION_KEYS and np.any(a == 0):
                i = int(np.flatnonzero(a == 0)[0])
                raise ValueError(f"partnership.evaluate_draws: draw {i} sets {k} to 0; a relation must be "
                                 "non-zero (+ friend, - foe), in [-1, 1]")
    return arrays


def _pure_ne(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``(..., 3, 3)`` bool: which profiles are pure equilibria (``theory.nplayer.pure_equilibria``)."""
    def scale(M):
        r = M.max(axis=(-2, -1)) - M.min(axis=(-2, -1))
        return np.where(r > 0, r, 1.0)[..., None, None]
    ok_a = A >= A.max(axis=-2, keepdims=True) - _TOL * scale(A)
    ok_b = B >= B.max(axis=-1, keepdims=True) - _TOL * scale(B)
    return ok_a & ok_b


def _interval(T: np.ndarray, R: np.ndarray, P: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``theory.repeated.sustaining_interval`` elementwise: ``(ok, lo, hi)``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        lo_gt = np.maximum(0.0, (T - R) / (T - P))
        hi_lt = np.minimum(1.0, (R - T) / (P - T))
    gt, eq = T > P, T == P
    ok = np.where(gt, lo_gt < 1.0, np.where(eq, R >= T, R > T))
    lo = np.where(gt, lo_gt, 0.0)
    hi = np.where(gt | eq, 1.0, hi_lt)
    return ok, lo, hi


def grim_trigger_batch(A: np.ndarray, B: np.ndarray, profile: tuple[int, int]
                       ) -> tuple[np.ndarray, np.ndarray]:
    """``(delta_star, has_pure)`` of grim trigger with Nash reversion for ``profile`` in each game of the
    stack (``delta_star`` NaN = not sustainable; meaningless where ``has_pure`` is False: no pure stage
    equilibrium, where ``critical_discount_factor(..., punishment="nash")`` raises)."""
    i, j = profile
    R0, R1 = A[..., i, j], B[..., i, j]
    T0 = np.max(np.delete(A[..., :, j], i, axis=-1), axis=-1)
    T1 = np.max(np.delete(B[..., i, :], j, axis=-1), axis=-1)
    ne = _pure_ne(A, B)
    has = ne.any(axis=(-2, -1))
    P0 = np.where(ne, A, np.inf).min(axis=(-2, -1))
    P1 = np.where(ne, B, np.inf).min(axis=(-2, -1))
    stage_ne = ~(T0 > R0) & ~(T1 > R1)
    ok0, lo0, hi0 = _interval(T0, R0, P0)
    ok1, lo1, hi1 = _interval(T1, R1, P1)
    lo, hi = np.maximum(lo0, lo1), np.minimum(hi0, hi1)
    fine = ok0 & ok1 & ~((lo > hi) | ((lo == 1.0) & (hi == 1.0)))
    out = np.where(stage_ne, 0.0, np.where(fine, lo, np.nan))
    return out, has | stage_ne


def _best_reply_ties(A: np.ndarray, B: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """``(n,)``: whether, in a game of the stack, some player has two best replies to some pure strategy of
    the other (within ``tol``): the games where :func:`~sco_games.models.partnership.ties.stage_ties` may
    find a tie (a superset: a draw flagged here is only sent to the reference loop)."""
    def tie(M: np.ndarray) -> np.ndarray:  # M[..., own, other]: the mover's payoffs by its own strategy
        best = M.max(axis=-2, keepdims=True)
        return ((M >= best - tol).sum(axis=-2) >= 2).any(axis=-1)
    return tie(A) | tie(np.swapaxes(B, -1, -2))


def _values(params: PartnershipParams, arrays: dict[str, np.ndarray], n: int,
            events: list) -> dict[str, np.ndarray]:
    """Founding values with the drawn keys, plus the effects of ``events``, as ``(n,)`` arrays."""
    v = {k: np.full(n, float(getattr(params, k).value)) for k in PAYOFF_KEYS}
    for k, a in arrays.items():
        if k in v:
            v[k] = a.copy()
    for ev in events:
        for k, d in ev.effects.items():
            v[k] = v[k] + d
    return v


def evaluate_vectorized(params: PartnershipParams, draws: Mapping[str, Any], date: _dt.date | None = None
                        ) -> DrawOutputs:
    """See the module docstring; the outputs of the reference loop, for every draw."""
    n = draw_count(draws, "partnership.evaluate_draws")
    if n == 0:
        return DrawOutputs(0, {c: np.empty(0, dtype=object) for c in CLAIM_IDS},
                           {k: np.empty(0) for k in NUMBERS}, dict(NUMBERS), "vectorized (no draws)")
    arrays = _check(params, draws, n)
    post = [ev for ev in params.events if ev.date >= SEPT_11 and "iraq" not in ev.name.lower()]
    iraq = [ev for ev in params.events if "iraq" in ev.name.lower()]
    flat = _values(params, arrays, n, params.events)
    base = _values(params, arrays, n, [])
    after = _values(params, arrays, n, post)
    games: list[dict[str, np.ndarray]] = [flat]
    for _, change in PILLAR_COUNTERFACTUALS:
        games.append({**flat, **{k: np.full(n, x) for k, x in change.items()}})
    games += [base, after]
    th = flat["partnership_depth"]
    prices: list[tuple[str, np.ndarray, np.ndarray]] = []  # side, candidate (x - u), why order key
    for side in PLAYERS:
        s = side.lower()
        u = flat[f"us_stake_{s}"]
        rival = (flat[f"rivalry_cost_{s}"] - flat[f"exposure_cost_{s}"]) / th
        partner = (flat[f"counterweight_{s}"] + (flat["border_stability"] + flat["security_guarantee"]
                                                   + flat[f"rivalry_cost_{s}"]) / th)
        for x in (partner, rival):  # "Partner stops ..." sorts before "Rival starts ..." on ties
            gap = x - u
            eps = 1e-6 * np.maximum(1.0, gap)
            games.append({**flat, f"us_stake_{s}": u + np.where(gap >= 0, gap, 0.0) + eps})
            prices.append((side, gap, x))
    stack = {k: np.concatenate([g[k] for g in games]) for k in PAYOFF_KEYS}
    A, B = payoff_matrices(stack)
    labels = batch_labels(solve_batch(A, B)).reshape(len(games), n)
    A, B = A.reshape(len(games), n, 3, 3), B.reshape(len(games), n, 3, 3)
    g_flat, g_base, g_after = 0, 1 + len(PILLAR_COUNTERFACTUALS), 2 + len(PILLAR_COUNTERFACTUALS)
    d_part, ok_part = grim_trigger_batch(A[g_flat], B[g_flat], (1, 1))
    d_joint, ok_joint = grim_trigger_batch(A[g_flat], B[g_flat], (0, 0))
    d_jb, ok_jb = grim_trigger_batch(A[g_base], B[g_base], (0, 0))
    d_ja, ok_ja = grim_trigger_batch(A[g_after], B[g_after], (0, 0))
    fallback = ~(ok_part & ok_joint) | (~(ok_jb & ok_ja) if post else False)
    # A best-reply tie in the game as given (e.g. theta U + V = C exactly) makes P1 the verdict of draws of
    # the tied values (claims.verdict_p1_ties): such draws (measure zero unless a tied value is not drawn)
    # go to the reference loop.
    tied = _best_reply_ties(A[g_flat], B[g_flat])
    fallback = fallback | tied
    # strict dominance of Partner for both (theory.dominance.dominance)
    Af, Bf = A[g_flat], B[g_flat]
    sa = np.maximum(Af.max(axis=(-2, -1)) - Af.min(axis=(-2, -1)), 0)
    sb = np.maximum(Bf.max(axis=(-2, -1)) - Bf.min(axis=(-2, -1)), 0)
    sa, sb = np.where(sa > 0, sa, 1.0), np.where(sb > 0, sb, 1.0)
    dom_r = np.all([(Af[:, 1, :] - Af[:, k, :] > _TOL * sa[:, None]).all(axis=-1) for k in (0, 2)], axis=0)
    dom_c = np.all([(Bf[:, :, 1] - Bf[:, :, k] > _TOL * sb[:, None]).all(axis=-1) for k in (0, 2)], axis=0)
    partner_dominant = dom_r & dom_c
    price = {side: np.full(n, np.nan) for side in PLAYERS}
    cands = {side: [(k, gap) for k, (s2, gap, _) in enumerate(prices) if s2 == side] for side in PLAYERS}
    p3 = p3_verdict(date)
    verdicts = {c: np.empty(n, dtype=object) for c in CLAIM_IDS}
    numbers = {k: np.full(n, np.nan) for k in NUMBERS}
    pp_base = (A[g_base][:, 1, 1], B[g_base][:, 1, 1])
    pp_after = (A[g_after][:, 1, 1], B[g_after][:, 1, 1])
    first_cand = g_after + 1
    for i in range(n):
        lab = labels[g_flat, i]
        row = {name: labels[1 + k, i] for k, (name, _) in enumerate(PILLAR_COUNTERFACTUALS)}
        dj = None if np.isnan(d_joint[i]) else float(d_joint[i])
        verdicts["P1"][i] = verdict_p1(lab, bool(partner_dominant[i])).verdict
        verdicts["P2"][i] = verdict_p2(lab, {k: row[k] for k in _SINGLE}, row[_NONE], row[_BARRIERS]).verdict
        verdicts["P3"][i] = p3.verdict
        verdicts["P4"][i] = verdict_p4(
            bool(post), (labels[g_base, i], labels[g_after, i]),
            (None if np.isnan(d_jb[i]) else float(d_jb[i]), None if np.isnan(d_ja[i]) else float(d_ja[i])),
            ((float(pp_base[0][i]), float(pp_base[1][i])), (float(pp_after[0][i]), float(pp_after[1][i])))
        ).verdict
        verdicts["P5"][i] = verdict_p5(bool(iraq), lab, dj).verdict
        for side in PLAYERS:
            order = sorted(((float(gap[i]), k) for k, gap in cands[side] if gap[i] >= 0))
            for gap_i, k in order:  # the smallest candidate that changes the label, as us_price
                if labels[first_cand + k, i] != lab:
                    price[side][i] = gap_i
                    break
        numbers["partner_partner_unique"][i] = float(lab == PP)
        numbers["partner_partner_equilibrium"][i] = float(_has(lab, PP))
    numbers["delta_star_partnership"] = d_part
    numbers["delta_star_joint_front"] = d_joint
    for side in PLAYERS:
        numbers[f"us_price_{side.lower()}"] = price[side]
    method = ("vectorized: solve_batch on every draw's stage games (as given, P2's counterfactuals, P4's "
              "before/after, the US-price checks), grim trigger and dominance in closed form, verdict_p1.."
              "verdict_p5 per draw")
    if fallback.any():
        idx = np.flatnonzero(fallback)
        sub = {k: np.asarray(a)[idx] for k, a in draws.items()}
        splice_reference(verdicts, numbers, idx,
                         evaluate_loop(draw_sections(params, sub, "partnership.evaluate_draws"), date))
        method += (f"; {idx.size} draw(s) without a pure stage equilibrium (minmax punishment) or with a "
                   "best-reply tie by the reference loop")
    return DrawOutputs(n, verdicts, numbers, dict(NUMBERS), method)
