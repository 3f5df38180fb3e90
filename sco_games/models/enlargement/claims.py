"""The paper's enlargement claims E1-E6 (MODELS.md §3), each checked against the model honestly.

Each :class:`Claim` records the verdict (``reproduced``, ``partly``, ``not reproduced``), the evidence
(numbers from the model), and what the verdict depends on (the parameters or break-even values a
reader should look at). Nothing here tunes a parameter.

>>> from sco_games.scenario import load_scenario
>>> from sco_games.models.enlargement import EnlargementModel
>>> cs = evaluate_claims(EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement))
>>> [c.id for c in cs]
['E1', 'E2', 'E3', 'E4', 'E5', 'E6']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sco_games.data.membership import membership_history, membership_sources
from sco_games.models.common import Claim
from sco_games.models.enlargement.game import EnlargementModel
from sco_games.models.enlargement.params import STATUSES, EnlargementParams
from sco_games.models.enlargement.space import (
    statement_reach,
    statement_vote,
    status_quo_in_core,
)
from sco_games.sourced import Sourced, check_section, set_values

__all__ = [
    "CLAIMS",
    "Claim",
    "SensitivityRow",
    "claims_sensitivity",
    "evaluate_claims",
    "membership_history",
    "membership_sources",
    "ranged_values",
    "with_overrides",
]

#: The claims, as MODELS.md states them (paper sections in brackets).
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


def _e1(m: EnlargementModel) -> Claim:
    steps = m.tradeoff_curve()
    rises = all(b.prestige > a.prestige for a, b in zip(steps, steps[1:], strict=False))
    never_up = all(b.pass_probability <= a.pass_probability for a, b in zip(steps, steps[1:], strict=False))
    absorbed_keep = all(b.pass_probability == a.pass_probability
                        for a, b in zip(steps, steps[1:], strict=False) if b.absorbed)
    cuts = [b.added for a, b in zip(steps, steps[1:], strict=False)
            if not b.absorbed and b.pass_probability < a.pass_probability]
    kept = [b.added for a, b in zip(steps, steps[1:], strict=False)
            if not b.absorbed and b.pass_probability == a.pass_probability and a.pass_probability > 0]
    absorbed = [s.added for s in steps[1:] if s.absorbed]
    start = steps[0].pass_probability
    evidence = (
        f"adding {', '.join(s.added for s in steps[1:])} in turn: prestige "
        f"{' -> '.join(_f(s.prestige) for s in steps)}; pass probability "
        f"{' -> '.join(_f(s.pass_probability) for s in steps)}; Coleman 2^-n "
        f"{' -> '.join(_f(s.coleman) for s in steps)}. Absorbed (inside the members' hull): "
        f"{', '.join(absorbed) or 'none'}; cut effectiveness: {', '.join(cuts) or 'none'}"
        + (f"; outside the hull yet harmless: {', '.join(kept)}" if kept else "")
        + ". If China and Russia dominated (their veto + a majority of the rest) the pass probability "
        "would go "
        + " -> ".join(_f(s.pass_probability_giants) for s in steps)
    )
    if start == 0.0:
        verdict = "partly"
        why = ("the status quo lies in their unanimity core" if status_quo_in_core(m.world, m.world.members)
               else f"exact winset area {_f(steps[0].winset_area)}, a sliver no sampled proposal hits")
        evidence += (f". The members' winset is already empty or nearly so ({why}): prestige rises and there "
                     "is no effectiveness left to lose")
    elif rises and never_up and absorbed_keep and cuts:
        verdict = "reproduced"
    else:
        verdict = "partly" if rises and never_up else "not reproduced"
    return Claim("E1", CLAIMS["E1"], verdict, evidence,
                 "ideal points and the status quo (absorption); prestige_exponent, capability_measure")


def _e2(m: EnlargementModel) -> Claim:
    e = m.params.entrant.value
    base = {s: "member" for s in m.world.members if s != e}
    a = m.admit({e: "member"}, base=base)
    k = m.params.security_contribution.get(e)
    k_now = k.value if k else 0.0
    losses = {b: -a.member_gains[b] for b in a.blockers}
    needed = k_now + max(losses.values()) if losses else None
    parts = ", ".join(f"{s} {_f(g)} (effectiveness {_f(a.gain_parts[s]['effectiveness'])}, voice "
                      f"{_f(a.gain_parts[s]['voice'])}, association {_f(a.gain_parts[s]['association'])})"
                      for s, g in a.member_gains.items())
    evidence = f"{e} joining {', '.join(base)}: gains {parts}. "
    if a.admitted:
        verdict = "reproduced"
        evidence += f"Every member gains: {e} is admitted"
    else:
        central_asian = {"Kyrgyzstan", "Tajikistan", "Kazakhstan"}
        verdict = "partly" if set(a.blockers) & central_asian else "not reproduced"
        evidence += (f"Blocked by {', '.join(a.blockers)}: the resistance of §1-2 is there, the acceptance "
                     f"is not. Acceptance needs {e}'s security contribution >= {_f(needed)} "
                     f"(scenario: {_f(k_now)})") if needed is not None else "Blocked by the entrant itself"
    return Claim("E2", CLAIMS["E2"], verdict, evidence,
                 f"security_contribution.{e}, the affinities toward {e}, its ideal point (winset cut); "
                 "a 2001 claim: later scenarios ask whether that year's Uzbekistan would be admitted")


def _e3(m: EnlargementModel) -> Claim:
    if "Pakistan" not in m.world.candidates:
        return Claim("E3", CLAIMS["E3"], "not reproduced", "Pakistan is not a candidate here", "candidates")
    alone = m.admit({"Pakistan": "observer"})
    pkg = m.admit({"Pakistan": "observer", "India": "observer"}) if "India" in m.world.candidates else None
    checks = {
        "Pakistan alone rejected": not alone.admitted,
        "Tajikistan blocks": "Tajikistan" in alone.blockers,
        "China gains": alone.member_gains.get("China", 0.0) > 0,
        "Russia prefers the package with India": pkg is not None
        and pkg.member_gains.get("Russia", 0.0) > alone.member_gains.get("Russia", 0.0),
        "the package is rejected too": pkg is not None and not pkg.admitted,
    }
    gains = ", ".join(f"{s} {_f(g)}" for s, g in alone.member_gains.items())
    evidence = (f"Pakistan as observer: gains {gains}; blockers {', '.join(alone.blockers) or 'none'}. ")
    if pkg is not None:
        evidence += (f"With India (package): Russia {_f(pkg.member_gains['Russia'])}, Tajikistan "
                     f"{_f(pkg.member_gains['Tajikistan'])}; blockers {', '.join(pkg.blockers) or 'none'}. ")
    evidence += "Checks: " + "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in checks.items())
    n = sum(checks.values())
    verdict = "reproduced" if n == len(checks) else ("partly" if checks["Pakistan alone rejected"] else
                                                     "not reproduced")
    return Claim("E3", CLAIMS["E3"], verdict, evidence,
                 "the signs of the affinities Tajikistan->Pakistan, China->Pakistan, Russia->India, "
                 "Russia->Pakistan (paper fn 55-56); observers add only prestige and association, no veto")


def _e4(m: EnlargementModel) -> Claim:
    if "Uzbekistan" not in m.world.members:
        return Claim("E4", CLAIMS["E4"], "not reproduced", "Uzbekistan is not a member here", "members")
    quick = m.admit({c: "member" for c in m.world.candidates})
    single = {c: m.admit({c: "member"}).member_gains["Uzbekistan"] for c in m.world.candidates}
    uz = quick.gain_parts["Uzbekistan"]
    others_voice = {s: quick.gain_parts[s]["voice"] for s in quick.voters}
    same_voice = max(others_voice.values()) - min(others_voice.values()) < 1e-12
    evidence = (f"all candidates at once as members: Uzbekistan's gain {_f(uz['total'])} (prestige "
                f"{_f(uz['prestige'])}, effectiveness {_f(uz['effectiveness'])}, voice {_f(uz['voice'])}, "
                f"association {_f(uz['association'])}); blockers {', '.join(quick.blockers) or 'none'}. "
                f"One at a time, Uzbekistan's gains: "
                + ", ".join(f"{c} {_f(g)}" for c, g in single.items()) + ". "
                + ("Its voice loss equals every other member's (consensus: 1/n each)" if same_voice
                   else "Voice losses differ across members (weighted voice rule)"))
    if "Uzbekistan" in quick.blockers:
        verdict = "reproduced" if quick.blockers == ("Uzbekistan",) else "partly"
        if verdict == "partly":
            evidence += "; Uzbekistan blocks, but so do others: the model does not single it out"
    else:
        verdict = "not reproduced"
    return Claim("E4", CLAIMS["E4"], verdict, evidence,
                 "voice_quota (consensus gives every member the same dilution), weights.voice, "
                 "the effectiveness left to lose (status quo, ideal points)")


def _e5(m: EnlargementModel) -> Claim:
    v = statement_vote(m.world)
    r = statement_reach(m.world)
    uz_in = "Uzbekistan" in m.world.members
    cool = {o.state: o for o in m.outside_options()}
    checks = {
        "the statement is blocked": not v.passes,
        "Uzbekistan is the principal blocker": v.principal_blocker == "Uzbekistan",
        "Uzbekistan alone blocks it (passes without it)": uz_in and set(v.blockers) == {"Uzbekistan"},
        "Uzbekistan goes cool (US option beats the SCO)": uz_in and cool["Uzbekistan"].cool,
    }
    label = m.params.statement_label.value
    evidence = (f"'{label}': margins (positive = prefers silence) "
                + ", ".join(f"{s} {_f(x)}" for s, x in v.margins.items())
                + f"; blockers {', '.join(v.blockers) or 'none'}. Reach toward it: t_max {_f(r.t_max)} "
                f"(>= 1 full statement, <= 0 nothing); without Uzbekistan "
                f"{_f(r.t_max_without.get('Uzbekistan', 0))}"
                f"; resisters to any step: {', '.join(r.resisters) or 'none'}. ")
    if uz_in:
        o = cool["Uzbekistan"]
        evidence += (f"Uzbekistan inside {_f(o.inside)} vs US option "
                     f"{_f(o.availability)} x {_f(o.us_club)} = "
                     f"{_f(o.outside)} (break-even availability {_f(o.breakeven_availability)}). ")
    evidence += "Checks: " + "; ".join(f"{k}: {'yes' if x else 'no'}" for k, x in checks.items())
    if all(checks.values()):
        verdict = "reproduced"
    elif checks["the statement is blocked"] and "Uzbekistan" in v.blockers:
        verdict = "partly"
    else:
        verdict = "not reproduced"
    return Claim("E5", CLAIMS["E5"], verdict, evidence,
                 "the ideal points of the Central Asian members in this scenario, the status quo and the "
                 "statement point; us_option_availability.Uzbekistan (break-even above)")


def _e6(m: EnlargementModel) -> Claim:
    table = {tuple(r.candidates): r.highest for r in m.admission_table()}
    rank = {None: -1, **{s: i for i, s in enumerate(STATUSES)}}
    singles = {c[0]: h for c, h in table.items() if len(c) == 1}
    hist = membership_history()
    record = {c: ", ".join(f"{e['status']} {e['year']}" for e in hist.get(c, [])) or "none"
              for c in singles}
    mongolia_top = "Mongolia" in singles and all(rank[singles["Mongolia"]] >= rank[h]
                                                 for h in singles.values())
    everyone_some = all(h is not None for h in singles.values())
    granted = ", ".join(f"{c} {h or 'none'}" for c, h in singles.items())
    evidence = ("highest status the model grants: " + granted
                + ". Record: " + "; ".join(f"{c}: {r}" for c, r in record.items())
                + f". Mongolia top: {'yes' if mongolia_top else 'no'}; every candidate reaches a stage: "
                f"{'yes' if everyone_some else 'no'}")
    verdict = "reproduced" if mongolia_top and everyone_some else ("partly" if mongolia_top or everyone_some
                                                                    else "not reproduced")
    return Claim("E6", CLAIMS["E6"], verdict, evidence,
                 "statuses table (shares of prestige, association, cost), candidates' ideal points, "
                 "capability weights (India's prestige)")


def evaluate_claims(model: EnlargementModel) -> list[Claim]:
    """E1-E6 for one scenario's model (see :data:`CLAIMS`)."""
    return [_e1(model), _e2(model), _e3(model), _e4(model), _e5(model), _e6(model)]


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
    return EnlargementParams.model_validate(data)


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


