"""Public alias of :mod:`sco_games.theory.games`.

Kept because the README, notebooks and users' code import ``sco_games.games``: the names here are the
very objects of :mod:`sco_games.theory.games`. The library itself imports ``sco_games.theory``.
"""

from sco_games.theory.games import (
    DEFAULT_TOL,
    METHOD_VERTEX,
    BatchResult,
    Equilibrium,
    NashSubset,
    NormalFormGame,
    SolveResult,
    best_responses,
    iterated_elimination,
    pure_equilibria,
    solve,
    solve_batch,
)

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
