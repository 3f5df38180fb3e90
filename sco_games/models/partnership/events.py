"""The US as the third actor: the scenarios' dated events (9/11 and the US turn, the Iraq war) as changes the
model computes with (paper §2-1, §2-2), how large each would have to be to change the outcome
(:func:`flip_scale`), the smallest US offer that changes it (:func:`us_price`), and the dominance statement
(:func:`dominance_of`, :func:`dominance_text`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sco_games.models.partnership.game import analyze, payoff_matrices, stage_game, us_stake_thresholds
from sco_games.models.partnership.params import (
    PLAYERS,
    STRATEGIES,
    Event,
    PartnershipParams,
    apply_events,
    values_of,
    with_values,
)
from sco_games.models.partnership.regions import batch_labels
from sco_games.models.partnership.sustainability import sustainability
from sco_games.sourced import check_section
from sco_games.theory.dominance import Dominance, dominance
from sco_games.theory.games import solve_batch

__all__ = [
    "K_MAX",
    "DominanceSummary",
    "dominance_of",
    "dominance_text",
    "EventEffect",
    "founding_values",
    "event_effects",
    "flip_scale",
    "UsPrice",
    "us_price",
]

#: The largest multiple of an event :func:`flip_scale` tries ("no size of this event up to 20x ...").
K_MAX = 20.0


@dataclass(frozen=True)
class DominanceSummary:
    """Plain names for :class:`~sco_games.theory.dominance.Dominance` of the stage game: per player the
    strictly / weakly dominant strategy (or ``None``) and whether iterated strict dominance solves it."""

    strict: dict[str, str | None]
    weak: dict[str, str | None]
    survivors: dict[str, tuple[str, ...]]
    solvable: bool


def dominance_of(params: PartnershipParams) -> DominanceSummary:
    """The dominant strategies of the stage game of ``params`` (with its events).

    >>> d = dominance_of(PartnershipParams.example())
    >>> d.strict, d.weak
    ({'Russia': None, 'China': None}, {'Russia': 'Partner', 'China': 'Partner'})
    """
    check_section(params, PartnershipParams, "partnership", "dominance_of")
    d: Dominance = dominance(stage_game(params))

    def name(i: int | None) -> str | None:
        return None if i is None else STRATEGIES[i]
    return DominanceSummary(
        strict={p: name(d.strict[k]) for k, p in enumerate(PLAYERS)},
        weak={p: name(d.weak[k]) for k, p in enumerate(PLAYERS)},
        survivors={p: tuple(STRATEGIES[i] for i in d.survivors[k]) for k, p in enumerate(PLAYERS)},
        solvable=d.solvable,
    )


def dominance_text(params: PartnershipParams) -> str:
    """What dominance says about the stage game of ``params``, in plain words, with the conditions (from the
    best-reply thresholds) under which it would change.

    >>> dominance_text(PartnershipParams.example())[:60]
    'No strategy is strictly dominant for either side. Partner is'
    """
    d = dominance_of(params)
    v = values_of(params, "dominance_text")
    t = us_stake_thresholds(params)
    strict = [p for p in PLAYERS if d.strict[p] is not None]
    weak_only = [p for p in PLAYERS if d.strict[p] is None and d.weak[p] is not None]
    parts = []
    if len(strict) == 2 and d.strict["Russia"] == d.strict["China"]:
        s = d.strict["Russia"]
        parts.append(f"{s} is strictly dominant for both sides: each side's best choice does not depend "
                     f"on the "
                     f"other's, so this 'game' is two separate decisions, and {s}/{s} is its only "
                     f"equilibrium; "
                     f"the repeated-game threshold delta* of {s}/{s} is 0 for that reason.")
    elif strict:
        parts.append("; ".join(f"{d.strict[p]} is strictly dominant for {p}" for p in strict) + ".")
    else:
        parts.append("No strategy is strictly dominant for either side.")
    if weak_only:
        parts.append(" ".join(
            f"{d.weak[p]} is weakly dominant for {p} (never worse, sometimes better): against a Rival, "
            f"{p} is indifferent between {d.weak[p]} and Rival." for p in weak_only))
    label = analyze(params).label
    for prof in label.removeprefix("multiple: ").split(" + "):
        if "/" not in prof or not label.startswith("multiple"):
            continue
        own = dict(zip(PLAYERS, prof.split("/"), strict=True))
        weakly_dominated = [p for p in PLAYERS if d.weak[p] is not None and d.weak[p] != own[p]]
        if weakly_dominated:
            verb = " is" if len(weakly_dominated) == 1 else " are"
            parts.append(f"{prof} is an equilibrium only because " + " and ".join(weakly_dominated) + verb
                         + " indifferent there: it uses a weakly dominated strategy (a knife edge), which a "
                         "refinement such as trembling-hand perfection would discard; a small change of a "
                         "value either removes it or makes it strict.")
    if d.solvable and not (len(strict) == 2):
        parts.append("Iterated elimination of strictly dominated strategies leaves one profile: "
                     + "/".join(d.survivors[p][0] for p in PLAYERS) + ".")
    conds = []
    for p in PLAYERS:
        s = p.lower()
        u = v[f"us_stake_{s}"]
        r = t.rival_answers_rival_above[p]
        rival = (f"reached {r:g} (then Rival answers Rival)" if u < r else
                 f"fell below {r:g} (then Rival would stop answering Rival, as it now does "
                 f"{'with indifference' if u == r else 'strictly'})")
        ally = t.ally_holds_below[p]
        conds.append(f"{p}'s US stake (now {u:g}) rose above {t.partner_holds_below[p]:g} (Partner stops "
                     f"answering "
                     f"Partner), or {rival}, or " + (f"fell to {ally:g} (Ally answers Ally)" if ally >= 0 else
                                                    f"could fall below 0 (Ally answers Ally only at "
                                                    f"{ally:g})"))
    parts.append("With the other values fixed, the set of equilibria would change only if "
                 + "; or ".join(conds)
                 + ".")
    return " ".join(parts)


def founding_values(params: PartnershipParams) -> PartnershipParams:
    """``params`` without its events: the founding-2001 structure the events are added to."""
    check_section(params, PartnershipParams, "partnership", "founding_values")
    return params.model_copy(update={"events": []})


@dataclass(frozen=True)
class EventEffect:
    """What one event (or all together, ``name == "all events"``) changes: before = the founding values,
    after = with the event. ``payoffs`` (Russia's, China's matrix), ``label``, ``dominant`` (strictly, per
    player), ``joint_delta`` (delta* of the joint front Ally/Ally, ``None`` if unsustainable),
    ``partnership_payoffs`` (Partner/Partner), each as a (before, after) pair; ``flip_scale`` as
    :func:`flip_scale`."""

    name: str
    date: str
    source: str
    effects: dict[str, float]
    payoffs: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
    label: tuple[str, str]
    dominant: tuple[dict[str, str | None], dict[str, str | None]]
    joint_delta: tuple[float | None, float | None]
    partnership_payoffs: tuple[tuple[float, float], tuple[float, float]]
    flip_scale: float | None

    @property
    def changes_outcome(self) -> bool:
        return self.label[0] != self.label[1]


def _state(p: PartnershipParams):
    a, b = payoff_matrices(p)
    return ((a, b), analyze(p).label, dominance_of(p).strict, sustainability(p)[1].delta_star,
            (float(a[1, 1]), float(b[1, 1])))


def event_effects(params: PartnershipParams) -> list[EventEffect]:
    """One :class:`EventEffect` per event of ``params`` (each alone, on the founding values) and, if there is
    more than one, one for all events together. Empty if the scenario has no events."""
    check_section(params, PartnershipParams, "partnership", "event_effects")
    base = founding_values(params)
    s0 = _state(base)
    groups = [(ev.name, str(ev.date), ev.source, dict(ev.effects), [ev]) for ev in params.events]
    if len(params.events) > 1:
        total: dict[str, float] = {}
        for ev in params.events:
            for k, d in ev.effects.items():
                total[k] = total.get(k, 0.0) + d
        groups.append(("all events", str(max(ev.date for ev in params.events)), "the events above", total,
                       list(params.events)))
    out = []
    for name, date, source, eff, evs in groups:
        s1 = _state(apply_events(base, evs))
        out.append(EventEffect(
            name=name, date=date, source=source, effects=eff, payoffs=(s0[0], s1[0]), label=(s0[1], s1[1]),
            dominant=(s0[2], s1[2]), joint_delta=(s0[3], s1[3]), partnership_payoffs=(s0[4], s1[4]),
            flip_scale=flip_scale(base, evs)))
    return out


def _scaled_labels(base: PartnershipParams, effects: dict[str, float], ks: np.ndarray) -> np.ndarray:
    v = values_of(base)
    for k, d in effects.items():
        v[k] = np.clip(v[k] + ks * d, 0.0, None) if k != "partnership_depth" else np.clip(
            v[k] + ks * d, 1e-6, 1 - 1e-6)
    a, b = payoff_matrices(v)
    return batch_labels(solve_batch(a, b))


def flip_scale(params: PartnershipParams, events: Event | list[Event], k_max: float = K_MAX,
               steps: int = 401) -> float | None:
    """The smallest multiple ``k`` in ``(0, k_max]`` of ``events`` (added to ``params``'s founding values) at
    which the equilibrium label differs from the label at ``k = 0``; ``None`` if no ``k <= k_max`` does.
    Found on a grid (:func:`~sco_games.theory.games.solve_batch`), then by bisection to 1e-6.

    >>> ev = Event(name="offer", date="2002-01-01", source="test", effects={"us_stake_russia": 1.0})
    >>> round(flip_scale(PartnershipParams.example(), ev), 4)  # Partner stops answering Partner at U_R > 15
    13.0
    """
    check_section(params, PartnershipParams, "partnership", "flip_scale")
    evs = [events] if isinstance(events, Event) else list(events)
    base = founding_values(params)
    eff: dict[str, float] = {}
    for ev in evs:
        for k, d in ev.effects.items():
            eff[k] = eff.get(k, 0.0) + d
    ks = np.linspace(0.0, k_max, steps)
    labels = _scaled_labels(base, eff, ks)
    differ = np.flatnonzero(labels != labels[0])
    if differ.size == 0:
        return None
    lo, hi = float(ks[differ[0] - 1]), float(ks[differ[0]])
    ref = labels[0]
    while hi - lo > 1e-6:
        mid = (lo + hi) / 2
        if _scaled_labels(base, eff, np.array([mid]))[0] != ref:
            hi = mid
        else:
            lo = mid
    return hi


@dataclass(frozen=True)
class UsPrice:
    """The smallest US offer ``price`` to ``side`` (added to its US stake) that changes the outcome, the
    outcome ``before`` and the one it produces (``after``), and which best reply gives way (``reason``);
    ``price is None`` if no offer does (then ``after`` == ``before``)."""

    side: str
    price: float | None
    before: str
    after: str
    reason: str


def us_price(params: PartnershipParams, side: str) -> UsPrice:
    """The smallest US offer to ``side`` ("Russia" or "China") that changes the equilibrium label: the closed
    form from the best-reply thresholds (:func:`~sco_games.models.partnership.game.us_stake_thresholds`: the
    US
    stake at which Rival starts answering Rival, or Partner stops answering Partner), each candidate checked
    with the solver just beyond it.

    >>> r = us_price(PartnershipParams.example(), "Russia")
    >>> r.price, r.before, r.after
    (13.0, 'multiple: Partner/Partner + Rival/Rival', 'multiple: Rival/Partner + Rival/Rival')
    """
    check_section(params, PartnershipParams, "partnership", "us_price")
    if side not in PLAYERS:
        raise ValueError(f"us_price: side must be one of {PLAYERS}, not {side!r}")
    key = f"us_stake_{side.lower()}"
    u = values_of(params)[key]
    before = analyze(params).label
    t = us_stake_thresholds(params)
    cands = sorted((x - u, why) for x, why in (
        (t.rival_answers_rival_above[side], f"Rival starts answering Rival for {side}"),
        (t.partner_holds_below[side], f"Partner stops answering Partner for {side}")) if x - u >= 0)
    flat = apply_events(params) if params.events else params
    for x, why in cands:
        eps = 1e-6 * max(1.0, x)
        after = analyze(with_values(flat, **{key: u + x + eps})).label
        if after != before:
            return UsPrice(side, float(x), before, after, why)
    return UsPrice(side, None, before, before, "no US offer changes the outcome")
