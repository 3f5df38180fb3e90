"""The verdict rules of the paper's enlargement claims E1-E6 (§1-2, §2-1, §2-2, §3-2, Conclusion): plain
functions from the model's results (booleans, blockers, numbers) to ``(verdict, because)``, tested on
constructed inputs; :mod:`~sco_games.models.enlargement.claims` computes their inputs from a model.

>>> e4_verdict(True, ("Uzbekistan",))
('reproduced', 'Uzbekistan alone vetoes quick enlargement')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

__all__ = ["NA", "SEPT_11", "e1_verdict", "e2_verdict", "e3_verdict", "e4_verdict", "e5_verdict",
           "e6_verdict"]


def _f(x: float) -> str:
    return f"{x:.3g}"


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
