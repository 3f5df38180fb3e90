"""Normal-form games and their verified Nash equilibria.

Two-player (bimatrix) games are :class:`NormalFormGame` objects; :func:`solve` returns all Nash
equilibria of a nondegenerate game, and all *extreme* equilibria of a degenerate one, each one
checked by its regret on the original payoffs; :func:`solve_batch` does the same for a stack of
small games at once (for equilibrium regions over a parameter grid). For n-player games given as
arrays of shape ``(n, s_1, ..., s_n)``: :func:`pure_equilibria`, :func:`best_responses` and
:func:`iterated_elimination`.

Method (``"vertex"``, the default): enumeration of the vertices of the best-response polytopes
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}`` (payoffs mapped to [1, 2]) and of
their completely labelled pairs, after von Stengel (2007), "Equilibrium computation for two-player
games in strategic and extensive form", *Algorithmic Game Theory* ch. 3, and Avis,
Rosenberg, Savani and von Stengel (2010), *Economic Theory* 42: 9-37. :func:`solve` finds the
vertices by the cheapest exact method for the game's shape (:mod:`sco_games.theory.extreme`): a 2 x 2
game in plain Python; small games (``C(m + n, m) <= 252``) by solving the square system of every
support pair at once; a game in which one player has at most 3 strategies by the same systems
(reduced to the support); larger games by qhull (``scipy.spatial.ConvexHull``) on the polar of each
polytope, as QuantEcon's ``vertex_enumeration`` does, falling back to the support systems if qhull
fails. Every vertex's labels are computed from all of its constraints with one tolerance, whichever
method found it, so the methods give the same equilibria (tested against each other);
:func:`solve_batch` runs the support systems on a whole stack (:mod:`sco_games.theory.vertex`).
For a degenerate game, :meth:`SolveResult.nash_subsets` gives the maximal Nash subsets, whose union
is the set of all equilibria.

Tolerance: ``tol`` (default ``1e-9``) is *relative*: an equilibrium is returned only if each
player's regret (the most she gains by a unilateral deviation, in her own payoff units) is at most
``tol`` times the range (max - min) of her payoffs. Because payoffs are normalized by a positive
affine map first, answers do not change when a player's payoffs are rescaled (1e-3 or 1e6 alike).
Inside the enumeration, payoff differences below ``1e-10`` of a player's payoff range count as ties
(``vertex.LABEL_TOL``), so a game within that distance of a degenerate one is reported as
degenerate; linear systems with condition number above ``1e11`` are treated as singular.

Why not nashpy alone (DESIGN.md, Known traps): nashpy 0.0.43's ``support_enumeration`` drops
equilibria of generic games, its ``vertex_enumeration`` returns false ones at payoff scale 1e6,
and its degeneracy warning is unreliable.

>>> bos = NormalFormGame([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"),
...                      strategies=(("Opera", "Football"), ("Opera", "Football")))
>>> eqs = solve(bos)
>>> len(eqs), eqs.degenerate
(3, False)
>>> [eq.label(bos) for eq in eqs]  # doctest: +NORMALIZE_WHITESPACE
['Ann: Opera; Bob: Opera', 'Ann: Football; Bob: Football',
 'Ann: 2/3 Opera + 1/3 Football; Bob: 1/3 Opera + 2/3 Football']
>>> row, col = eqs[2]
>>> [round(v, 9) for v in eqs[2].payoffs]
[0.666666667, 0.666666667]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

import numpy as np

from sco_games.theory.cliques import maximal_bicliques
from sco_games.theory.extreme import extreme_equilibria
from sco_games.theory.nplayer import best_responses, iterated_elimination, pure_equilibria

__all__ = [
    "NormalFormGame",
    "Equilibrium",
    "SolveResult",
    "NashSubset",
    "BatchResult",
    "solve",
    "solve_batch",
    "pure_equilibria",
    "best_responses",
    "iterated_elimination",
    "DEFAULT_TOL",
    "METHOD_VERTEX",
]

#: Default relative tolerance of the regret check (times each player's payoff range).
DEFAULT_TOL = 1e-9
#: The method string recorded in every equilibrium found by vertex enumeration.
METHOD_VERTEX = "vertex_enumeration"
#: Largest payoff magnitude accepted (products and ranges must stay far from float overflow).
MAX_ABS_PAYOFF = 1e150
#: :func:`solve` refuses games in which both players have more strategies than this (the number of
#: vertices of the best-response polytopes, hence the time, grows exponentially with the smaller side).
MAX_SMALLER_SIDE = 20

_METHODS = ("auto", "vertex")


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float, copy=True)
    a.setflags(write=False)
    return a


def _as_matrix(M, name: str) -> np.ndarray:
    """A read-only float copy of a payoff matrix, or a ValueError naming ``name`` and what is wrong."""
    try:
        arr = np.array(M, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a numeric matrix: {exc}") from None
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D payoff matrix (rows x columns); got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must be non-empty (each player needs a strategy); got shape {arr.shape}")
    if not np.abs(arr).max() <= MAX_ABS_PAYOFF:  # one pass for both checks (NaN fails the comparison)
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} must contain only finite payoffs (no NaN or infinity)")
        _check_magnitude(arr, name)
    arr.setflags(write=False)
    return arr


@lru_cache(maxsize=256)
def _default_strategies(m: int, n: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(f"R{i + 1}" for i in range(m)), tuple(f"C{j + 1}" for j in range(n))


def _check_magnitude(arr: np.ndarray, name: str) -> None:
    if np.abs(arr).max() > MAX_ABS_PAYOFF:
        raise ValueError(
            f"{name} must have payoffs of magnitude at most {MAX_ABS_PAYOFF:g} (rescale them; equilibria "
            "do not change under positive scaling)"
        )


def _payoff_scale(M: np.ndarray, axes=(-2, -1)) -> np.ndarray | float:
    """Range (max - min) of a player's payoffs, or 1 where the payoffs are constant."""
    rng = np.max(M, axis=axes) - np.min(M, axis=axes)
    return np.where(rng > 0, rng, 1.0) if np.ndim(rng) else (float(rng) if rng > 0 else 1.0)


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """A labelled two-player game in strategic form: the row player gets ``A[i, j]``, the column
    player ``B[i, j]``; ``B=None`` means zero-sum (``B = -A``). Frozen; arrays are read-only copies.

    >>> g = NormalFormGame([[1, -1], [-1, 1]])           # Matching Pennies
    >>> g.shape, g.is_zero_sum, g.strategies
    ((2, 2), True, (('R1', 'R2'), ('C1', 'C2')))
    >>> NormalFormGame([[1, 2]], [[1, 2, 3]])
    Traceback (most recent call last):
    ...
    ValueError: B must have the same shape as A (1, 2); got (1, 3)
    """

    A: np.ndarray
    B: np.ndarray | None = None
    players: tuple[str, str] = ("Row", "Column")
    strategies: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def __post_init__(self) -> None:
        A = _as_matrix(self.A, "A")
        if self.B is None:
            B = -A
            B.setflags(write=False)
        else:
            B = _as_matrix(self.B, "B")
        if B.shape != A.shape:
            raise ValueError(f"B must have the same shape as A {A.shape}; got {B.shape}")
        players = tuple(self.players)
        if len(players) != 2 or not all(isinstance(p, str) for p in players) or players[0] == players[1]:
            raise ValueError(f"players must be two distinct names; got {self.players!r}")
        m, n = A.shape
        if self.strategies is None:
            strategies = _default_strategies(m, n)
        else:
            if len(self.strategies) != 2:
                raise ValueError("strategies must be a pair (row labels, column labels)")
            strategies = (tuple(map(str, self.strategies[0])), tuple(map(str, self.strategies[1])))
            for who, labels, k in ((players[0], strategies[0], m), (players[1], strategies[1], n)):
                if len(labels) != k or len(set(labels)) != k:
                    raise ValueError(
                        f"strategies for {who} must be {k} distinct labels; got {labels!r}"
                    )
        object.__setattr__(self, "A", A)
        object.__setattr__(self, "B", B)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)

    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``: numbers of row and column strategies."""
        return self.A.shape  # type: ignore[return-value]

    @property
    def is_zero_sum(self) -> bool:
        """Whether ``A + B == 0`` exactly."""
        return bool(np.array_equal(self.A, -self.B))

    @property
    def payoff_scales(self) -> tuple[float, float]:
        """Each player's payoff range (max - min; 1 if constant): the unit of the regret tolerance."""
        ra = float(self.A.max() - self.A.min())
        rb = float(self.B.max() - self.B.min())
        return (ra if ra > 0 else 1.0), (rb if rb > 0 else 1.0)

    def expected_payoffs(self, row, col) -> tuple[float, float]:
        """``(x^T A y, x^T B y)`` for mixed strategies ``x`` (row) and ``y`` (column)."""
        x, y = np.asarray(row, dtype=float), np.asarray(col, dtype=float)
        return float(x @ self.A @ y), float(x @ self.B @ y)

    def regrets(self, row, col) -> tuple[float, float]:
        """Each player's gain from her best unilateral deviation:
        ``(max_i (A y)_i - x^T A y, max_j (B^T x)_j - x^T B y)``; an equilibrium has both ~0."""
        x, y = np.asarray(row, dtype=float), np.asarray(col, dtype=float)
        Ay, xB = self.A @ y, x @ self.B
        return float(Ay.max() - x @ Ay), float(xB.max() - xB @ y)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            np.array_equal(self.A, other.A)
            and np.array_equal(self.B, other.B)
            and self.players == other.players
            and self.strategies == other.strategies
        )

    def __hash__(self) -> int:
        return hash((self.A.tobytes(), self.B.tobytes(), self.shape, self.players, self.strategies))

    def __repr__(self) -> str:
        return (
            f"NormalFormGame(A={self.A.tolist()}, B={self.B.tolist()}, players={self.players}, "
            f"strategies={self.strategies})"
        )


