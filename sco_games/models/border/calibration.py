"""Calibration: the value of a parameter (China's linkage value ``L``, or its Nash weight) under which a
solution concept predicts the share China actually obtained.

>>> from sco_games.models.border import BorderParams, dyad_game
>>> g = dyad_game(BorderParams.example(), "Tajikistan")
>>> cal = calibrate_linkage(g, observed_share=0.035, solution="nash")
>>> cal.found, round(cal.value, 3)           # L = 2 (p - x_obs) + (c_N - c_C) for linear Nash, w = 1/2
(True, 1.926)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sco_games.models.border.game import DyadGame, check_game, dyad_game
from sco_games.models.border.params import BorderParams
from sco_games.models.border.settlements import DyadFacts, Reading, _load_settlements
from sco_games.models.border.solutions import SOLUTIONS, _fearon_split, _root, predicted_share
from sco_games.sourced import check_section

__all__ = [
    "Calibration",
    "calibrate_linkage",
    "calibrate_nash_weight",
    "calibrate_all",
    "NEEDS",
    "linkage_need",
]


@dataclass(frozen=True)
class Calibration:
    """The value of ``parameter`` (``"linkage"`` or ``"nash_weight_china"``) under which ``solution`` predicts
    China's share ``observed_share``; ``found=False`` with the reason when no allowed value does."""

    parameter: str
    solution: str
    neighbour: str
    observed_share: float
    value: float | None
    found: bool
    reason: str
    bracket: tuple[float, float]
    residual: float | None
    method: str


_L_MAX = 1e4


def calibrate_linkage(
    game: DyadGame, observed_share: float, solution: str = "nash", l_max: float = _L_MAX
) -> Calibration:
    """The linkage value ``L >= 0`` at which ``solution`` predicts China's share ``observed_share``.

    China's predicted share falls as ``L`` rises (a deal is worth more to China, so it concedes more), so the
    root is unique where it exists; found by Brent's method after a bracket check on ``[0, l_max]``.
    For ``"fearon"`` it is the least ``L`` that puts the observed share inside the range (every larger ``L``
    does too). "No value does" when even ``L = 0`` gives China less than observed, or when the observed share
    is outside what any ``L`` can give (e.g. beyond the neighbour's outside option or above ``p + c_N``).

    >>> g = DyadGame("Tajikistan", win_probability=0.9978)
    >>> c = calibrate_linkage(g, 0.035, "fearon")
    >>> c.found, round(c.value, 4)        # p - c_C - x_obs
    (True, 0.7128)
    """
    check_game(game, "calibrate_linkage")
    x_obs = _check_share(observed_share)
    if solution not in SOLUTIONS:
        raise ValueError(f"solution={solution!r}: must be one of {', '.join(SOLUTIONS)}")
    if not (math.isfinite(l_max) and l_max > 0):
        raise ValueError(f"l_max must be a positive number, got {l_max!r}")
    br = (0.0, float(l_max))

    def make(value: float | None, found: bool, reason: str, residual: float | None,
             method: str) -> Calibration:
        return Calibration("linkage", solution, game.neighbour, x_obs, value, found, reason, br, residual,
                           method)

    if solution == "fearon":
        return _fearon_linkage(game, x_obs, make)

    def share(L: float) -> float:
        s = predicted_share(game.replace(linkage=L), solution)
        # no agreement: China's disagreement payoff beats every deal the neighbour accepts, i.e. China
        # "asks for more than the whole feasible set" -- above any observed share; a larger L lowers it
        return 2.0 if s is None else s

    if predicted_share(game.replace(linkage=l_max), solution) is None:
        return make(None, False, f"no linkage value in [0, {l_max:g}] reproduces the observed share: "
                    "no agreement at any of them (the "
                    "neighbour's disagreement payoff or outside option exceeds every deal China can offer)",
                    None, "bracket check")
    f0 = share(0.0) - x_obs
    # on a curved frontier the solutions are numeric, accurate to ~1e-8 (theory.bargaining): a shortfall
    # within that noise says L = 0, not "only a negative L would fit"
    tol0 = 1e-12 if game.curvature_china == game.curvature_neighbour == 1.0 else 1e-7
    if abs(f0) <= tol0:
        return make(0.0, True, "L = 0 already reproduces the observed share", f0, "bracket end")
    if f0 < 0:
        return make(None, False, f"no linkage value in [0, {l_max:g}] reproduces the observed share: "
                    f"even with L = 0 the {solution} split gives China "
                    f"{share(0.0):.4f} < {x_obs:.4f}; only a negative L (China averse to any deal) would fit",
                    None, "bracket check")
    floor = share(l_max)
    if floor - x_obs > 0:
        why = (
            "in Rubinstein's game China, proposing first, keeps 1 - max(delta_N, o_N): the neighbour's "
            "best alternative is to wait one round or walk away"
            if solution == "rubinstein"
            else "the share levels off as L grows"
        )
        return make(None, False, f"no linkage value in [0, {l_max:g}] reproduces the observed share: China's "
                    "share never falls below "
                    f"{floor:.4f} > {x_obs:.4f} ({why})", None, "bracket check")
    # a tighter upper end keeps Brent's steps in the region where the share moves
    hi = 1.0
    while share(hi) - x_obs > 0 and hi < l_max:
        hi = min(hi * 2.0, l_max)
    lo = 0.0 if hi <= 1.0 else hi / 2.0
    value = _root(lambda L: share(L) - x_obs, lo, hi)
    return make(value, True, "root of predicted(L) = observed", share(value) - x_obs,
                f"Brent on [{lo:g}, {hi:g}] after a sign check")


