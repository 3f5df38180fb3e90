"""The paper's claims P1-P5 on the partnership (§3-1, §2-1, §2-2), judged for one scenario: each verdict is a
small tested function of the model's results (``verdict_p1`` .. ``verdict_p5``) that can come out every way,
with a plain-English ``because``; :func:`assess_claims` computes their inputs from a scenario's section (its
founding values and its dated events) and returns :class:`~sco_games.models.common.Claim` objects.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sco_games.models.common import Claim
from sco_games.models.partnership.events import dominance_of, founding_values
from sco_games.models.partnership.game import analyze, payoff_matrices
from sco_games.models.partnership.params import STRATEGIES, PartnershipParams, apply_events, with_values
from sco_games.models.partnership.second_axis import DEFAULT_SEED, SMALL_N, Correlation, second_axis_test
from sco_games.models.partnership.sustainability import sustainability
from sco_games.models.partnership.ties import TieSides, tie_sides
from sco_games.sourced import check_section

__all__ = [
    "Claim",
    "Verdict",
    "PILLAR_COUNTERFACTUALS",
    "pillar_table",
    "verdict_p1",
    "verdict_p1_ties",
    "verdict_p2",
    "verdict_p3",
    "P3_MIN_CHANGES",
    "p3_verdict",
    "verdict_p4",
    "verdict_p5",
    "alignment",
    "assess_claims",
    "CLAIM_TEXT",
    "COIN_FLIP",
    "RANGE_CHECKS",
    "claims_at_range_ends",
]

PP, AA = "Partner/Partner", "Ally/Ally"

#: The claims, in the paper's words (section).
CLAIM_TEXT = {
    "P1": "the partnership is neither alliance nor rivalry: a 'peaceful buffer' (§3-1)",
    "P2": "it rests on border stability, guarantees and a counterweight, and is kept from intimacy by a long "
          "border and distrust (§3-1)",
    "P3": "'second axis': the better Russia-US or China-US relations, the worse Russia-China (§2-1, fn 26)",
    "P4": "after 9/11 Russia's turn to the US made coordination harder (§2-1)",
    "P5": "on Iraq both opposed the US, differently; the partnership 'has not functioned so well' yet "
          "persists "
          "(§2-2)",
}

#: 9/11: events on or after this date are "post-9/11" (P4).
SEPT_11 = _dt.date(2001, 9, 11)

#: Counterfactuals for P2 (values set to 0). The three pillars alone and together, then the barriers.
PILLAR_COUNTERFACTUALS: tuple[tuple[str, dict[str, float]], ...] = (
    ("no border stability (B = 0)", {"border_stability": 0.0}),
    ("no security guarantees (G = 0)", {"security_guarantee": 0.0}),
    ("no counterweight (W = 0)", {"counterweight_russia": 0.0, "counterweight_china": 0.0}),
    ("none of the three pillars", {"border_stability": 0.0, "security_guarantee": 0.0,
                                   "counterweight_russia": 0.0, "counterweight_china": 0.0}),
    ("no distrust, no entrapment (D = N = 0)",
     {"distrust_cost": 0.0, "entrapment_cost_russia": 0.0, "entrapment_cost_china": 0.0}),
)
_SINGLE = PILLAR_COUNTERFACTUALS[0][0], PILLAR_COUNTERFACTUALS[1][0], PILLAR_COUNTERFACTUALS[2][0]
_NONE, _BARRIERS = PILLAR_COUNTERFACTUALS[3][0], PILLAR_COUNTERFACTUALS[4][0]


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict, why (plain English), and whether it holds by dominance alone; ``share``: for a
    verdict read off draws (P1 on a tie), the share of the draws that give it (``None`` otherwise)."""

    verdict: str
    because: str
    by_dominance: bool = False
    share: float | None = None

    @property
    def coin_flip(self) -> bool:
        """A verdict of draws that fewer than :data:`COIN_FLIP` of them give: it could as well go the other
        way."""
        return self.share is not None and self.share < COIN_FLIP


