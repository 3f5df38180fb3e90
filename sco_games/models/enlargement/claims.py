"""The paper's enlargement claims E1-E6 (§1-2, §2-1, §2-2, §3-2, Conclusion), each checked against the model.

Each verdict comes from a plain function of the model's results (``e1_verdict`` .. ``e6_verdict``, tested on
constructed inputs). Each :class:`EnlargementClaim` records the verdict (``reproduced``, ``partly``,
``not reproduced``, ``not applicable``), a plain-English ``because``, the evidence
(numbers from the model), and what the verdict depends on (the parameters or break-even values a
reader should look at). Nothing here tunes a parameter.

>>> from sco_games.scenario import load_scenario
>>> from sco_games.models.enlargement import EnlargementModel
>>> cs = evaluate_claims(EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement))
>>> [c.id for c in cs]
['E1', 'E2', 'E3', 'E4', 'E5', 'E6']
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sco_games.data.membership import membership_history, membership_sources
from sco_games.models.common import Claim, RecordCheck
from sco_games.models.enlargement.game import EnlargementModel, check_model
from sco_games.models.enlargement.params import STATUSES, EnlargementParams
from sco_games.models.enlargement.space import (
    pass_probability,
    statement_reach,
    statement_vote,
    status_quo_in_core,
    winset_area_in_square,
)
from sco_games.sourced import Sourced, check_section, set_values, validated

__all__ = [
    "CLAIMS",
    "Claim",
    "EnlargementClaim",
    "e1_verdict",
    "e2_verdict",
    "e3_verdict",
    "e4_verdict",
    "e5_verdict",
    "e6_verdict",
    "pakistan_veto_threshold",
    "SensitivityRow",
    "StatusQuoRow",
    "record_checks",
    "status_at",
    "status_quo_table",
    "claims_sensitivity",
    "evaluate_claims",
    "membership_history",
    "membership_sources",
    "ranged_points",
    "ranged_values",
    "with_overrides",
]

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


def _f(x: float) -> str:
    return f"{x:.3g}"


@dataclass(frozen=True)
class EnlargementClaim(Claim):
    """A :class:`~sco_games.models.common.Claim` with a short plain-English ``because`` (the sidecar's)."""

    because: str = ""

    def as_dict(self) -> dict[str, str]:
        """The sidecar's form: ``{"id", "claim", "verdict", "because"}``."""
        return {"id": self.id, "claim": self.claim, "verdict": self.verdict, "because": self.because}


NA = "not applicable"
#: E5 asks what 9/11 changed: not applicable to a scenario dated before it.
SEPT_11 = _dt.date(2001, 9, 11)


# -- verdict functions: plain inputs (the model's results) -> (verdict, because) -------------------------
def e1_verdict(
    start_pass: float, rises: bool, never_up: bool, absorbed_keep: bool, any_cut: bool
) -> tuple[str, str]:
    """E1 from the trade-off curve: prestige ``rises`` at each step, the pass probability ``never_up``,
    absorbed newcomers keep it (``absorbed_keep``), some newcomer cuts it (``any_cut``)."""
    if start_pass == 0.0:
        return (
            "partly",
            "prestige rises with each newcomer, but the members can pass nothing even before "
            "enlargement, so there is no effectiveness left to lose",
        )
    if rises and never_up and absorbed_keep and any_cut:
        return (
            "reproduced",
            "each newcomer raises prestige; those outside the members' hull cut the chance "
            "of acting, those inside it leave it unchanged",
        )
    if rises and never_up:
        return (
            "partly",
            "prestige rises and effectiveness never rises, but "
            + ("no newcomer cuts it" if not any_cut else "an absorbed newcomer changes it"),
        )
    return ("not reproduced", "prestige does not rise at every step or effectiveness rises with a newcomer")


def e2_verdict(
    decided: bool, admitted: bool, blockers: tuple[str, ...], needed: float | None
) -> tuple[str, str]:
    """E2 from the entrant's admission: ``decided`` (is the entry decided on this date?), the outcome and
    its blockers, and the security contribution that acceptance would need (``needed``)."""
    if not decided:
        return (NA, "Uzbekistan is already a member on this date: its entry is not being decided")
    if admitted:
        return (
            "reproduced",
            "every member gains from the entry: its security contribution outweighs the "
            "Central Asian rivalries",
        )
    central = set(blockers) & {"Kyrgyzstan", "Tajikistan", "Kazakhstan"}
    need = f" (acceptance needs a security contribution >= {_f(needed)})" if needed is not None else ""
    if central:
        return (
            "partly",
            f"{', '.join(sorted(central))} resist as the paper says, but the entry is not accepted{need}",
        )
    return ("not reproduced", f"the entry is blocked, and not by the Central Asian rivals{need}")


def e3_verdict(pakistan_candidate: bool, checks: Mapping[str, bool]) -> tuple[str, str]:
    """E3 from the checks on Pakistan's (and India's) bids; ``"Pakistan alone rejected"`` is required for
    anything above "not reproduced"."""
    if not pakistan_candidate:
        return (NA, "Pakistan is not a candidate in this scenario")
    failed = [k for k, v in checks.items() if not v]
    if not failed:
        return (
            "reproduced",
            "Pakistan is rejected with Tajikistan blocking and China in favour, Russia "
            "prefers the package with India, and no one else is admitted",
        )
    if checks.get("Pakistan alone rejected"):
        return ("partly", "Pakistan is rejected, but not: " + "; ".join(failed))
    return ("not reproduced", "Pakistan's bid passes")


def e4_verdict(uzbekistan_member: bool, blockers: tuple[str, ...]) -> tuple[str, str]:
    """E4 from the decision on quick enlargement (every candidate at once as a member)."""
    if not uzbekistan_member:
        return (NA, "Uzbekistan is not a member in this scenario")
    if blockers == ("Uzbekistan",):
        return ("reproduced", "Uzbekistan alone vetoes quick enlargement")
    if "Uzbekistan" in blockers:
        return (
            "partly",
            f"Uzbekistan vetoes quick enlargement, but so do {len(blockers) - 1} others: "
            "consensus dilutes every member's voice alike",
        )
    return ("not reproduced", "Uzbekistan gains from quick enlargement in the model")


def e5_verdict(uzbekistan_member: bool, checks: Mapping[str, bool],
               before_911: bool = False) -> tuple[str, str]:
    """E5 from the statement vote and Uzbekistan's outside option (``checks``: blocked, principal blocker,
    pivotal, cool); "not applicable" before 9/11 (the claim is about what 9/11 changed) or without Uzbekistan.

    >>> e5_verdict(True, {"x": True}, before_911=True)[0], e5_verdict(True, {"x": True})[0]
    ('not applicable', 'reproduced')
    """
    if before_911:
        return (NA, "the scenario is dated before 9/11 (11 September 2001), and the claim is about what "
                    "came after it")
    if not uzbekistan_member:
        return (NA, "Uzbekistan is not a member in this scenario")
    if all(checks.values()):
        return (
            "reproduced",
            "the statement is blocked, Uzbekistan's veto alone stops it, and its US option beats the SCO",
        )
    if checks["the statement is blocked"] and checks["Uzbekistan blocks it"]:
        failed = [k for k, v in checks.items() if not v]
        return ("partly", "Uzbekistan blocks the statement, but not: " + "; ".join(failed))
    return (
        "not reproduced",
        "the statement passes"
        if not checks["the statement is blocked"]
        else "the statement is blocked, but not by Uzbekistan",
    )


def e6_verdict(mongolia_top: bool, everyone_some: bool) -> tuple[str, str]:
    """E6 from the admission table: is Mongolia granted the highest status, does every candidate reach a
    stage?"""
    if mongolia_top and everyone_some:
        return ("reproduced", "Mongolia gets the highest status and every candidate reaches some stage")
    if mongolia_top or everyone_some:
        return (
            "partly",
            "Mongolia gets the highest status, but not every candidate reaches a stage"
            if mongolia_top
            else "every candidate reaches a stage, but Mongolia is not the top one",
        )
    return ("not reproduced", "Mongolia is not the top candidate and some candidate reaches no stage")


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


def with_overrides(params: EnlargementParams, overrides: Mapping[str, Any]) -> EnlargementParams:
    """A re-validated copy of ``params`` with dotted keys (relative to the section, e.g.
    ``"weights.effectiveness"`` or ``"affinities.Tajikistan->Pakistan"``) set to new values.

    >>> from sco_games.scenario import load_scenario
    >>> p = load_scenario("params/founding_2001.yaml").enlargement
    >>> with_overrides(p, {"weights.voice": 2.0}).weights.voice.value
    2.0
    """
    check_section(params, EnlargementParams, "enlargement", "with_overrides")
    data, unknown = set_values(params.model_dump(), overrides, "override")
    if unknown:
        raise ValueError(f"overrides: {unknown[0]!r} names no entry of the enlargement section")
    for entry in _point_entries(data):
        r, v = entry.get("range"), entry.get("value")
        if r is not None and not all(lo <= x <= hi for x, (lo, hi) in zip(v, r, strict=True)):
            del entry["range"]
            entry["source"] = f"{entry['source']}; outside the range {r} of the sources, so no range"
    return validated(EnlargementParams, data, "enlargement", "with_overrides")


def _point_entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The dumped :class:`SourcedPoint` entries of a section (members, candidates, status quo, ...)."""
    out = [data[k] for k in ("status_quo", "statement", "us_ideal")]
    for k in ("members", "candidates", "status_quo_alternatives"):
        out += list(data[k].values())
    out += [d["position"] for d in data["documents"].values()]
    return [e for e in out if isinstance(e.get("value"), list | tuple)]


def ranged_values(params: EnlargementParams) -> list[tuple[str, float, tuple[float, float]]]:
    """Every sourced scalar that carries a ``range`` (the spread a reader might defend):
    ``(dotted key, value, (low, high))``."""
    out: list[tuple[str, float, tuple[float, float]]] = []

    def walk(v: Any, path: str) -> None:
        if isinstance(v, Sourced):
            if v.range is not None and isinstance(v.value, int | float):
                out.append((path, float(v.value), (float(v.range[0]), float(v.range[1]))))
        elif isinstance(v, BaseModel):
            for name in type(v).model_fields:
                walk(getattr(v, name), f"{path}.{name}" if path else name)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(x, f"{path}.{k}")

    walk(params, "")
    return out


def ranged_points(
    params: EnlargementParams,
) -> list[tuple[str, int, tuple[float, float], tuple[float, float]]]:
    """Every position that the claims read (ideal points, status quo, statement) with a per-coordinate
    ``range``: ``(dotted key, axis 0/1, the point, (low, high) on that axis)``."""
    entries = [("status_quo", params.status_quo), ("statement", params.statement)]
    entries += [(f"members.{k}", v) for k, v in params.members.items()]
    entries += [(f"candidates.{k}", v) for k, v in params.candidates.items()]
    return [
        (key, axis, tuple(e.value), tuple(e.range[axis]))
        for key, e in entries
        if e.range is not None
        for axis in (0, 1)
    ]


@dataclass(frozen=True)
class SensitivityRow:
    """The verdicts of E1-E6 with one value moved to one end of its stated range."""

    key: str
    value: float
    verdicts: Mapping[str, str]
    changed: tuple[str, ...]


def claims_sensitivity(params: EnlargementParams, date: _dt.date | None = None) -> list[SensitivityRow]:
    """Move each ranged value (see :func:`ranged_values`) and each coordinate of a ranged position (see
    :func:`ranged_points`) to the low and the high end of its range, one at a time, and report which
    claims' verdicts change. The first row is the scenario as given. ``date`` as in :func:`evaluate_claims`.

    >>> from sco_games.scenario import load_scenario
    >>> rows = claims_sensitivity(load_scenario("params/founding_2001.yaml").enlargement)
    >>> rows[0].key, rows[0].changed
    ('(as given)', ())
    """
    check_section(params, EnlargementParams, "enlargement", "claims_sensitivity")
    base = {c.id: c.verdict for c in evaluate_claims(EnlargementModel(params), date)}
    rows = [SensitivityRow("(as given)", float("nan"), base, ())]
    for key, value, (lo, hi) in ranged_values(params):
        for x in (lo, hi):
            if x == value:
                continue
            v = {c.id: c.verdict
                 for c in evaluate_claims(EnlargementModel(with_overrides(params, {key: x})), date)}
            rows.append(SensitivityRow(key, x, v, tuple(k for k in v if v[k] != base[k])))
    for key, axis, point, (lo, hi) in ranged_points(params):
        for x in (lo, hi):
            if x == point[axis]:
                continue
            moved = list(point)
            moved[axis] = x
            v = {
                c.id: c.verdict
                for c in evaluate_claims(EnlargementModel(with_overrides(params, {key: moved})), date)
            }
            rows.append(SensitivityRow(f"{key}.{'xy'[axis]}", x, v, tuple(k for k in v if v[k] != base[k])))
    return rows


def status_at(state: str, year: int) -> str:
    """``state``'s SCO status in ``year`` from the membership record (the last entry dated on or before it),
    or ``"none"``.

    >>> status_at("Mongolia", 2003), status_at("Mongolia", 2004), status_at("Uzbekistan", 2001)
    ('none', 'observer', 'member')
    """
    held = [e for e in membership_history().get(state, []) if e["year"] <= year]
    return held[-1]["status"] if held else "none"


def _passes_against_status_quo(
    m: EnlargementModel, point: tuple[float, float]
) -> tuple[bool, tuple[str, ...]]:
    v = statement_vote(m.world, statement=point)
    return v.passes, v.blockers


def record_checks(model: EnlargementModel, year: int) -> list[RecordCheck]:
    """The model's predictions that the record settles, for a scenario dated in ``year``: each candidate's
    highest status (and the entrant's admission, where it is decided) against the membership record, and
    each coded document (and the statement, where its fate is coded) against whether the SCO adopted it."""
    m, p = model, model.params
    out: list[RecordCheck] = []
    src = (
        "paper §3-2 ('did not agree to invite any country other than Uzbekistan'); SCO records "
        f"(sco_membership.yaml): {membership_sources()['observers']}"
    )
    if p.entry_decided is None or p.entry_decided.value:
        e = p.entrant.value
        a = m.admit({e: "member"}, base={s: "member" for s in m.world.members if s != e})
        obs = status_at(e, year)
        out.append(
            RecordCheck(
                f"R-{e}",
                f"Is {e} admitted as a member in {year}?",
                "admitted" if a.admitted else f"blocked by {', '.join(a.blockers)}",
                "admitted" if obs == "member" else obs,
                a.admitted == (obs == "member"),
                "paper §1-2: founding member, 15 June 2001",
            )
        )
    highest = {tuple(r.candidates): r.predicted for r in m.admission_table()}
    for c in p.enlargement_order.value:
        pred = (highest[(c,)] or "none").replace("_", " ")
        obs = status_at(c, year).replace("_", " ")
        out.append(RecordCheck(f"R-{c}", f"{c}'s highest status in {year}", pred, obs, pred == obs, src))
    for label, doc in p.documents.items():
        passes, blockers = _passes_against_status_quo(m, doc.position.value)
        out.append(
            RecordCheck(
                f"R-doc-{len(out)}",
                f"Can the members pass '{label}' against the status quo?",
                "passes" if passes else f"blocked by {', '.join(blockers)}",
                "adopted" if doc.adopted.value else "not adopted",
                passes == doc.adopted.value,
                doc.adopted.source,
            )
        )
    if p.statement_adopted is not None:
        v = statement_vote(m.world)
        out.append(
            RecordCheck(
                "R-statement",
                f"Can the members pass '{p.statement_label.value}'?",
                "passes" if v.passes else f"blocked by {', '.join(v.blockers)}",
                "adopted" if p.statement_adopted.value else "not adopted",
                v.passes == p.statement_adopted.value,
                p.statement_adopted.source,
            )
        )
    return out


@dataclass(frozen=True)
class StatusQuoRow:
    """The model under one coding of the status quo: the winset's area inside the square, the members' pass
    probability, and the verdicts of the claims that hang on it (E1, E2, E4)."""

    label: str
    point: tuple[float, float]
    winset_area: float
    pass_probability: float
    verdicts: Mapping[str, str]


def status_quo_table(params: EnlargementParams) -> list[StatusQuoRow]:
    """The coded status quo (first row), the corners of its range and each ``status_quo_alternatives`` entry,
    each with its winset area, pass probability and the E1, E2, E4 verdicts."""
    check_section(params, EnlargementParams, "enlargement", "status_quo_table")
    sq = params.status_quo
    cands: list[tuple[str, tuple[float, float]]] = [("as coded", tuple(sq.value))]
    if sq.range is not None:
        (xl, xh), (yl, yh) = sq.range
        cands += [(f"range end, y = {y:g}", (sq.value[0], y)) for y in (yl, yh) if y != sq.value[1]]
        cands += [(f"range end, x = {x:g}", (x, sq.value[1])) for x in (xl, xh) if x != sq.value[0]]
    cands += [(k, tuple(v.value)) for k, v in params.status_quo_alternatives.items()]
    rows = []
    for label, q in cands:
        m = EnlargementModel(with_overrides(params, {"status_quo": list(q)}))
        cs = {c.id: c.verdict for c in (_e1(m), _e2(m), _e4(m))}
        rows.append(
            StatusQuoRow(
                label,
                (float(q[0]), float(q[1])),
                winset_area_in_square(m.world, m.world.members),
                pass_probability(m.world, m.world.members),
                cs,
            )
        )
    return rows