def _fearon_linkage(game: DyadGame, x_obs: float, make: Callable[..., Calibration]) -> Calibration:
    """:func:`calibrate_linkage` for Fearon's range, in closed form: the least ``L`` with the observed share
    in the range (the neighbour's end does not move with ``L``)."""
    if not game.war_credible:
        return make(None, False, "not applicable: no credible war between nuclear powers, so no Fearon range",
                    None, "closed form")
    if game.disagreement != "war":
        return make(None, False, "not applicable: Fearon's range is a range against war, and this game's "
                    "disagreement point is a continuing dispute", None, "closed form")
    high = _fearon_split(game.replace(linkage=0.0), 1.0).high
    if high is None or x_obs > high + 1e-12:
        return make(None, False, "no linkage value reproduces the observed share: the neighbour prefers "
                    "war to ceding that much "
                    "(observed share above p + c_N); linkage does not change the neighbour's side",
                    None, "closed form")
    need = game.win_probability - game.war_cost_china - game.u_china(x_obs)
    return make(max(need, 0.0), True,
                "least L with the observed share in Fearon's range: L = p - c_C - u_C(x)", 0.0, "closed form")


def calibrate_nash_weight(game: DyadGame, observed_share: float) -> Calibration:
    """China's Nash bargaining weight ``w`` in (0, 1) that reproduces ``observed_share`` at the game's ``L``.

    The Nash share rises with ``w`` from China's reservation share (``u_C(x) + L = d_C``) to the most the
    neighbour concedes; no weight reproduces the share outside that interval -- e.g. under war as the
    disagreement point with ``L = 0`` China's reservation share ``p - c_C`` already exceeds 3.5%.
    """
    check_game(game, "calibrate_nash_weight")
    x_obs = _check_share(observed_share)
    eps = 1e-9
    br = (eps, 1.0 - eps)

    def make(value: float | None, found: bool, reason: str, residual: float | None,
             method: str) -> Calibration:
        return Calibration("nash_weight_china", "nash", game.neighbour, x_obs, value, found, reason, br,
                           residual, method)

    def share(w: float) -> float | None:
        return predicted_share(game.replace(nash_weight_china=w), "nash")

    lo_s, hi_s = share(br[0]), share(br[1])
    if lo_s is None or hi_s is None:
        return make(None, False, "no Nash weight in (0, 1) reproduces the observed share: no agreement "
                    "beats the disagreement point", None,
                    "bracket check")
    if x_obs < lo_s - 1e-9:
        return make(None, False, "no Nash weight in (0, 1) reproduces the observed share: "
                    f"even with weight 0 China gets {lo_s:.4f} > {x_obs:.4f} "
                    "(its disagreement payoff alone is worth more than the observed share)", None,
                    "bracket check")
    if x_obs > hi_s + 1e-9:
        return make(None, False,
                    "no Nash weight in (0, 1) reproduces the observed share: "
                    f"even with weight 1 China gets only {hi_s:.4f} < {x_obs:.4f}", None,
                    "bracket check")
    if abs(x_obs - lo_s) <= 1e-12:
        return make(br[0], True, "not identified: every weight up to the reservation corner gives this "
                    "share; reporting the lower end", 0.0, "bracket end")
    value = _root(lambda w: share(w) - x_obs, *br)
    return make(value, True, "root of predicted(w) = observed", share(value) - x_obs,
                "Brent after a sign check")


