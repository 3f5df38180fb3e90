"""Fearon's (1995) bargaining range: the shares of a good both sides prefer to a costly war.

Reference: Fearon (1995) "Rationalist explanations for war", International Organization 49(3):379-414.
"""

from __future__ import annotations

from dataclasses import dataclass

from sco_games.theory._bargaining_input import _finite

__all__ = ["FearonRange", "fearon_range"]


@dataclass(frozen=True)
class FearonRange:
    """Fearon's (1995) bargaining range for A's share ``x`` of a unit good.

    War gives A ``p - cost_a`` and B ``1 - p - cost_b``; every ``x`` in the open interval
    ``(p - cost_a, p + cost_b)`` is strictly preferred to war by both. ``raw_lower, raw_upper`` are those
    ends; ``lower, upper`` are clipped to ``[0, 1]``; ``clipped`` says whether clipping changed an end;
    ``empty`` is True when no share in ``[0, 1]`` beats war for both (e.g. negative total costs, i.e. war
    gains).
    """

    p: float
    cost_a: float
    cost_b: float
    raw_lower: float
    raw_upper: float
    lower: float
    upper: float
    clipped: bool
    empty: bool
    method: str = "Fearon (1995): x in (p - c_A, p + c_B) ∩ [0, 1]"

    @property
    def width(self) -> float:
        """Length of the (clipped) range; 0 when empty."""
        return 0.0 if self.empty else self.upper - self.lower

    def contains(self, x: float) -> bool:
        """Whether A's share ``x`` is strictly preferred to war by both sides (and lies in [0, 1])."""
        return (not self.empty) and self.raw_lower < x < self.raw_upper and 0.0 <= x <= 1.0



def fearon_range(p: float, cost_a: float, cost_b: float) -> FearonRange:
    """Fearon's (1995) bargaining range of A's share ``x``: ``(p - cost_a, p + cost_b)`` within ``[0, 1]``.

    ``p`` is A's probability of winning a war over the whole good (in [0, 1]); ``cost_a, cost_b`` are the war
    costs as shares of the good. Costs are usually positive; negative costs (war gains) are allowed and can
    make the range empty.

    >>> r = fearon_range(0.998, 0.05, 0.2)
    >>> round(r.lower, 3), r.upper, r.clipped, r.empty
    (0.948, 1.0, True, False)
    """
    pp = _finite("p", p)
    if not 0.0 <= pp <= 1.0:
        raise ValueError(f"p must be a probability in [0, 1], got {p!r}")
    ca = _finite("cost_a", cost_a)
    cb = _finite("cost_b", cost_b)
    raw_lo, raw_hi = pp - ca, pp + cb
    lo, hi = max(raw_lo, 0.0), min(raw_hi, 1.0)
    clipped = lo != raw_lo or hi != raw_hi
    # the set {x in [0,1]: raw_lo < x < raw_hi}; at a clipped end the end point itself is inside
    empty = not (raw_lo < raw_hi and raw_lo < 1.0 and raw_hi > 0.0)
    return FearonRange(pp, ca, cb, raw_lo, raw_hi, lo, hi, clipped, empty)
