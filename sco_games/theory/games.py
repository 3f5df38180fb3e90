"""Normal-form games and their verified Nash equilibria.

Two-player (bimatrix) games are :class:`NormalFormGame` objects; :func:`solve` returns all Nash
equilibria of a nondegenerate game, and all *extreme* equilibria of a degenerate one, each one
checked by its regret on the original payoffs; :func:`solve_batch` does the same for a stack of
small games at once (for equilibrium regions over a parameter grid). For n-player games given as
arrays of shape ``(n, s_1, ..., s_n)`` -- players FIRST, where QuantEcon's ``payoff_profile_array`` puts
them last (``np.moveaxis(a, -1, 0)`` converts) -- :func:`pure_equilibria`, :func:`best_responses` and
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

Why not nashpy alone (each trap is a test of this project): nashpy 0.0.43's ``support_enumeration`` drops
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
from sco_games.theory.labels import clean as _clean
from sco_games.theory.labels import fmt_mixed as _fmt_mixed
from sco_games.theory.labels import table_html, table_text
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


def _check_strategies_shape(strategies, m: int, n: int) -> None:
    """``strategies`` must be a pair of label sequences (one per player), never one flat tuple of labels."""
    example = (tuple(f"R{i + 1}" for i in range(m)), tuple(f"C{j + 1}" for j in range(n)))
    expected = f"a pair (row labels, column labels), e.g. strategies={example!r} for this {m} x {n} game"
    try:
        items = list(strategies)
    except TypeError:
        raise ValueError(f"strategies must be {expected}; got {strategies!r}") from None
    if isinstance(strategies, str) or any(isinstance(x, str) for x in items):
        raise ValueError(f"strategies must be {expected}; got the flat {strategies!r}")
    if len(items) != 2:
        raise ValueError(f"strategies must be {expected}; got {strategies!r}")


def _distribution(v, k: int, name: str) -> np.ndarray:
    """``v`` as a probability vector of length ``k`` (entries >= 0 summing to 1, within 1e-9), or a clear
    ``ValueError`` naming the argument."""
    try:
        x = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a probability vector of {k} numbers; got {v!r}") from None
    if x.shape != (k,):
        raise ValueError(f"{name} must be a probability vector of {k} numbers (one per strategy); got shape "
                         f"{x.shape}")
    if not np.isfinite(x).all() or (x < -1e-9).any() or abs(x.sum() - 1.0) > 1e-9:
        raise ValueError(
            f"{name} must be a probability distribution (entries >= 0 summing to 1); got "
            f"{[_clean(t) for t in x]} (sum {_clean(x.sum())})"
        )
    return x


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
        if isinstance(self.players, str):
            raise ValueError(
                f"players must be a pair of names, e.g. players=('Ann', 'Bob'); got the string "
                f"{self.players!r}"
            )
        players = tuple(self.players)
        if len(players) != 2 or not all(isinstance(p, str) for p in players) or players[0] == players[1]:
            raise ValueError(f"players must be two distinct names, e.g. ('Ann', 'Bob'); got {self.players!r}")
        m, n = A.shape
        if self.strategies is None:
            strategies = _default_strategies(m, n)
        else:
            _check_strategies_shape(self.strategies, m, n)
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
        """``(x^T A y, x^T B y)`` for mixed strategies ``x`` (row) and ``y`` (column), each a probability
        distribution over that player's strategies (checked)."""
        m, n = self.shape
        x, y = _distribution(row, m, "row"), _distribution(col, n, "col")
        return float(x @ self.A @ y), float(x @ self.B @ y)

    def regrets(self, row, col) -> tuple[float, float]:
        """Each player's gain from her best unilateral deviation:
        ``(max_i (A y)_i - x^T A y, max_j (B^T x)_j - x^T B y)``; an equilibrium has both ~0. ``row`` and
        ``col`` must be probability distributions (entries >= 0 summing to 1, within 1e-9).

        >>> NormalFormGame([[1, -1], [-1, 1]]).regrets([0.5, 0.5], [1, 1])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: col must be a probability distribution (entries >= 0 summing to 1); got [1.0, 1.0] ...
        """
        m, n = self.shape
        x, y = _distribution(row, m, "row"), _distribution(col, n, "col")
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


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A verified Nash equilibrium ``(row, col)`` of a bimatrix game.

    ``payoffs`` = ``(x^T A y, x^T B y)`` and ``regret`` = the larger of the two players' gains from
    a unilateral deviation (:meth:`NormalFormGame.regrets`), both on the game's original payoffs;
    ``regrets`` gives each player's. ``support`` lists the strategies played with positive
    probability. ``method`` says how it was found. Unpacks as ``row, col = eq``. ``game``: the game it
    was found in (set by :func:`solve`; ``None`` for a hand-made equilibrium), so ``eq.label()`` needs no
    argument.
    """

    row: np.ndarray
    col: np.ndarray
    payoffs: tuple[float, float]
    regret: float
    method: str
    support: tuple[tuple[int, ...], tuple[int, ...]] = field(default=((), ()))
    regrets: tuple[float, float] = (0.0, 0.0)
    game: NormalFormGame | None = field(default=None, repr=False)

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

    def label(self, game: NormalFormGame | None = None) -> str:
        """A readable description using the player and strategy labels of ``game`` (default: the game
        :func:`solve` found it in). A ``game`` of another shape, or with other payoffs than the one it was
        found in, is a ``ValueError``.

        >>> eq = solve(NormalFormGame([[1, -1], [-1, 1]], players=("Ann", "Bob")))[0]
        >>> eq.label()
        'Ann: 1/2 R1 + 1/2 R2; Bob: 1/2 C1 + 1/2 C2'
        """
        game = _label_game(self, game)
        return (
            f"{game.players[0]}: {_fmt_mixed(self.row, game.strategies[0])}; "
            f"{game.players[1]}: {_fmt_mixed(self.col, game.strategies[1])}"
        )

    def __repr__(self) -> str:
        return (
            f"Equilibrium(row={[_clean(p) for p in self.row]}, col={[_clean(p) for p in self.col]}, "
            f"payoffs=({_clean(self.payoffs[0]):.6g}, {_clean(self.payoffs[1]):.6g}), "
            f"regret={_clean(self.regret, 15):.2g}, method={self.method!r})"
        )


def _label_game(eq: Equilibrium, game: NormalFormGame | None) -> NormalFormGame:
    """The game whose labels describe ``eq``: ``game`` if given (checked against ``eq``), else its own."""
    if game is None:
        if eq.game is None:
            raise ValueError(
                "label() needs the game: this equilibrium was not made by solve(game); pass eq.label(game)"
            )
        return eq.game
    if not isinstance(game, NormalFormGame):
        raise ValueError(f"label(game) takes a NormalFormGame; got {type(game).__name__}")
    if game.shape != (len(eq.row), len(eq.col)):
        raise ValueError(
            f"label(game): the game does not match this equilibrium: it is {game.shape[0]} x "
            f"{game.shape[1]}, the equilibrium is of a {len(eq.row)} x {len(eq.col)} game"
        )
    if eq.game is not None and not (np.array_equal(game.A, eq.game.A) and np.array_equal(game.B, eq.game.B)):
        raise ValueError(
            "label(game): the game does not match this equilibrium: its payoffs differ from those of the "
            "game solve() found it in (call eq.label() with no argument for that game's labels)"
        )
    return game


@dataclass(frozen=True, eq=False)
class NashSubset:
    """A maximal Nash subset: every profile in ``conv(rows) x conv(cols)`` is an equilibrium.

    ``rows`` (k, m) and ``cols`` (l, n) are extreme equilibrium strategies; ``equilibria`` are the
    indices (in the :class:`SolveResult`) of the k * l extreme equilibria it contains.
    """

    rows: np.ndarray
    cols: np.ndarray
    equilibria: tuple[int, ...]
    game: NormalFormGame | None = field(default=None, repr=False)

    def label(self, game: NormalFormGame | None = None) -> str:
        """The subset in words, with the labels of ``game`` (default: the solved game): each player's
        extreme strategies, any mixture of which (one per player) is an equilibrium.

        >>> g = NormalFormGame([[1, 1], [1, 1]], [[1, 1], [1, 1]], players=("Ann", "Bob"))
        >>> solve(g).nash_subsets()[0].label()
        'Ann: any mix of {R1 | R2}; Bob: any mix of {C1 | C2}'
        """
        game = _label_game(Equilibrium(self.rows[0], self.cols[0], (0.0, 0.0), 0.0, "", game=self.game), game)

        def side(vs: np.ndarray, labels: Sequence[str]) -> str:
            terms = [_fmt_mixed(v, labels) for v in vs]
            return terms[0] if len(terms) == 1 else "any mix of {" + " | ".join(terms) + "}"

        return f"{game.players[0]}: {side(self.rows, game.strategies[0])}; " \
               f"{game.players[1]}: {side(self.cols, game.strategies[1])}"

    def __repr__(self) -> str:
        return (
            f"NashSubset(rows={[[_clean(p) for p in v] for v in self.rows]}, "
            f"cols={[[_clean(p) for p in v] for v in self.cols]}, equilibria={self.equilibria})"
        )


class SolveResult(list):
    """The list of :class:`Equilibrium` returned by :func:`solve`, with what was computed:

    - ``degenerate``: the game is degenerate (von Stengel 2007, ch. 3: some mixed strategy with
      support of size k has more than k pure best responses). Then the list holds the *extreme*
      equilibria (vertices of the equilibrium components), and the equilibrium set may contain
      continua (convex combinations within maximal Nash subsets; Avis et al. 2010).
    - ``method``, ``tol``: the algorithm and the relative regret tolerance used.
    - ``rejected``: completely labelled candidates dropped by the regret check (expected 0).
    - ``game``: the solved game (each equilibrium remembers it too, for ``eq.label()``).

    ``str(result)`` (and ``print``) is a table, one equilibrium a line; Jupyter shows it as an HTML table.
    """

    def __init__(self, equilibria, *, degenerate: bool, method: str, tol: float, rejected: int = 0,
                 game: NormalFormGame | None = None):
        super().__init__(equilibria)
        self.degenerate = bool(degenerate)
        self.method = method
        self.tol = float(tol)
        self.rejected = int(rejected)
        self.game = game
        if game is not None:
            for eq in self:
                if eq.game is None:
                    object.__setattr__(eq, "game", game)

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
                game=self.game,
            ))
        return sorted(out, key=lambda sub: sub.equilibria)

    def __repr__(self) -> str:
        return (
            f"SolveResult({list.__repr__(self)}, degenerate={self.degenerate}, method={self.method!r}, "
            f"tol={self.tol:g})"
        )

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        """The table behind ``str`` and ``_repr_html_``: a header and one row of cells per equilibrium."""
        game = self.game
        names = game.players if game is not None else ("Row", "Column")
        head = ["#", names[0], names[1], f"payoff {names[0]}", f"payoff {names[1]}", "regret"]
        rows = []
        for k, eq in enumerate(self):
            labels = game.strategies if game is not None else (
                tuple(f"R{i + 1}" for i in range(len(eq.row))),
                tuple(f"C{j + 1}" for j in range(len(eq.col))),
            )
            rows.append([str(k), _fmt_mixed(eq.row, labels[0]), _fmt_mixed(eq.col, labels[1]),
                         f"{_clean(eq.payoffs[0]):.6g}", f"{_clean(eq.payoffs[1]):.6g}",
                         f"{_clean(eq.regret, 15):.1e}"])
        return head, rows

    def _footer(self) -> str:
        kind = ("degenerate (extreme equilibria listed; see nash_subsets())" if self.degenerate
                else "nondegenerate")
        return (f"{len(self)} equilibri{'um' if len(self) == 1 else 'a'} of a {kind} game; {self.method}, "
                f"regret <= {self.tol:g} x payoff range")

    def __str__(self) -> str:
        return table_text(*self._rows(), self._footer())

    def _repr_html_(self) -> str:
        return table_html(*self._rows(), self._footer())


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
        degenerate=raw.degenerate, method=METHOD_VERTEX, tol=tol, rejected=raw.rejected, game=game,
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