def _check_share(x: float) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"observed_share must be a number in [0, 1], got {x!r}") from exc
    if not (math.isfinite(v) and 0.0 <= v <= 1.0):
        raise ValueError(f"observed_share must be a number in [0, 1], got {x!r}")
    return v


def calibrate_all(
    params: BorderParams, neighbours: Sequence[str] | None = None, solutions: Sequence[str] = SOLUTIONS
) -> list[tuple[DyadFacts, Reading, Calibration]]:
    """Calibrated ``L`` for every reading of every dyad (``params.dyads`` by default) and solution."""
    check_section(params, BorderParams, "border", "calibrate_all")
    facts = _load_settlements()
    out = []
    for n in neighbours if neighbours is not None else params.dyads:
        g = dyad_game(params, n)
        for r in facts[n].readings:
            for s in solutions:
                out.append((facts[n], r, calibrate_linkage(g, r.observed_share, s)))
    return out


#: what :func:`linkage_need` can say about the linkage a solution needs to reproduce an observed share
NEEDS = ("needed", "not needed", "unreachable", "not applicable")


def linkage_need(game: DyadGame, observed_share: float, solution: str) -> tuple[str, float | None]:
    """Does ``solution`` need a positive linkage value to reproduce ``observed_share``? One of :data:`NEEDS`,
    with the calibrated ``L`` (None unless "needed"):

    - ``"needed"``: ``L = 0`` gives China more than observed and some ``L > 0`` reproduces it;
    - ``"not needed"``: ``L = 0`` already gives China the observed share or less (no linkage is required;
      only a negative ``L`` would fit exactly);
    - ``"unreachable"``: ``L = 0`` gives China more, and no ``L`` in the bracket brings it down to the
      observed share (e.g. Rubinstein's floor ``1 - delta_N``), or no deal at all;
    - ``"not applicable"``: the solution cannot be asked here (Fearon's range is a range against war: not
      under a continuing dispute, nor between nuclear powers).

    >>> linkage_need(DyadGame("T", win_probability=0.9978), 0.035, "fearon")[0]
    'needed'
    >>> linkage_need(DyadGame("T", win_probability=0.02), 0.035, "nash")
    ('not needed', None)
    """
    check_game(game, "linkage_need")
    x_obs = _check_share(observed_share)
    if solution == "fearon" and (not game.war_credible or game.disagreement != "war"):
        return "not applicable", None  # Fearon's range is a range against war
    cal = calibrate_linkage(game, x_obs, solution)
    if cal.found:
        return ("needed", cal.value) if cal.value > 1e-9 else ("not needed", None)
    at0 = predicted_share(game.replace(linkage=0.0), solution)
    if solution == "fearon":
        return "unreachable", None  # the observed share is above the neighbour's end, whatever L
    if at0 is not None and at0 <= x_obs:
        return "not needed", None
    return "unreachable", None
