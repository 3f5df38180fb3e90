"""Rubinstein's (1982) alternating-offers bargaining over a unit pie, with outside options, and its
continuous-time discounting.

References: Rubinstein (1982) "Perfect equilibrium in a bargaining model", Econometrica 50;
Binmore, Rubinstein & Wolinsky (1986) "The Nash bargaining solution in economic modelling", RAND J. Econ 17;
Osborne & Rubinstein (1990) *Bargaining and Markets*, ch. 3 (incl. the model with outside options);
Muthoo (1999) *Bargaining Theory with Applications*, ch. 5 (outside options).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sco_games.theory._bargaining_input import _delta, _finite, _pair

__all__ = ["RubinsteinSolution", "rubinstein", "discount_factor", "rubinstein_continuous", "rubinstein_limit"]


@dataclass(frozen=True)
class RubinsteinSolution:
    """The subgame-perfect split of a unit pie in alternating offers, when player 1 proposes first.

    ``proposer`` / ``responder`` are the shares of the first proposer and the first responder, agreed at once.
    ``binding`` says which outside option binds: None, "responder", "proposer" or "both".
    ``agreement`` is False only when the outside options sum to more than the pie (then each takes its option
    and ``proposer, responder`` are those options).
    """

    proposer: float
    responder: float
    delta1: float
    delta2: float
    outside_options: tuple[float, float]
    binding: str | None
    agreement: bool
    method: str



def rubinstein(
    delta1: float, delta2: float, outside_options: Sequence[float] = (0.0, 0.0)
) -> RubinsteinSolution:
    """Unique SPE of Rubinstein's (1982) alternating-offers game over a unit pie, player 1 proposing first.

    Without outside options the first proposer gets ``(1 - delta2) / (1 - delta1 delta2)`` and the responder
    ``delta2 (1 - delta1) / (1 - delta1 delta2)`` (Rubinstein 1982; Osborne & Rubinstein 1990, ch. 3).

    Outside options ``(w1, w2)`` (proposer's, responder's): a player may opt out only when *responding* to an
    offer, after rejecting it, ending the game with payoff ``w_i`` to him and 0 to the other (the model of
    Osborne & Rubinstein 1990, ch. 3, and Muthoo 1999, ch. 5; tested experimentally by Binmore, Shaked &
    Sutton 1989). The *outside option principle*: an option affects the outcome only if it binds, i.e.
    exceeds what its holder gets as a responder without it. Stationary SPE shares ``x1`` (player 1's when
    proposing) and ``y2`` (player 2's when proposing) solve::

        x1 = 1 - max(w2, delta2 * y2),     y2 = 1 - max(w1, delta1 * x1)

    (a contraction with modulus ``delta1 delta2``, so its solution is unique; we solve it exactly by cases).
    With one option (``w1 = 0``) this is the unique SPE (Osborne & Rubinstein 1990, ch. 3). With two options
    we report this stationary SPE of the responder-only opt-out model; if instead *either* player may quit
    after any rejection, Ponsati & Sakovics (1998, Economic Theory 11:667-672) show a continuum of SPE
    outcomes, some with delay, so two-sided results are model-specific.
    With ``w1 = 0``: the responder's option binds iff ``w2 > delta2 (1 - delta1) / (1 - delta1 delta2)`` (its
    Rubinstein share as responder), and then the proposer gets ``1 - w2``. If ``w1 + w2 > 1`` no split beats
    both options: ``agreement=False`` and the shares reported are the options.

    >>> r = rubinstein(0.9, 0.9)
    >>> round(r.proposer, 6), round(r.responder, 6)
    (0.526316, 0.473684)
    >>> rubinstein(0.9, 0.9, outside_options=(0, 0.6)).proposer
    0.4
    """
    d1 = _delta("delta1", delta1)
    d2 = _delta("delta2", delta2)
    w1, w2 = _pair("outside_options", outside_options)
    if w1 + w2 > 1.0:
        return RubinsteinSolution(
            w1, w2, d1, d2, (w1, w2), "both", False,
            "outside options sum to more than the pie: no agreement, each takes its option",
        )
    # candidate x1 (proposer's share) for each case of which max() is attained by the outside option
    cases = {
        None: (1 - d2) / (1 - d1 * d2),
        "responder": 1 - w2,
        "proposer": 1 - d2 * (1 - w1),
        "both": 1 - w2,
    }

    def F(x1: float) -> tuple[float, float]:
        y2 = 1 - max(w1, d1 * x1)
        return 1 - max(w2, d2 * y2), y2

    chosen: tuple[str | None, float] | None = None
    for label, x1 in cases.items():
        fx, y2 = F(x1)
        if abs(fx - x1) <= 1e-12:
            binds_r = w2 > d2 * y2
            binds_p = w1 > d1 * x1
            actual = {(False, False): None, (False, True): "responder", (True, False): "proposer",
                      (True, True): "both"}[(binds_p, binds_r)]
            chosen = (actual, x1)
            if actual == label:
                break
    assert chosen is not None, "the stationary-SPE map is a contraction; one case must be a fixed point"
    binding, x1 = chosen
    method = "Rubinstein (1982) closed form" if binding is None else (
        "outside option principle (Osborne & Rubinstein 1990 ch. 3; Muthoo 1999 ch. 5): "
        f"{binding} option binds"
    )
    return RubinsteinSolution(x1, 1 - x1, d1, d2, (w1, w2), binding, True, method)


def discount_factor(rate: float, dt: float) -> float:
    """``delta = exp(-rate * dt)``: the per-round discount factor for a continuous discount ``rate`` > 0 and a
    delay ``dt`` > 0 between offers.

    >>> round(discount_factor(0.1, 1.0), 6)
    0.904837
    """
    r = _finite("rate", rate)
    t = _finite("dt", dt)
    if r <= 0:
        raise ValueError(f"rate must be positive, got {rate!r}")
    if t <= 0:
        raise ValueError(f"dt must be positive, got {dt!r}")
    return math.exp(-r * t)


def rubinstein_continuous(
    r1: float, r2: float, dt: float, outside_options: Sequence[float] = (0.0, 0.0)
) -> RubinsteinSolution:
    """Rubinstein's split with ``delta_i = exp(-r_i dt)`` (rates ``r_i``, delay ``dt`` between offers)."""
    return rubinstein(discount_factor(r1, dt), discount_factor(r2, dt), outside_options)


def rubinstein_limit(r1: float, r2: float) -> tuple[float, float]:
    """The ``dt -> 0`` limit of the split with ``delta_i = exp(-r_i dt)``: ``(r2/(r1+r2), r1/(r1+r2))``.

    This equals the asymmetric Nash solution of the unit pie with weights ``(r2/(r1+r2), r1/(r1+r2))``
    (Binmore, Rubinstein & Wolinsky 1986): the more patient player (smaller rate) gets more.

    >>> rubinstein_limit(1.0, 3.0)
    (0.75, 0.25)
    """
    a = _finite("r1", r1)
    b = _finite("r2", r2)
    if a <= 0 or b <= 0:
        raise ValueError(f"rates r1, r2 must be positive, got r1={r1!r}, r2={r2!r}")
    return (b / (a + b), a / (a + b))