def _fmt_prob(p: float) -> str:
    f = Fraction(p).limit_denominator(1000)
    if abs(float(f) - p) < 1e-9:
        return f"{f.numerator}/{f.denominator}" if f.denominator != 1 else str(f.numerator)
    return f"{p:.4g}"


def _fmt_mixed(v: np.ndarray, labels: Sequence[str]) -> str:
    terms = [(p, lab) for p, lab in zip(v, labels, strict=True) if p > 0]
    if len(terms) == 1:
        return terms[0][1]
    return " + ".join(f"{_fmt_prob(p)} {lab}" for p, lab in terms)


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A verified Nash equilibrium ``(row, col)`` of a bimatrix game.

    ``payoffs`` = ``(x^T A y, x^T B y)`` and ``regret`` = the larger of the two players' gains from
    a unilateral deviation (:meth:`NormalFormGame.regrets`), both on the game's original payoffs;
    ``regrets`` gives each player's. ``support`` lists the strategies played with positive
    probability. ``method`` says how it was found. Unpacks as ``row, col = eq``.
    """

    row: np.ndarray
    col: np.ndarray
    payoffs: tuple[float, float]
    regret: float
    method: str
    support: tuple[tuple[int, ...], tuple[int, ...]] = field(default=((), ()))
    regrets: tuple[float, float] = (0.0, 0.0)

    def __iter__(self):
        yield self.row
        yield self.col

    def __len__(self) -> int:
        return 2

    def __getitem__(self, i: int) -> np.ndarray:
        return (self.row, self.col)[i]

    @property
    def is_pure(self) -> bool:
        """Whether both players play a single strategy."""
        return len(self.support[0]) == 1 and len(self.support[1]) == 1

    def as_fractions(self, max_denominator: int = 1000) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """Probabilities as the nearest fractions with denominators up to ``max_denominator``."""
        def frac(v: np.ndarray) -> tuple[Fraction, ...]:
            return tuple(Fraction(float(p)).limit_denominator(max_denominator) for p in v)

        return frac(self.row), frac(self.col)

    def label(self, game: NormalFormGame) -> str:
        """A readable description using the game's player and strategy labels."""
        return (
            f"{game.players[0]}: {_fmt_mixed(self.row, game.strategies[0])}; "
            f"{game.players[1]}: {_fmt_mixed(self.col, game.strategies[1])}"
        )

    def __repr__(self) -> str:
        return (
            f"Equilibrium(row={np.round(self.row, 6).tolist()}, col={np.round(self.col, 6).tolist()}, "
            f"payoffs=({self.payoffs[0]:.6g}, {self.payoffs[1]:.6g}), regret={self.regret:.2g}, "
            f"method={self.method!r})"
        )


