"""Power indices of simple (voting) games: exact counting by dynamic programming for weighted rules.

Private helper of :mod:`sco_games.theory.coalitions` (import from there). Knows nothing of the SCO.

A weighted voting game ``[q; w_1, ..., w_n]`` makes a coalition winning iff its total weight is at least the
quota ``q``; ``veto_players`` adds the condition that every veto player belongs to it (e.g. the UN Security
Council: five vetoes plus at least four of ten others).

Counting (integer weights). The generating function ``prod_j (1 + y x^{w_j})`` counts coalitions by size and
weight: ``C[s, w]`` = number of coalitions of size s and weight w (Mann & Shapley 1962; Brams & Affuso 1976;
Matsui & Matsui 2000 survey these methods). Each player's table *without* that player is obtained by exact
integer deconvolution ``C_{-i}[s] = C[s] - shift(C_{-i}[s-1], w_i)``, so the whole computation costs
``O(n^2 W)`` integer operations (``W`` = total weight) instead of ``2^n``. Then

- Shapley-Shubik: ``phi_i = sum_s s! (n-1-s)! / n! * #{S not containing i, |S| = s, q - w_i <= w(S) < q}``;
- Banzhaf: swings ``eta_i = #{S not containing i: q - w_i <= w(S) < q}``; normalized ``eta_i / sum_j eta_j``,
  raw (Penrose-Banzhaf measure) ``eta_i / 2^(n-1)``;
- Coleman's power of the collectivity to act: ``#winning coalitions / 2^n`` (Coleman 1971).

Counts are exact integers (numpy int64 up to n = 60, Python integers beyond); the indices are exact rationals
rounded once to float. Non-integer weights are handled by exact enumeration for n <= 22 (and rejected above).
A general simple game given as a callable ``winning(coalition) -> bool`` is handled by enumeration
(:func:`simple_game_power`, n <= 20).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

__all__ = [
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
]

_MAX_ENUM = 22  # largest n for enumeration with non-integer weights
_MAX_SIMPLE = 20  # largest n for a callable simple game


@dataclass(frozen=True)
class PowerIndex:
    """A power index: ``values[i]`` for player i (iterable, indexable like a tuple of floats).

    ``counts`` are the exact integers behind it: for Shapley-Shubik the number of orderings (out of n!) in
    which the player is pivotal; for Banzhaf the number of swings. ``denominator`` turns counts into values.
    """

    index: str
    values: tuple[float, ...]
    counts: tuple[int, ...]
    denominator: int
    weights: tuple[float, ...] | None
    quota: float | None
    veto_players: tuple[int, ...]
    labels: tuple[str, ...] | None
    method: str

    def __iter__(self) -> Iterator[float]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, i: int) -> float:
        return self.values[i]

    def as_dict(self) -> dict[str | int, float]:
        """``{label or index: value}``."""
        keys = self.labels if self.labels is not None else range(len(self.values))
        return dict(zip(keys, self.values, strict=True))


@dataclass(frozen=True)
class WeightedGame:
    """A validated weighted voting game ``[quota; weights]`` with optional veto players."""

    weights: tuple[float, ...]
    quota: float
    veto_players: tuple[int, ...]
    labels: tuple[str, ...] | None
    integer: bool  # all weights integral: exact DP applies

    @property
    def n(self) -> int:
        return len(self.weights)

    def is_winning(self, coalition: Sequence[int] | frozenset[int]) -> bool:
        """Whether a coalition (indices) wins: weight >= quota and it contains every veto player."""
        members = set(coalition)
        return sum(self.weights[i] for i in members) >= self.quota and set(self.veto_players) <= members


# ----------------------------------------------------------------------------------------------------------
# validation


def weighted_game(
    weights: Sequence[float],
    quota: float,
    veto_players: Sequence[int | str] = (),
    labels: Sequence[str] | None = None,
) -> WeightedGame:
    """Validate ``[quota; weights]`` (+ veto players, as indices or, with ``labels``, as labels): weights
    finite and >= 0, at least one player, ``0 < quota <= total weight`` so that the grand coalition wins and
    the empty one does not. The result can be passed to every power function in place of the weights.

    >>> weighted_game([4, 4, 4, 2, 2, 1], 12).integer
    True
    >>> g = weighted_game([1, 1, 1], 2, veto_players=["China"], labels=["China", "Russia", "Kazakhstan"])
    >>> g.veto_players, shapley_shubik(g).as_dict()["China"]
    ((0,), 0.6666666666666666)
    """
    try:
        w = [float(x) for x in weights]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"weights must be a sequence of numbers, got {weights!r}") from exc
    if not w:
        raise ValueError("weights must name at least one player")
    if not all(math.isfinite(x) and x >= 0 for x in w):
        raise ValueError(f"weights must be finite and non-negative, got {weights!r}")
    try:
        q = float(quota)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"quota must be a number, got {quota!r}") from exc
    total = sum(w)
    if not (math.isfinite(q) and 0 < q <= total * (1 + 1e-12)):
        raise ValueError(f"quota must satisfy 0 < quota <= total weight {total:g}, got {quota!r}")
    if labels is not None:
        labels = tuple(str(x) for x in labels)
        if len(labels) != len(w) or len(set(labels)) != len(w):
            raise ValueError(f"labels must be {len(w)} distinct names, got {labels!r}")
    if isinstance(veto_players, str | int):
        raise ValueError(f"veto_players must be a sequence of players (indices or labels), got "
                         f"{veto_players!r}")
    vetoes = []
    for v in veto_players:
        if isinstance(v, str):
            if labels is None or v not in labels:
                raise ValueError(f"veto_players: {v!r} is not a player label "
                                 f"({'no labels given' if labels is None else f'labels: {list(labels)}'})")
            v = labels.index(v)
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or not 0 <= int(v) < len(w):
            raise ValueError(f"veto_players must be player indices in 0..{len(w) - 1} or labels, got {v!r}")
        vetoes.append(int(v))
    if len(set(vetoes)) != len(vetoes):
        raise ValueError(f"veto_players must not repeat a player, got {veto_players!r}")
    integer = all(abs(x - round(x)) <= 1e-9 * max(1.0, abs(x)) for x in w)
    if integer:
        w = [float(round(x)) for x in w]
    return WeightedGame(tuple(w), q, tuple(sorted(vetoes)), labels, integer)


# ----------------------------------------------------------------------------------------------------------
# dynamic programming over (size, weight)


def _count_table(weights: Sequence[int], total: int, big: bool) -> np.ndarray:
    """``C[s, w]``: number of subsets of ``weights`` with s members and total weight w."""
    n = len(weights)
    C = np.zeros((n + 1, total + 1), dtype=object if big else np.int64)
    C[0, 0] = 1
    for wj in weights:
        shifted = C[:-1, : total + 1 - wj].copy()
        C[1:, wj:] += shifted
    return C


def _without(C: np.ndarray, wi: int) -> np.ndarray:
    """Exact deconvolution: the table of the same players minus one player of weight ``wi``."""
    D = np.zeros_like(C)
    D[0] = C[0]
    for s in range(1, C.shape[0]):
        D[s] = C[s]
        if wi == 0:
            D[s] = D[s] - D[s - 1]
        else:
            D[s, wi:] = D[s, wi:] - D[s - 1, :-wi]
    return D


def _pivot_counts_dp(game: WeightedGame) -> tuple[list[list[int]], int]:
    """For each player i, ``counts[i][s]`` = number of coalitions S (not containing i, |S| = s) for which i is
    pivotal (S loses, S + i wins); also the number of winning coalitions."""
    n = game.n
    w = [int(x) for x in game.weights]
    # integer weights: w(S) >= q  <=>  w(S) >= ceil(q) (with a relative tolerance for rounding in q)
    q = math.ceil(game.quota - 1e-9 * max(1.0, game.quota))
    vetoes = set(game.veto_players)
    others = [i for i in range(n) if i not in vetoes]
    w_veto = sum(w[i] for i in vetoes)
    w_others = [w[i] for i in others]
    total = sum(w_others)
    big = n > 60
    C = _count_table(w_others, total, big)  # coalitions T of non-veto players
    nv = len(vetoes)
    counts: list[list[int]] = [[0] * n for _ in range(n)]

    def weight_range_sum(table_row: np.ndarray, lo: int, hi: int) -> int:
        lo, hi = max(lo, 0), min(hi, total)
        return int(table_row[lo : hi + 1].sum()) if lo <= hi else 0

    for k, i in enumerate(others):
        D = _without(C, w_others[k])  # T ranges over non-vetoes other than i; S = vetoes + T
        lo, hi = q - w[i] - w_veto, q - 1 - w_veto
        for t in range(len(others)):
            c = weight_range_sum(D[t], lo, hi)
            if c:
                counts[i][nv + t] = c
    for i in vetoes:
        # S contains the other vetoes (without i it loses); i is pivotal iff w(S) + w_i >= q
        lo = q - w_veto
        for t in range(len(others) + 1):
            c = weight_range_sum(C[t], lo, total)
            if c:
                counts[i][nv - 1 + t] = c
    n_winning = sum(weight_range_sum(C[t], q - w_veto, total) for t in range(len(others) + 1))
    return counts, n_winning


def _pivot_counts_enum(winning: np.ndarray, n: int) -> tuple[list[list[int]], int]:
    """Same counts by enumerating all ``2^n`` coalitions (``winning`` indexed by bitmask)."""
    masks = np.arange(1 << n, dtype=np.int64)
    sizes = np.bitwise_count(masks)
    counts: list[list[int]] = []
    for i in range(n):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        piv = without[~winning[without] & winning[without | bit]]
        counts.append(np.bincount(sizes[piv], minlength=n)[:n].astype(int).tolist())
    return counts, int(winning.sum())


def _weighted_winning_table(game: WeightedGame) -> np.ndarray:
    n = game.n
    masks = np.arange(1 << n, dtype=np.int64)
    wsum = np.zeros(1 << n)
    for i, wi in enumerate(game.weights):
        wsum += np.where(masks & (1 << i), wi, 0.0)
    win = wsum >= game.quota - 1e-9 * max(1.0, game.quota)
    for v in game.veto_players:
        win &= (masks & (1 << v)) != 0
    return win


def _counts(game: WeightedGame) -> tuple[list[list[int]], int, str]:
    if game.integer:
        counts, n_win = _pivot_counts_dp(game)
        return counts, n_win, "exact DP over (size, weight) generating function with deconvolution"
    if game.n > _MAX_ENUM:
        raise ValueError(
            f"weights must be integers for n > {_MAX_ENUM} players (exact DP); round or rescale them "
            "(e.g. multiply by 1000 and round)"
        )
    counts, n_win = _pivot_counts_enum(_weighted_winning_table(game), game.n)
    return counts, n_win, "exact enumeration of 2^n coalitions (non-integer weights)"


def _shapley_from_counts(counts: list[list[int]], n: int) -> tuple[tuple[int, ...], int]:
    orderings = tuple(
        sum(c * math.factorial(s) * math.factorial(n - 1 - s) for s, c in enumerate(row)) for row in counts
    )
    return orderings, math.factorial(n)


def _result(index, values_num, denom, game, method) -> PowerIndex:
    values = tuple(float(Fraction(c, denom)) if denom else 0.0 for c in values_num)
    return PowerIndex(
        index=index,
        values=values,
        counts=tuple(int(c) for c in values_num),
        denominator=int(denom),
        weights=game.weights,
        quota=game.quota,
        veto_players=game.veto_players,
        labels=game.labels,
        method=method,
    )


# ----------------------------------------------------------------------------------------------------------
# public API


def _as_weighted(weights: Sequence[float] | WeightedGame, quota: float | None,
                 veto_players: Sequence[int | str], labels: Sequence[str] | None, caller: str
                 ) -> WeightedGame:
    """A :class:`WeightedGame` as given, or built from ``[quota; weights]`` (then ``quota`` is needed)."""
    if isinstance(weights, WeightedGame):
        if quota is not None or tuple(veto_players) or labels is not None:
            raise ValueError(f"{caller}: a WeightedGame carries its quota, veto players and labels; pass "
                             f"only the game, e.g. {caller}(weighted_game(weights, quota, ...))")
        return weights
    if quota is None:
        raise ValueError(f"{caller}: quota is needed with a list of weights ({caller}(weights, quota)), or "
                         "pass a WeightedGame")
    return weighted_game(weights, quota, veto_players, labels)


def shapley_shubik(
    weights: Sequence[float] | WeightedGame,
    quota: float | None = None,
    veto_players: Sequence[int | str] = (),
    labels: Sequence[str] | None = None,
) -> PowerIndex:
    """Shapley-Shubik (1954) index of the weighted game ``[quota; weights]`` (+ veto players): the share of
    the n! orderings in which each player is pivotal. Exact (see the module docstring).

    >>> ss = shapley_shubik([4, 4, 4, 2, 2, 1], 12)       # EEC Council of Ministers, 1958
    >>> [round(x, 4) for x in ss]
    [0.2333, 0.2333, 0.2333, 0.15, 0.15, 0.0]
    """
    game = _as_weighted(weights, quota, veto_players, labels, "shapley_shubik")
    counts, _, method = _counts(game)
    orderings, denom = _shapley_from_counts(counts, game.n)
    return _result("shapley-shubik", orderings, denom, game, method)


def banzhaf(
    weights: Sequence[float] | WeightedGame,
    quota: float | None = None,
    normalized: bool = True,
    veto_players: Sequence[int | str] = (),
    labels: Sequence[str] | None = None,
) -> PowerIndex:
    """Banzhaf (1965) index: swings ``eta_i`` (coalitions that i turns from losing to winning), normalized to
    sum to 1 (``normalized=True``) or divided by ``2^(n-1)`` (Penrose-Banzhaf measure, ``normalized=False``).

    >>> bz = banzhaf([4, 4, 4, 2, 2, 1], 12)              # EEC 1958: 5/21, 3/21, 0
    >>> bz.counts, bz.denominator
    ((10, 10, 10, 6, 6, 0), 42)
    """
    game = _as_weighted(weights, quota, veto_players, labels, "banzhaf")
    counts, _, method = _counts(game)
    swings = tuple(sum(row) for row in counts)
    if normalized:
        return _result("banzhaf (normalized)", swings, sum(swings), game, method)
    return _result("banzhaf (raw, Penrose)", swings, 2 ** (game.n - 1), game, method)


def coleman_power_to_act(
    weights: Sequence[float] | WeightedGame, quota: float | None = None, veto_players: Sequence[int] = ()
) -> float:
    """Coleman's (1971) power of a collectivity to act: the share of all ``2^n`` coalitions that win.

    Under unanimity (all weights 1, quota n) it is ``2^-n``.

    >>> coleman_power_to_act([1] * 6, 6)
    0.015625
    """
    game = _as_weighted(weights, quota, veto_players, None, "coleman_power_to_act")
    _, n_win, _ = _counts(game)
    return float(Fraction(n_win, 2**game.n))


@dataclass(frozen=True)
class ColemanIndices:
    """Coleman's (1971) measures: the collectivity's ``power_to_act`` (winning share of the 2^n coalitions)
    and each member's power to ``prevent`` action (swings / winning coalitions) and to ``initiate`` it
    (swings / losing coalitions)."""

    power_to_act: float
    prevent: tuple[float, ...]
    initiate: tuple[float, ...]
    winning: int
    swings: tuple[int, ...]
    method: str


def coleman_indices(
    weights: Sequence[float] | WeightedGame, quota: float | None = None, veto_players: Sequence[int] = ()
) -> ColemanIndices:
    """Coleman's power to act, and each member's power to prevent / initiate action.

    A veto player can prevent every action (``prevent = 1``).

    >>> c = coleman_indices([1, 1, 1], 3)          # unanimity of 3: act 1/8; each can prevent surely
    >>> c.power_to_act, c.prevent, [round(x, 4) for x in c.initiate]
    (0.125, (1.0, 1.0, 1.0), [0.1429, 0.1429, 0.1429])
    """
    game = _as_weighted(weights, quota, veto_players, None, "coleman_indices")
    counts, n_win, method = _counts(game)
    swings = tuple(sum(row) for row in counts)
    n_lose = 2**game.n - n_win
    return ColemanIndices(
        power_to_act=float(Fraction(n_win, 2**game.n)),
        prevent=tuple(float(Fraction(s, n_win)) for s in swings),
        initiate=tuple(float(Fraction(s, n_lose)) for s in swings),
        winning=n_win,
        swings=swings,
        method=method,
    )


def veto_rule(n_veto: int, n_others: int, k: int) -> tuple[list[int], int, list[int]]:
    """A "``n_veto`` vetoes plus ``k`` of ``n_others``" rule as ``(weights, quota, veto_players)``.

    Players ``0..n_veto-1`` are the veto players; all weights are 1 and the quota is ``n_veto + k``, so a
    coalition wins iff it has every veto player and at least k others. E.g. the UN Security Council since
    1965: ``veto_rule(5, 10, 4)``.

    >>> veto_rule(2, 3, 1)
    ([1, 1, 1, 1, 1], 3, [0, 1])
    """
    for name, x in (("n_veto", n_veto), ("n_others", n_others), ("k", k)):
        if isinstance(x, bool) or not isinstance(x, int | np.integer) or x < 0:
            raise ValueError(f"{name} must be a non-negative integer, got {x!r}")
    if n_veto + n_others == 0:
        raise ValueError("the rule needs at least one player (n_veto + n_others >= 1)")
    if k > n_others:
        raise ValueError(f"k must be at most n_others={n_others}, got {k!r}")
    if n_veto + k == 0:
        raise ValueError("with no veto players k must be at least 1 (otherwise the empty coalition wins)")
    return [1] * (n_veto + n_others), n_veto + k, list(range(n_veto))


def simple_game_power(
    winning: Callable[[frozenset[int]], bool], n: int, normalized: bool = True
) -> tuple[PowerIndex, PowerIndex]:
    """Shapley-Shubik and Banzhaf indices of any simple game given by ``winning(coalition)`` over players
    ``0..n-1``, by enumerating the ``2^n`` coalitions (n <= 20). The game must be monotone with the grand
    coalition winning and the empty one losing (checked).

    >>> ss, bz = simple_game_power(lambda s: {0, 1} <= s or {0, 2} <= s, 3)   # 0 and one of 1, 2
    >>> [round(x, 4) for x in ss], [round(x, 4) for x in bz]
    ([0.6667, 0.1667, 0.1667], [0.6, 0.2, 0.2])
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 1 <= n <= _MAX_SIMPLE:
        raise ValueError(f"n must be an integer in 1..{_MAX_SIMPLE} for enumeration, got {n!r}")
    n = int(n)
    win = np.array(
        [bool(winning(frozenset(i for i in range(n) if m >> i & 1))) for m in range(1 << n)], dtype=bool
    )
    if win[0] or not win[-1]:
        raise ValueError("winning must make the grand coalition win and the empty coalition lose")
    masks = np.arange(1 << n)
    for i in range(n):
        without = masks[(masks & (1 << i)) == 0]
        if np.any(win[without] & ~win[without | (1 << i)]):
            raise ValueError("winning must be monotone (adding a member never turns a win into a loss)")
    counts, _ = _pivot_counts_enum(win, n)
    method = "exact enumeration of 2^n coalitions (callable simple game)"
    pseudo = WeightedGame(tuple([1.0] * n), float(n), (), None, True)
    orderings, denom = _shapley_from_counts(counts, n)
    ss = _result("shapley-shubik", orderings, denom, pseudo, method)
    swings = tuple(sum(row) for row in counts)
    denom_b = sum(swings) if normalized else 2 ** (n - 1)
    bz = _result("banzhaf (normalized)" if normalized else "banzhaf (raw, Penrose)", swings, denom_b, pseudo,
                 method)
    return (
        PowerIndex(ss.index, ss.values, ss.counts, ss.denominator, None, None, (), None, method),
        PowerIndex(bz.index, bz.values, bz.counts, bz.denominator, None, None, (), None, method),
    )
