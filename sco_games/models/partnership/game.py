"""Russia-China "partnership": non-friend, non-enemy (paper §3-1, §2-1, §2-2, fn 25-26).

The stage game
--------------
Each side (row: Russia, column: China) chooses one of three postures toward the other:

* **Ally** -- a bloc: a joint front against US dominance, backing the other in its conflicts;
* **Partner** -- the "strategic partnership": a quiet border, mutual guarantees, some diplomatic
  coordination, but "non-union and non-bloc against the third" (paper §3-1, fn 47);
* **Rival** -- the Cold-War posture: re-arm the border, treat the other as the main threat.

A side's payoff is a sum of named terms, each one a reason the paper gives (§3-1: relations "are not
too intimate because of ... their long common border areas and the mutual distrust in their history,
but those relations are not broken because of both countries' need for border stability, mutual
security guarantees, and, partly, their tactical counteraction against a US-dominant world order").
For side ``i`` facing side ``j`` (own parameters carry the index ``i``):

====================================  ===================================================================
term                                  when it is earned (+) or paid (-)
====================================  ===================================================================
``+ B + G``                           border stability and mutual security guarantees: neither side is Rival
``+ W_i * min(a(s_i), a(s_j))``       counterweight to the US, a joint product: a(Ally)=1, a(Partner)=theta,
                                      a(Rival)=0 (theta = ``partnership_depth``)
``+ S``                               backing from the other: the other is Ally and ``i`` is not Rival
``- U_i * a(s_i)``                    lost standing with the US: alignment costs US relations in proportion
                                      to its depth (the "second axis", §2-1, fn 26)
``- D``                               intimacy / distrust cost of an alliance across a long border: both
                                      Ally (intimacy needs two; a lone Ally pays abandonment only)
``- N_i``                             entrapment in the other's conflicts (Taiwan, fn 25): both Ally
``- E_i``                             abandonment, committed alone (Köln 1999, fn 25): ``i`` Ally, ``j`` not
``- C_i``                             budget/force cost of re-arming the border (§1-1): ``i`` Rival (the loss
                                      of the quiet border is charged separately, by losing ``B + G``)
``- V_i``                             exposure to the other's re-armed border (the security dilemma):
                                      ``i`` not Rival, ``j`` Rival
====================================  ===================================================================

Cell by cell, side ``i``'s payoff (rows: own strategy, columns: the other's) is

=========  ===================================  =============================  ================
own \\ other  Ally                               Partner                        Rival
=========  ===================================  =============================  ================
Ally       B + G + W_i + S - U_i - D - N_i      B + G + theta W_i - U_i - E_i  -U_i - E_i - V_i
Partner    B + G + theta W_i + S - theta U_i    B + G + theta (W_i - U_i)      -theta U_i - V_i
Rival      -C_i                                 -C_i                           -C_i
=========  ===================================  =============================  ================

Russia's matrix ``A`` is this table with Russia's parameters; China's matrix ``B`` (China is the
column player) is the transpose of the table with China's parameters. :func:`payoff_formulas` returns
the table as text for notebooks; :func:`payoff_matrices` evaluates it (vectorised over parameter
arrays, for region maps).

Consequences that follow from the table (and that the tests check against the solver):

* Ally is a best reply only to Ally: against Partner or Rival it pays ``(1 - theta) U_i + E_i`` more
  than Partner for nothing in return.
* Ally/Ally is an equilibrium iff for both sides ``(1 - theta)(W_i - U_i) >= D + N_i`` (against an Ally,
  Partner keeps the backing ``S`` without the entrapment): raising either US stake ``U_i`` breaks it
  (the "second axis").
* Partner is a best reply to Partner iff ``B + G + theta (W_i - U_i) >= -C_i``, and Rival is a best
  reply to Rival iff ``theta U_i + V_i >= C_i``: a large enough US stake, or exposure, makes Rival/Rival
  an equilibrium (the Cold-War trap), and a still larger one ends the partnership.

Equilibria are computed by :func:`sco_games.theory.games.solve` (verified, with regret) and region maps by
:func:`sco_games.theory.games.solve_batch`; the repeated-game threshold by
:func:`sco_games.theory.repeated.critical_discount_factor`. This module only builds the payoffs and labels
the results. The model's other modules (in ``sco_games.models.partnership``): ``params`` (the scenario
section), ``regions`` (equilibrium regions over two parameters), ``sustainability`` (the repeated game),
``relations`` (the strategic triangle) and ``claims`` (P1-P5).

>>> p = PartnershipParams.example()
>>> A, B = payoff_matrices(p)
>>> float(A[1, 1]), float(B[1, 1])  # Partner/Partner: B + G + theta (W - U)
(4.5, 4.5)

The payoff values are read as a cardinal scale (the ladder 1 minor .. 4 vital; see ``params``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sco_games.models.partnership.params import (
    ALLY,
    PARTNER,
    PAYOFF_KEYS,
    PLAYERS,
    RIVAL,
    STRATEGIES,
    PartnershipParams,
    values_of,
)
from sco_games.sourced import check_section
from sco_games.theory.games import NormalFormGame, SolveResult, solve

__all__ = [
    "payoff_matrices",
    "payoff_formulas",
    "payoff_table_rows",
    "stage_game",
    "equilibrium_label",
    "label_of",
    "StageResult",
    "analyze",
    "Thresholds",
    "us_stake_thresholds",
]


def _check_values(v: Mapping[str, Any]) -> dict[str, np.ndarray]:
    missing = [k for k in PAYOFF_KEYS if k not in v]
    if missing:
        raise ValueError(f"payoff_matrices: missing parameter(s) {missing}; need all of {list(PAYOFF_KEYS)}")
    out = {}
    for k in PAYOFF_KEYS:
        arr = np.asarray(v[k], dtype=float)
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"payoff_matrices: {k} must be finite")
        if k == "partnership_depth":
            if np.any((arr <= 0) | (arr >= 1)):
                raise ValueError(f"payoff_matrices: partnership_depth must be in (0, 1), got {arr}")
        elif np.any(arr < 0):
            raise ValueError(f"payoff_matrices: {k} must be >= 0 (it is a value or a cost), got {arr}")
        out[k] = arr
    return out


def _side_table(v: dict[str, np.ndarray], side: str) -> np.ndarray:
    """One side's payoff table, rows = own strategy, columns = the other's, shape (..., 3, 3)."""
    bg = v["border_stability"] + v["security_guarantee"]
    th = v["partnership_depth"]
    w = v[f"counterweight_{side}"]
    u = v[f"us_stake_{side}"]
    s = v["alliance_backing"]
    d = v["distrust_cost"]
    n = v[f"entrapment_cost_{side}"]
    e = v[f"abandonment_cost_{side}"]
    c = v[f"rivalry_cost_{side}"]
    x = v[f"exposure_cost_{side}"]
    shape = np.broadcast(bg, th, w, u, s, d, n, e, c, x).shape
    t = np.zeros(shape + (3, 3))
    t[..., ALLY, ALLY] = bg + w + s - u - d - n
    t[..., ALLY, PARTNER] = bg + th * w - u - e
    t[..., ALLY, RIVAL] = -u - e - x
    t[..., PARTNER, ALLY] = bg + th * w + s - th * u
    t[..., PARTNER, PARTNER] = bg + th * (w - u)
    t[..., PARTNER, RIVAL] = -th * u - x
    t[..., RIVAL, :] = -np.broadcast_to(c, shape)[..., None]
    return t


def payoff_matrices(params: PartnershipParams | Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Russia's (row) and China's (column) payoff matrices, indexed ``[russia_strategy, china_strategy]``.

    ``params`` is a :class:`PartnershipParams` or a mapping of plain values; values may be numpy arrays
    (broadcast together), giving stacks of shape ``(..., 3, 3)`` for :func:`~sco_games.theory.solve_batch`.
    Raises ``ValueError`` naming a missing, negative or non-finite parameter.

    >>> A, B = payoff_matrices(PartnershipParams.example())
    >>> A.tolist()[0]  # Russia Ally vs China Ally / Partner / Rival
    [1.0, 2.5, -4.0]
    >>> B.T.tolist()[0]  # China Ally vs Russia Ally / Partner / Rival
    [2.0, 1.5, -5.0]
    """
    v = _check_values(values_of(params, "payoff_matrices"))
    a = _side_table(v, "russia")
    b = np.swapaxes(_side_table(v, "china"), -1, -2)
    shape = np.broadcast_shapes(a.shape, b.shape)
    return np.broadcast_to(a, shape).copy(), np.broadcast_to(b, shape).copy()


