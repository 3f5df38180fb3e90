"""The border model over many draws of its uncertain values (issue 12): the claims B1-B4 and the key numbers
of the Tajik dyad, per draw, as :class:`~sco_games.models.common.DrawOutputs`.

Draw ``i`` is the section with every drawn key set to its ``i``-th value (the disagreement point may be
drawn too: a categorical value). The reference (``method="loop"``) computes, per draw, exactly what
:meth:`~sco_games.models.border.report.BorderReport.claims` computes (the Tajik dyad's games under each
disagreement point, :func:`~sco_games.models.border.calibration.linkage_need` for every solution, the
claim functions ``b1_claim`` .. ``b4_claim``) and the shares and calibrated linkage of
:func:`~sco_games.models.border.solutions.predict` and
:func:`~sco_games.models.border.calibration.calibrate_linkage`, without the report's figures and
sensitivity rows (which no claim reads). ``method="vectorized"``: ``draws_fast``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from sco_games.models.border.calibration import calibrate_linkage, linkage_need
from sco_games.models.border.claims import b1_claim, b2_claim, b3_claim, b4_claim
from sco_games.models.border.dyads import DISAGREEMENTS
from sco_games.models.border.game import dyad_game
from sco_games.models.border.params import BorderParams
from sco_games.models.border.report import _as_date
from sco_games.models.border.settlements import settlements
from sco_games.models.border.solutions import SOLUTIONS, predict
from sco_games.models.common import Claim, DrawOutputs, draw_count, draw_sections, loop_outputs
from sco_games.sourced import check_section

__all__ = ["CLAIM_IDS", "NUMBERS", "evaluate_draws", "claims_of"]

CLAIM_IDS = ("B1", "B2", "B3", "B4")

#: The key numbers (Tajik dyad, main reading) and what they are.
NUMBERS: dict[str, str] = {
    **{f"nash_share_{d}": f"China's asymmetric-Nash share of the disputed Tajik area at L = 0, disagreement "
                          f"point '{d}' (share in [0, 1]; NaN = no agreement)" for d in DISAGREEMENTS},
    **{f"rubinstein_share_{d}": f"China's Rubinstein share of the disputed Tajik area at L = 0, disagreement "
                                f"point '{d}' (share in [0, 1]; NaN = no agreement)" for d in DISAGREEMENTS},
    **{f"linkage_nash_{d}": f"the calibrated linkage L (units: China's value of the whole disputed area) at "
                            f"which the Nash split gives China the observed Tajik share (main reading), "
                            f"disagreement point '{d}' (NaN = no L does)" for d in DISAGREEMENTS},
}

METHODS = ("auto", "loop", "vectorized")


def _order(default: str) -> tuple[str, ...]:
    return tuple(sorted(DISAGREEMENTS, key=lambda d: d != default))


def claims_of(params: BorderParams, date: _dt.date) -> list[Claim]:
    """B1-B4 of ``params`` at ``date``: the computation of ``BorderReport.claims`` (same functions, same
    order), without building the rest of the report."""
    facts = settlements()
    tj = facts["Tajikistan"]
    rs = tj.readings
    main = tj.reading()
    default = str(params.disagreement.value)
    games = {dis: dyad_game(params, "Tajikistan", disagreement=dis) for dis in DISAGREEMENTS}
    needs = {(dis, s): linkage_need(games[dis], main.observed_share, s) for dis in _order(default)
             for s in SOLUTIONS}
    return [
        b1_claim(main.disputed_km2, [r.disputed_km2 for r in rs], default),
        b2_claim([(r.ceded_km2, r.observed_share, r.reported <= date) for r in rs], tj.settled),
        b3_claim({n: f.settled for n, f in facts.items()}, models_joint_table=False),
        b4_claim(needs, default),
    ]


def _numbers(params: BorderParams) -> dict[str, float]:
    main = settlements()["Tajikistan"].reading()
    out: dict[str, float] = {}
    for dis in DISAGREEMENTS:
        g = dyad_game(params, "Tajikistan", disagreement=dis)
        pred = predict(g, main.disputed_km2)
        for s, key in (("nash", "nash_share"), ("rubinstein", "rubinstein_share")):
            x = pred.share(s)
            out[f"{key}_{dis}"] = float("nan") if x is None else float(x)
        c = calibrate_linkage(g, main.observed_share, "nash")
        out[f"linkage_nash_{dis}"] = float(c.value) if c.found else float("nan")
    return out


def evaluate_loop(sections: list[BorderParams], date: _dt.date) -> DrawOutputs:
    """The reference loop over already-built sections."""
    return loop_outputs(sections, lambda p: ({c.id: c.verdict for c in claims_of(p, date)}, _numbers(p)),
                        CLAIM_IDS, NUMBERS, "reference loop (b1_claim..b4_claim, linkage_need, predict, "
                        "calibrate_linkage per draw)")


def evaluate_draws(params: BorderParams, draws: Mapping[str, Any], *, date: _dt.date | str,
                   method: str = "auto") -> DrawOutputs:
    """B1-B4 and the key numbers (:data:`NUMBERS`) of ``params`` over ``draws`` at the scenario's ``date``
    (``scenario.meta.date``: which accounts of the Tajik deal were public, for B2). ``method``: ``"loop"``
    (the reference), ``"vectorized"`` or ``"auto"``. Unknown keys or disallowed values are a ``ValueError``
    naming the key."""
    check_section(params, BorderParams, "border", "evaluate_draws")
    if method not in METHODS:
        raise ValueError(f"evaluate_draws: method={method!r}; allowed: {METHODS}")
    day = _as_date(date)
    draw_count(draws, "border.evaluate_draws")
    if method == "loop":
        return evaluate_loop(draw_sections(params, draws, "border.evaluate_draws"), day)
    from sco_games.models.border.draws_fast import evaluate_vectorized
    return evaluate_vectorized(params, draws, day)
