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
``- D``                               intimacy / distrust cost of an alliance across a long border: ``i`` Ally
``- N_i``                             entrapment in the other's conflicts (Taiwan, fn 25): both Ally
``- E_i``                             abandonment, committed alone (Köln 1999, fn 25): ``i`` Ally, ``j`` not
``- C_i``                             cost of rivalry (re-arming the 7,500 km border, §1-1): ``i`` Rival
====================================  ===================================================================

Cell by cell, side ``i``'s payoff (rows: own strategy, columns: the other's) is

=========  ===============================================  ==================================  ==========
own \\ other  Ally                                           Partner                             Rival
=========  ===============================================  ==================================  ==========
Ally       B + G + W_i + S - U_i - D - N_i                  B + G + theta W_i - U_i - D - E_i   -U_i - D - E_i
Partner    B + G + theta W_i + S - theta U_i                B + G + theta (W_i - U_i)           -theta U_i
Rival      -C_i                                             -C_i                                -C_i
=========  ===============================================  ==================================  ==========

Russia's matrix ``A`` is this table with Russia's parameters; China's matrix ``B`` (China is the
column player) is the transpose of the table with China's parameters. :func:`payoff_formulas` returns
the table as text for notebooks; :func:`payoff_matrices` evaluates it (vectorised over parameter
arrays, for region maps).

Consequences that follow from the table (and that the tests check against the solver):

* Ally is a best reply only to Ally: against Partner or Rival it pays ``(1 - theta) U_i + D + E_i`` more
  than Partner for nothing in return.
* Ally/Ally is an equilibrium iff for both sides ``(1 - theta)(W_i - U_i) + S - D - N_i >= 0`` when the
  best deviation is Partner: raising either US stake ``U_i`` breaks it (the "second axis").
* Partner is a best reply to Partner iff ``B + G + theta (W_i - U_i) >= -C_i``, and Rival is a best
  reply to Rival iff ``theta U_i >= C_i``: a large enough US stake turns the partnership into rivalry.

Not modelled (a choice, said here so a reader can change it): the pressure to match a rival's
build-up (a cost of facing a Rival while not arming). With it, Rival/Rival becomes a second
equilibrium (the Cold-War trap) whenever that cost exceeds ``C_i - theta U_i``.

Equilibria are computed by :func:`sco_games.games.solve` (verified, with regret) and region maps by
:func:`sco_games.games.solve_batch`; the repeated-game threshold by
:func:`sco_games.repeated.critical_discount_factor`. This module only builds the payoffs and labels
the results.

>>> p = PartnershipParams.example()
>>> A, B = payoff_matrices(p)
>>> float(A[1, 1]), float(B[1, 1])  # Partner/Partner: B + G + theta (W - U)
(4.5, 4.5)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import numpy as np
from pydantic import Field, field_validator

from sco_games.sourced import Sourced, Strict, unwrap

__all__ = [
    "PLAYERS",
    "STRATEGIES",
    "RELATION_KEYS",
    "PAYOFF_KEYS",
    "PartnershipParams",
    "payoff_matrices",
    "payoff_formulas",
    "payoff_table_rows",
    "values_of",
]

PLAYERS: tuple[str, str] = ("Russia", "China")
STRATEGIES: tuple[str, str, str] = ("Ally", "Partner", "Rival")
ALLY, PARTNER, RIVAL = 0, 1, 2

NonNeg = Sourced[Annotated[float, Field(ge=0, le=100)]]
Depth = Sourced[Annotated[float, Field(gt=0, lt=1)]]
Relation = Sourced[Annotated[float, Field(ge=-1, le=1)]]

#: The bilateral relations of the strategic triangle (Dittmer), values in [-1, 1], sign = friend/foe.
RELATION_KEYS: tuple[str, str, str] = ("relation_russia_china", "relation_russia_us", "relation_china_us")


