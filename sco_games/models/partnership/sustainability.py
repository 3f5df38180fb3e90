"""The repeated partnership: can grim trigger sustain the partnership (Partner/Partner) and the joint front
(Ally/Ally)? Thresholds from :func:`sco_games.theory.repeated.critical_discount_factor`.

Which stage equilibrium a deviator is punished with
----------------------------------------------------
Nash reversion (Friedman 1971) punishes a deviation by playing a stage Nash equilibrium forever. Any pure
stage equilibrium makes that threat subgame perfect, but not every one is a threat a player would carry out:
here Rival/Rival is an equilibrium only because each side is *indifferent* between Partner and Rival against
a Rival (a tie of coded payoffs) -- Rival is weakly dominated by Partner. A pure equilibrium in a weakly
dominated strategy is not trembling-hand perfect: in a two-player game a Nash equilibrium is perfect iff
neither player's strategy is weakly dominated (by a pure or a mixed strategy; van Damme 1991, *Stability and
Perfection of Nash Equilibria*, ch. 3; Selten 1975). A side asked to "punish" by re-arming loses nothing by
not re-arming, and gains if the other makes the smallest mistake, so the threat rests on a knife edge.

The rule here, fixed on that ground:

* the **credible** reversion is to the pure stage equilibria in undominated strategies (the perfect pure
  equilibria), the worst of them for the deviator (player-specific Nash reversion); a profile's verdict and
  ``delta_star`` are judged on it;
* the reversion to **every** pure stage equilibrium (weakly dominated ones included) is computed as well and
  shown beside it (``knife_edge``), so a reader sees what the knife edge alone would sustain;
* if no pure equilibrium is undominated (a perfect equilibrium then exists only in mixed strategies), every
  pure one is used and the punishment says so; without any pure equilibrium, the minmax punishment.

A profile that pays **both** sides no more than a stage equilibrium in undominated strategies (and one side
less) is Pareto-dominated by that equilibrium: playing it is no cooperation to sustain, whatever the
punishment (``dominated_by``). With the coded values the joint front is such a profile: Ally/Ally pays both
less than Partner/Partner, which needs no patience at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import linprog

from sco_games.models.partnership.game import stage_game
from sco_games.models.partnership.params import ALLY, PARTNER, PLAYERS, STRATEGIES, PartnershipParams
from sco_games.sourced import check_section
from sco_games.theory.repeated import GrimTriggerResult, critical_discount_factor, pure_nash_profiles

__all__ = [
    "Sustainability",
    "sustainability",
    "weakly_dominated",
    "credible_reversions",
]

_TOL = 1e-9  # relative to a player's payoff range, as in sco_games.theory


def _weakly_dominated_row(U: np.ndarray, s: int, tol: float) -> bool:
    """Is row ``s`` of ``U`` (own strategies x the other's) weakly dominated by a pure or mixed strategy
    over the other rows: ``sum_k sigma_k U[k] >= U[s]`` everywhere, ``>`` somewhere? LP: maximise the total
    excess ``sum_c (sigma U - U[s])_c`` subject to no shortfall; the solver's mixture is then cleaned (clipped
    to the simplex) and checked on the payoffs: dominated iff no shortfall beyond ``eps`` and some excess
    beyond it, ``eps`` = ``tol`` or the solver's feasibility tolerance (1e-7 x the largest payoff), whichever
    is larger."""
    others = [k for k in range(U.shape[0]) if k != s]
    if not others:
        return False
    Uo = U[others]  # (K, C)
    K = len(others)
    res = linprog(-Uo.sum(axis=1), A_ub=-Uo.T, b_ub=-U[s], A_eq=np.ones((1, K)), b_eq=[1.0],
                  bounds=[(0, None)] * K, method="highs")
    if res.status != 0:  # infeasible: no mixture is everywhere at least as good
        return False
    sigma = np.clip(res.x, 0.0, None)
    sigma = sigma / sigma.sum()
    excess = sigma @ Uo - U[s]
    eps = max(tol, 1e-7 * max(1.0, float(np.abs(U).max())))
    return bool(excess.min() >= -eps and excess.max() > eps)


def weakly_dominated(A: np.ndarray, B: np.ndarray, tol: float = _TOL
                     ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The row player's and the column player's weakly dominated strategies (by a pure or a mixed strategy;
    ties within ``tol`` x the player's payoff range count as equal).

    >>> A = np.array([[1.0, 0.0], [1.0, 1.0]]); weakly_dominated(A, A.T)  # the first strategy: never better
    ((0,), (0,))
    """
    out = []
    for U in (np.asarray(A, float), np.asarray(B, float).T):  # own strategy x the other's
        span = float(U.max() - U.min()) or 1.0
        out.append(tuple(s for s in range(U.shape[0]) if _weakly_dominated_row(U, s, tol * span)))
    return out[0], out[1]


def credible_reversions(A: np.ndarray, B: np.ndarray) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """``(credible, all)``: the pure stage equilibria in which neither strategy is weakly dominated (for two
    players the perfect pure equilibria), and every pure stage equilibrium.

    >>> A = np.array([[1.0, 0.0], [1.0, 1.0]])   # (0, 0) is an equilibrium only by indifference
    >>> credible_reversions(A, A.T)
    ([(1, 1)], [(0, 0), (1, 1)])
    """
    every = pure_nash_profiles(A, B)
    dom_r, dom_c = weakly_dominated(A, B)
    return [p for p in every if p[0] not in dom_r and p[1] not in dom_c], every