@dataclass(frozen=True, eq=False)
class NashSubset:
    """A maximal Nash subset: every profile in ``conv(rows) x conv(cols)`` is an equilibrium.

    ``rows`` (k, m) and ``cols`` (l, n) are extreme equilibrium strategies; ``equilibria`` are the
    indices (in the :class:`SolveResult`) of the k * l extreme equilibria it contains.
    """

    rows: np.ndarray
    cols: np.ndarray
    equilibria: tuple[int, ...]


class SolveResult(list):
    """The list of :class:`Equilibrium` returned by :func:`solve`, with what was computed:

    - ``degenerate``: the game is degenerate (von Stengel 2007, ch. 3: some mixed strategy with
      support of size k has more than k pure best responses). Then the list holds the *extreme*
      equilibria (vertices of the equilibrium components), and the equilibrium set may contain
      continua (convex combinations within maximal Nash subsets; Avis et al. 2010).
    - ``method``, ``tol``: the algorithm and the relative regret tolerance used.
    - ``rejected``: completely labelled candidates dropped by the regret check (expected 0).
    """

    def __init__(self, equilibria, *, degenerate: bool, method: str, tol: float, rejected: int = 0):
        super().__init__(equilibria)
        self.degenerate = bool(degenerate)
        self.method = method
        self.tol = float(tol)
        self.rejected = int(rejected)

    def nash_subsets(self) -> list[NashSubset]:
        """The maximal Nash subsets ``conv(rows) x conv(cols)``: their union is the set of *all*
        equilibria (Avis et al. 2010). In a nondegenerate game each is a single equilibrium.

        >>> A = [[3, 3], [2, 5], [0, 6]]; B = [[3, 3], [2, 6], [3, 1]]   # degenerate (see solve)
        >>> [(s.rows.round(3).tolist(), s.cols.round(3).tolist()) for s in solve(A, B).nash_subsets()]
        ... # doctest: +NORMALIZE_WHITESPACE
        [([[1.0, 0.0, 0.0]], [[1.0, 0.0], [0.667, 0.333]]), ([[0.0, 0.333, 0.667]], [[0.333, 0.667]])]
        """
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []

        def index(pool: list[np.ndarray], v: np.ndarray) -> int:
            for i, w in enumerate(pool):
                if np.array_equal(v, w):
                    return i
            pool.append(v)
            return len(pool) - 1

        edges = {(index(xs, eq.row), index(ys, eq.col)): k for k, eq in enumerate(self)}
        out = []
        for X, Y in maximal_bicliques(edges):
            out.append(NashSubset(
                rows=np.array([xs[i] for i in X]),
                cols=np.array([ys[j] for j in Y]),
                equilibria=tuple(sorted(edges[i, j] for i in X for j in Y)),
            ))
        return sorted(out, key=lambda sub: sub.equilibria)

    def __repr__(self) -> str:
        return (
            f"SolveResult({list.__repr__(self)}, degenerate={self.degenerate}, method={self.method!r}, "
            f"tol={self.tol:g})"
        )


