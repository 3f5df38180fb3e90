"""The lesson layer of the partnership report (notebook 02; paper §3-1 "non-friend, non-enemy", §2-1 the US
as the third actor): summary, questions and try-it instructions computed from the model's results.
"""

from __future__ import annotations

from collections.abc import Mapping

from sco_games.lessons.glossary import terms
from sco_games.lessons.lesson import Lesson, Question, TryIt, links_for
from sco_games.models.partnership.equilibrium_set import equilibrium_sets
from sco_games.models.partnership.frames import StakeFrames
from sco_games.models.partnership.report import PartnershipReport

__all__ = ["NOTEBOOK", "dominance_answer", "outcome_sentence", "partnership_lesson", "stake_try"]

NOTEBOOK = "02_partnership"


def outcome_sentence(label: str) -> str:
    """What an equilibrium label means, in words.

    >>> outcome_sentence("Partner/Partner")
    'the partnership (Partner/Partner) is the only equilibrium'
    >>> outcome_sentence("multiple: Partner/Partner + Rival/Rival")
    'the partnership (Partner/Partner) is an equilibrium, but so is Rival/Rival'
    """
    if not label.startswith("multiple"):
        return (
            f"the partnership ({label}) is the only equilibrium"
            if label == "Partner/Partner"
            else f"the only equilibrium is {label}"
        )
    pure = label.removeprefix("multiple: ").split(" + ") if ":" in label else []
    if "Partner/Partner" in pure:
        rest = [p for p in pure if p != "Partner/Partner"]
        return "the partnership (Partner/Partner) is an equilibrium, but so is " + " and ".join(rest)
    return f"there are several equilibria ({label}) and the partnership is not one of them"


def dominance_answer(strict: Mapping[str, str | None], weak: Mapping[str, str | None]) -> str:
    """The answer to "does either side have a strictly dominant strategy?", from the dominance result
    (per side, two sides, the strictly and the weakly dominant strategy, or ``None``).

    >>> dominance_answer({"Russia": None, "China": None}, {"Russia": "Partner", "China": "Partner"})[:44]
    'No strictly dominant strategy, but Partner i'
    >>> dominance_answer({"Russia": None, "China": None}, {"Russia": None, "China": None})[:30]
    'No: neither side has a strateg'
    """
    sides = list(strict)
    other = {p: q for p, q in zip(sides, sides[::-1], strict=True)}
    strict_for = [p for p in sides if strict[p] is not None]
    weak_only = [p for p in sides if strict[p] is None and weak[p] is not None]
    none = [p for p in sides if strict[p] is None and weak[p] is None]
    if len(strict_for) == len(sides):
        return ("Yes: " + ", ".join(f"{strict[p]} for {p}" for p in sides) + ". Each side's best choice "
                "does not depend on the other's, so the 'game' is really two separate decisions.")
    if len(none) == len(sides):
        return ("No: neither side has a strategy that is best whatever the other does (not even weakly): "
                "each "
                "side's best choice depends on what the other does, so this is a real game.")
    parts = [("Yes for " if i == 0 else "and for ") + f"{p}: {strict[p]} pays it more than any other choice, "
             "whatever the other does" for i, p in enumerate(strict_for)]
    if weak_only:
        by: dict[str, list[str]] = {}
        for p in weak_only:
            by.setdefault(str(weak[p]), []).append(p)
        parts.append(("No strictly dominant strategy, but " if not strict_for else "")
                     + "; ".join(f"{s} is weakly dominant for {' and '.join(ps)}: whatever the other does, "
                                 f"{s} is a best choice (never worse, sometimes better; where it only ties "
                                 "another choice, the side is indifferent)" for s, ps in by.items()))
        if not none:
            parts[-1] += ", so the 'game' is nearly two separate decisions"
    for p in none:
        parts.append(f"{p} has no strategy that is best whatever {other[p]} does: its best choice depends on "
                     f"{other[p]}'s")
    return "; ".join(parts) + "."


def stake_try(frames: Mapping[str, StakeFrames], scenario: str) -> TryIt | None:
    """The override of a US stake, inside its declared range, that changes the equilibrium: the frame value
    farthest from the coded one beyond the first change of label (``None`` if no stake in its range changes
    it)."""
    for _side, fs in frames.items():
        here = fs.frame_at(fs.coded)
        other = [f for f in fs.frames if f.label != here.label]
        if other:
            f = max(other, key=lambda f: abs(f.value - fs.coded))
            return TryIt(
                {f"partnership.{fs.key}": round(f.value, 6)},
                NOTEBOOK,
                scenario,
                "the equilibrium",
                here.label,
                f.label,
            )
    return None