#: A verdict read off draws is called "a near coin flip" when fewer than this share of the draws give it.
COIN_FLIP = 0.6


def pillar_table(params: PartnershipParams) -> list[tuple[str, str]]:
    """Rows ``(counterfactual, equilibrium label)`` for :data:`PILLAR_COUNTERFACTUALS` (P2), on ``params``
    with its events."""
    check_section(params, PartnershipParams, "partnership", "pillar_table")
    flat = apply_events(params) if params.events else params
    rows = [("scenario as given", analyze(flat).label)]
    for name, change in PILLAR_COUNTERFACTUALS:
        rows.append((name, analyze(with_values(flat, **change)).label))
    return rows


def _has(label: str, profile: str) -> bool:
    """Whether the pure profile ``profile`` is among the equilibria a label names."""
    return profile in label.removeprefix("multiple: ").split(" + ")


def alignment(label: str) -> int | None:
    """The most aligned pure equilibrium a label names, Ally = 2, Partner = 1, Rival = 0 per side (``None`` if
    the label names no pure profile).

    >>> alignment("Partner/Partner"), alignment("multiple: Partner/Partner + Rival/Rival"), alignment("mixed")
    (2, 2, None)
    """
    level = {"Ally": 2, "Partner": 1, "Rival": 0}
    pures = [p for p in label.removeprefix("multiple: ").split(" + ") if "/" in p]
    if not pures:
        return None
    return max(sum(level[s] for s in p.split("/")) for p in pures)


def verdict_p1(label: str, partner_strictly_dominant: bool) -> Verdict:
    """P1: Partner/Partner the unique equilibrium -> "reproduced" (by dominance if Partner is strictly
    dominant for both); several including it -> "partly"; otherwise "not reproduced".

    >>> verdict_p1("Partner/Partner", True).by_dominance, verdict_p1("Rival/Rival", False).verdict
    (True, 'not reproduced')
    """
    if label == PP:
        if partner_strictly_dominant:
            return Verdict("reproduced", "Partner/Partner is the only equilibrium, by dominance: Partner "
                                         "is each "
                           "side's best choice whatever the other does", True)
        return Verdict("reproduced", "Partner/Partner is the only equilibrium")
    if _has(label, PP):
        others = [p for p in label.removeprefix("multiple: ").split(" + ") if p != PP]
        return Verdict("partly", "Partner/Partner is an equilibrium, but not the only one: "
                       + (", ".join(others) if others else "a mixed one") + " too")
    return Verdict("not reproduced", f"the equilibrium is {label}, not the partnership")


