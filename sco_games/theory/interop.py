"""Games from and to nashpy, QuantEcon and pygambit (issue 10).

:func:`as_game` turns a ``nashpy.Game``, a QuantEcon ``quantecon.game_theory.NormalFormGame``, a
pygambit strategic game or an array into a :class:`~sco_games.games.NormalFormGame`;
:func:`to_nashpy`, :func:`to_quantecon` and :func:`to_pygambit` convert back. :func:`solve` takes
these objects directly, so a nashpy user checks a game in one line:

>>> import nashpy
>>> from sco_games.games import solve
>>> bos = nashpy.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])         # Battle of the Sexes
>>> [eq.as_fractions() for eq in solve(bos)]  # doctest: +NORMALIZE_WHITESPACE
[((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))),
 ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))),
 ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))]
>>> def rounded(eqs):
...     return sorted((tuple(np.round(x, 9)), tuple(np.round(y, 9))) for x, y in eqs)
>>> rounded(solve(bos)) == rounded(bos.support_enumeration())   # nashpy agrees on this game
True

(nashpy's ``support_enumeration`` is not always right: it drops equilibria of some generic games;
see ``tests/test_games_nashpy_traps.py``.)

Conventions:

- **Players.** :class:`~sco_games.games.NormalFormGame` is two-player. A QuantEcon or pygambit
  game with another number of players is refused by :func:`as_game`; :func:`to_payoff_array` gives
  its payoffs as an array of shape ``(n, s_1, ..., s_n)`` for :func:`~sco_games.games.pure_equilibria`,
  :func:`~sco_games.games.best_responses` and :func:`~sco_games.games.iterated_elimination`.
- **QuantEcon** stores player ``i``'s payoffs with her *own* action on axis 0, then the others'
  in cyclic order (``players[1].payoff_array`` of a bimatrix game is ``B.T``); ours index every
  player's payoffs by ``(a_1, ..., a_n)``. The conversions transpose accordingly.
- **Numbers.** Our games hold floats. pygambit's exact rationals become the nearest floats; the
  other way, each float is handed to pygambit as its shortest decimal form (``str(x)``), which
  pygambit stores exactly, so integer and decimal payoffs stay exact there and ours -> pygambit
  -> ours returns the same floats.
- **Labels.** pygambit keeps player and strategy labels both ways. nashpy and QuantEcon games have
  none: :func:`as_game` then uses the defaults (``"Row"``, ``"Column"``, ``R1...``, ``C1...``) unless
  ``players=`` / ``strategies=`` are given, and :func:`to_nashpy` / :func:`to_quantecon` drop them.

The optional libraries are imported only inside the functions that need them: types are recognised
by their module name (``nashpy``, ``quantecon``, ``pygambit``) or, failing that, by duck typing.

>>> g = as_game(bos, players=("Ann", "Bob"), strategies=(("Opera", "Football"),) * 2)
>>> [eq.label(g) for eq in solve(g)][2]
'Ann: 2/3 Opera + 1/3 Football; Bob: 1/3 Opera + 2/3 Football'
>>> back = to_nashpy(g)
>>> [m.tolist() for m in back.payoff_matrices]
[[[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from sco_games.theory.games import NormalFormGame

__all__ = [
    "as_game",
    "from_foreign",
    "source_kind",
    "to_payoff_array",
    "to_nashpy",
    "to_quantecon",
    "to_pygambit",
]

_INSTALL = {
    "nashpy": "pip install nashpy (a dependency of sco-games)",
    "quantecon": "pip install 'sco-games[oracle]' (or: pip install quantecon)",
    "pygambit": "pip install 'sco-games[oracle]' (or: pip install pygambit==17.0.0b2)",
}


def _import(name: str, purpose: str):
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        top = name.split(".")[0]
        raise ImportError(f"{purpose} needs the optional package {top!r}: {_INSTALL[top]}") from exc


def source_kind(obj) -> str | None:
    """Which library's game ``obj`` is: ``"sco_games"``, ``"nashpy"``, ``"quantecon"``,
    ``"pygambit"``, or ``None`` (an array-like, or something else).

    Decided by the module that defines ``type(obj)``, then by duck typing (``payoff_matrices`` for
    nashpy; ``players`` with ``nums_actions`` for QuantEcon; ``players`` with ``to_arrays`` for
    pygambit), without importing any of these libraries. An object from one of these libraries that
    is not a game (a QuantEcon ``Player``, a pygambit profile) then makes :func:`as_game` raise
    ``TypeError``.

    >>> source_kind(NormalFormGame([[1, -1], [-1, 1]])), source_kind([[1, -1], [-1, 1]])
    ('sco_games', None)
    """
    if isinstance(obj, NormalFormGame):
        return "sco_games"
    root = (getattr(type(obj), "__module__", None) or "").split(".")[0]
    if root in ("nashpy", "quantecon", "pygambit"):
        return root
    if isinstance(obj, (np.ndarray, list, tuple, str, bytes, int, float, complex)):
        return None
    if hasattr(obj, "payoff_matrices"):
        return "nashpy"
    if hasattr(obj, "players") and hasattr(obj, "nums_actions"):
        return "quantecon"
    if hasattr(obj, "players") and hasattr(obj, "to_arrays"):
        return "pygambit"
    return None


def _float_array(a, what: str) -> np.ndarray:
    try:
        return np.array([float(v) for v in np.asarray(a, dtype=object).flat]).reshape(np.shape(a))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must hold numeric payoffs: {exc}") from None


def _labels(labels: Sequence | None) -> tuple[str, ...] | None:
    """``labels`` as a tuple of str if they are distinct and non-empty, else ``None`` (use defaults)."""
    if labels is None:
        return None
    out = tuple(str(lab) for lab in labels)
    if len(set(out)) != len(out) or not all(lab.strip() for lab in out):
        return None
    return out


def _read_nashpy(g) -> tuple[list[np.ndarray], None, None]:
    mats = list(g.payoff_matrices)
    if len(mats) != 2:
        raise ValueError(f"a nashpy game must have two payoff matrices; got {len(mats)}")
    return [_float_array(m, "nashpy payoff_matrices") for m in mats], None, None


def _read_quantecon(g) -> tuple[list[np.ndarray], None, None]:
    # QuantEcon: players[i].payoff_array has axis j = player (i + j) % n (own action first).
    # Ours: axis k = player k, so axis k of ours is axis (k - i) % n of QuantEcon's.
    arrays = [_float_array(p.payoff_array, "QuantEcon payoff_array") for p in g.players]
    n = len(arrays)
    return [np.transpose(a, [(k - i) % n for k in range(n)]) for i, a in enumerate(arrays)], None, None


def _read_pygambit(g) -> tuple[list[np.ndarray], tuple[str, ...] | None, list[tuple[str, ...] | None]]:
    players, strategies = [], []
    for p in g.players:
        if isinstance(p, str):  # pygambit >= 17: players are iterated as their labels
            players.append(p)
            strategies.append(_labels(g.get_strategies(p)))
        else:  # pygambit 16: Player objects (not tested here; the `oracle` extra pins 17.0.0b2)
            players.append(p.label)
            strategies.append(_labels([s.label for s in p.strategies]))
    arrays = [_float_array(a, "pygambit payoffs") for a in g.to_arrays()]
    return arrays, _labels(players), strategies


_READERS = {"nashpy": _read_nashpy, "quantecon": _read_quantecon, "pygambit": _read_pygambit}


def _read(obj, kind: str):
    try:
        return _READERS[kind](obj)
    except AttributeError as exc:
        raise TypeError(f"{type(obj).__name__} looks like a {kind} game but is not one: {exc}") from None


def to_payoff_array(obj) -> np.ndarray:
    """The payoffs of any game :func:`as_game` accepts, as a float array of shape
    ``(n, s_1, ..., s_n)`` (``[p][a_1, ..., a_n]`` = player ``p``'s payoff), for any number ``n``
    of players: the input of :func:`~sco_games.games.pure_equilibria` and the other n-player functions.
    An array-like is returned as a float array (those functions validate its shape).

    >>> to_payoff_array(NormalFormGame([[1, -1], [-1, 1]])).tolist()
    [[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]]
    """
    kind = source_kind(obj)
    if kind == "sco_games":
        return np.stack([obj.A, obj.B])
    if kind is not None:
        arrays = _read(obj, kind)[0]
        if len({a.shape for a in arrays}) != 1:
            raise ValueError(f"the {kind} game's payoff arrays have inconsistent shapes")
        return np.stack(arrays)
    try:
        return np.asarray(obj, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"cannot read payoffs from {type(obj).__name__}: {exc}") from None


def as_game(obj, *, players: Sequence[str] | None = None, strategies=None) -> NormalFormGame:
    """A :class:`~sco_games.games.NormalFormGame` from a game of another library or an array.

    ``obj`` may be:

    - a :class:`~sco_games.games.NormalFormGame`: returned as is (or relabelled, see below);
    - a ``nashpy.Game``: its ``payoff_matrices`` ``(A, B)``;
    - a QuantEcon ``NormalFormGame`` with two players: ``A = players[0].payoff_array``,
      ``B = players[1].payoff_array.T`` (QuantEcon puts each player's own action first);
    - a pygambit game with two players (``pygambit.StrategicGame``; an extensive game gives its
      strategic form): payoffs as floats, with its player and strategy labels;
    - an array-like: a matrix ``A`` (zero-sum, ``B = -A``), or a stack ``[A, B]`` of shape ``(2, m, n)``.

    ``players`` and ``strategies`` (as for :class:`~sco_games.games.NormalFormGame`) replace the
    labels, e.g. for nashpy and QuantEcon games, which carry none. Games with other numbers of
    players raise ``ValueError`` (use :func:`to_payoff_array`).

    >>> as_game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=("Me", "You")).B.tolist()
    [[3.0, 5.0], [0.0, 1.0]]
    >>> as_game(np.zeros((3, 2, 2)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: as_game: an array must be a matrix A (zero-sum) or a stack [A, B] ...; got shape (3, 2, 2) ...
    """
    kind = source_kind(obj)
    labels_p: Sequence[str] | None = None
    labels_s = None
    if kind == "sco_games":
        if players is None and strategies is None:
            return obj
        A, B, labels_p, labels_s = obj.A, obj.B, obj.players, obj.strategies
    elif kind is not None:
        arrays, labels_p, per_player = _read(obj, kind)
        if len(arrays) != 2:
            raise ValueError(
                f"as_game: the {kind} game has {len(arrays)} players, but NormalFormGame is two-player "
                "(for n-player games use to_payoff_array with pure_equilibria, best_responses or "
                "iterated_elimination)"
            )
        A, B = arrays
        if per_player is not None and None not in per_player:
            labels_s = tuple(per_player)
    else:
        try:
            arr = np.asarray(obj, dtype=float)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"as_game cannot convert {type(obj).__name__} (expected a NormalFormGame, nashpy.Game, "
                f"QuantEcon NormalFormGame, pygambit game or numeric array): {exc}"
            ) from None
        if arr.ndim == 2:
            A, B = arr, None
        elif arr.ndim == 3 and arr.shape[0] == 2:
            A, B = arr
        else:
            raise ValueError(
                "as_game: an array must be a matrix A (zero-sum) or a stack [A, B] of shape (2, m, n); "
                f"got shape {arr.shape} (for n-player games use to_payoff_array)"
            )
    return NormalFormGame(
        A,
        B,
        players=tuple(players) if players is not None else (labels_p or ("Row", "Column")),
        strategies=strategies if strategies is not None else labels_s,
    )


def from_foreign(obj):
    """``as_game(obj)`` if ``obj`` is a nashpy, QuantEcon or pygambit game; otherwise ``obj`` itself.

    The hook :func:`~sco_games.games.solve` calls on its first argument, so that arrays keep their
    meaning there (``solve(A, B)``) while other libraries' games are accepted.
    """
    kind = source_kind(obj)
    return obj if kind is None or kind == "sco_games" else as_game(obj)


def to_nashpy(game):
    """A ``nashpy.Game(A, B)`` with the payoffs of ``game`` (anything :func:`as_game` accepts).

    nashpy games have no labels; ``as_game(to_nashpy(g), players=g.players,
    strategies=g.strategies) == g``.
    """
    nash = _import("nashpy", "to_nashpy")
    g = as_game(game)
    return nash.Game(np.array(g.A), np.array(g.B))


def to_quantecon(game):
    """A QuantEcon ``NormalFormGame`` with the payoffs of ``game`` (anything :func:`as_game`
    accepts): ``Player(A)`` and ``Player(B.T)`` (QuantEcon puts each player's own action first).
    QuantEcon games have no labels. Needs ``quantecon`` (in the ``oracle`` extra)."""
    gt = _import("quantecon.game_theory", "to_quantecon")
    g = as_game(game)
    return gt.NormalFormGame((gt.Player(np.array(g.A)), gt.Player(np.ascontiguousarray(g.B.T))))


def _gambit_number(x: float) -> Fraction | int:
    """A float as pygambit should store it: its shortest decimal form, exactly."""
    f = Fraction(str(float(x)))
    return f.numerator if f.denominator == 1 else f


def to_pygambit(game, title: str | None = None):
    """A ``pygambit.StrategicGame`` with the payoffs, player names and strategy labels of ``game``
    (anything :func:`as_game` accepts). Each float payoff is stored as the exact rational of its
    shortest decimal form (``0.1`` -> ``1/10``), so ``as_game(to_pygambit(g)) == g``.

    pygambit requires labels without control characters, leading or trailing whitespace or runs of
    whitespace; other labels raise ``ValueError``. Needs pygambit >= 17 (the ``oracle`` extra).
    """
    gbt = _import("pygambit", "to_pygambit")
    if not hasattr(gbt, "StrategicGame"):
        raise ImportError(
            f"to_pygambit needs pygambit >= 17 (found {getattr(gbt, '__version__', '?')}): "
            + _INSTALL["pygambit"]
        )
    g = as_game(game)
    payoffs = [
        np.array([_gambit_number(v) for v in M.flat], dtype=object).reshape(M.shape) for M in (g.A, g.B)
    ]
    out = gbt.StrategicGame.from_arrays(*payoffs, title=title or "Converted from sco_games")
    try:
        out.relabel_players(dict(zip(list(out.players), g.players, strict=True)))
        for player, labels in zip(g.players, g.strategies, strict=True):
            out.relabel_strategies(player, dict(zip(out.get_strategies(player), labels, strict=True)))
    except ValueError as exc:
        raise ValueError(
            f"to_pygambit: pygambit refuses a label among players {g.players} / strategies "
            f"{g.strategies}: {exc}"
        ) from None
    return out
