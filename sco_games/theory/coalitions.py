"""Cooperative games: TU solutions (Shapley value, core, least core, nucleolus), voting power, spatial vetoes.

Knows nothing of the SCO.

TU games. A game on players ``0..n-1`` (or on labels: pass ``n`` as a sequence of labels) is given as

- a mapping from coalitions to values; a coalition is a ``frozenset`` (or set/tuple) of players, or an ``int``
  bitmask (bit i = player i). Coalitions not listed are worth 0 and ``v(empty) = 0``;
- or a callable ``v(frozenset_of_players) -> float``.

Solutions:

- :func:`shapley_value`: ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! (v(S + i) - v(S))``
  (Shapley 1953), vectorized over the ``2^n`` coalitions (n <= 20);
- :func:`core`: one linear program for the least core ``min eps: x(S) >= v(S) - eps, x(N) = v(N)``; the core
  is non-empty iff ``eps* <= 0``, and then the returned point is in it. When it is empty, a second LP gives
  the Bondareva-Shapley certificate: balancing weights ``lambda_S`` (``sum_{S contains i} lambda_S = 1``) with
  ``sum lambda_S v(S) > v(N)`` (Bondareva 1963; Shapley 1967);
- :func:`core_vertices`: every vertex of the core polytope, by basis enumeration (n <= 6);
- :func:`nucleolus`: the lexicographic minimizer of the sorted excess vector over imputations
  (Schmeidler 1969), by the sequence of LPs of Kopelowitz (1967) / Maschler, Peleg & Shapley (1979):
  minimize the largest excess of the free coalitions, fix those whose LP dual is positive (tight at every
  optimum), drop coalitions whose characteristic vector is spanned by the fixed ones, repeat until the fixed
  vectors span R^n. Accurate to LP tolerance (~1e-9); n <= 12 (the LP has 2^n rows).

Voting power (weighted games, veto rules, Coleman's power to act) comes from
:mod:`sco_games.theory.power`; spatial veto players (unanimity winset, Pareto set, absorption) from
:mod:`sco_games.theory.spatial`; both are re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog

from sco_games.theory.core_vertices import MAX_CORE_VERTICES_N, core_polytope_vertices
from sco_games.theory.power import (
    ColemanIndices,
    PowerIndex,
    WeightedGame,
    banzhaf,
    coleman_indices,
    coleman_power_to_act,
    shapley_shubik,
    simple_game_power,
    veto_rule,
    weighted_game,
)
from sco_games.theory.spatial import (
    Winset,
    absorbed_members,
    is_absorbed,
    pareto_set_vertices,
    unanimity_core_contains,
    unanimity_winset,
    winset_area_monte_carlo,
)

__all__ = [
    "TUGame",
    "tu_game",
    "Allocation",
    "CoreResult",
    "shapley_value",
    "core",
    "core_vertices",
    "in_core",
    "nucleolus",
    "excesses",
    # voting power
    "PowerIndex",
    "WeightedGame",
    "weighted_game",
    "shapley_shubik",
    "banzhaf",
    "coleman_power_to_act",
    "ColemanIndices",
    "coleman_indices",
    "veto_rule",
    "simple_game_power",
    # spatial
    "Winset",
    "unanimity_winset",
    "winset_area_monte_carlo",
    "unanimity_core_contains",
    "is_absorbed",
    "absorbed_members",
    "pareto_set_vertices",
]

_MAX_N = 20
_MAX_N_LP = 12

GameSpec = Mapping[Any, float] | Callable[[frozenset], float]


# ----------------------------------------------------------------------------------------------------------
# representation


@dataclass(frozen=True)
class TUGame:
    """A TU game as a table: ``values[mask]`` is ``v`` of the coalition with bitmask ``mask``."""

    n: int
    values: np.ndarray
    labels: tuple[Hashable, ...]

    def v(self, coalition: Iterable[Hashable]) -> float:
        """The value of a coalition given by players (labels)."""
        index = {p: i for i, p in enumerate(self.labels)}
        mask = 0
        for p in coalition:
            mask |= 1 << index[p]
        return float(self.values[mask])

    def members(self, mask: int) -> frozenset:
        return frozenset(self.labels[i] for i in range(self.n) if mask >> i & 1)


def tu_game(v: GameSpec | TUGame, n: int | Sequence[Hashable] | None = None) -> TUGame:
    """Validate and tabulate a TU game (see the module docstring for the accepted forms). ``n`` (the number
    of players or their labels) is needed unless ``v`` is already a :class:`TUGame`, which carries its own
    (a different ``n`` is then an error).

    >>> g = tu_game({frozenset({0, 1}): 1.0, 0b111: 2.0}, 3)
    >>> g.values.tolist()
    [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 2.0]
    >>> shapley_value(g).x                            # a TUGame knows its players: no n
    (0.8333333333333333, 0.8333333333333333, 0.3333333333333333)
    """
    if isinstance(v, TUGame):
        if n is not None and not _same_players(v, n):
            raise ValueError(f"n={n!r} does not match the TUGame's players {v.labels!r}; leave n out")
        return v
    if n is None:
        raise ValueError("n is needed for a mapping or callable v: the number of players or their labels "
                         "(e.g. shapley_value(v, 3) or shapley_value(v, ['China', 'Russia', 'Kazakhstan']))")
    if isinstance(n, bool):
        raise ValueError(f"n must be a number of players or a sequence of labels, got {n!r}")
    if isinstance(n, int | np.integer):
        labels: tuple[Hashable, ...] = tuple(range(int(n)))
    else:
        try:
            labels = tuple(n)
        except TypeError as exc:
            raise ValueError(f"n must be a number of players or a sequence of labels, got {n!r}") from exc
        if len(set(labels)) != len(labels):
            raise ValueError(f"player labels must be distinct, got {labels!r}")
    k = len(labels)
    if not 1 <= k <= _MAX_N:
        raise ValueError(f"n must be between 1 and {_MAX_N} players, got {k}")
    index = {p: i for i, p in enumerate(labels)}
    table = np.zeros(1 << k)
    if callable(v) and not isinstance(v, Mapping):
        for mask in range(1, 1 << k):
            table[mask] = float(v(frozenset(labels[i] for i in range(k) if mask >> i & 1)))
        try:
            empty = float(v(frozenset()))
        except Exception:  # noqa: BLE001 - a callable may reject the empty coalition; treat as 0
            empty = 0.0
        if empty != 0.0:
            raise ValueError(f"v(empty coalition) must be 0, got {empty!r}")
    elif isinstance(v, Mapping):
        for key, val in v.items():
            if isinstance(key, int | np.integer) and not isinstance(key, bool):
                mask = int(key)
                if not 0 <= mask < 1 << k:
                    raise ValueError(f"v: bitmask {key!r} names players outside 0..{k - 1}")
            else:
                try:
                    members = list(key)
                except TypeError as exc:
                    raise ValueError(
                        f"v: coalition keys must be sets of players or bitmasks, got {key!r}"
                    ) from exc
                mask = 0
                for p in members:
                    if p not in index:
                        raise ValueError(f"v: coalition {key!r} names {p!r}, not a player of {labels!r}")
                    mask |= 1 << index[p]
            table[mask] = float(val)
        if table[0] != 0.0:
            raise ValueError(f"v(empty coalition) must be 0, got {table[0]!r}")
    else:
        raise ValueError("v must be a mapping from coalitions to values or a callable v(coalition)")
    if not np.all(np.isfinite(table)):
        raise ValueError("v must have finite values")
    table.setflags(write=False)
    return TUGame(k, table, labels)


def _same_players(g: TUGame, n: int | Sequence[Hashable]) -> bool:
    if isinstance(n, int | np.integer) and not isinstance(n, bool):
        return int(n) == g.n
    try:
        return tuple(n) == g.labels
    except TypeError:
        return False


def _masks_and_sizes(n: int) -> tuple[np.ndarray, np.ndarray]:
    masks = np.arange(1 << n, dtype=np.int64)
    return masks, np.bitwise_count(masks).astype(np.int64)


def _incidence(n: int, masks: np.ndarray) -> np.ndarray:
    """Rows: coalitions (masks); columns: players; entry 1 if the player is a member."""
    return ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(float)


# ----------------------------------------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class Allocation:
    """A payoff vector ``x`` (``x[i]`` for player ``labels[i]``) from a TU solution, with its method."""

    solution: str
    x: tuple[float, ...]
    labels: tuple[Hashable, ...]
    method: str
    max_excess: float | None = None  # the largest excess v(S) - x(S) over proper coalitions

    def __iter__(self):
        return iter(self.x)

    def __len__(self) -> int:
        return len(self.x)

    def __getitem__(self, i: int) -> float:
        return self.x[i]

    def as_dict(self) -> dict[Hashable, float]:
        return dict(zip(self.labels, self.x, strict=True))


@dataclass(frozen=True)
class CoreResult:
    """Core membership via the least core.

    ``epsilon`` is the least-core value ``min max_S (v(S) - x(S))`` over efficient x (proper coalitions);
    ``empty`` is True iff ``epsilon > tol``. ``point`` is a least-core allocation: in the core when not empty.
    ``certificate`` (when empty) maps coalitions to Bondareva-Shapley balancing weights ``lambda_S``, with
    ``certificate_value = sum lambda_S v(S) > v(N)`` proving emptiness.
    """

    empty: bool
    epsilon: float
    point: tuple[float, ...]
    labels: tuple[Hashable, ...]
    certificate: dict[frozenset, float] | None
    certificate_value: float | None
    grand_value: float
    method: str


# ----------------------------------------------------------------------------------------------------------
# Shapley value


def shapley_value(v: GameSpec | TUGame, n: int | Sequence[Hashable] | None = None) -> Allocation:
    """Shapley (1953) value, exactly by the weighted-marginal-contribution formula over all coalitions.
    ``n``: the number of players or their labels (not needed for a :class:`TUGame`).

    >>> glove = {frozenset({0, 1}): 1, frozenset({0, 2}): 1, frozenset({0, 1, 2}): 1}   # 0: the left glove
    >>> [round(x, 6) for x in shapley_value(glove, 3)]
    [0.666667, 0.166667, 0.166667]
    """
    g = tu_game(v, n)
    k = g.n
    masks, sizes = _masks_and_sizes(k)
    fact = [math.factorial(s) for s in range(k + 1)]
    weight_by_size = np.array([fact[s] * fact[k - s - 1] / fact[k] if s < k else 0.0 for s in range(k + 1)])
    phi = []
    for i in range(k):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        marg = g.values[without | bit] - g.values[without]
        phi.append(float(np.sum(weight_by_size[sizes[without]] * marg)))
    method = "exact: weighted marginal contributions over 2^n coalitions"
    return Allocation("shapley", tuple(phi), g.labels, method)


# ----------------------------------------------------------------------------------------------------------
# core and least core


def excesses(v: GameSpec | TUGame, n: int | Sequence[Hashable], x: Sequence[float]) -> np.ndarray:
    """``e(S, x) = v(S) - x(S)`` for every coalition, indexed by bitmask (entry 0 is the empty coalition)."""
    g = tu_game(v, n)
    xs = np.asarray(x, dtype=float)
    if xs.shape != (g.n,):
        raise ValueError(f"x must have one entry per player ({g.n}), got shape {xs.shape}")
    masks, _ = _masks_and_sizes(g.n)
    return g.values - _incidence(g.n, masks) @ xs


def in_core(v: GameSpec | TUGame, n: int | Sequence[Hashable], x: Sequence[float], tol: float = 1e-9) -> bool:
    """Whether ``x`` is efficient (``x(N) = v(N)``) and no coalition can improve on it (``x(S) >= v(S)``).

    >>> in_core({0b11: 1.0}, 2, [0.5, 0.5]), in_core({0b11: 1.0}, 2, [1.5, -0.5])
    (True, False)
    """
    g = tu_game(v, n)
    e = excesses(g, n, x)
    scale = max(1.0, float(np.abs(g.values).max()))
    return bool(abs(e[-1]) <= tol * scale and e.max() <= tol * scale)


def _lp(c, A_ub, b_ub, A_eq, b_eq, bounds):
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        raise RuntimeError(f"linear program failed: {res.message}")  # pragma: no cover
    return res


def core(v: GameSpec | TUGame, n: int | Sequence[Hashable] | None = None, tol: float = 1e-9) -> CoreResult:
    """A point in the core, or a certificate that the core is empty (see :class:`CoreResult`).

    >>> majority = {m: 1.0 for m in (0b011, 0b101, 0b110, 0b111)}    # 3-player majority game
    >>> r = core(majority, 3)
    >>> r.empty, round(r.epsilon, 9), round(r.certificate_value, 9)
    (True, 0.333333333, 1.5)
    """
    g = tu_game(v, n)
    k = g.n
    if k > _MAX_N_LP:
        raise ValueError(f"core needs n <= {_MAX_N_LP} (an LP with 2^n rows), got {k}")
    masks, _ = _masks_and_sizes(k)
    grand = (1 << k) - 1
    scale = max(1.0, float(np.abs(g.values).max()))
    proper = masks[1:grand]
    inc = _incidence(k, proper)
    # least core: variables (x, eps); minimize eps s.t. -x(S) - eps <= -v(S); x(N) = v(N)
    if k == 1:
        x = (float(g.values[1]),)
        return CoreResult(False, -math.inf, x, g.labels, None, None, float(g.values[1]), "single player")
    A_ub = np.hstack([-inc, -np.ones((len(proper), 1))])
    b_ub = -g.values[proper]
    A_eq = np.r_[np.ones(k), 0.0][None, :]
    res = _lp(np.r_[np.zeros(k), 1.0], A_ub, b_ub, A_eq, [g.values[grand]], [(None, None)] * (k + 1))
    eps = float(res.x[-1])
    x = tuple(float(t) + 0.0 for t in res.x[:k])
    empty = eps > tol * scale
    cert, cert_val = None, None
    method = "least-core LP (HiGHS)"
    if empty:
        # Bondareva-Shapley: maximize sum lambda_S v(S) s.t. sum_{S contains i} lambda_S = 1, lambda >= 0
        nonempty = masks[1:]
        balance = _incidence(k, nonempty).T
        res2 = _lp(-g.values[nonempty], None, None, balance, np.ones(k), [(0, None)] * len(nonempty))
        lam = res2.x
        cert = {g.members(int(m)): float(w) for m, w in zip(nonempty, lam, strict=True) if w > 1e-12}
        cert_val = float(-res2.fun)
        method += " + Bondareva-Shapley balancedness LP for the emptiness certificate"
    return CoreResult(empty, eps, x, g.labels, cert, cert_val, float(g.values[grand]), method)


def core_vertices(v: GameSpec | TUGame, n: int | Sequence[Hashable] | None = None, tol: float = 1e-9
                  ) -> tuple[tuple[float, ...], ...]:
    """The vertices of the core (the allocations ``x[i]`` for player ``labels[i]``), sorted; ``()`` when the
    core is empty. By basis enumeration of the core polytope (see :mod:`sco_games.theory.core_vertices`),
    for n <= 6 players.

    >>> core_vertices({0b011: 1, 0b101: 1, 0b111: 1}, 3)    # glove game: the left glove gets everything
    ((1.0, 0.0, 0.0),)
    """
    g = tu_game(v, n)
    if g.n > MAX_CORE_VERTICES_N:
        raise ValueError(f"core_vertices needs n <= {MAX_CORE_VERTICES_N} players (basis enumeration), "
                         f"got {g.n}; core() finds one core point for up to {_MAX_N_LP}")
    return tuple(core_polytope_vertices(g.values, g.n, tol))


# ----------------------------------------------------------------------------------------------------------
# nucleolus


def nucleolus(
    v: GameSpec | TUGame, n: int | Sequence[Hashable] | None = None, imputations: bool = True,
    tol: float = 1e-9,
) -> Allocation:
    """Nucleolus (Schmeidler 1969) by sequential LPs (Kopelowitz 1967; Maschler, Peleg & Shapley 1979).

    ``imputations=True`` (the nucleolus proper) restricts to individually rational x (``x_i >= v({i})``);
    ``False`` gives the prenucleolus (efficiency only). Raises ValueError if the imputation set is empty.

    >>> claims, estate = (100, 200, 300), 200            # Aumann & Maschler (1985): the Talmud's 50, 75, 75
    >>> bankruptcy = lambda S: max(0, estate - sum(c for i, c in enumerate(claims) if i not in S))
    >>> [round(x, 6) for x in nucleolus(bankruptcy, 3)]
    [50.0, 75.0, 75.0]
    """
    g = tu_game(v, n)
    k = g.n
    if k > _MAX_N_LP:
        raise ValueError(f"nucleolus needs n <= {_MAX_N_LP} (LPs with 2^n rows), got {k}")
    grand = (1 << k) - 1
    singles = [float(g.values[1 << i]) for i in range(k)]
    if imputations and sum(singles) > g.values[grand] + tol * max(1.0, abs(g.values[grand])):
        raise ValueError("the imputation set is empty (sum of v({i}) exceeds v(N)); try imputations=False")
    if k == 1:
        return Allocation("nucleolus", (float(g.values[grand]),), g.labels, "single player", 0.0)
    scale = max(1.0, float(np.abs(g.values).max()))
    masks, _ = _masks_and_sizes(k)
    free = list(masks[1:grand])
    fixed: list[tuple[int, float]] = []  # (mask, excess)
    span = [np.ones(k)]
    bounds = [(s, None) for s in singles] if imputations else [(None, None)] * k
    bounds = bounds + [(None, None)]
    x = None
    first_eps = None
    rounds = 0
    while free:
        rounds += 1
        inc_free = _incidence(k, np.array(free))
        A_ub = np.hstack([-inc_free, -np.ones((len(free), 1))])
        b_ub = -g.values[free]
        eq_rows = [np.r_[np.ones(k), 0.0]]
        eq_rhs = [g.values[grand]]
        for m, e in fixed:
            eq_rows.append(np.r_[_incidence(k, np.array([m]))[0], 0.0])
            eq_rhs.append(g.values[m] - e)
        res = _lp(np.r_[np.zeros(k), 1.0], A_ub, b_ub, np.array(eq_rows), np.array(eq_rhs), bounds)
        eps = float(res.x[-1])
        if first_eps is None:
            first_eps = eps
        x = res.x[:k]
        duals = np.abs(res.ineqlin.marginals)
        newly = [m for m, d in zip(free, duals, strict=True) if d > 1e-9]
        if not newly:  # pragma: no cover - sum of duals is 1, so some is positive
            tight = g.values[free] - inc_free @ x
            newly = [m for m, e in zip(free, tight, strict=True) if e >= eps - tol * scale]
        for m in newly:
            fixed.append((int(m), eps))
            span.append(_incidence(k, np.array([m]))[0])
        basis = np.array(span)
        rank = np.linalg.matrix_rank(basis, tol=1e-9)
        if rank == k:
            break
        remaining = []
        for m in free:
            if m in newly:
                continue
            row = _incidence(k, np.array([m]))[0]
            if np.linalg.matrix_rank(np.vstack([basis, row]), tol=1e-9) > rank:
                remaining.append(m)
        free = remaining
    assert x is not None
    xt = tuple(float(t) + 0.0 for t in x)
    method = (
        f"sequential LPs (Kopelowitz; Maschler-Peleg-Shapley), {rounds} round(s), HiGHS"
        + ("" if imputations else "; prenucleolus (no individual rationality)")
    )
    return Allocation("nucleolus" if imputations else "prenucleolus", xt, g.labels, method, first_eps)
