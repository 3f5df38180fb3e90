"""The repeated partnership: can grim trigger sustain the partnership (Partner/Partner) and the joint front
(Ally/Ally)? Thresholds from :func:`sco_games.theory.repeated.critical_discount_factor`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sco_games.models.partnership.game import stage_game
from sco_games.models.partnership.params import ALLY, PARTNER, PLAYERS, STRATEGIES, PartnershipParams
from sco_games.sourced import check_section
from sco_games.theory.repeated import GrimTriggerResult, critical_discount_factor

__all__ = [
    "Sustainability",
    "sustainability",
]


@dataclass(frozen=True)
class Sustainability:
    """Grim-trigger sustainability of one cooperative profile (a row of the notebook's table)."""

    name: str
    profile: tuple[str, str]
    punishment: str
    result: GrimTriggerResult

    @property
    def delta_star(self) -> float | None:
        return self.result.delta_star

    def verdict(self) -> str:
        r = self.result
        if r.delta_star is None:
            return "not sustainable at any discount factor (" + r.reason + ")"
        if r.delta_star == 0.0:
            return "self-enforcing: a stage equilibrium, sustained at every discount factor"
        binding = " and ".join(PLAYERS[p] for p in (r.binding_players or (r.binding_player or 0,)))
        return f"sustained iff delta >= {r.delta_star:.3g} (binding: {binding})"


def sustainability(params: PartnershipParams) -> tuple[Sustainability, Sustainability]:
    """Grim trigger (via :func:`sco_games.theory.repeated.critical_discount_factor`, Nash reversion) for

    * the **partnership** Partner/Partner, and
    * the **joint front** Ally/Ally, like the Russo-Chinese front against NATO's bombing of Yugoslavia in
      spring 1999, which Russia left at the Köln summit in June 1999 for Western financial aid (fn 25: the
      Köln temptation ``T``); their joint protest against US TMD/NMD (fn 25) is a second example, whose
      unravelling the paper only foresees.

    Nash reversion punishes a deviator with the worst pure stage equilibrium for it. If the stage
    game has no pure equilibrium, the minmax punishment is used instead (and recorded).

    >>> p, j = sustainability(PartnershipParams.example())
    >>> p.delta_star, j.delta_star
    (0.0, 0.6)
    """
    check_section(params, PartnershipParams, "partnership", "sustainability")
    game = stage_game(params)
    out = []
    for name, prof in (("partnership", (PARTNER, PARTNER)), ("joint front", (ALLY, ALLY))):
        try:
            res = critical_discount_factor(game.A, game.B, profile=prof, punishment="nash")
        except ValueError:
            res = critical_discount_factor(game.A, game.B, profile=prof, punishment="minmax")
        out.append(Sustainability(name, (STRATEGIES[prof[0]], STRATEGIES[prof[1]]), res.punishment, res))
    return out[0], out[1]