def partnership_lesson(rep: PartnershipReport, frames: Mapping[str, StakeFrames]) -> Lesson:
    """The lesson of ``rep`` (one scenario's partnership report) with the US-stake slider's ``frames``
    (side -> :func:`~sco_games.models.partnership.frames.stake_frames` of the scenario's section)."""
    stage, (part, joint) = rep.stage, rep.sustainability
    sets = equilibrium_sets(stage)
    extra = [s.text() for s in sets if s.kind != "pure"]
    s1 = (
        f"In {rep.scenario}, the one-shot game between Russia and China: {outcome_sentence(stage.label)}"
        + (f"; its other verified equilibria: {'; '.join(extra)}" if extra else
           "; it has no other equilibrium, mixed or pure" if len(sets) > 1 else "")
        + "."
    )
    s2 = "No US stake inside its declared range changes the outcome."
    for side, fs in frames.items():
        if fs.changes:
            u, a, b = fs.changes[0]
            prev = max(f.value for f in fs.frames if f.value < u)
            t = rep.thresholds
            exact = [
                x
                for x in (
                    t.rival_answers_rival_above[side],
                    t.partner_holds_below[side],
                    t.ally_holds_below[side],
                )
                if prev < x <= u
            ]
            where = f"at {exact[0]:g}" if exact else f"between {prev:g} and {u:g}"
            s2 = (
                f"Moving {side}'s US stake (the value in the scenario file, events added) over its declared "
                f"range, {fs.range[0]:g} to {fs.range[1]:g}, changes the outcome {where}: from {a} to {b}."
            )
            break
    prices = [(s, u) for s, u in rep.us_prices.items() if u.price is not None]
    if prices:
        s, u = min(prices, key=lambda su: su[1].price)
        fs = frames.get(s)
        beyond = fs is not None and fs.coded + u.price > fs.range[1]
        s2 += (
            f" The smallest US offer that changes the coded outcome adds {u.price:g} to {s}'s stake"
            + (", beyond its declared range" if beyond else "")
            + f" ({u.reason})."
        )
    jd = joint.delta_star
    s3 = (
        "Played year after year, the partnership needs no patience (δ* = 0: it is a one-shot equilibrium)"
        if part.delta_star == 0
        else f"Played year after year, the partnership needs δ* = {part.delta_star:.3g}"
    )
    s3 += (
        f", while a joint front (Ally/Ally) cannot be kept at any patience: it pays both sides no more than "
        f"{joint.dominated_by}, a one-shot equilibrium, so there is nothing to sustain"
        + ("" if joint.knife_edge_delta_star is None else
           f" (only the threat of a weakly dominated punishment, a knife edge, would keep it at δ ≥ "
           f"{joint.knife_edge_delta_star:.3g})") + "."
        if jd is None and joint.dominated_by
        else ", while a joint front (Ally/Ally) cannot be kept at any patience."
        if jd is None
        else f", while a joint front (Ally/Ally) needs δ* = {jd:.3g}."
    )
    d = rep.dominance
    price_lines = "; ".join(
        f"{s}: {'no offer changes it' if u.price is None else f'{u.price:g}, then {u.after}'}"
        for s, u in rep.us_prices.items()
    )
    questions = [
        Question(
            "Which profiles are Nash equilibria of the stage game here, and how do we know that none of "
            "them is false?",
            f"{stage.label}. Each was checked by its regret (the most a side gains by deviating alone): the "
            f"largest is {stage.max_regret:.1e}, zero up to rounding. The game is "
            f"{'degenerate' if stage.degenerate else 'not degenerate'}.",
        ),
        Question(
            "Does either side have a strictly dominant strategy, so that the 'game' is really two separate "
            "decisions?",
            dominance_answer(d.strict, d.weak),
        ),
        Question(
            "How much would the US have to add to each side's stake to change the outcome?", price_lines + "."
        ),
        Question(
            "What does δ* of the joint front tell you?",
            (f"The joint front cannot be kept by grim trigger at any discount factor: {joint.verdict()}.")
            if jd is None
            else (
                f"δ* = {jd:.3g}: both sides must weigh the future at least that much for the threat of "
                "punishment to keep Ally/Ally."
            ),
        ),
    ]
    tries = [t for t in (stake_try(frames, rep.scenario),) if t is not None]
    others, nbs = links_for(NOTEBOOK, rep.scenario)
    return Lesson(
        model="partnership",
        notebook=NOTEBOOK,
        scenario=rep.scenario,
        summary=(s1, s2, s3),
        terms=terms(
            "Nash equilibrium",
            "pure and mixed strategy",
            "regret",
            "degenerate game",
            "dominant strategy",
            "grim trigger",
            "delta*",
            "strategic triangle",
        ),
        questions=tuple(questions),
        try_it=tuple(tries),
        scenario_links=others,
        notebook_links=nbs,
    )
