"""Ties in the partnership stage game: equalities of coded payoffs that make an equilibrium weak, and what
the model says on either side of each tie (issue 11).

The scenarios code every payoff term on the integer ladder 1 minor .. 4 vital (and theta = 0.5), so two cells
of the table can come out exactly equal by accident. When the equal cells are two best replies of one side,
an equilibrium using one of them is *weak* (:mod:`sco_games.theory.ties`): the side is indifferent, and an
arbitrarily small change of one value removes that equilibrium or makes it strict. In the three scenarios this
is Rival answering Rival: ``-theta U_i - V_i = -C_i`` (0.5 * 2 + 1 = 2). A verdict that turns on such an
equality reports the coding, not the model, so :func:`stage_ties` names each tie with its formulas and the
parameters it involves, and :func:`tie_sides` draws the tied parameters' founding values uniformly within
their ranges (the scenario's events still added; every other value as coded), re-solves every draw with
:func:`~sco_games.theory.games.solve_batch` and tallies the outcome on each side of each tie.
"""

from __future__ import annotations

import copy
from collections import Counter, OrderedDict
from dataclasses import dataclass

import numpy as np

from sco_games.models.partnership.game import payoff_formulas, payoff_matrices, stage_game
from sco_games.models.partnership.params import (
    PARTNER,
    PAYOFF_KEYS,
    PLAYERS,
    STRATEGIES,
    PartnershipParams,
    apply_events,
    values_of,
    with_values,
)
from sco_games.models.partnership.regions import batch_labels
from sco_games.sourced import check_section
from sco_games.theory.games import solve_batch
from sco_games.theory.ties import best_reply_ties, weak_pure_equilibria

__all__ = ["StageTie", "TieSides", "stage_ties", "tie_sides", "tie_key", "clear_cache", "DRAWS", "CACHE_SIZE"]

#: Draws per call of :func:`tie_sides` (the seed is an argument).
DRAWS = 4000
_SUB = {"Russia": "R", "China": "C"}


@dataclass(frozen=True)
class StageTie:
    """``player``'s strategies ``strategies`` pay the same, ``value``, against the other's ``against``, and
    both are best replies there. ``formulas``: the two cells' formulas (the player's subscript); ``keys``:
    the parameters whose change moves one cell against the other; ``weakens``: the pure equilibria this tie
    makes weak ("Rival/Rival", Russia/China)."""

    player: str
    strategies: tuple[str, str]
    against: str
    value: float
    formulas: tuple[str, str]
    keys: tuple[str, ...]
    weakens: tuple[str, ...]

    def condition(self) -> str:
        """The equality in words: "China: Partner against Rival (-θ·U_C - V_C) = Rival against Rival
        (-C_C), both -2"."""
        (s, t), (fs, ft) = self.strategies, self.formulas
        return (f"{self.player}: {s} against {self.against} ({fs}) = {t} against {self.against} ({ft}), "
                f"both {self.value:g}")


def _flat(params: PartnershipParams) -> PartnershipParams:
    return apply_events(params) if params.events else params