@dataclass(frozen=True)
class Sustainability:
    """Grim-trigger sustainability of one cooperative profile (a row of the notebook's table).

    ``result`` is judged with the credible reversion (see the module docstring; ``punishment`` names it);
    ``knife_edge`` is the same profile with reversion to every pure stage equilibrium, weakly dominated ones
    included (``None`` when that is the same set); ``dominated_by`` the stage equilibrium in undominated
    strategies that Pareto-dominates the profile (as "Partner/Partner"), or ``None``.
    """

    name: str
    profile: tuple[str, str]
    punishment: str
    result: GrimTriggerResult
    knife_edge: GrimTriggerResult | None = None
    dominated_by: str | None = None

    @property
    def delta_star(self) -> float | None:
        return self.result.delta_star

    @property
    def knife_edge_delta_star(self) -> float | None:
        """delta* with reversion to every pure stage equilibrium (the credible one's if they coincide)."""
        return (self.knife_edge or self.result).delta_star

    def verdict(self) -> str:
        r = self.result
        if r.delta_star == 0.0:
            return "self-enforcing: a stage equilibrium, sustained at every discount factor"
        if self.dominated_by is not None:
            head = (f"no cooperation to sustain: {self.dominated_by}, a stage equilibrium in undominated "
                    "strategies, pays both sides at least as much (one more)")
            return head + ("" if r.delta_star is None else f" (grim trigger would keep it iff delta >= "
                                                          f"{r.delta_star:.3g})")
        if r.delta_star is None:
            return "not sustainable at any discount factor (" + r.reason + ")"
        binding = " and ".join(PLAYERS[p] for p in (r.binding_players or (r.binding_player or 0,)))
        return f"sustained iff delta >= {r.delta_star:.3g} (binding: {binding})"


def _label(p: tuple[int, int]) -> str:
    return f"{STRATEGIES[p[0]]}/{STRATEGIES[p[1]]}"


def sustainability(params: PartnershipParams) -> tuple[Sustainability, Sustainability]:
    """Grim trigger (via :func:`sco_games.theory.repeated.critical_discount_factor`) for

    * the **partnership** Partner/Partner, and
    * the **joint front** Ally/Ally, like the Russo-Chinese front against NATO's bombing of Yugoslavia in
      spring 1999, which Russia left at the Köln summit in June 1999 for Western financial aid (fn 25: the
      Köln temptation ``T``); their joint protest against US TMD/NMD (fn 25) is a second example, whose
      unravelling the paper only foresees.

    A deviator is punished with the worst *credible* pure stage equilibrium for it (see the module
    docstring); the reversion to every pure equilibrium is kept in ``knife_edge``. Without a pure stage
    equilibrium the minmax punishment is used instead (and recorded).

    >>> p, j = sustainability(PartnershipParams.example())
    >>> p.delta_star, j.delta_star, j.knife_edge_delta_star, j.dominated_by
    (0.0, None, 0.6, 'Partner/Partner')
    """
    check_section(params, PartnershipParams, "partnership", "sustainability")
    game = stage_game(params)
    A, B = np.asarray(game.A, float), np.asarray(game.B, float)
    credible, every = credible_reversions(A, B)
    out = []
    for name, prof in (("partnership", (PARTNER, PARTNER)), ("joint front", (ALLY, ALLY))):
        knife = None
        if not every:
            res = critical_discount_factor(game.A, game.B, profile=prof, punishment="minmax")
            label = res.punishment
        elif not credible or credible == every:
            res = critical_discount_factor(game.A, game.B, profile=prof, punishment="nash")
            label = ("nash" if credible else
                     "nash (every pure stage equilibrium uses a weakly dominated strategy)")
        else:
            res = _reversion(A, B, prof, credible)
            knife = critical_discount_factor(game.A, game.B, profile=prof, punishment="nash")
            label = "nash, undominated: " + " or ".join(_label(p) for p in credible)
        if res.delta_star == 0.0:
            label = res.punishment
        r = (float(A[prof]), float(B[prof]))
        better = [p for p in (credible or every) if p != prof and A[p] >= r[0] and B[p] >= r[1]
                  and (A[p] > r[0] or B[p] > r[1])]
        dominated = _label(max(better, key=lambda p: (A[p] + B[p], p))) if better else None
        out.append(Sustainability(name, (STRATEGIES[prof[0]], STRATEGIES[prof[1]]), label, res, knife,
                                  dominated))
    return out[0], out[1]


def _reversion(A: np.ndarray, B: np.ndarray, prof: tuple[int, int], credible: list[tuple[int, int]]
               ) -> GrimTriggerResult:
    """Grim trigger with player-specific reversion to the worst of ``credible`` for the deviator."""
    worst0 = min(credible, key=lambda p: (A[p], p))
    worst1 = min(credible, key=lambda p: (B[p], p))
    res = critical_discount_factor(A, B, profile=prof, punishment="nash",
                                   punishment_payoffs=(float(A[worst0]), float(B[worst1])))
    if res.delta_star == 0.0:  # a stage equilibrium: no punishment involved
        return res
    # record the profiles the payoffs came from (the theory function only knows the payoffs)
    return replace(res, punishment="nash (undominated)", punishment_profiles=(worst0, worst1),
                   method="grim trigger with player-specific reversion to the worst stage equilibrium in "
                          "undominated strategies for the deviator")
