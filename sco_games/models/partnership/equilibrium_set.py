"""The stage game's equilibria as sets, in words, from the solver's result (not from a rule of thumb).

A nondegenerate bimatrix game has finitely many, isolated equilibria, an odd number of them (Shapley 1974),
so two pure equilibria come with a mixed one between them. The partnership's stage game is *degenerate*
(ties between payoffs: against a Rival, a side is indifferent between Partner and Rival), and then that
count fails: there may be no mixed equilibrium at all, or a whole segment of them. The solver returns the
extreme equilibria of a degenerate game; its maximal Nash subsets
(:meth:`sco_games.theory.games.SolveResult.nash_subsets`, Avis et al. 2010) are the convex sets
``conv(rows) x conv(cols)`` whose union is every equilibrium. Each is described here: an isolated pure or
mixed equilibrium, or a set in which a side may play any mixture of the listed strategies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sco_games.models.partnership.game import StageResult
from sco_games.models.partnership.params import PLAYERS, STRATEGIES

__all__ = ["EquilibriumSet", "equilibrium_sets", "equilibrium_set_text"]


def _mixed(v: np.ndarray) -> str:
    """A mixed strategy in words, e.g. ``"Rival"`` or ``"1/14 Partner + 13/14 Rival"``."""
    from fractions import Fraction

    parts = [(Fraction(float(p)).limit_denominator(1000), s) for p, s in zip(v, STRATEGIES, strict=True)
             if p > 1e-12]
    if len(parts) == 1:
        return parts[0][1]
    return " + ".join(f"{f} {s}" for f, s in parts)


@dataclass(frozen=True)
class EquilibriumSet:
    """One maximal Nash subset: per side the extreme strategies (as words) it mixes over; ``kind`` is "pure"
    or "mixed" (a single, isolated equilibrium) or "set" (a continuum: a segment or a polygon)."""

    strategies: tuple[tuple[str, ...], tuple[str, ...]]
    kind: str

    def text(self) -> str:
        """E.g. ``"Partner/Partner (pure)"`` or ``"a segment: Russia plays Rival; China any mix from Rival
        to 1/14 Partner + 13/14 Rival"``."""
        rows, cols = self.strategies
        if self.kind == "pure":
            return f"{rows[0]}/{cols[0]} (pure)"
        if self.kind == "mixed":
            return f"Russia {rows[0]}, China {cols[0]} (mixed)"
        sides = []
        for name, strat in zip(PLAYERS, (rows, cols), strict=True):
            sides.append(f"{name} plays {strat[0]}" if len(strat) == 1 else
                         f"{name} any mix from " + " to ".join(strat) if len(strat) == 2 else
                         f"{name} any mix of " + ", ".join(strat))
        shape = "a segment" if len(rows) + len(cols) == 3 else "a set"
        return f"{shape} of equilibria: " + "; ".join(sides)


def equilibrium_sets(stage: StageResult) -> tuple[EquilibriumSet, ...]:
    """The maximal Nash subsets of ``stage`` (its solver result), in the solver's order.

    >>> from sco_games.models.partnership.game import analyze
    >>> from sco_games.models.partnership.params import PartnershipParams
    >>> [s.text() for s in equilibrium_sets(analyze(PartnershipParams.example()))]
    ['Partner/Partner (pure)', 'Rival/Rival (pure)']
    """
    out = []
    for sub in stage.equilibria.nash_subsets():
        rows = tuple(_mixed(r) for r in sub.rows)
        cols = tuple(_mixed(c) for c in sub.cols)
        single = len(rows) == 1 and len(cols) == 1
        pure = single and all(" + " not in s for s in rows + cols)
        out.append(EquilibriumSet((rows, cols), "pure" if pure else "mixed" if single else "set"))
    return tuple(out)


def equilibrium_set_text(stage: StageResult) -> str:
    """Every equilibrium of ``stage`` in one sentence, with what degeneracy does to the count.

    >>> from sco_games.models.partnership.game import analyze
    >>> from sco_games.models.partnership.params import PartnershipParams
    >>> equilibrium_set_text(analyze(PartnershipParams.example()))[:58]
    'Partner/Partner (pure) and Rival/Rival (pure), and no othe'
    """
    sets = equilibrium_sets(stage)
    texts = [s.text() for s in sets]
    listed = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]
    n_pure = sum(s.kind == "pure" for s in sets)
    mixed = [s for s in sets if s.kind != "pure"]
    if not stage.degenerate:
        return listed + " (the game is not degenerate: these are all its equilibria, each isolated)."
    if n_pure >= 2 and not mixed:
        return (listed + ", and no other: the game is degenerate (ties between payoffs), so the rule that "
                "two "
                "pure equilibria come with a mixed one between them does not hold here.")
    if any(s.kind == "set" for s in sets):
        return (listed + ": the game is degenerate (ties between payoffs), so equilibria come in a continuum "
                "(every point of a set is an equilibrium), not as isolated points.")
    return listed + " (the game is degenerate: ties between payoffs; these are all its equilibria)."