def verdict_p1_ties(point: Verdict, sides: TieSides | None) -> Verdict:
    """P1 when the coded values sit on a tie (:mod:`sco_games.models.partnership.ties`): ``point`` is the
    verdict at the coded values, ``sides`` what the draws of the tied values within their ranges give. Without
    a tie (``sides`` is ``None``) the verdict is ``point``. With one, the tie is named and the verdict is the
    one most draws give (the generic verdict: a tie has measure zero), with the share of every verdict and
    what each side of each tie gives; ``by_dominance`` iff most of the draws behind it are solved by
    dominance.

    >>> from sco_games.models.partnership.ties import StageTie
    >>> t = StageTie("China", ("Partner", "Rival"), "Rival", -2.0, ("-θ·U_C - V_C", "-C_C"), ("v",),
    ...              ("Rival/Rival",))
    >>> rr = "multiple: Partner/Partner + Rival/Rival"
    >>> s = TieSides((t,), ("v",), (), 10, 0, {("Partner/Partner", True): 0.7, (rr, False): 0.3},
    ...              ({"first": (0.7, {("Partner/Partner", True): 1.0}),
    ...                "second": (0.3, {(rr, False): 1.0})},))
    >>> v = verdict_p1_ties(verdict_p1(rr, False), s)
    >>> v.verdict, v.by_dominance
    ('reproduced', True)
    """
    if sides is None:
        return point
    per: dict[str, float] = {}
    dom: dict[str, float] = {}
    for (label, strict), share in sides.outcomes.items():
        v = verdict_p1(label, strict)
        per[v.verdict] = per.get(v.verdict, 0.0) + share
        dom[v.verdict] = dom.get(v.verdict, 0.0) + (share if v.by_dominance else 0.0)
    best = max(per, key=lambda k: (per[k], k))
    ties = "; ".join(t.condition() for t in sides.ties)
    weak = sorted({w for t in sides.ties for w in t.weakens})
    pct = lambda x: f"{100 * x:.0f}%"  # noqa: E731

    def outcome_text(outcomes: dict[tuple[str, bool], float]) -> str:
        return ", ".join(f"{lab}{' only' if not lab.startswith('multiple') else ''}"
                         f"{' (Partner dominant for both)' if strict else ''} {pct(sh)}"
                         for (lab, strict), sh in outcomes.items())
    side_text = []
    for t, side in zip(sides.ties, sides.sides, strict=True):
        s1, s2 = t.strategies
        for key, (a, b) in (("first", (s1, s2)), ("second", (s2, s1))):
            share, outs = side[key]
            side_text.append(f"where {a} pays {t.player} more than {b} against {t.against} ({pct(share)} of "
                             f"the draws): {outcome_text(outs) or 'no draw'}")
    drawn = ", ".join(sides.keys) or "none (no range)"
    because = (f"the coded values sit on a tie ({ties}), so {' and '.join(weak) or 'an equilibrium'} is an "
               f"equilibrium only by a knife-edge equality of coded values, not a finding. Drawing the tied "
               f"values ({drawn}) uniformly within their ranges ({sides.draws} draws, seed {sides.seed}): "
               + ", ".join(f"'{k}' {pct(x)}" for k, x in sorted(per.items(), key=lambda kv: -kv[1]))
               + f" of the draws, so the verdict is '{best}'"
               + (f" -- a near coin flip: only {pct(per[best])} of the draws over the tied values' ranges "
                  "give it, so where in those ranges the values lie decides it, not the model"
                  if per[best] < COIN_FLIP else "")
               + f"; at the coded point itself it would be '{point.verdict}'. On the two sides of each tie: "
               + "; ".join(side_text))
    return Verdict(best, because, best == "reproduced" and dom.get(best, 0.0) > per[best] / 2, per[best])


def verdict_p2(as_given: str, single: dict[str, str], none: str, no_barriers: str) -> Verdict:
    """P2 from the labels of the scenario as given, with each pillar removed alone (``single``), with all
    three
    removed (``none``) and with distrust and entrapment removed (``no_barriers``).

    "reproduced" iff the partnership stands as given but falls without all pillars AND removing the barriers
    makes Ally/Ally an equilibrium; "not reproduced" if the partnership stands with no pillar, or if neither
    half holds; "partly" if one half holds.

    >>> verdict_p2("Partner/Partner", {}, "Rival/Rival", "multiple: Ally/Ally + Partner/Partner").verdict
    'reproduced'
    >>> verdict_p2("Partner/Partner", {}, "Partner/Partner", "Ally/Ally").verdict
    'not reproduced'
    """
    rests = _has(as_given, PP) and not _has(none, PP)
    barrier = _has(no_barriers, AA)
    needed = [k for k, lab in single.items() if not _has(lab, PP)]
    every = bool(single) and len(needed) == len(single)
    alone = ("; each pillar alone is needed: " + ", ".join(needed) if every else
             "; needed alone: " + ", ".join(needed) if needed else
             "; no single pillar is needed (the partnership is overdetermined)" if single else "")
    half2 = ("without distrust and entrapment an alliance becomes an equilibrium" if barrier else
             f"without distrust and entrapment the outcome is {no_barriers}: they are not what keeps an "
             "alliance away")
    if _has(as_given, PP) and _has(none, PP):
        return Verdict("not reproduced", "the partnership stands even with none of the three pillars "
                                         "(what keeps "
                       "it then is that re-arming costs more than a partnership costs in US relations)"
                       + alone + "; " + half2)
    if rests and barrier:
        return Verdict("reproduced", "the partnership falls without the three pillars" + alone + "; " + half2)
    if rests or barrier:
        return Verdict("partly", ("the partnership falls without the three pillars" if rests else
                                  f"the scenario's outcome is {as_given}") + alone + "; " + half2)
    return Verdict("not reproduced", f"the scenario's outcome is {as_given}" + alone + "; " + half2)