def _as_game(game_or_A, B) -> NormalFormGame:
    if isinstance(game_or_A, NormalFormGame):
        if B is not None:
            raise ValueError("B must be None when a NormalFormGame is given (its payoffs are used)")
        return game_or_A
    return NormalFormGame(game_or_A, B)


def _check_tol(tol) -> float:
    if not isinstance(tol, (int, float, np.floating)) or not 0 < tol < 1:  # (NaN fails 0 < tol)
        raise ValueError(
            f"tol must be a number in (0, 1) (relative to each player's payoff range); got {tol!r}"
        )
    return float(tol)


def _support(v: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.flatnonzero(v > 0))


def solve(game_or_A, B=None, method: str = "auto", tol: float = DEFAULT_TOL) -> SolveResult:
    """All Nash equilibria of a nondegenerate bimatrix game; all extreme ones of a degenerate game.

    ``game_or_A`` is a :class:`NormalFormGame` or the row player's payoff matrix (then ``B`` is the
    column player's, ``None`` meaning zero-sum). ``method``: ``"auto"`` or ``"vertex"`` (vertex
    enumeration of the best-response polytopes, von Stengel 2007, ch. 3; the only method so far).
    Each equilibrium is verified: every player's regret is at most ``tol`` times her payoff range.
    Equilibria are listed by support size (pure ones first), with no duplicates.

    Cost: a 2 x 2 or 3 x 3 game well under a millisecond; larger games cost two convex hulls (qhull),
    which grow with the number of vertices of the best-response polytopes: a random 12 x 12 game in
    tens of milliseconds, 15 x 15 in seconds (``benchmarks/bench_solve_peers.py``). Games in which both
    players have more than ``MAX_SMALLER_SIDE`` (20) strategies are refused.

    >>> A = [[3, 3], [2, 5], [0, 6]]; B = [[3, 2], [2, 6], [3, 1]]   # von Stengel (2007), ch. 3
    >>> [eq.as_fractions() for eq in solve(A, B)]  # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))),
     ((Fraction(4, 5), Fraction(1, 5), Fraction(0, 1)), (Fraction(2, 3), Fraction(1, 3))),
     ((Fraction(0, 1), Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 3), Fraction(2, 3)))]
    >>> solve([[1, 1], [1, 1]], [[1, 1], [1, 1]]).degenerate   # every profile is an equilibrium
    True
    """
    if not isinstance(game_or_A, NormalFormGame):  # a nashpy / QuantEcon / pygambit game (issue 10)
        from sco_games.theory.interop import from_foreign

        game_or_A = from_foreign(game_or_A)
    game = _as_game(game_or_A, B)
    tol = _check_tol(tol)
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}; got {method!r}")
    m, n = game.shape
    if min(m, n) > MAX_SMALLER_SIDE:
        raise ValueError(
            f"game_or_A is too large for vertex enumeration ({m} x {n}: both players have more than "
            f"{MAX_SMALLER_SIDE} strategies, and the number of vertices to enumerate grows exponentially)"
        )
    sa, sb = game.payoff_scales
    raw = extreme_equilibria(game.A, game.B, tol, sa, sb)
    return SolveResult(
        _equilibria(raw.row, raw.col, raw.payoffs, raw.regrets),
        degenerate=raw.degenerate, method=METHOD_VERTEX, tol=tol, rejected=raw.rejected,
    )


