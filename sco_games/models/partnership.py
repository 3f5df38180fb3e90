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
* Ally/Ally is an equilibrium iff for both sides ``(1 - theta)(W_i - U_i) >= D + N_i`` (against an Ally,
  Partner keeps the backing ``S`` without the entrapment): raising either US stake ``U_i`` breaks it
  (the "second axis").
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
from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
from pydantic import Field, field_validator

from sco_games.games import DEFAULT_TOL, BatchResult, NormalFormGame, SolveResult, solve, solve_batch
from sco_games.models.triangle import Triangle, classify_triangle
from sco_games.repeated import GrimTriggerResult, critical_discount_factor
from sco_games.sourced import Sourced, Strict, check_section, unwrap, with_value

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
    "with_values",
    "stage_game",
    "equilibrium_label",
    "StageResult",
    "analyze",
    "RegionMap",
    "batch_labels",
    "equilibrium_regions",
    "Thresholds",
    "us_stake_thresholds",
    "Sustainability",
    "sustainability",
    "TRIANGLE_STATES",
    "triangle",
    "Claim",
    "PILLAR_COUNTERFACTUALS",
    "pillar_table",
    "assess_claims",
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


def values_of(params: PartnershipParams | Mapping[str, Any], caller: str = "values_of") -> dict[str, Any]:
    """Plain values (floats or arrays) keyed by parameter name, from a params object or a mapping.
    Anything else (e.g. a whole scenario) is a ``TypeError`` that says what to pass."""
    if isinstance(params, Mapping) and "partnership" not in params:
        return dict(params)
    check_section(params, PartnershipParams, "partnership", caller)
    return unwrap(params)


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
    v = _check_values(values_of(params, "payoff_matrices"))
    a = _side_table(v, "russia")
    b = np.swapaxes(_side_table(v, "china"), -1, -2)
    shape = np.broadcast_shapes(a.shape, b.shape)
    return np.broadcast_to(a, shape).copy(), np.broadcast_to(b, shape).copy()


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
    check_section(params, PartnershipParams, "partnership", "payoff_table_rows")
    a, b = payoff_matrices(params)
    fr, fc = payoff_formulas("R"), payoff_formulas("C")
    rows = []
    for r, sr in enumerate(STRATEGIES):
        for c, sc in enumerate(STRATEGIES):
            rows.append((sr, sc, fr[(sr, sc)], fc[(sc, sr)], float(a[r, c]), float(b[r, c])))
    return rows


# ------------------------------------------------------------------------------------------------------
# analysis: equilibria, regions, repeated game, triangle, claims

#: Alignment level of each strategy (Ally 2, Partner 1, Rival 0), for the "second axis" checks.
ALIGNMENT_LEVEL = np.array([2.0, 1.0, 0.0])


def with_values(params: PartnershipParams, **values: float) -> PartnershipParams:
    """A copy of ``params`` with some values replaced (source "counterfactual"); unknown keys are errors.

    >>> with_values(PartnershipParams.example(), distrust_cost=0).distrust_cost.value
    0.0
    """
    check_section(params, PartnershipParams, "partnership", "with_values")
    data = params.model_dump()
    for k, v in values.items():
        if k not in data:
            raise ValueError(f"with_values: unknown parameter {k!r}; allowed: {list(data)}")
        data[k] = with_value(data[k], v, f"counterfactual (was {data[k]['value']!r})")
    return PartnershipParams.model_validate(data)


def stage_game(params: PartnershipParams) -> NormalFormGame:
    """The stage game as a :class:`~sco_games.games.NormalFormGame` (Russia row, China column)."""
    check_section(params, PartnershipParams, "partnership", "stage_game")
    a, b = payoff_matrices(params)
    return NormalFormGame(a, b, players=PLAYERS, strategies=(STRATEGIES, STRATEGIES))


