"""One border dyad's results under each disagreement point (paper §1-1, fn 12-13): its game, the
power-only prediction, the linkage value ``L`` that reproduces each reading of its settlement under every
solution, and the Nash weight that reproduces the main reading; plus the helpers the report and the draws
share (the disagreement points a dyad can be asked under, the point solutions' shares).

>>> from sco_games.models.border.settlements import settlements
>>> d = dyad_report(BorderParams.example(), "Tajikistan", settlements()["Tajikistan"])
>>> sorted(d.games), round(d.linkage["tass_1000"]["nash"].value, 3)
(['dispute', 'war'], 1.925)
"""

from __future__ import annotations

from dataclasses import dataclass

from sco_games.models.border.calibration import Calibration, calibrate_linkage, calibrate_nash_weight
from sco_games.models.border.game import DyadGame, dyad_game, war_credible
from sco_games.models.border.params import BorderParams
from sco_games.models.border.settlements import DyadFacts
from sco_games.models.border.solutions import SOLUTIONS, SplitPrediction, predict

__all__ = ["DISAGREEMENTS", "DISAGREEMENT_LABELS", "POINT_SOLUTIONS", "TAJIK_READINGS", "DyadReport",
           "disagreements", "dyad_report", "point_shares", "rubinstein_weight", "share_span"]

POINT_SOLUTIONS = ("nash", "kalai-smorodinsky", "rubinstein")
"""The solutions that predict one split (Fearon's gives a range)."""

TAJIK_READINGS = ("tass_1000", "specialists_4000")
"""The two Tajik readings the notebook contrasts: 1,000 km2 (fn 12) and 4,000 km2 (specialists, fn 13)."""

DISAGREEMENTS = ("dispute", "war")
"""The two disagreement points, shown side by side: the paper's continuing dispute, and war (our power-only
benchmark)."""

DISAGREEMENT_LABELS = {"dispute": "continuing dispute", "war": "war (power-only benchmark)"}


def rubinstein_weight(game: DyadGame) -> float:
    """China's Nash weight implied by Rubinstein's game as offers come ever faster: ``r_N / (r_C + r_N)``
    (Binmore, Rubinstein and Wolinsky 1986): the more patient side gets the larger weight.

    >>> g = DyadGame("T", 0.5, discount_rate_china=0.05, discount_rate_neighbour=0.10)
    >>> round(rubinstein_weight(g), 4)
    0.6667
    """
    return game.discount_rate_neighbour / (game.discount_rate_china + game.discount_rate_neighbour)


def disagreements(neighbour: str) -> tuple[str, ...]:
    """The disagreement points that can be asked of a dyad: no war between nuclear powers (Russia).

    >>> disagreements("Russia"), disagreements("Tajikistan")
    (('dispute',), ('dispute', 'war'))
    """
    return DISAGREEMENTS if war_credible(neighbour) else ("dispute",)


def point_shares(pred: SplitPrediction) -> dict[str, float | None]:
    """China's share under each point solution (None: no agreement beats disagreement).

    >>> g = dyad_game(BorderParams.example(), "Tajikistan")
    >>> shares = point_shares(predict(g))
    >>> sorted(shares), round(shares["nash"], 4)     # linear Nash, equal war costs: x = p
    (['kalai-smorodinsky', 'nash', 'rubinstein'], 0.9978)
    """
    return {s: pred.share(s) for s in POINT_SOLUTIONS}


def share_span(pred: SplitPrediction) -> tuple[float, float] | None:
    """(least, largest) China's share over the point solutions that reach an agreement; None if none does."""
    agreed = [v for v in point_shares(pred).values() if v is not None]
    return (min(agreed), max(agreed)) if agreed else None


@dataclass(frozen=True)
class DyadReport:
    """One dyad: its game, the power-only prediction (``L = 0``, main reading's area), the calibrated ``L``
    for every reading and solution, and the Nash weight (``L = 0``) that reproduces the main reading under
    each disagreement point."""

    neighbour: str
    facts: DyadFacts
    game: DyadGame
    power_only: SplitPrediction
    linkage: dict[str, dict[str, Calibration]]
    nash_weight: dict[str, Calibration]
    #: disagreement point -> the same results under it (the scenario's own point included): ``games``,
    #: ``power_only_by`` (L = 0), ``at_prior`` (the scenario's prior L), ``linkage_by`` (reading -> solution)
    games: dict[str, DyadGame]
    power_only_by: dict[str, SplitPrediction]
    at_prior: dict[str, SplitPrediction]
    linkage_by: dict[str, dict[str, dict[str, Calibration]]]

    def linkage_values(self) -> dict[str, dict[str, float | None]]:
        """Reading id -> solution -> calibrated ``L`` (None where no linkage value reproduces the share)."""
        return {
            rid: {s: (c.value if c.found else None) for s, c in cs.items()}
            for rid, cs in self.linkage.items()
        }


def dyad_report(params: BorderParams, neighbour: str, facts: DyadFacts) -> DyadReport:
    """The :class:`DyadReport` of ``neighbour`` (its settlement ``facts``) under ``params``."""
    g = dyad_game(params, neighbour)
    main = facts.reading()
    prior = float(params.linkage_prior.value)
    games = {dis: dyad_game(params, neighbour, disagreement=dis) for dis in disagreements(neighbour)}
    linkage_by = {
        dis: {r.id: {s: calibrate_linkage(gd, r.observed_share, s) for s in SOLUTIONS}
              for r in facts.readings}
        for dis, gd in games.items()
    }
    power_by = {dis: predict(gd, main.disputed_km2) for dis, gd in games.items()}
    return DyadReport(
        neighbour=neighbour,
        facts=facts,
        game=g,
        power_only=power_by[g.disagreement],
        linkage=linkage_by[g.disagreement],
        nash_weight={dis: calibrate_nash_weight(gd, main.observed_share) for dis, gd in games.items()},
        games=games,
        power_only_by=power_by,
        at_prior={dis: predict(gd.replace(linkage=prior), main.disputed_km2) for dis, gd in games.items()},
        linkage_by=linkage_by,
    )
