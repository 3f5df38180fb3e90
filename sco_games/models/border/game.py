"""Border bargaining between China and one former-Soviet neighbour (paper §1-1, fn 12-13).

The puzzle: by material power China would win a war over the Pamir almost surely (CINC share against
Tajikistan ~0.998), yet in 2002 it took about 3.5% of the disputed area (about 1,000 km2; some say 4,000 km2).

The model of one dyad (China = player 1, the neighbour = player 2). China's share of the disputed area is
``x`` in [0, 1]; the neighbour keeps ``1 - x``. Each side values territory by ``u(s) = s^alpha``
(``alpha = 1`` linear, ``alpha < 1`` concave), so ``u(0) = 0`` and ``u(1) = 1``: **utilities are in units
of that side's value of the whole disputed area**.

- China gets an *issue-linkage* value ``L`` from **any** agreement (stability, the neighbour's help against
  separatism: §1-2, B4): its payoff from a deal is ``x^alpha_C + L``. ``L`` is measured in units of the value
  to China of the whole disputed area: ``L = 2`` means China valued the side benefits of a settled border at
  twice the value of owning all of it.
- Disagreement (``disagreement``): ``"war"`` -- China wins all with probability ``p`` (the CINC ratio from
  :func:`sco_games.data.capabilities.win_probability`), each side pays a cost ``c_i`` -- so
  ``d = (p - c_C, 1 - p - c_N)``, our power-only benchmark (Fearon 1995), not the paper's account; or
  ``"dispute"`` (the paper's long, peaceful deadlock, §1-1) -- the status quo continues: China keeps the
  share ``h`` it
  holds, each side pays a cost ``k_i``: ``d = (h^alpha_C - k_C, (1 - h)^alpha_N - k_N)``.
- Between two nuclear-weapon states (China and Russia: :data:`NUCLEAR_POWERS`) war is not a credible
  disagreement point (a war of conquest risks nuclear escalation; the CINC ratio, which counts steel, energy,
  troops and people, ignores deterrence): the dyad always uses ``"dispute"`` and has no Fearon range.
- The neighbour's outside option ``o_N`` (Russia's backing at the "4+1" table, §1-1) is a
  constraint ``u_N >= o_N`` (the outside option principle), not a disagreement point.

Solutions (all from :mod:`sco_games.theory.bargaining`, on the frontier ``(x^alpha_C + L, (1-x)^alpha_N)``):
asymmetric Nash (weight ``w`` to China), Kalai-Smorodinsky, Rubinstein alternating offers with outside options
(China proposes first; ``delta_i = exp(-r_i dt)``), and Fearon's bargaining range against war. Linkage enters
Fearon's range as an extra cost of no deal for China: the range is ``(p - c_C - L, p + c_N)``.

The model's modules (in ``sco_games.models.border``): ``params`` (the scenario section), ``settlements``
(the dyads' facts), ``game`` (this one: the game of one dyad), ``solutions`` (what each solution predicts),
``calibration`` (the linkage value that fits the observed share), ``sensitivity`` and ``report``
(everything notebook 03 shows).

>>> g = dyad_game(BorderParams.example(), "Tajikistan")
>>> round(g.win_probability, 4)
0.9978
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from sco_games.data.capabilities import win_probability
from sco_games.models.border.params import NEIGHBOURS, BorderParams
from sco_games.models.border.settlements import _load_settlements
from sco_games.sourced import check_section, unwrap
from sco_games.theory.bargaining import discount_factor

__all__ = ["NUCLEAR_POWERS", "DyadGame", "dyad_game", "war_credible"]

#: The nuclear-weapon states among the dyads (NPT Art. IX(3): the states that exploded a nuclear device before
#: 1 January 1967 -- the Soviet Union, whose arsenal Russia took over, 1949; China, 1964).
NUCLEAR_POWERS: frozenset[str] = frozenset({"China", "Russia"})


def war_credible(neighbour: str) -> bool:
    """Whether war is a credible disagreement point between China and ``neighbour``: not between two
    nuclear-weapon states (:data:`NUCLEAR_POWERS`).

    >>> war_credible("Tajikistan"), war_credible("Russia")
    (True, False)
    """
    return not ("China" in NUCLEAR_POWERS and neighbour in NUCLEAR_POWERS)


@dataclass(frozen=True)
class DyadGame:
    """All the numbers of one China-neighbour bargaining problem (plain floats; validated on creation).

    Units: each side's value of the whole disputed area is 1. ``linkage`` (L) is China's value of any
    agreement, in those units.
    """

    neighbour: str
    win_probability: float
    curvature_china: float = 1.0
    curvature_neighbour: float = 1.0
    war_cost_china: float = 0.25
    war_cost_neighbour: float = 0.25
    dispute_cost_china: float = 0.1
    dispute_cost_neighbour: float = 0.1
    china_held_share: float = 0.0
    disagreement: str = "war"
    nash_weight_china: float = 0.5
    discount_rate_china: float = 0.05
    discount_rate_neighbour: float = 0.05
    offer_interval_years: float = 1.0
    neighbour_outside_option: float = 0.0
    linkage: float = 0.0
    war_credible: bool = True

    def __post_init__(self) -> None:
        checks = {
            "win_probability": (0.0, 1.0, True),
            "curvature_china": (0.0, 1.0, False),
            "curvature_neighbour": (0.0, 1.0, False),
            "china_held_share": (0.0, 1.0, True),
            "nash_weight_china": (0.0, 1.0, None),
            "neighbour_outside_option": (0.0, 1.0, True),
        }
        for name in dataclasses.fields(self):
            v = getattr(self, name.name)
            if isinstance(v, float | int) and not isinstance(v, bool) and not math.isfinite(float(v)):
                raise ValueError(f"{name.name} must be finite, got {v!r}")
        for name, (lo, hi, closed_lo) in checks.items():
            v = float(getattr(self, name))
            ok_lo = v >= lo if closed_lo else v > lo
            ok_hi = v < hi if closed_lo is None else v <= hi
            if not (ok_lo and ok_hi):
                allowed = {True: f"[{lo}, {hi}]", False: f"({lo}, {hi}]", None: f"({lo}, {hi})"}[closed_lo]
                raise ValueError(f"{name} must be in {allowed}, got {v!r}")
        for name in (
            "war_cost_china",
            "war_cost_neighbour",
            "dispute_cost_china",
            "dispute_cost_neighbour",
            "linkage",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)!r}")
        for name in ("discount_rate_china", "discount_rate_neighbour", "offer_interval_years"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0, got {getattr(self, name)!r}")
        if self.disagreement not in ("war", "dispute"):
            raise ValueError(f"disagreement must be 'war' or 'dispute', got {self.disagreement!r}")
        if self.disagreement == "war" and not self.war_credible:
            raise ValueError(f"{self.neighbour}: war is not a credible disagreement point between nuclear "
                             "powers; use disagreement='dispute'")

    def replace(self, **changes: Any) -> DyadGame:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    # valuations
    def u_china(self, x: float) -> float:
        """China's value of a share ``x`` of the area (without linkage): ``x^alpha_C``."""
        return float(max(x, 0.0) ** self.curvature_china)

    def u_neighbour(self, s: float) -> float:
        """The neighbour's value of a share ``s``: ``s^alpha_N``."""
        return float(max(s, 0.0) ** self.curvature_neighbour)

    def x_from_china_utility(self, u: float) -> float:
        """The share ``x`` with ``x^alpha_C = u`` (clipped to [0, 1])."""
        return float(min(max(u, 0.0), 1.0) ** (1.0 / self.curvature_china))

    def x_from_neighbour_utility(self, v: float) -> float:
        """China's share ``x`` when the neighbour's utility is ``v = (1 - x)^alpha_N`` (clipped)."""
        return 1.0 - float(min(max(v, 0.0), 1.0) ** (1.0 / self.curvature_neighbour))

    @property
    def disagreement_point(self) -> tuple[float, float]:
        """``(d_C, d_N)`` without linkage: war lottery minus costs, or the status quo minus dispute costs."""
        if self.disagreement == "war":
            p = self.win_probability
            return (p - self.war_cost_china, 1.0 - p - self.war_cost_neighbour)
        h = self.china_held_share
        return (
            self.u_china(h) - self.dispute_cost_china,
            self.u_neighbour(1.0 - h) - self.dispute_cost_neighbour,
        )

    @property
    def max_china_share(self) -> float:
        """The largest ``x`` that leaves the neighbour its outside option: ``u_N(1 - x) >= o_N``."""
        return self.x_from_neighbour_utility(self.neighbour_outside_option)

    @property
    def deltas(self) -> tuple[float, float]:
        """Per-round discount factors ``exp(-r_i dt)`` (China, neighbour)."""
        dt = self.offer_interval_years
        return (
            discount_factor(self.discount_rate_china, dt),
            discount_factor(self.discount_rate_neighbour, dt),
        )