#: The fewest year-on-year changes P3 is judged on (fewer: "not applicable", too few years to tell).
P3_MIN_CHANGES = 6


def verdict_p3(russia: Correlation, china: Correlation, min_changes: int = P3_MIN_CHANGES) -> Verdict:
    """P3, the "second axis", from the correlations of the year-on-year changes in UN-vote agreement of
    (Russia-US, Russia-China) (``russia``) and of (China-US, Russia-China) (``china``), each with its 95%
    block-bootstrap interval (:mod:`~sco_games.models.partnership.second_axis`).

    The rule: an axis *supports* the claim if its whole deciding interval is below 0, and *contradicts* it
    if its whole deciding interval is above 0 (:attr:`Correlation.below_zero` / ``above_zero``: the block
    bootstrap from 20 changes on; on fewer, where the percentile bootstrap is unreliable, Fisher's z interval,
    and the permutation test must agree at 5%). "reproduced" iff both axes support it;
    "partly" iff one supports it and the other does not contradict it; "not reproduced" otherwise (neither
    supports it -- the data cannot tell, or show the opposite -- or one supports and one contradicts);
    "not applicable" with fewer than ``min_changes`` changes.

    >>> from sco_games.models.partnership.second_axis import Correlation
    >>> c = lambda r, lo, hi: Correlation("a", "changes", 1992, 2019, 27, r, lo, hi, 0.95, 3, 10, 10)
    >>> verdict_p3(c(-0.5, -0.8, -0.2), c(-0.4, -0.7, -0.1)).verdict
    'reproduced'
    >>> verdict_p3(c(-0.5, -0.8, -0.2), c(0.1, -0.3, 0.5)).verdict
    'partly'
    >>> verdict_p3(c(-0.2, -0.6, 0.2), c(0.5, 0.2, 0.8)).verdict
    'not reproduced'
    """
    n = min(russia.n, china.n)
    years = f"UN votes {russia.first}-{russia.last}"
    if n < min_changes or russia.r is None or china.r is None:
        return Verdict("not applicable", f"{years}: {n} year-on-year changes, fewer than the {min_changes} "
                       "the test needs")
    said = (f"year-on-year changes in UN-vote agreement ({years}): Russia-US against Russia-China "
            f"{russia.text()}; China-US against Russia-China {china.text()}")
    sup = [c.below_zero for c in (russia, china)]
    con = [c.above_zero for c in (russia, china)]
    if all(sup):
        return Verdict("reproduced", "when either side's agreement with the US rises, Russia-China agreement "
                       "falls: " + said)
    if any(sup) and not any(con):
        which = "Russia-US" if sup[0] else "China-US"
        return Verdict("partly", f"only the {which} axis moves against Russia-China beyond chance: " + said)
    if any(con):
        which = " and ".join(n for n, c in zip(("Russia-US", "China-US"), con, strict=True) if c)
        few = min(c.n for c, x in zip((russia, china), con, strict=True) if x)
        size = (" -- beyond chance by Fisher's interval and the permutation test, but on only "
                f"{few} changes, "
                "so how strongly is not pinned down" if few < SMALL_N else "")
        return Verdict("not reproduced", f"on the {which} axis the changes run the other way (agreement with "
                       f"the US and Russia-China agreement rise together){size}: " + said)
    return Verdict("not reproduced", "neither axis moves against Russia-China beyond chance (the votes "
                   "cannot tell: every deciding 95% interval includes 0, or the permutation test finds the "
                   "link within chance): " + said)