def equilibrium_label(result: SolveResult) -> str:
    """One label for a solved game: ``"Partner/Partner"`` (Russia/China) for a unique pure equilibrium,
    ``"mixed"`` for a unique mixed one; for more than one, ``"multiple: "`` and the pure ones joined by
    ``" + "`` in strategy order (``"multiple: Partner/Partner + Rival/Rival"``), or ``"multiple"`` alone
    if none is pure. (``"none"`` cannot occur: every finite game has an equilibrium.)"""
    if len(result) == 0:
        return "none"
    pure = sorted((eq.support[0][0], eq.support[1][0]) for eq in result if eq.is_pure)
    if len(result) > 1:
        if not pure:
            return "multiple"
        return "multiple: " + " + ".join(f"{STRATEGIES[r]}/{STRATEGIES[c]}" for r, c in pure)
    if not pure:
        return "mixed"
    return f"{STRATEGIES[pure[0][0]]}/{STRATEGIES[pure[0][1]]}"


@dataclass(frozen=True)
class StageResult:
    """The stage game of one parameter set and its verified equilibria.

    ``label`` as :func:`equilibrium_label`; ``equilibria`` from :func:`sco_games.games.solve`
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
    """Solve the stage game of ``params`` with :func:`sco_games.games.solve`.

    >>> r = analyze(PartnershipParams.example())
    >>> r.label, r.degenerate, r.equilibria[0].payoffs
    ('Partner/Partner', False, (4.5, 4.5))
    """
    check_section(params, PartnershipParams, "partnership", "analyze")
    game = stage_game(params)
    eqs = solve(game)
    return StageResult(
        game=game, equilibria=eqs, label=equilibrium_label(eqs),
        descriptions=tuple(eq.label(game) for eq in eqs), degenerate=eqs.degenerate,
        max_regret=max((eq.regret for eq in eqs), default=0.0), method=eqs.method,
    )


Axis = str | tuple[str, ...]


def _axis_keys(axis: Axis) -> tuple[str, ...]:
    keys = (axis,) if isinstance(axis, str) else tuple(axis)
    for k in keys:
        if k not in PAYOFF_KEYS:
            raise ValueError(f"region axis {k!r} is not a payoff parameter; allowed: {list(PAYOFF_KEYS)}")
    if not keys:
        raise ValueError("region axis must name at least one parameter")
    return keys


@dataclass(frozen=True)
class RegionMap:
    """Equilibrium regions over a grid of two parameters (or groups of parameters moved together).

    ``labels[iy, ix]`` is the :func:`equilibrium_label` at ``x[ix]``, ``y[iy]``; ``counts``,
    ``degenerate`` and ``alignment_max``/``alignment_min`` (the highest/lowest expected alignment
    level, Ally 2 + Partner 1 + Rival 0 summed over both sides, among the cell's equilibria) have the
    same shape. ``max_regret`` is the largest regret of any equilibrium found; ``method`` the solver's.
    """

    x_keys: tuple[str, ...]
    y_keys: tuple[str, ...]
    x: np.ndarray
    y: np.ndarray
    labels: np.ndarray
    counts: np.ndarray
    degenerate: np.ndarray
    alignment_max: np.ndarray
    alignment_min: np.ndarray
    max_regret: float
    method: str

    @property
    def x_name(self) -> str:
        return " = ".join(self.x_keys)

    @property
    def y_name(self) -> str:
        return " = ".join(self.y_keys)

    def label_at(self, x: float, y: float) -> str:
        """The label of the grid cell nearest to ``(x, y)``."""
        return str(self.labels[int(np.argmin(abs(self.y - y))), int(np.argmin(abs(self.x - x)))])

    def shares(self, merge_degenerate: bool = True) -> dict[str, float]:
        """The share of grid cells with each label; with ``merge_degenerate`` the degenerate cells (ties on
        a boundary, whose labels list the equilibria of both sides) count as one ``"boundary"`` label."""
        labels = np.where(self.degenerate, "boundary", self.labels) if merge_degenerate else self.labels
        names, n = np.unique(labels.astype(str), return_counts=True)
        return {str(k): float(v) / self.labels.size for k, v in zip(names, n, strict=True)}


def batch_labels(batch: BatchResult) -> np.ndarray:
    """The :func:`equilibrium_label` of every game of a :class:`~sco_games.games.BatchResult`."""
    counts = batch.counts
    # each slot's pure profile as an index r * 3 + c (only meaningful where batch.pure)
    r = np.nan_to_num(batch.row).argmax(axis=-1)
    c = np.nan_to_num(batch.col).argmax(axis=-1)
    code = np.where(batch.pure & batch.mask, r * 3 + c, -1)
    names = [f"{a}/{b}" for a in STRATEGIES for b in STRATEGIES]
    out = np.empty(counts.shape, dtype=object)
    for idx in np.ndindex(counts.shape):
        k = int(counts[idx])
        pure = sorted(int(x) for x in code[idx] if x >= 0)
        if k == 0:
            out[idx] = "none"
        elif k == 1:
            out[idx] = names[pure[0]] if pure else "mixed"
        else:
            out[idx] = ("multiple: " + " + ".join(names[x] for x in pure)) if pure else "multiple"
    return out


def equilibrium_regions(params: PartnershipParams, x: Axis, x_values: Any, y: Axis, y_values: Any,
                        tol: float = DEFAULT_TOL) -> RegionMap:
    """Equilibrium labels over the grid ``x_values`` x ``y_values`` of parameters ``x`` and ``y``
    (others at ``params``), solved all at once with :func:`sco_games.games.solve_batch`.

    ``x`` (or ``y``) may be a tuple of parameter names set to the same value (e.g. both US stakes).

    >>> m = equilibrium_regions(PartnershipParams.example(), "us_stake_russia", [0, 2, 40],
    ...                         "us_stake_china", [2])
    >>> m.labels.tolist()
    [['Partner/Partner', 'Partner/Partner', 'Rival/Partner']]
    >>> equilibrium_regions(PartnershipParams.example(), "us_stake_russia", [10],
    ...                     "us_stake_china", [10]).labels.tolist()
    [['multiple: Partner/Partner + Rival/Rival']]
    """
    check_section(params, PartnershipParams, "partnership", "equilibrium_regions")
    xk, yk = _axis_keys(x), _axis_keys(y)
    if set(xk) & set(yk):
        raise ValueError(f"region axes share a parameter: {sorted(set(xk) & set(yk))}")
    xs = np.asarray(x_values, dtype=float).ravel()
    ys = np.asarray(y_values, dtype=float).ravel()
    if xs.size == 0 or ys.size == 0:
        raise ValueError("x_values and y_values must be non-empty")
    v = values_of(params)
    gx, gy = np.meshgrid(xs, ys)  # shape (ny, nx)
    for k in xk:
        v[k] = gx
    for k in yk:
        v[k] = gy
    a, b = payoff_matrices(v)
    batch = solve_batch(a, b, tol=tol)
    row = np.nan_to_num(batch.row)
    col = np.nan_to_num(batch.col)
    level = (row @ ALIGNMENT_LEVEL) + (col @ ALIGNMENT_LEVEL)
    amax = np.where(batch.mask, level, -np.inf).max(axis=-1)
    amin = np.where(batch.mask, level, np.inf).min(axis=-1)
    regret = batch.regret[batch.mask]
    return RegionMap(
        x_keys=xk, y_keys=yk, x=xs, y=ys, labels=batch_labels(batch), counts=np.asarray(batch.counts),
        degenerate=np.asarray(batch.degenerate), alignment_max=amax, alignment_min=amin,
        max_regret=float(regret.max()) if regret.size else 0.0, method=batch.method,
    )


@dataclass(frozen=True)
class Thresholds:
    """US-stake thresholds per side, read off the payoff table (each side's best-reply conditions):

    * ``ally_holds_below``: Ally stays a best reply to Ally (vs deviating to Partner) while
      ``U_i <= W_i - (D + N_i) / (1 - theta)`` (``S`` cancels: a Partner keeps the ally's backing);
    * ``partner_holds_below``: Partner stays a best reply to Partner (vs Rival) while
      ``U_i <= W_i + (B + G + C_i) / theta``;
    * ``rival_answers_rival_above``: Rival is a best reply to Rival once ``U_i >= C_i / theta``.

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
    (-7.0, 17.0, 6.0)
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
        out["rival"][name] = float(c / th)
    return Thresholds(out["ally"], out["partner"], out["rival"])


@dataclass(frozen=True)
class Sustainability:
    """Grim-trigger sustainability of one cooperative profile (a row of the notebook's table)."""

    name: str
    profile: tuple[str, str]
    punishment: str
    result: GrimTriggerResult

    @property
    def delta_star(self) -> float | None:
        return self.result.delta_star

    def verdict(self) -> str:
        r = self.result
        if r.delta_star is None:
            return "not sustainable at any discount factor (" + r.reason + ")"
        if r.delta_star == 0.0:
            return "self-enforcing: a stage equilibrium, sustained at every discount factor"
        return f"sustained iff delta >= {r.delta_star:.3g} (binding: {PLAYERS[r.binding_player or 0]})"


def sustainability(params: PartnershipParams) -> tuple[Sustainability, Sustainability]:
    """Grim trigger (via :func:`sco_games.repeated.critical_discount_factor`, Nash reversion) for

    * the **partnership** Partner/Partner, and
    * the **joint front** Ally/Ally (coordination against the US as over Kosovo and the ABM treaty in
      1999-2001, fn 25; Russia's defection at Köln is the temptation ``T``).

    Nash reversion punishes a deviator with the worst pure stage equilibrium for it. If the stage
    game has no pure equilibrium, the minmax punishment is used instead (and recorded).

    >>> p, j = sustainability(PartnershipParams.example())
    >>> p.delta_star, j.delta_star
    (0.0, None)
    """
    check_section(params, PartnershipParams, "partnership", "sustainability")
    game = stage_game(params)
    out = []
    for name, prof in (("partnership", (PARTNER, PARTNER)), ("joint front", (ALLY, ALLY))):
        try:
            res = critical_discount_factor(game.A, game.B, profile=prof, punishment="nash")
        except ValueError:
            res = critical_discount_factor(game.A, game.B, profile=prof, punishment="minmax")
        out.append(Sustainability(name, (STRATEGIES[prof[0]], STRATEGIES[prof[1]]), res.punishment, res))
    return out[0], out[1]


TRIANGLE_STATES: tuple[str, str, str] = ("Russia", "China", "US")


def triangle(params: PartnershipParams) -> Triangle:
    """The strategic triangle Russia-China-US from the scenario's three relations (Dittmer 1981).

    >>> triangle(PartnershipParams.example()).pattern
    'stable marriage'
    """
    check_section(params, PartnershipParams, "partnership", "triangle")
    v = values_of(params)
    return classify_triangle(TRIANGLE_STATES, {
        ("Russia", "China"): v["relation_russia_china"],
        ("Russia", "US"): v["relation_russia_us"],
        ("China", "US"): v["relation_china_us"],
    })


# ------------------------------------------------------------------------------------------------------
# the paper's claims P1-P5 (shared/MODELS.md section 1)

#: Top of the value ladder (4 = "vital"): the largest payoff term the scenario files consider plausible.
LADDER_TOP = 4.0

#: Counterfactuals for P2: which pillar is removed (values set to 0).
PILLAR_COUNTERFACTUALS: tuple[tuple[str, dict[str, float]], ...] = (
    ("no border stability (B = 0)", {"border_stability": 0.0}),
    ("no security guarantees (G = 0)", {"security_guarantee": 0.0}),
    ("no counterweight (W = 0)", {"counterweight_russia": 0.0, "counterweight_china": 0.0}),
    ("none of the three pillars", {"border_stability": 0.0, "security_guarantee": 0.0,
                                   "counterweight_russia": 0.0, "counterweight_china": 0.0}),
    ("no rivalry cost (C = 0)", {"rivalry_cost_russia": 0.0, "rivalry_cost_china": 0.0}),
    ("no distrust (D = 0)", {"distrust_cost": 0.0}),
    ("no distrust, no entrapment (D = N = 0)",
     {"distrust_cost": 0.0, "entrapment_cost_russia": 0.0, "entrapment_cost_china": 0.0}),
    ("no distrust, entrapment or US stakes (D = N = U = 0)",
     {"distrust_cost": 0.0, "entrapment_cost_russia": 0.0, "entrapment_cost_china": 0.0,
      "us_stake_russia": 0.0, "us_stake_china": 0.0}),
    ("no pillars and no rivalry cost (B = G = W = C = 0)",
     {"border_stability": 0.0, "security_guarantee": 0.0, "counterweight_russia": 0.0,
      "counterweight_china": 0.0, "rivalry_cost_russia": 0.0, "rivalry_cost_china": 0.0}),
)


@dataclass(frozen=True)
class Claim:
    """One of the paper's claims and what the model says about it."""

    id: str
    claim: str
    verdict: str  # "reproduced", "partly", "not reproduced"
    under: str
    evidence: str


def pillar_table(params: PartnershipParams) -> list[tuple[str, str]]:
    """Rows ``(counterfactual, equilibrium label)`` for :data:`PILLAR_COUNTERFACTUALS` (P2)."""
    check_section(params, PartnershipParams, "partnership", "pillar_table")
    rows = [("scenario as given", analyze(params).label)]
    for name, change in PILLAR_COUNTERFACTUALS:
        rows.append((name, analyze(with_values(params, **change)).label))
    return rows


def _monotone_non_increasing(a: np.ndarray) -> bool:
    return bool(np.all(np.diff(a) <= 1e-9))


def assess_claims(founding: PartnershipParams, post_911: PartnershipParams, iraq: PartnershipParams,
                  stakes: RegionMap) -> list[Claim]:
    """P1-P5 of MODELS.md section 1, judged from the three scenarios' parameters and ``stakes``, a
    :class:`RegionMap` over (``us_stake_russia``, ``us_stake_china``) at ``founding``'s other values.
    Nothing here is tuned: each verdict is computed, and says under which parameters it holds."""
    for p in (founding, post_911, iraq):
        check_section(p, PartnershipParams, "partnership", "assess_claims")
    f, p, q = analyze(founding), analyze(post_911), analyze(iraq)
    claims = []
    # P1
    v = values_of(founding)
    lo, hi = founding.partnership_depth.range or (v["partnership_depth"],) * 2
    depth_labels = {th: analyze(with_values(founding, partnership_depth=th)).label for th in (lo, hi)}
    ok = f.label == "Partner/Partner"
    robust = all(lab == "Partner/Partner" for lab in depth_labels.values())
    claims.append(Claim(
        "P1", "the partnership is neither alliance nor rivalry: a 'peaceful buffer' (§3-1)",
        "reproduced" if ok else "not reproduced",
        f"founding values; partnership depth theta = {lo:g} and {hi:g} give "
        + ", ".join(depth_labels.values()),
        f"founding 2001: the unique verified equilibrium is {f.label}"
        + ("" if ok else " (not Partner/Partner)") + f"; robust over the theta range: {robust}"))
    # P2
    rows = dict(pillar_table(founding))
    single = [k for k in ("no border stability (B = 0)", "no security guarantees (G = 0)",
                          "no counterweight (W = 0)") if rows[k] != "Partner/Partner"]
    no_distrust = rows["no distrust (D = 0)"]
    no_barriers = rows["no distrust, entrapment or US stakes (D = N = U = 0)"]
    no_reasons = rows["no pillars and no rivalry cost (B = G = W = C = 0)"]
    rests_on = no_reasons != "Partner/Partner"
    distrust_decisive = no_distrust != "Partner/Partner"
    barriers_matter = no_barriers != "Partner/Partner"
    full = len(single) == 3 and distrust_decisive
    claims.append(Claim(
        "P2", "it rests on border stability, guarantees and a counterweight, and is kept from intimacy "
        "by a long border and distrust (§3-1)",
        "reproduced" if full else ("partly" if (rests_on or barriers_matter) else "not reproduced"),
        "founding values with terms removed (table of counterfactuals)",
        ("removing a single pillar changes the equilibrium: " + ", ".join(single) if single else
         "no single pillar is necessary (overdetermined)")
        + f"; removing all of them and the rivalry cost gives {no_reasons}"
        + f"; without distrust alone: {no_distrust}; without distrust, entrapment and US stakes: "
        f"{no_barriers}" + (" (an alliance becomes an equilibrium)" if barriers_matter else "")))
    # P3
    mono = (all(_monotone_non_increasing(stakes.alignment_max[j, :]) for j in range(len(stakes.y)))
            and all(_monotone_non_increasing(stakes.alignment_max[:, i]) for i in range(len(stakes.x))))
    on_ladder = np.outer(stakes.y <= LADDER_TOP + 1e-12, stakes.x <= LADDER_TOP + 1e-12)
    moved_on_ladder = len(set(stakes.labels[on_ladder].tolist())) > 1
    moved_anywhere = len(set(stakes.labels.ravel().tolist())) > 1
    labels_seen = sorted(set(stakes.labels[~stakes.degenerate].tolist()))
    t = us_stake_thresholds(founding)
    claims.append(Claim(
        "P3", "'second axis': the better Russia-US or China-US relations, the worse Russia-China "
        "(§2-1, fn 26)",
        "reproduced" if (mono and moved_on_ladder) else ("partly" if (mono and moved_anywhere)
                                                         else "not reproduced"),
        f"US stakes 0-{stakes.x.max():g} (Russia) x 0-{stakes.y.max():g} (China), other values founding; "
        f"the value ladder ends at {LADDER_TOP:g} ('vital')",
        f"the equilibrium changes with the US stakes within the ladder (0-{LADDER_TOP:g}): "
        f"{moved_on_ladder}; "
        f"beyond it: {moved_anywhere}; "
        f"alignment never rises with either US stake on the grid: {mono}; labels of non-degenerate cells: "
        f"{', '.join(labels_seen)}; rivalry answers rivalry from U_R >= "
        f"{t.rival_answers_rival_above['Russia']:g} (U_C >= {t.rival_answers_rival_above['China']:g}); "
        f"the partnership stops being an equilibrium at U_R > {t.partner_holds_below['Russia']:g}"
        f" or U_C > {t.partner_holds_below['China']:g}; Ally/Ally needs U_i <= "
        f"{t.ally_holds_below['Russia']:g} (Russia), {t.ally_holds_below['China']:g} (China)"
        + (" -- below zero, so no alliance at any stake: the move is partnership -> rivalry"
           if max(t.ally_holds_below.values()) < 0 else "")))
    # P4
    tri_f, tri_p = triangle(founding), triangle(post_911)
    pivot_ok = tri_p.pattern == "romantic triangle" and tri_p.pivot == "Russia"
    pf, pp = f.equilibria[0].payoffs if len(f.equilibria) == 1 else (np.nan,) * 2, (
        p.equilibria[0].payoffs if len(p.equilibria) == 1 else (np.nan,) * 2)
    jf, jp = sustainability(founding)[1].result, sustainability(post_911)[1].result
    gain_f = jf.deviation[0] - jf.cooperative[0]
    gain_p = jp.deviation[0] - jp.cooperative[0]
    # "harder" as an outcome: a joint front sustainable in 2001 needs more patience (or none works) in 2002
    harder_outcome = jf.delta_star is not None and (jp.delta_star is None or jp.delta_star > jf.delta_star)
    harder_payoff = gain_p > gain_f
    claims.append(Claim(
        "P4", "after 9/11 Russia's turn to the US made coordination harder; Russia pivots (§2-1)",
        "reproduced" if (pivot_ok and harder_outcome) else (
            "partly" if (pivot_ok or harder_payoff) else "not reproduced"),
        "post-9/11 values (U_R 2 -> 3, W_C 1 -> 2, E_C 2 -> 3; relations from §2-1)",
        f"triangle 2001: {tri_f.pattern}; 2002: {tri_p.pattern}, pivot {tri_p.pivot} (the relations are read "
        f"from the paper, so this is a classification, not a prediction); equilibrium 2002: {p.label}; "
        f"Russia's payoff in it {pf[0]:g} -> {pp[0]:g}, China's {pf[1]:g} -> {pp[1]:g}; Russia's gain from "
        f"leaving a joint front {gain_f:g} -> {gain_p:g}; joint front sustainable in 2001: "
        f"{jf.delta_star is not None}, in 2002: {jp.delta_star is not None}"
        + ("" if harder_outcome else " (so 'harder' shows in payoffs only, not as a change of outcome)")))
    # P5
    tri_q = triangle(iraq)
    both_oppose = tri_q.sign("Russia", "US") < 0 and tri_q.sign("China", "US") < 0
    _, jq = sustainability(iraq)
    persists = q.label == "Partner/Partner"
    claims.append(Claim(
        "P5", "on Iraq both opposed the US, differently; the partnership 'has not functioned so well' yet "
        "persists (§2-2)",
        "reproduced" if (persists and jq.delta_star is None and both_oppose) else "partly",
        "Iraq 2003 values (W_R 1 -> 2, U_C 2 -> 3; relations from §2-2)",
        f"equilibrium {q.label} (persists: {persists}); joint front: {jq.verdict()}"
        + (" -- as in 2001, so the model explains why the front did not work, not a change"
           if jf.delta_star is None and jq.delta_star is None else "")
        + f"; both relations with the US negative: {both_oppose}; triangle: {tri_q.pattern}"))
    return claims