_FORMULAS: dict[tuple[int, int], str] = {
    (ALLY, ALLY): "B + G + W_{i} + S - U_{i} - D - N_{i}",
    (ALLY, PARTNER): "B + G + θ·W_{i} - U_{i} - E_{i}",
    (ALLY, RIVAL): "-U_{i} - E_{i} - V_{i}",
    (PARTNER, ALLY): "B + G + θ·W_{i} + S - θ·U_{i}",
    (PARTNER, PARTNER): "B + G + θ·(W_{i} - U_{i})",
    (PARTNER, RIVAL): "-θ·U_{i} - V_{i}",
    (RIVAL, ALLY): "-C_{i}",
    (RIVAL, PARTNER): "-C_{i}",
    (RIVAL, RIVAL): "-C_{i}",
}


def payoff_formulas(side: str = "i") -> dict[tuple[str, str], str]:
    """The cell formulas of one side's payoff, keyed ``(own strategy, other's strategy)``.

    ``side`` is put in the subscripts ("R" for Russia, "C" for China, "i" generic).

    >>> payoff_formulas("R")[("Partner", "Partner")]
    'B + G + θ·(W_R - U_R)'
    """
    return {(STRATEGIES[r], STRATEGIES[c]): f.replace("{i}", side) for (r, c), f in _FORMULAS.items()}