def stage_ties(params: PartnershipParams, tol: float = 1e-9) -> tuple[StageTie, ...]:
    """The ties between two best replies in the stage game of ``params`` (with its events), with the
    parameters each involves (found by moving each value by 1e-3 and seeing whether the two cells part).

    >>> [t.condition() for t in stage_ties(PartnershipParams.example())][:1]
    ['Russia: Partner against Rival (-θ·U_R - V_R) = Rival against Rival (-C_R), both -2']
    """
    check_section(params, PartnershipParams, "partnership", "stage_ties")
    flat = _flat(params)
    game = stage_game(flat)
    weak = weak_pure_equilibria(game, tol)
    base = values_of(flat)
    a0, b0 = payoff_matrices(flat)
    moved = {}
    for k in PAYOFF_KEYS:
        step = 1e-3 if k != "partnership_depth" or base[k] < 0.5 else -1e-3
        moved[k] = payoff_matrices(with_values(flat, **{k: base[k] + step}))
    out = []
    for t in best_reply_ties(game, tol):
        player = PLAYERS[t.player]
        (s1, s2), o = t.strategies, t.against[0]
        cells = [(s1, o), (s2, o)] if t.player == 0 else [(o, s1), (o, s2)]
        m0 = a0 if t.player == 0 else b0

        def gap(m: np.ndarray, cells: list = cells) -> float:
            return float(m[cells[0]] - m[cells[1]])
        keys = tuple(k for k in PAYOFF_KEYS
                     if abs(gap(moved[k][t.player]) - gap(m0)) > 1e-9)
        f = payoff_formulas(_SUB[player])
        weakens = tuple("/".join(STRATEGIES[i] for i in w.profile) for w in weak
                        if any(x == t for x in w.ties))
        out.append(StageTie(player, (STRATEGIES[s1], STRATEGIES[s2]), STRATEGIES[o], t.value,
                            (f[(STRATEGIES[s1], STRATEGIES[o])], f[(STRATEGIES[s2], STRATEGIES[o])]),
                            keys, weakens))
    return tuple(out)


@dataclass(frozen=True)
class TieSides:
    """What the stage game gives when the tied parameters' founding values are drawn within their ranges.

    ``keys`` the parameters drawn (those of every tie that have a range; ``missing`` those without one, kept
    as coded); ``draws`` how many, with ``seed``; ``outcomes``: share of draws per outcome ``(label, partner
    strictly dominant for both)``; ``sides``: per tie (index in ``ties``) and side (``"first"``: its first
    strategy pays more, ``"second"``: its second does), the share of draws on that side and the outcomes'
    shares among them (draws that land exactly on the tie, of measure zero, are left out)."""

    ties: tuple[StageTie, ...]
    keys: tuple[str, ...]
    missing: tuple[str, ...]
    draws: int
    seed: int
    outcomes: dict[tuple[str, bool], float]
    sides: tuple[dict[str, tuple[float, dict[tuple[str, bool], float]]], ...]


    def outcome_rows(self) -> list[tuple[str, str, str]]:
        """Per outcome: ``(equilibrium, "yes"/"no": Partner strictly dominant for both, share of draws
        in %)``."""
        return [(lab, "yes" if dom else "no", f"{100 * x:.1f}%") for (lab, dom), x in self.outcomes.items()]

    def side_rows(self) -> list[tuple[str, str, str]]:
        """Per tie and side: ``("<player>: <a> pays more than <b> against <other's>", share of draws in %,
        the outcomes on that side with their shares)``."""
        rows = []
        for t, side in zip(self.ties, self.sides, strict=True):
            for key, (a, b) in (("first", t.strategies), ("second", t.strategies[::-1])):
                share, outs = side[key]
                rows.append((f"{t.player}: {a} pays more than {b} against {t.against}", f"{100 * share:.0f}%",
                             ", ".join(f"{lab}{' (Partner dominant for both)' if dom else ''} {100 * x:.0f}%"
                                       for (lab, dom), x in outs.items())))
        return rows


def _shares(items: list) -> dict:
    n = len(items)
    return {k: c / n for k, c in Counter(items).most_common()} if n else {}


#: Most results :func:`tie_sides` keeps (least recently used dropped first).
CACHE_SIZE = 256
_CACHE: OrderedDict[tuple, TieSides | None] = OrderedDict()


def tie_key(params: PartnershipParams, draws: int, seed: int) -> tuple:
    """Everything :func:`tie_sides` reads, as a hashable key: the founding values of the payoff terms
    (:data:`~sco_games.models.partnership.params.PAYOFF_KEYS`: the relations of the triangle do not enter
    the stage game), their ranges, the events' dates and effects, ``draws`` and ``seed``. Sources and notes
    are not read, so an override that only rewords a source keeps the key."""
    found = params.model_copy(update={"events": []})
    vals = values_of(found)
    return (tuple((k, float(vals[k]), None if (r := getattr(params, k).range) is None
                   else (float(r[0]), float(r[1]))) for k in PAYOFF_KEYS),
            tuple((ev.date, tuple(sorted((k, float(d)) for k, d in ev.effects.items())))
                  for ev in params.events),
            int(draws), int(seed))