def verdict_p4(has_post_911: bool, label: tuple[str, str], joint_delta: tuple[float | None, float | None],
               partnership_payoffs: tuple[tuple[float, float], tuple[float, float]],
               knife_edge: tuple[float | None, float | None] | None = None,
               dominated_by: tuple[str | None, str | None] = (None, None)) -> Verdict:
    """P4 from the founding values (before) and with the scenario's events (after): the labels, the joint
    front's delta* with the credible reversion (``None`` = not sustainable;
    :mod:`~sco_games.models.partnership.sustainability`) and the Partner/Partner payoffs. ``knife_edge``: the
    joint front's delta* with reversion to every pure stage equilibrium, weakly dominated ones included (shown
    in the ``because``, never judged on); ``dominated_by``: the stage equilibrium that Pareto-dominates the
    joint front, before and after (``None``: none).

    "not applicable" without a post-9/11 event; "reproduced" if the events move the outcome toward less
    alignment or make the joint front harder to keep (delta* rises, or it stops being sustainable); "partly"
    if they only lower a side's payoff in the partnership; "not reproduced" otherwise. A joint front that
    cannot be kept before the events cannot become harder to keep.

    >>> verdict_p4(False, ("a", "a"), (0.5, 0.5), ((1, 1), (1, 1))).verdict
    'not applicable'
    >>> verdict_p4(True, ("Partner/Partner",) * 2, (0.5, 0.6), ((1, 1), (1, 1))).verdict
    'reproduced'
    """
    if not has_post_911:
        return Verdict("not applicable", "the scenario has no event after 9/11")
    a0, a1 = alignment(label[0]), alignment(label[1])
    d0, d1 = joint_delta
    fmt = lambda d: "none" if d is None else f"{d:.3g}"  # noqa: E731
    if a0 is not None and a1 is not None and a1 < a0:
        return Verdict("reproduced", f"the events move the outcome toward less alignment: {label[0]} -> "
                                     f"{label[1]}")
    if d0 is not None and (d1 is None or d1 > d0 + 1e-12):
        return Verdict("reproduced", f"the events make the joint front harder to keep: its delta* goes from "
                       f"{fmt(d0)} to {fmt(d1)}" + ("" if label[0] != label[1] else
                                                    f"; the outcome itself stays {label[1]}"))
    (r0, c0), (r1, c1) = partnership_payoffs
    note = _joint_front_note(d0, d1, knife_edge, dominated_by)
    if r1 < r0 - 1e-12 or c1 < c0 - 1e-12:
        return Verdict("partly", f"the events only lower the partnership's payoffs (Russia {r0:g} -> {r1:g}, "
                       f"China {c0:g} -> {c1:g}); the outcome and the joint front's delta* ({fmt(d0)} -> "
                       f"{fmt(d1)}) do not move toward harder coordination" + note)
    return Verdict("not reproduced", f"the events leave the outcome ({label[1]}) and the joint front's "
                                     f"delta* "
                   f"({fmt(d0)} -> {fmt(d1)}) no harder, and do not lower the partnership's payoffs" + note)


def _joint_front_note(d0: float | None, d1: float | None,
                      knife_edge: tuple[float | None, float | None] | None,
                      dominated_by: tuple[str | None, str | None]) -> str:
    """Why the joint front has no delta* before and after (for P4's ``because``), or ""."""
    if d0 is not None or d1 is not None:
        return ""
    fmt = lambda d: "none" if d is None else f"{d:.3g}"  # noqa: E731
    out = ""
    if dominated_by[0] and dominated_by[1]:
        out += ("; the joint front is no cooperation to sustain, before or after: "
                f"{dominated_by[1]}, a stage equilibrium, pays both sides at least as much as Ally/Ally")
    if knife_edge is not None and (knife_edge[0] is not None or knife_edge[1] is not None):
        out += (f"; only the threat of reverting to a weakly dominated equilibrium (a knife edge a side "
                f"would not carry out) would keep it, at delta* {fmt(knife_edge[0])} -> "
                f"{fmt(knife_edge[1])}, "
                "and that is not counted")
    return out