def dyad_game(params: BorderParams, neighbour: str, **changes: Any) -> DyadGame:
    """The :class:`DyadGame` of China and ``neighbour`` from a scenario's border section, the capabilities
    data (win probability = CINC ratio) and the settlement data (status quo). ``changes`` override fields.

    Between nuclear powers (:func:`war_credible` False: Russia) the disagreement point is ``"dispute"``
    whatever the scenario says, and asking for ``disagreement="war"`` is an error.

    >>> dyad_game(BorderParams.example(disagreement="war"), "Russia").disagreement
    'dispute'
    """
    check_section(params, BorderParams, "border", "dyad_game")
    facts = _load_settlements()
    if neighbour not in facts:
        raise ValueError(f"neighbour={neighbour!r}: unknown dyad; known: {', '.join(NEIGHBOURS)}")
    v = unwrap(params)
    credible = war_credible(neighbour)
    game = DyadGame(
        neighbour=neighbour,
        win_probability=win_probability("China", neighbour),
        curvature_china=v["valuation_curvature_china"],
        curvature_neighbour=v["valuation_curvature_neighbour"],
        war_cost_china=v["war_cost_china"],
        war_cost_neighbour=v["war_cost_neighbour"],
        dispute_cost_china=v["dispute_cost_china"],
        dispute_cost_neighbour=v["dispute_cost_neighbour"],
        china_held_share=facts[neighbour].china_held_share,
        disagreement=v["disagreement"] if credible else "dispute",
        nash_weight_china=v["nash_weight_china"],
        discount_rate_china=v["discount_rate_china"],
        discount_rate_neighbour=v["discount_rate_neighbour"],
        offer_interval_years=v["offer_interval_years"],
        neighbour_outside_option=v["neighbour_outside_option"],
        linkage=0.0,
        war_credible=credible,
    )
    return game.replace(**changes) if changes else game


def check_game(game: Any, caller: str) -> None:
    """``TypeError`` unless ``game`` is a :class:`DyadGame`, saying how to build one from a scenario."""
    if isinstance(game, DyadGame):
        return
    hint = ("build one with dyad_game(scenario.border, neighbour)"
            if isinstance(game, BorderParams) or isinstance(getattr(game, "border", None), BorderParams)
            else "e.g. dyad_game(load_scenario(path).border, 'Tajikistan')")
    raise TypeError(f"{caller}() takes a DyadGame (one China-neighbour dyad), got {type(game).__name__}: "
                    f"{hint}")