def clear_cache() -> None:
    """Forget every result :func:`tie_sides` kept."""
    _CACHE.clear()


def tie_sides(params: PartnershipParams, draws: int = DRAWS, seed: int = 0) -> TieSides | None:
    """Draw the founding values of the parameters in the ties of ``params`` (a scenario section: founding
    values + events) uniformly within their ranges, add the events, solve every draw, and tally the outcomes
    overall and on each side of each tie. ``None`` when the stage game has no tie.

    The draws are computed once per :func:`tie_key` (the payoff values, their ranges, the events, ``draws``,
    ``seed``) and kept (:data:`CACHE_SIZE` results): the report and
    :func:`~sco_games.models.partnership.claims.assess_claims` both ask, and so does every draw of the
    robustness layer's reference loop that leaves the payoff terms as coded. Each call returns its own copy.

    >>> s = tie_sides(PartnershipParams.example())   # the example has no ranges: nothing to draw
    >>> s.keys, s.missing[:2]
    ((), ('partnership_depth', 'us_stake_russia'))
    """
    check_section(params, PartnershipParams, "partnership", "tie_sides")
    if draws < 1:
        raise ValueError(f"tie_sides: draws must be >= 1, got {draws}")
    key = tie_key(params, draws, seed)
    if key in _CACHE:
        _CACHE.move_to_end(key)
    else:
        _CACHE[key] = _compute_tie_sides(params, draws, seed)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return copy.deepcopy(_CACHE[key])


def _compute_tie_sides(params: PartnershipParams, draws: int, seed: int) -> TieSides | None:
    """:func:`tie_sides` without the cache."""
    ties = stage_ties(params)
    if not ties:
        return None
    involved = list(dict.fromkeys(k for t in ties for k in t.keys))
    keys = tuple(k for k in involved if getattr(params, k).range is not None)
    missing = tuple(k for k in involved if k not in keys)
    rng = np.random.default_rng(seed)
    found = values_of(params.model_copy(update={"events": []}))
    vals = {k: np.full(draws, float(v)) for k, v in found.items()}
    for k in keys:
        lo, hi = getattr(params, k).range
        vals[k] = rng.uniform(float(lo), float(hi), draws)
    for ev in params.events:
        for k, d in ev.effects.items():
            vals[k] = vals[k] + d
    vals["partnership_depth"] = np.clip(vals["partnership_depth"], 1e-6, 1 - 1e-6)
    for k in PAYOFF_KEYS:
        if k != "partnership_depth":
            vals[k] = np.maximum(vals[k], 0.0)
    a, b = payoff_matrices(vals)
    labels = batch_labels(solve_batch(a, b))
    others = [s for s in range(3) if s != PARTNER]
    dom = np.ones(draws, dtype=bool)
    for m in (a, np.swapaxes(b, -1, -2)):
        for s in others:
            dom &= (m[:, PARTNER, :] > m[:, s, :] + 1e-9).all(axis=-1)
    outcome = [(str(lab), bool(d)) for lab, d in zip(labels, dom, strict=True)]
    sides = []
    for t in ties:
        p = PLAYERS.index(t.player)
        i1, i2, o = STRATEGIES.index(t.strategies[0]), STRATEGIES.index(t.strategies[1]), \
            STRATEGIES.index(t.against)
        m = a if p == 0 else np.swapaxes(b, -1, -2)
        gap = m[:, i1, o] - m[:, i2, o]
        side = {}
        for name, mask in (("first", gap > 1e-9), ("second", gap < -1e-9)):
            kept = [x for x, keep in zip(outcome, mask, strict=True) if keep]
            side[name] = (float(mask.mean()), _shares(kept))
        sides.append(side)
    return TieSides(ties, keys, missing, draws, seed, _shares(outcome), tuple(sides))