def verdict_p5(has_iraq: bool, label: str, joint_delta: float | None,
               patience: float | None = None, *, dominated_by: str | None = None,
               knife_edge: float | None = None, before: float | None | str = "unknown") -> Verdict:
    """P5 with the scenario's events: "not applicable" without an Iraq event; "reproduced" iff Partner/Partner
    persists and the joint front is not sustainable (delta* ``None`` with the credible reversion of
    :mod:`~sco_games.models.partnership.sustainability`, or above ``patience`` if one is given); "partly" if
    the partnership persists only; "not reproduced" if it ends. ``dominated_by`` (the stage equilibrium that
    Pareto-dominates the joint front), ``knife_edge`` (its delta* with a weakly dominated reversion) and
    ``before`` (its delta* without the Iraq war) only explain the verdict.

    >>> verdict_p5(True, "Partner/Partner", None).verdict, verdict_p5(True, "Partner/Partner", 0.6).verdict
    ('reproduced', 'partly')
    """
    if not has_iraq:
        return Verdict("not applicable", "the scenario has no Iraq-war event")
    if not _has(label, PP):
        return Verdict("not reproduced", f"with the Iraq war the partnership ends: the equilibrium is "
                                         f"{label}")
    unsustainable = joint_delta is None or (patience is not None and joint_delta > patience)
    if unsustainable:
        why = ""
        if joint_delta is None and dominated_by:
            why += (f": Ally/Ally pays both sides no more than {dominated_by}, a stage equilibrium in "
                    "undominated strategies, so there is no joint front worth keeping")
        if joint_delta is None and knife_edge is not None:
            why += (f" (only the threat of reverting to a weakly dominated equilibrium, a knife edge, would "
                    f"keep it at delta >= {knife_edge:.3g}; not counted)")
        if joint_delta is None and before is None:
            why += ("; this holds without the war too, so the model puts the missing front in the structure "
                    "of the partnership, not in the war")
        return Verdict("reproduced", "the partnership persists and a joint front against the US cannot be "
                                     "kept "
                       + ("at any patience" if joint_delta is None else
                          f"(it needs delta >= {joint_delta:.3g}, more than the patience {patience:g})")
                       + why)
    return Verdict("partly", f"the partnership persists, but a joint front would be kept by grim trigger at "
                   f"delta >= {joint_delta:.3g}, so the model does not say why it 'has not functioned so "
                   f"well'")


def p3_verdict(date: _dt.date | None = None, seed: int = DEFAULT_SEED) -> Verdict:
    """P3 against UN votes (:func:`~sco_games.models.partnership.second_axis.second_axis_test`): on the
    session-years ended before ``date`` (a scenario's date: coded only from what was known then), or on
    every year of the table (``None``)."""
    main = second_axis_test(date, seed).main
    return verdict_p3(main.get(0, "changes"), main.get(1, "changes"))


