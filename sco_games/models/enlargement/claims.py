"""The paper's enlargement claims E1-E6 (§1-2, §2-1, §2-2, §3-2, Conclusion), each checked against the model.

Each verdict comes from a plain function of the model's results (``e1_verdict`` .. ``e6_verdict`` in
:mod:`~sco_games.models.enlargement.verdicts`, tested on constructed inputs). Each :class:`EnlargementClaim`
records the verdict (``reproduced``, ``partly``, ``not reproduced``, ``not applicable``), a plain-English
``because``, the evidence (numbers from the model), and what the verdict depends on (the parameters or
break-even values a reader should look at). Nothing here tunes a parameter. The claims' neighbours have their
own modules (their names are importable from here too): the record checks
(:mod:`~sco_games.models.enlargement.record`), the stated ranges and overrides
(:mod:`~sco_games.models.enlargement.ranges`), the verdicts with one value at a range end
(:mod:`~sco_games.models.enlargement.sensitivity`) and the status-quo table
(:mod:`~sco_games.models.enlargement.status_quo`).

>>> from sco_games.scenario import load_scenario
>>> from sco_games.models.enlargement import EnlargementModel
>>> cs = evaluate_claims(EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement))
>>> [c.id for c in cs]
['E1', 'E2', 'E3', 'E4', 'E5', 'E6']
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from sco_games.data.membership import membership_history, membership_sources
from sco_games.models.common import Claim
from sco_games.models.enlargement.game import EnlargementModel, check_model
from sco_games.models.enlargement.params import STATUSES
from sco_games.models.enlargement.ranges import ranged_points, ranged_values, with_overrides
from sco_games.models.enlargement.record import record_checks, status_at
from sco_games.models.enlargement.space import statement_reach, statement_vote, status_quo_in_core
from sco_games.models.enlargement.verdicts import (
    NA,
    SEPT_11,
    _f,
    e1_verdict,
    e2_verdict,
    e3_verdict,
    e4_verdict,
    e5_verdict,
    e6_verdict,
)

__all__ = [
    "CLAIMS",
    "Claim",
    "EnlargementClaim",
    "NA",
    "SEPT_11",
    "e1_verdict",
    "e2_verdict",
    "e3_verdict",
    "e4_verdict",
    "e5_verdict",
    "e6_verdict",
    "pakistan_veto_threshold",
    "record_checks",
    "status_at",
    "evaluate_claims",
    "membership_history",
    "membership_sources",
    "ranged_points",
    "ranged_values",
    "with_overrides",
]

#: Names of the modules that import this one (so not in ``__all__``), still importable from here: served on
#: first use (PEP 562), as importing them at the top would be circular.
_LATER = {"SensitivityRow": "sensitivity", "claims_sensitivity": "sensitivity",
          "StatusQuoRow": "status_quo", "status_quo_table": "status_quo"}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        import importlib
        return getattr(importlib.import_module(f"sco_games.models.enlargement.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The paper's claims (its sections in brackets).
CLAIMS: dict[str, str] = {
    "E1": "enlargement raises prestige but lowers effectiveness, unless the newcomers are absorbed "
    "(Conclusion)",
    "E2": "Uzbekistan's entry (2001): resisted by Kyrgyzstan and Tajikistan (Kazakhstan siding), then "
    "accepted for the effectiveness it brought (§1-2)",
    "E3": "Pakistan's 2001 bid: Tajikistan rejected it, China backed it, Russia wanted India with it; "
    "no one but Uzbekistan was invited (§3-2, fn 55-56)",
    "E4": "Uzbekistan does not want quick enlargement: its voice would be diluted (§3-2, fn 59)",
    "E5": "after 9/11 Uzbekistan went cool and in 2003 blocked an SCO statement on the Iraq war "
    "(§2-1, §2-2, fn 41)",
    "E6": "candidates Mongolia (the top one), India, Pakistan, Iran; stages dialogue partner, observer, "
    "member (§3-2, fn 61-62)",
}


@dataclass(frozen=True)
class EnlargementClaim(Claim):
    """A :class:`~sco_games.models.common.Claim` with a short plain-English ``because`` (the sidecar's)."""

    because: str = ""

    def as_dict(self) -> dict[str, str]:
        """The sidecar's form: ``{"id", "claim", "verdict", "because"}``."""
        return {"id": self.id, "claim": self.claim, "verdict": self.verdict, "because": self.because}


def _pairs(steps):
    return list(zip(steps, steps[1:], strict=False))


def _e1(m: EnlargementModel) -> EnlargementClaim:
    steps = m.tradeoff_curve()
    pairs = _pairs(steps)
    rises = all(b.prestige > a.prestige for a, b in pairs)
    never_up = all(b.pass_probability <= a.pass_probability for a, b in pairs)
    absorbed_keep = all(b.pass_probability == a.pass_probability for a, b in pairs if b.absorbed)
    cuts = [b.added for a, b in pairs if not b.absorbed and b.pass_probability < a.pass_probability]
    kept = [
        b.added
        for a, b in pairs
        if not b.absorbed and b.pass_probability == a.pass_probability and a.pass_probability > 0
    ]
    absorbed = [s.added for s in steps[1:] if s.absorbed]
    evidence = (
        f"adding {', '.join(s.added for s in steps[1:])} in turn: prestige "
        f"{' -> '.join(_f(s.prestige) for s in steps)}; pass probability "
        f"{' -> '.join(_f(s.pass_probability) for s in steps)}; Coleman 2^-n "
        f"{' -> '.join(_f(s.coleman) for s in steps)}. Absorbed (inside the members' hull): "
        f"{', '.join(absorbed) or 'none'}; cut effectiveness: {', '.join(cuts) or 'none'}"
        + (f"; outside the hull yet harmless: {', '.join(kept)}" if kept else "")
        + ". If China and Russia dominated (their veto + a majority of the rest) the pass probability "
        "would go " + " -> ".join(_f(s.pass_probability_giants) for s in steps)
    )
    if steps[0].pass_probability == 0.0:
        why = (
            "the status quo lies in their unanimity core"
            if status_quo_in_core(m.world, m.world.members)
            else f"winset area in the square {_f(steps[0].winset_area)}, a sliver no sampled proposal hits"
        )
        evidence += f". The members' winset is already empty or nearly so ({why})"
    verdict, because = e1_verdict(steps[0].pass_probability, rises, never_up, absorbed_keep, bool(cuts))
    return EnlargementClaim(
        "E1",
        CLAIMS["E1"],
        verdict,
        evidence,
        "ideal points and the status quo (absorption); prestige_exponent, capability_measure",
        because,
    )


def _e2(m: EnlargementModel) -> EnlargementClaim:
    e = m.params.entrant.value
    decided = m.params.entry_decided is None or m.params.entry_decided.value
    base = {s: "member" for s in m.world.members if s != e}
    a = m.admit({e: "member"}, base=base)
    k = m.params.security_contribution.get(e)
    k_now = k.value if k else 0.0
    losses = {b: -a.member_gains[b] for b in a.blockers}
    needed = k_now + max(losses.values()) if losses else None
    parts = ", ".join(
        f"{s} {_f(g)} (effectiveness {_f(a.gain_parts[s]['effectiveness'])}, voice "
        f"{_f(a.gain_parts[s]['voice'])}, association {_f(a.gain_parts[s]['association'])})"
        for s, g in a.member_gains.items()
    )
    evidence = f"{e} joining {', '.join(base)}: gains {parts}; " + (
        "admitted" if a.admitted else f"blocked by {', '.join(a.blockers) or 'the entrant itself'}"
    )
    if not decided:
        evidence = f"{e} is a member on this date. (What-if, {e} as of this scenario: {evidence})"
    verdict, because = e2_verdict(decided, a.admitted, a.blockers, needed)
    return EnlargementClaim(
        "E2",
        CLAIMS["E2"],
        verdict,
        evidence,
        f"entry_decided; security_contribution.{e}, the affinities toward {e}, its ideal point",
        because,
    )


def pakistan_veto_threshold(m: EnlargementModel) -> tuple[float, float] | None:
    """``(coded, threshold)`` of the affinity Tajikistan->Pakistan: Tajikistan's gain from Pakistan as an
    observer is linear in it (slope: the smaller association share, observer's), so its veto holds iff the
    affinity is below ``threshold``. None if Tajikistan is not a member or Pakistan not a candidate."""
    if "Tajikistan" not in m.world.members or "Pakistan" not in m.world.candidates:
        return None
    key = "Tajikistan->Pakistan"
    aff = m.params.affinities.get(key)
    coded = aff.value if aff else 0.0
    gain = m.admit({"Pakistan": "observer"}).member_gains["Tajikistan"]
    slope = min(1.0, m.params.statuses.shares("observer")[1])
    return coded, coded - gain / slope if slope > 0 else float("nan")


def _e3(m: EnlargementModel) -> EnlargementClaim:
    if "Pakistan" not in m.world.candidates:
        v, b = e3_verdict(False, {})
        return EnlargementClaim("E3", CLAIMS["E3"], v, "Pakistan is not a candidate here", "candidates", b)
    alone = m.admit({"Pakistan": "observer"})
    india = (
        {st: m.admit({"India": st}) for st in ("observer", "member")} if "India" in m.world.candidates else {}
    )
    pkg = m.admit({"Pakistan": "observer", "India": "observer"}) if india else None
    checks = {
        "Pakistan alone rejected": not alone.admitted,
        "Tajikistan blocks": "Tajikistan" in alone.blockers,
        "China gains": alone.member_gains.get("China", 0.0) > 0,
        "Russia prefers the package with India": pkg is not None
        and pkg.member_gains.get("Russia", 0.0) > alone.member_gains.get("Russia", 0.0),
        "the package is rejected too": pkg is not None and not pkg.admitted,
        "India alone is not admitted": bool(india) and not any(a.admitted for a in india.values()),
    }
    gains = ", ".join(f"{s} {_f(g)}" for s, g in alone.member_gains.items())
    evidence = f"Pakistan as observer: gains {gains}; blockers {', '.join(alone.blockers) or 'none'}. "
    if pkg is not None:
        evidence += (
            f"With India (package): Russia {_f(pkg.member_gains['Russia'])}, Tajikistan "
            f"{_f(pkg.member_gains['Tajikistan'])}; blockers {', '.join(pkg.blockers) or 'none'}. "
        )
    for st, a in india.items():
        evidence += (
            f"India alone as {st}: {'admitted' if a.admitted else 'blocked by ' + ', '.join(a.blockers)}"
            f" (smallest member gain {_f(min(a.member_gains.values()))}). "
        )
    thr = pakistan_veto_threshold(m)
    if thr is not None:
        evidence += (
            f"Decisive value: Tajikistan->Pakistan = {_f(thr[0])}; Tajikistan's veto holds while it is "
            f"below {_f(thr[1])}, so the verdict re-reads the sign and size of a coded affinity. "
        )
    evidence += "Checks: " + "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in checks.items())
    verdict, because = e3_verdict(True, checks)
    return EnlargementClaim(
        "E3",
        CLAIMS["E3"],
        verdict,
        evidence,
        "the signs of the affinities Tajikistan->Pakistan (decisive, threshold above), "
        "China->Pakistan, Russia->India, Russia->Pakistan (paper fn 55-56); India's capability "
        "(prestige)",
        because,
    )


def _e4(m: EnlargementModel) -> EnlargementClaim:
    if "Uzbekistan" not in m.world.members:
        v, b = e4_verdict(False, ())
        return EnlargementClaim("E4", CLAIMS["E4"], v, "Uzbekistan is not a member here", "members", b)
    quick = m.admit({c: "member" for c in m.world.candidates})
    single = {c: m.admit({c: "member"}).member_gains["Uzbekistan"] for c in m.world.candidates}
    uz = quick.gain_parts["Uzbekistan"]
    others_voice = {s: quick.gain_parts[s]["voice"] for s in quick.voters}
    same_voice = max(others_voice.values()) - min(others_voice.values()) < 1e-12
    evidence = (
        f"all candidates at once as members: Uzbekistan's gain {_f(uz['total'])} (prestige "
        f"{_f(uz['prestige'])}, effectiveness {_f(uz['effectiveness'])}, voice {_f(uz['voice'])}, "
        f"association {_f(uz['association'])}); blockers {', '.join(quick.blockers) or 'none'}. "
        f"One at a time, Uzbekistan's gains: "
        + ", ".join(f"{c} {_f(g)}" for c, g in single.items())
        + ". "
        + (
            "Its voice loss equals every other member's (consensus: 1/n each)"
            if same_voice
            else "Voice losses differ across members (weighted voice rule)"
        )
    )
    verdict, because = e4_verdict(True, quick.blockers)
    return EnlargementClaim(
        "E4",
        CLAIMS["E4"],
        verdict,
        evidence,
        "voice_quota (consensus gives every member the same dilution), weights.voice, "
        "the effectiveness left to lose (status quo, ideal points)",
        because,
    )


def _e5(m: EnlargementModel, date: _dt.date | None = None) -> EnlargementClaim:
    if date is not None and date < SEPT_11:
        verdict, because = e5_verdict("Uzbekistan" in m.world.members, {}, before_911=True)
        return EnlargementClaim("E5", CLAIMS["E5"], verdict, f"the scenario's date is {date.isoformat()}",
                                "the scenario's date (meta.date)", because)
    v = statement_vote(m.world)
    r = statement_reach(m.world)
    uz_in = "Uzbekistan" in m.world.members
    label = m.params.statement_label.value
    if not uz_in:
        verdict, because = e5_verdict(False, {})
        return EnlargementClaim(
            "E5", CLAIMS["E5"], verdict, "Uzbekistan is not a member here", "members", because
        )
    cool = {o.state: o for o in m.outside_options()}
    checks = {
        "the statement is blocked": not v.passes,
        "Uzbekistan blocks it": "Uzbekistan" in v.blockers,
        "Uzbekistan is pivotal (the statement passes without its veto)": set(v.blockers) == {"Uzbekistan"},
        "Uzbekistan goes cool (US option beats the SCO)": cool["Uzbekistan"].cool,
    }
    o = cool["Uzbekistan"]
    evidence = (
        f"'{label}': margins (positive = prefers the status quo) "
        + ", ".join(f"{s} {_f(x)}" for s, x in v.margins.items())
        + f"; blockers {', '.join(v.blockers) or 'none'}. Reach toward it: t_max {_f(r.t_max)} "
        f"(>= 1 full statement, <= 0 nothing); without Uzbekistan "
        f"{_f(r.t_max_without.get('Uzbekistan', 0))}"
        f"; resisters to any step: {', '.join(r.resisters) or 'none'}. "
        f"Uzbekistan's payoff inside {_f(o.inside)} vs its expected US option = availability "
        f"{_f(o.availability)} x US-club payoff {_f(o.us_club)} = {_f(o.outside)} (break-even "
        f"availability {_f(o.breakeven_availability)}). "
        "Checks: " + "; ".join(f"{k}: {'yes' if x else 'no'}" for k, x in checks.items())
    )
    verdict, because = e5_verdict(True, checks)
    return EnlargementClaim(
        "E5",
        CLAIMS["E5"],
        verdict,
        evidence,
        "the ideal points of the Central Asian members in this scenario, the status quo and "
        "the statement point; us_option_availability.Uzbekistan (break-even above)",
        because,
    )


def _e6(m: EnlargementModel) -> EnlargementClaim:
    table = {tuple(r.candidates): r.predicted for r in m.admission_table()}
    rank = {None: -1, **{s: i for i, s in enumerate(STATUSES)}}
    singles = {c[0]: h for c, h in table.items() if len(c) == 1}
    hist = membership_history()
    record = {c: ", ".join(f"{e['status']} {e['year']}" for e in hist.get(c, [])) or "none" for c in singles}
    mongolia_top = "Mongolia" in singles and all(
        rank[singles["Mongolia"]] >= rank[h] for h in singles.values()
    )
    everyone_some = all(h is not None for h in singles.values())
    granted = ", ".join(f"{c} {h or 'none'}" for c, h in singles.items())
    evidence = (
        "highest status the model grants: "
        + granted
        + ". Record (later years): "
        + "; ".join(f"{c}: {r}" for c, r in record.items())
        + f". Mongolia top: {'yes' if mongolia_top else 'no'}; every candidate reaches a stage: "
        f"{'yes' if everyone_some else 'no'}"
    )
    verdict, because = e6_verdict(mongolia_top, everyone_some)
    return EnlargementClaim(
        "E6",
        CLAIMS["E6"],
        verdict,
        evidence,
        "statuses table (shares of prestige, association, cost), candidates' ideal points, "
        "capability weights (India's prestige)",
        because,
    )


def evaluate_claims(model: EnlargementModel, date: _dt.date | None = None) -> list[EnlargementClaim]:
    """E1-E6 for one scenario's model (see :data:`CLAIMS`); ``date`` is the scenario's date (E5 is "not
    applicable" before 9/11; None: not known, E5 is judged). A claim the scenario lists in
    ``claims_not_asked`` (the paper's claims are about its 2001-03 moments) is "not applicable", with the
    scenario's reason, and is not computed."""
    check_model(model, "evaluate_claims")
    skip = model.params.claims_not_asked
    out = []
    for cid, fn in (("E1", _e1), ("E2", _e2), ("E3", _e3), ("E4", _e4), ("E5", lambda m: _e5(m, date)),
                    ("E6", _e6)):
        if cid in skip:
            why = skip[cid].value
            out.append(EnlargementClaim(cid, CLAIMS[cid], NA, f"not asked on this date: {why}",
                                        f"claims_not_asked.{cid} ({skip[cid].source})", why))
        else:
            out.append(fn(model))
    return out