def payoff_table_rows(params: PartnershipParams) -> list[tuple[str, str, str, str, float, float]]:
    """Rows ``(Russia's strategy, China's strategy, Russia's formula, China's formula, Russia's payoff,
    China's payoff)`` for the notebook's payoff table, in row-major order.

    >>> row = payoff_table_rows(PartnershipParams.example())[4]
    >>> row[:2], row[4:]
    (('Partner', 'Partner'), (4.5, 4.5))
    """
    check_section(params, PartnershipParams, "partnership", "payoff_table_rows")
    a, b = payoff_matrices(params)
    fr, fc = payoff_formulas("R"), payoff_formulas("C")
    rows = []
    for r, sr in enumerate(STRATEGIES):
        for c, sc in enumerate(STRATEGIES):
            rows.append((sr, sc, fr[(sr, sc)], fc[(sc, sr)], float(a[r, c]), float(b[r, c])))
    return rows


# ------------------------------------------------------------------------------------------------------
# analysis: the stage game's equilibria and the US-stake thresholds


def stage_game(params: PartnershipParams) -> NormalFormGame:
    """The stage game as a :class:`~sco_games.theory.games.NormalFormGame` (Russia row, China column)."""
    check_section(params, PartnershipParams, "partnership", "stage_game")
    a, b = payoff_matrices(params)
    return NormalFormGame(a, b, players=PLAYERS, strategies=(STRATEGIES, STRATEGIES))


def equilibrium_label(result: SolveResult) -> str:
    """One label for a solved game: ``"Partner/Partner"`` (Russia/China) for a unique pure equilibrium,
    ``"mixed"`` for a unique mixed one; for more than one, ``"multiple: "`` and the pure ones joined by
    ``" + "`` in strategy order (``"multiple: Partner/Partner + Rival/Rival"``), or ``"multiple"`` alone
    if none is pure. (``"none"`` cannot occur: every finite game has an equilibrium.)"""
    return label_of(len(result), [(eq.support[0][0], eq.support[1][0]) for eq in result if eq.is_pure])