class PartnershipParams(Strict):
    """Parameters of the partnership model, one section (``partnership:``) of a scenario file.

    Payoff terms are in one common unit: 1 = a "minor" interest, 2 = "significant", 3 = "major",
    4 = "vital" (an ordinal ladder; the scenario files say why each value sits where it does).
    Relations of the triangle are in [-1, 1]; their sign is what Dittmer's patterns use, and a
    relation of exactly 0 is rejected (a neutral relation has no pattern; give it a sign).
    """

    border_stability: NonNeg = Field(description="B: value of a quiet border (lost if either side is Rival)")
    security_guarantee: NonNeg = Field(
        description="G: mutual guarantee of state integrity, no support for the other's separatists")
    counterweight_russia: NonNeg = Field(description="W_R: Russia's value of a full joint front vs the US")
    counterweight_china: NonNeg = Field(description="W_C: China's value of a full joint front vs the US")
    partnership_depth: Depth = Field(
        description="theta in (0, 1): how much of an alliance's alignment a partnership carries")
    us_stake_russia: NonNeg = Field(description="U_R: what full alignment against the US costs Russia")
    us_stake_china: NonNeg = Field(description="U_C: what full alignment against the US costs China")
    alliance_backing: NonNeg = Field(description="S: value of the other's backing when it is an Ally")
    distrust_cost: NonNeg = Field(description="D: intimacy cost of an alliance across a distrusted border")
    entrapment_cost_russia: NonNeg = Field(description="N_R: Russia drawn into China's conflicts (Taiwan)")
    entrapment_cost_china: NonNeg = Field(description="N_C: China drawn into Russia's conflicts")
    abandonment_cost_russia: NonNeg = Field(description="E_R: Russia committed alone")
    abandonment_cost_china: NonNeg = Field(description="E_C: China committed alone (Köln 1999)")
    rivalry_cost_russia: NonNeg = Field(description="C_R: Russia's cost of re-arming the border")
    rivalry_cost_china: NonNeg = Field(description="C_C: China's cost of re-arming the border")
    relation_russia_china: Relation = Field(description="sign/strength of Russia-China relations")
    relation_russia_us: Relation = Field(description="sign/strength of Russia-US relations")
    relation_china_us: Relation = Field(description="sign/strength of China-US relations")

    @field_validator(*RELATION_KEYS)
    @classmethod
    def _relation_has_sign(cls, v: Sourced) -> Sourced:
        if v.value == 0:
            raise ValueError("must be non-zero: the triangle needs a sign (+ friend, - foe), in [-1, 1]")
        return v

    @classmethod
    def example(cls, **changes: float) -> PartnershipParams:
        """A parameter set for doctests and tests (the founding-2001 values, sourced as "example")."""
        base = {
            "border_stability": 3.0, "security_guarantee": 2.0,
            "counterweight_russia": 1.0, "counterweight_china": 1.0, "partnership_depth": 0.5,
            "us_stake_russia": 2.0, "us_stake_china": 2.0, "alliance_backing": 1.0, "distrust_cost": 2.0,
            "entrapment_cost_russia": 2.0, "entrapment_cost_china": 1.0,
            "abandonment_cost_russia": 1.0, "abandonment_cost_china": 2.0,
            "rivalry_cost_russia": 3.0, "rivalry_cost_china": 3.0,
            "relation_russia_china": 0.5, "relation_russia_us": -0.5, "relation_china_us": -0.5,
        }
        for k in changes:
            if k not in base:
                raise ValueError(f"example(): unknown parameter {k!r}; allowed: {sorted(base)}")
        base.update(changes)
        return cls(**{k: {"value": v, "source": "example"} for k, v in base.items()})


#: Payoff-relevant keys (everything but the triangle's relations), in field order.
PAYOFF_KEYS: tuple[str, ...] = tuple(k for k in PartnershipParams.model_fields if k not in RELATION_KEYS)


def values_of(params: PartnershipParams | Mapping[str, Any]) -> dict[str, Any]:
    """Plain values (floats or arrays) keyed by parameter name, from a params object or a mapping."""
    if isinstance(params, PartnershipParams):
        return unwrap(params)
    return dict(params)


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
    shape = np.broadcast(bg, th, w, u, s, d, n, e, c).shape
    t = np.zeros(shape + (3, 3))
    t[..., ALLY, ALLY] = bg + w + s - u - d - n
    t[..., ALLY, PARTNER] = bg + th * w - u - d - e
    t[..., ALLY, RIVAL] = -u - d - e
    t[..., PARTNER, ALLY] = bg + th * w + s - th * u
    t[..., PARTNER, PARTNER] = bg + th * (w - u)
    t[..., PARTNER, RIVAL] = -th * u
    t[..., RIVAL, :] = -np.broadcast_to(c, shape)[..., None]
    return t


def payoff_matrices(params: PartnershipParams | Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Russia's (row) and China's (column) payoff matrices, indexed ``[russia_strategy, china_strategy]``.

    ``params`` is a :class:`PartnershipParams` or a mapping of plain values; values may be numpy arrays
    (broadcast together), giving stacks of shape ``(..., 3, 3)`` for :func:`sco_games.games.solve_batch`.
    Raises ``ValueError`` naming a missing, negative or non-finite parameter.

    >>> A, B = payoff_matrices(PartnershipParams.example())
    >>> A.tolist()[0]  # Russia Ally vs China Ally / Partner / Rival
    [1.0, 0.5, -5.0]
    >>> B.T.tolist()[0]  # China Ally vs Russia Ally / Partner / Rival
    [2.0, -0.5, -6.0]
    """
    v = _check_values(values_of(params))
    a = _side_table(v, "russia")
    b = np.swapaxes(_side_table(v, "china"), -1, -2)
    return a, b


_FORMULAS: dict[tuple[int, int], str] = {
    (ALLY, ALLY): "B + G + W_{i} + S - U_{i} - D - N_{i}",
    (ALLY, PARTNER): "B + G + θ·W_{i} - U_{i} - D - E_{i}",
    (ALLY, RIVAL): "-U_{i} - D - E_{i}",
    (PARTNER, ALLY): "B + G + θ·W_{i} + S - θ·U_{i}",
    (PARTNER, PARTNER): "B + G + θ·(W_{i} - U_{i})",
    (PARTNER, RIVAL): "-θ·U_{i}",
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
    a, b = payoff_matrices(params)
    fr, fc = payoff_formulas("R"), payoff_formulas("C")
    rows = []
    for r, sr in enumerate(STRATEGIES):
        for c, sc in enumerate(STRATEGIES):
            rows.append((sr, sc, fr[(sr, sc)], fc[(sc, sr)], float(a[r, c]), float(b[r, c])))
    return rows