def assess_claims(params: PartnershipParams, date: _dt.date | None = None, seed: int = DEFAULT_SEED,
                  tie_seed: int = 0) -> tuple[list[Claim], dict[str, Verdict]]:
    """P1-P5 for the scenario whose section is ``params`` (founding values + its events): the claims and the
    verdicts (with ``by_dominance``). ``date``: the scenario's date, for P3 (UN votes known then; ``None``:
    every year of the table); ``seed``: P3's bootstrap seed; ``tie_seed`` seeds P1's draws over the ranges
    of tied values (:func:`~sco_games.models.partnership.ties.tie_sides`)."""
    check_section(params, PartnershipParams, "partnership", "assess_claims")
    flat = apply_events(params) if params.events else params
    base = founding_values(params)
    label = analyze(flat).label
    dom = dominance_of(flat)
    rows = dict(pillar_table(flat))
    # P4 is about the turn after 9/11, so the Iraq war (judged by P5) is not among its events
    post = [ev for ev in params.events if ev.date >= SEPT_11 and "iraq" not in ev.name.lower()]
    iraq = [ev for ev in params.events if "iraq" in ev.name.lower()]

    def pp(p: PartnershipParams) -> tuple[float, float]:
        a, b = payoff_matrices(p)
        return float(a[1, 1]), float(b[1, 1])
    after_post = apply_events(base, post)
    j_base, j_after, j_flat = (sustainability(p)[1] for p in (base, after_post, flat))
    no_iraq = apply_events(base, [ev for ev in params.events if ev not in iraq])
    v = {
        "P1": verdict_p1_ties(verdict_p1(label, all(dom.strict[s] == STRATEGIES[1] for s in dom.strict)),
                              tie_sides(params, seed=tie_seed)),
        "P2": verdict_p2(rows["scenario as given"], {k: rows[k] for k in _SINGLE}, rows[_NONE],
                         rows[_BARRIERS]),
        "P3": p3_verdict(date, seed),
        "P4": verdict_p4(bool(post), (analyze(base).label, analyze(after_post).label),
                         (j_base.delta_star, j_after.delta_star), (pp(base), pp(after_post)),
                         (j_base.knife_edge_delta_star, j_after.knife_edge_delta_star),
                         (j_base.dominated_by, j_after.dominated_by)),
        "P5": verdict_p5(bool(iraq), label, j_flat.delta_star, dominated_by=j_flat.dominated_by,
                         knife_edge=j_flat.knife_edge_delta_star,
                         before=sustainability(no_iraq)[1].delta_star),
    }
    depends = {
        "P1": "the scenario's values with its events; where they sit on a tie, draws of the tied values "
              "within their ranges",
        "P2": "the scenario's values with terms set to zero (table of counterfactuals)",
        "P3": "UN General Assembly votes (Lijphart agreement, unvotes 0.3.0), "
              + (f"the session-years ended before {date}" if date else "every year 1992-2019")
              + " -- not the model, which assumes it (a larger US stake makes alignment costlier)",
        "P4": "founding 2001 values, without and with the post-9/11 events (not the Iraq war): "
              + (", ".join(e.name for e in post) or "none"),
        "P5": "the scenario's values with its events: "
              + (", ".join(e.name for e in params.events) or "none"),
    }
    claims = [Claim(k, CLAIM_TEXT[k], x.verdict, x.because, depends[k]) for k, x in v.items()]
    return claims, v


#: Pairs of founding values moved together to the ends of their ranges by :func:`claims_at_range_ends`: the
#: terms that decide whether Rival answers Rival (theta U + V against C), the knife edge of the scenarios.
RANGE_CHECKS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("exposure V", ("exposure_cost_russia", "exposure_cost_china")),
    ("re-arming cost C", ("rivalry_cost_russia", "rivalry_cost_china")),
    ("US stake U", ("us_stake_russia", "us_stake_china")),
)


def claims_at_range_ends(params: PartnershipParams, date: _dt.date | None = None
                         ) -> list[tuple[str, str, dict[str, str]]]:
    """Rows ``(setting, equilibrium label, {claim id: verdict})`` with each pair of :data:`RANGE_CHECKS` set
    (as founding values, the events still added) to the low and then the high end of its ``range``.

    >>> rows = claims_at_range_ends(PartnershipParams.example())  # the example has no ranges
    >>> rows
    []
    """
    check_section(params, PartnershipParams, "partnership", "claims_at_range_ends")
    rows = []
    for name, keys in RANGE_CHECKS:
        ranges = [getattr(params, k).range for k in keys]
        if any(r is None for r in ranges):
            continue
        for end in (0, 1):
            data = params.model_dump()
            for k, r in zip(keys, ranges, strict=True):
                data[k]["value"] = float(r[end])
            q = PartnershipParams.model_validate(data)
            lab = analyze(apply_events(q) if q.events else q).label
            setting = f"{name} at the {'low' if end == 0 else 'high'} end (" + ", ".join(
                f"{k} = {r[end]:g}" for k, r in zip(keys, ranges, strict=True)) + ")"
            rows.append((setting, lab, {c.id: c.verdict for c in assess_claims(q, date)[0]}))
    return rows
