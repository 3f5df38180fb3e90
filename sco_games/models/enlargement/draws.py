"""The enlargement model over many draws of its uncertain values (issue 12): the claims E1-E6 and the key
numbers, per draw, as :class:`~sco_games.models.common.DrawOutputs`.

Draw ``i`` is the section with every drawn key set to its ``i``-th value (a point, e.g. ``members.China``,
is drawn as an ``(n, 2)`` array). The reference (``method="loop"``) builds
:class:`~sco_games.models.enlargement.game.EnlargementModel` per draw and calls
:func:`~sco_games.models.enlargement.claims.evaluate_claims`, ``tradeoff_curve``, ``admission_table``,
``statement_vote`` and ``outside_options`` (what the report calls). ``method="vectorized"``:
``draws_fast``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from sco_games.models.common import DrawOutputs, draw_count, draw_sections, loop_outputs
from sco_games.models.enlargement.claims import evaluate_claims
from sco_games.models.enlargement.game import EnlargementModel
from sco_games.models.enlargement.params import STATUSES, EnlargementParams
from sco_games.models.enlargement.space import winset_area_in_square
from sco_games.sourced import check_section

__all__ = ["CLAIM_IDS", "evaluate_draws", "numbers_described"]

CLAIM_IDS = ("E1", "E2", "E3", "E4", "E5", "E6")

METHODS = ("auto", "loop", "vectorized")

#: a candidate's highest admissible status as a number: 0 none, 1 dialogue partner, 2 observer, 3 member
STATUS_RANK = {None: 0.0, **{s: float(i + 1) for i, s in enumerate(STATUSES)}}


def _row_name(candidates: tuple[str, ...]) -> str:
    return "highest_status_" + "+".join(candidates)


def numbers_described(params: EnlargementParams) -> dict[str, str]:
    """The key numbers of this section (their names depend on its candidates and package deals)."""
    rows = [(c,) for c in params.enlargement_order.value] + [tuple(d.value) for d in
                                                              params.package_deals.values()]
    out = {
        "statement_passes": "1 if the statement passes against the status quo under consensus, else 0",
        "members_winset_share": "the sitting members' consensus winset as a share of the policy square "
                                "(exact area / 4: the probability that a uniform proposal passes)",
        "members_pass_probability": "the same probability as the report estimates it (Monte Carlo on the "
                                    "scenario's n_proposals proposals)",
        "uzbekistan_cool": "1 if Uzbekistan's US option beats its SCO payoff (it goes cool), 0 if not, NaN "
                           "if it is not a member",
    }
    for cs in rows:
        out[_row_name(cs)] = (f"the highest status the members grant {' + '.join(cs)}"
                              f"{' (as a package)' if len(cs) > 1 else ''}: 0 none, 1 dialogue partner, "
                              "2 observer, 3 member")
    return out


def _one(p: EnlargementParams, date: _dt.date | None = None) -> tuple[dict[str, str], dict[str, float]]:
    m = EnlargementModel(p)
    claims = {c.id: c.verdict for c in evaluate_claims(m, date)}
    steps = m.tradeoff_curve()
    opts = {o.state: o for o in m.outside_options()}
    nums = {
        "statement_passes": float(m.statement_vote().passes),
        "members_winset_share": winset_area_in_square(m.world, m.world.members) / 4.0,
        "members_pass_probability": float(steps[0].pass_probability),
        "uzbekistan_cool": float(opts["Uzbekistan"].cool) if "Uzbekistan" in opts else float("nan"),
    }
    for row in m.admission_table():
        nums[_row_name(tuple(row.candidates))] = STATUS_RANK[row.highest]
    return claims, nums


def evaluate_loop(params: EnlargementParams, sections: list[EnlargementParams], date: _dt.date | None = None
                  ) -> DrawOutputs:
    """The reference loop over already-built sections (``date``: the scenario's, for E5)."""
    return loop_outputs(sections, lambda p: _one(p, date), CLAIM_IDS, numbers_described(params),
                        "reference loop (EnlargementModel + evaluate_claims per draw)")


def evaluate_draws(params: EnlargementParams, draws: Mapping[str, Any], *, date: _dt.date | None = None,
                   method: str = "auto") -> DrawOutputs:
    """E1-E6 and the key numbers (:func:`numbers_described`) of ``params`` over ``draws``. ``method``:
    ``"loop"`` (the reference), ``"vectorized"`` or ``"auto"``. ``date``: the scenario's date (E5 is "not
    applicable" before 9/11; ``None``: judged). Unknown keys or disallowed values are a
    ``ValueError`` naming the key."""
    check_section(params, EnlargementParams, "enlargement", "evaluate_draws")
    if method not in METHODS:
        raise ValueError(f"evaluate_draws: method={method!r}; allowed: {METHODS}")
    draw_count(draws, "enlargement.evaluate_draws")
    if method == "loop":
        return evaluate_loop(params, draw_sections(params, draws, "enlargement.evaluate_draws"), date)
    from sco_games.models.enlargement.draws_fast import evaluate_vectorized
    return evaluate_vectorized(params, draws, date)
