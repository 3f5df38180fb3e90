"""The coalition view of the SCO: a TU game on its members (paper Conclusion, §2-1).

The worth of an SCO made of the members in ``S`` alone is its prestige times its chance of acting,
``v(S) = P(S) E(S)`` for ``|S| >= 2`` (see :mod:`sco_games.models.enlargement.space`); a state on its own
is no organization and gets its outside option, ``v({i}) = availability_i * P({i, US}) E({i, US})``
(the US club of :class:`~sco_games.models.enlargement.OutsideOption`, in the same units as ``v``);
``v({}) = 0``.

The Shapley value, the core (a linear programme) and the nucleolus come from
:mod:`sco_games.theory.coalitions`; this module only builds the game and reads the answers: who would leave
(a positive outside option above its Shapley value) and which group could do better on its own.

>>> from sco_games.scenario import load_scenario
>>> from sco_games.models.enlargement import EnlargementModel
>>> cv = coalition_view(EnlargementModel(load_scenario("params/founding_2001.yaml").enlargement))
>>> abs(sum(cv.shapley.values()) - cv.grand_value) < 1e-9
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from sco_games.models.enlargement.game import EnlargementModel, check_model
from sco_games.models.enlargement.space import US, pass_probability, prestige
from sco_games.theory import coalitions

__all__ = ["CoalitionView", "coalition_view", "core_certificate", "tu_game"]


@dataclass(frozen=True)
class CoalitionView:
    """The members' TU game and what it says.

    ``values`` maps each coalition (a tuple of member names, in member order) to ``v(S)``;
    ``best_blocking`` is the coalition with the largest excess ``v(S) - sum_{i in S} phi_i`` over the
    Shapley value, and that excess (positive: the Shapley split is not in the core).
    """

    players: tuple[str, ...]
    values: Mapping[tuple[str, ...], float]
    grand_value: float
    shapley: Mapping[str, float]
    outside: Mapping[str, float]
    core_empty: bool
    core_point: Mapping[str, float] | None
    nucleolus: Mapping[str, float] | None
    leavers: tuple[str, ...]
    best_blocking: tuple[tuple[str, ...], float]
    method: str
    certificate: tuple[tuple[tuple[str, ...], float], ...] = ()
    below_zero: tuple[str, ...] = ()
    certificate_value: float = 0.0

    def certificate_text(self) -> str:
        """The core-emptiness certificate in words ("" when the core is not empty)."""
        if not self.certificate:
            return ""
        if len(self.certificate) == 1 or all(len(s) == 1 for s, _ in self.certificate[1:]):
            (s, _), rest = self.certificate[0], [c[0][0] for c in self.certificate[1:]]
            return (
                f"v({{{', '.join(s)}}}) + the stand-alone values of the others = "
                f"{self.certificate_value:.4g} "
                f"> v(N) = {self.grand_value:.4g}: every imputation (x(N) = v(N), x_i >= v({{i}})) gives "
                f"{', '.join(s)} less than {', '.join(s)} can get alone"
                + (f" (the others: {', '.join(rest)})" if rest else "")
            )
        parts = " + ".join(f"{w:.3g} v({{{', '.join(s)}}})" for s, w in self.certificate)
        return (
            f"the balanced collection {parts} = {self.certificate_value:.4g} > v(N) = {self.grand_value:.4g} "
            "(Bondareva-Shapley): no imputation satisfies all these coalitions at once"
        )


def tu_game(model: EnlargementModel) -> dict[tuple[str, ...], float]:
    """``v(S)`` for every coalition of the sitting members (the empty one included)."""
    check_model(model, "tu_game")
    w = model.world
    members = w.members
    values: dict[tuple[str, ...], float] = {(): 0.0}
    for k in range(1, len(members) + 1):
        for s in combinations(members, k):
            if k == 1:
                (i,) = s
                av = model.params.us_option_availability.get(i)
                club = prestige(w, {i: 1.0, US: 1.0}) * pass_probability(w, (i, US))
                values[s] = (av.value if av else 0.0) * club
            else:
                values[s] = prestige(w, {m: 1.0 for m in s}) * pass_probability(w, s)
    return values


def core_certificate(
    values: Mapping[tuple[str, ...], float], players: tuple[str, ...]
) -> tuple[tuple[tuple[tuple[str, ...], float], ...], float]:
    """Why the core is empty, as a list of ``(coalition, weight)`` and the value it reaches (> ``v(N)``), or
    ``((), v(N))`` when the core is not empty.

    First a single coalition ``S`` with ``v(S) + sum_{i not in S} v({i}) > v(N)`` (then any imputation gives
    ``S`` less than ``v(S)``; listed with weight 1, the singletons after it); failing that, the dual of the
    core
    LP: a balanced collection (weights ``l_S >= 0`` with ``sum_{S ni i} l_S = 1`` for every ``i``) with
    ``sum l_S v(S) > v(N)`` (Bondareva 1963, Shapley 1967).
    """
    from scipy.optimize import linprog

    grand = values[players]
    single = {p: values[(p,)] for p in players}
    proper = [s for s in values if 0 < len(s) < len(players)]
    tol = 1e-12 * max(1.0, abs(grand))
    best = max(proper, key=lambda s: values[s] + sum(single[p] for p in players if p not in s), default=None)
    if best is not None:
        reach = values[best] + sum(single[p] for p in players if p not in best)
        if reach > grand + tol:
            rest = tuple(((p,), 1.0) for p in players if p not in best)
            return ((best, 1.0),) + rest, float(reach)
    coal = [s for s in values if 0 < len(s) < len(players)]
    if not coal:
        return (), float(grand)
    a_eq = [[1.0 if p in s else 0.0 for s in coal] for p in players]
    res = linprog(
        [-values[s] for s in coal], A_eq=a_eq, b_eq=[1.0] * len(players), bounds=(0, None), method="highs"
    )
    if res.status == 0 and -res.fun > grand + 1e-9 * max(1.0, abs(grand)):
        return tuple((s, float(x)) for s, x in zip(coal, res.x, strict=True) if x > 1e-9), float(-res.fun)
    return (), float(grand)


def coalition_view(model: EnlargementModel) -> CoalitionView:
    """Shapley value, core and nucleolus of :func:`tu_game`, and who would leave."""
    check_model(model, "coalition_view")
    values = tu_game(model)
    players = model.world.members
    n = len(players)
    index = {p: i for i, p in enumerate(players)}

    def mask(s: tuple[str, ...]) -> int:
        return sum(1 << index[p] for p in s)

    v = {mask(s): x for s, x in values.items()}
    phi = coalitions.shapley_value(v, n)
    shapley = {p: float(phi[i]) for i, p in enumerate(players)}
    core = coalitions.core(v, n)
    core_empty = bool(core.empty)
    core_point = None if core_empty else {p: float(core.point[i]) for i, p in enumerate(players)}
    nucl = None
    if not core_empty:  # the core is non-empty, so the imputation set is too
        nu = coalitions.nucleolus(v, n)
        nucl = {p: float(nu[i]) for i, p in enumerate(players)}
    outside = {p: values[(p,)] for p in players}
    # a leaver needs somewhere to go: an outside option of positive worth that beats its Shapley share (a
    # member with a negative Shapley share and no option, e.g. China, would gain from the SCO's dissolution
    # but cannot leave to anything: it is listed in ``below_zero``, not as a leaver)
    leavers = tuple(p for p in players if outside[p] > 0.0 and outside[p] > shapley[p])
    excess = {s: x - sum(shapley[p] for p in s) for s, x in values.items() if 0 < len(s) < n}
    best = max(excess, key=excess.get)
    cert, cert_value = core_certificate(values, players) if core_empty else ((), values[players])
    return CoalitionView(
        players=players,
        values=values,
        grand_value=values[players],
        shapley=shapley,
        outside=outside,
        core_empty=core_empty,
        core_point=core_point,
        nucleolus=nucl,
        leavers=leavers,
        best_blocking=(best, float(excess[best])),
        method="v(S) = P(S) E(S) for |S| >= 2, v({i}) = US option; sco_games.theory.coalitions "
        "shapley_value / core (LP) / nucleolus; emptiness certificate: core_certificate",
        certificate=cert,
        certificate_value=cert_value,
        below_zero=tuple(p for p in players if shapley[p] < 0 and outside[p] <= 0.0),
    )