def label_of(count: int, pure: Iterable[tuple[int, int]]) -> str:
    """The label rule of :func:`equilibrium_label` and of ``regions.batch_labels``, from the number of
    equilibria and the ``(row, column)`` indices of the pure ones.

    >>> label_of(1, [(1, 1)]), label_of(2, [(2, 2), (1, 1)]), label_of(1, []), label_of(3, [])
    ('Partner/Partner', 'multiple: Partner/Partner + Rival/Rival', 'mixed', 'multiple')
    """
    names = [f"{STRATEGIES[r]}/{STRATEGIES[c]}" for r, c in sorted(pure)]
    if count == 0:
        return "none"
    if count == 1:
        return names[0] if names else "mixed"
    return "multiple: " + " + ".join(names) if names else "multiple"


@dataclass(frozen=True)
class StageResult:
    """The stage game of one parameter set and its verified equilibria.

    ``label`` as :func:`equilibrium_label`; ``equilibria`` from :func:`sco_games.theory.games.solve`
    (each with ``regret`` <= ``tol`` x payoff range); ``descriptions`` readable labels;
    ``degenerate`` and ``method`` as reported by the solver.
    """

    game: NormalFormGame
    equilibria: SolveResult
    label: str
    descriptions: tuple[str, ...]
    degenerate: bool
    max_regret: float
    method: str


def analyze(params: PartnershipParams) -> StageResult:
    """Solve the stage game of ``params`` with :func:`sco_games.theory.games.solve`.

    >>> r = analyze(PartnershipParams.example())
    >>> r.label, r.degenerate, r.equilibria[0].payoffs
    ('multiple: Partner/Partner + Rival/Rival', True, (4.5, 4.5))
    """
    check_section(params, PartnershipParams, "partnership", "analyze")
    game = stage_game(params)
    eqs = solve(game)
    return StageResult(
        game=game, equilibria=eqs, label=equilibrium_label(eqs),
        descriptions=tuple(eq.label(game) for eq in eqs), degenerate=eqs.degenerate,
        max_regret=max((eq.regret for eq in eqs), default=0.0), method=eqs.method,
    )


@dataclass(frozen=True)
class Thresholds:
    """US-stake thresholds per side, read off the payoff table (each side's best-reply conditions):

    * ``ally_holds_below``: Ally stays a best reply to Ally (vs deviating to Partner) while
      ``U_i <= W_i - (D + N_i) / (1 - theta)`` (``S`` cancels: a Partner keeps the ally's backing);
    * ``partner_holds_below``: Partner stays a best reply to Partner (vs Rival) while
      ``U_i <= W_i + (B + G + C_i) / theta``;
    * ``rival_answers_rival_above``: Rival is a best reply to Rival once ``U_i >= (C_i - V_i) / theta``.

    Keyed by player name. The tests check these against the solver; the notebook uses them to say
    how far a scenario is from a boundary.
    """

    ally_holds_below: dict[str, float]
    partner_holds_below: dict[str, float]
    rival_answers_rival_above: dict[str, float]


def us_stake_thresholds(params: PartnershipParams) -> Thresholds:
    """The :class:`Thresholds` of ``params``.

    >>> t = us_stake_thresholds(PartnershipParams.example())
    >>> t.ally_holds_below["Russia"], t.partner_holds_below["Russia"], t.rival_answers_rival_above["China"]
    (-7.0, 15.0, 2.0)
    """
    check_section(params, PartnershipParams, "partnership", "us_stake_thresholds")
    v = values_of(params)
    th = v["partnership_depth"]
    out: dict[str, dict[str, float]] = {"ally": {}, "partner": {}, "rival": {}}
    for name in PLAYERS:
        s = name.lower()
        w, n, c = v[f"counterweight_{s}"], v[f"entrapment_cost_{s}"], v[f"rivalry_cost_{s}"]
        out["ally"][name] = float(w - (v["distrust_cost"] + n) / (1 - th))
        out["partner"][name] = float(w + (v["border_stability"] + v["security_guarantee"] + c) / th)
        out["rival"][name] = float((c - v[f"exposure_cost_{s}"]) / th)
    return Thresholds(out["ally"], out["partner"], out["rival"])