def _equilibria(
    rows: np.ndarray, cols: np.ndarray, payoffs: np.ndarray, regrets: np.ndarray
) -> list[Equilibrium]:
    """:class:`Equilibrium` objects from fresh verified arrays (made read-only; each equilibrium holds
    a row of them), built without the dataclass's per-field ``object.__setattr__`` (the fixed cost of
    small games)."""
    rows.setflags(write=False)
    cols.setflags(write=False)
    supp_x = [tuple(i for i, p in enumerate(r) if p > 0) for r in rows.tolist()]
    supp_y = [tuple(j for j, q in enumerate(c) if q > 0) for c in cols.tolist()]
    out = []
    new = object.__new__
    for k, ((pa, pb), (ra, rb)) in enumerate(zip(payoffs.tolist(), regrets.tolist(), strict=True)):
        eq = new(Equilibrium)
        eq.__dict__.update(
            row=rows[k], col=cols[k], payoffs=(pa, pb), regret=max(ra, rb), method=METHOD_VERTEX,
            support=(supp_x[k], supp_y[k]), regrets=(ra, rb),
        )
        out.append(eq)
    return out


def _make_equilibrium(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> Equilibrium:
    x = _readonly(x)
    y = _readonly(y)
    Ay, xB = A @ y, x @ B
    ra, rb = float(Ay.max() - x @ Ay), float(xB.max() - xB @ y)
    return Equilibrium(
        row=x,
        col=y,
        payoffs=(float(x @ Ay), float(xB @ y)),
        regret=max(ra, rb),
        method=METHOD_VERTEX,
        support=(_support(x), _support(y)),
        regrets=(ra, rb),
    )


# solve_batch and BatchResult live in batch_solve (which imports the helpers above, so this import comes last)
from sco_games.theory.batch_solve import BatchResult, solve_batch  # noqa: E402