@dataclass(frozen=True)
class SensitivityRow:
    """The verdicts of E1-E6 with one value moved to one end of its stated range."""

    key: str
    value: float
    verdicts: Mapping[str, str]
    changed: tuple[str, ...]


def claims_sensitivity(params: EnlargementParams) -> list[SensitivityRow]:
    """Move each ranged value (see :func:`ranged_values`) to the low and the high end of its range, one
    at a time, and report which claims' verdicts change. The first row is the scenario as given.

    >>> from sco_games.scenario import load_scenario
    >>> rows = claims_sensitivity(load_scenario("params/founding_2001.yaml").enlargement)
    >>> rows[0].key, rows[0].changed
    ('(as given)', ())
    """
    check_section(params, EnlargementParams, "enlargement", "claims_sensitivity")
    base = {c.id: c.verdict for c in evaluate_claims(EnlargementModel(params))}
    rows = [SensitivityRow("(as given)", float("nan"), base, ())]
    for key, value, (lo, hi) in ranged_values(params):
        for x in (lo, hi):
            if x == value:
                continue
            v = {c.id: c.verdict for c in evaluate_claims(EnlargementModel(with_overrides(params, {key: x})))}
            rows.append(SensitivityRow(key, x, v, tuple(k for k in v if v[k] != base[k])))
    return rows
