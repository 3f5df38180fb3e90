"""The SCO's policy space: ideal points, prestige and effectiveness under consensus (paper §1-2, §3-2,
Conclusion).

A :class:`World` is built once from :class:`~sco_games.models.enlargement.params.EnlargementParams`:
every state's ideal point in the square ``[-1, 1]^2`` (x: stance toward the US, y: depth of security
cooperation), its capability weight (from :mod:`sco_games.data.capabilities`), the status quo, a contested
statement and a fixed sample of random proposals (common random numbers: every membership set is
judged on the same proposals, so comparisons between sets carry no sampling noise of their own).

Preferences are Euclidean: state ``i`` prefers ``x`` to the status quo ``q`` iff
``|x - a_i| < |q - a_i|``. Under consensus a proposal passes iff every member prefers it, i.e. it lies
in the *unanimity winset* ``W(M) = ∩_{i in M} D(a_i, |q - a_i|)`` (Tsebelis 2002).

* **prestige** of an association (members and partial members) is concave in total capability:
  ``P = (sum_j s_j w_j / w_ref) ** alpha`` with ``s_j`` the prestige share of j's status and
  ``w_ref`` the capability of every state in the scenario plus the US (so ``0 < P <= 1``);
* **effectiveness** is the chance that a proposal drawn uniformly from the policy square passes:
  ``E(M) = Pr[x in W(M)]`` (Monte Carlo on the world's proposals; the exact winset area comes from
  :func:`sco_games.theory.coalitions.unanimity_winset`). Coleman's structural power to act under unanimity,
  ``2**-n``, is reported beside it.

This module is SCO-specific glue: the general algorithms (winsets, absorption, power indices) live in
:mod:`sco_games.theory.coalitions`.

>>> from sco_games.scenario import load_scenario
>>> w = build_world(load_scenario("params/founding_2001.yaml").enlargement)
>>> w.members
('China', 'Russia', 'Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan')
>>> round(pass_probability(w, ()), 3), pass_probability(w, w.members) < pass_probability(w, ("China",))
(1.0, True)
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from sco_games.data.capabilities import capabilities
from sco_games.models.enlargement.params import EnlargementParams
from sco_games.sourced import check_section
from sco_games.theory import coalitions

__all__ = [
    "US",
    "StatementReach",
    "StatementVote",
    "VetoMap",
    "World",
    "build_world",
    "is_absorbed",
    "pass_probability",
    "pass_probability_giants",
    "pass_probability_se",
    "prestige",
    "statement_reach",
    "status_quo_in_core",
    "statement_vote",
    "veto_map",
    "winset",
    "winset_area_in_square",
    "world_from_points",
]

#: The outside power (not a member or candidate; its club is the outside option).
US = "USA"

#: The policy square proposals are drawn from.
BOX = (-1.0, 1.0)


@dataclass(frozen=True, eq=False)
class World:
    """Everything the enlargement model needs, as plain arrays (built by :func:`build_world`)."""

    members: tuple[str, ...]
    candidates: tuple[str, ...]
    ideal: Mapping[str, np.ndarray]
    weight: Mapping[str, float]
    reference_weight: float
    status_quo: np.ndarray
    statement: np.ndarray
    proposals: np.ndarray
    prefers: Mapping[str, np.ndarray] = field(repr=False)
    prestige_exponent: float = 0.5
    seed: int = 0

    @property
    def states(self) -> tuple[str, ...]:
        """Members, then candidates (the US excluded)."""
        return self.members + self.candidates


def build_world(params: EnlargementParams) -> World:
    """Ideal points, capability weights and the proposal sample of one scenario.

    Proposals are ``params.n_proposals`` points uniform on ``[-1, 1]^2`` from
    ``numpy.random.default_rng(params.seed)``.
    """
    check_section(params, EnlargementParams, "enlargement", "build_world")
    caps = capabilities()
    measure = params.capability_measure.value
    ideal = {n: np.asarray(p.value, dtype=float) for n, p in params.members.items()}
    ideal.update({n: np.asarray(p.value, dtype=float) for n, p in params.candidates.items()})
    ideal[US] = np.asarray(params.us_ideal.value, dtype=float)
    weight = {n: float(getattr(caps[n], measure)) for n in ideal}
    q = np.asarray(params.status_quo.value, dtype=float)
    rng = np.random.default_rng(params.seed.value)
    x = rng.uniform(BOX[0], BOX[1], size=(params.n_proposals.value, 2))
    prefers = {n: _prefers(x, a, q) for n, a in ideal.items()}
    return World(
        members=tuple(params.members),
        candidates=tuple(params.candidates),
        ideal=ideal,
        weight=weight,
        reference_weight=float(sum(weight.values())),
        status_quo=q,
        statement=np.asarray(params.statement.value, dtype=float),
        proposals=x,
        prefers=prefers,
        prestige_exponent=params.prestige_exponent.value,
        seed=params.seed.value,
    )


def world_from_points(ideal: Mapping[str, Iterable[float]], status_quo: Iterable[float],
                      members: Iterable[str] | None = None, statement: Iterable[float] | None = None,
                      weights: Mapping[str, float] | None = None, prestige_exponent: float = 0.5,
                      n_proposals: int = 40_000, seed: int = 0) -> World:
    """A :class:`World` from plain points (for small constructed cases and experiments).

    ``members`` defaults to every state in ``ideal``; the others are candidates. ``weights`` default to
    1 each; the reference weight is their sum. ``statement`` defaults to the status quo shifted by
    (-0.5, 0).

    >>> w = world_from_points({"A": (1, 0), "B": (0, 1)}, (0, 0))
    >>> round(winset(w, ["A", "B"]).area, 6)          # lens of two unit circles sqrt(2) apart: pi/2 - 1
    0.570796
    """
    pts = {n: np.asarray(tuple(a), dtype=float) for n, a in ideal.items()}
    for n, a in pts.items():
        if a.shape != (2,) or not np.all(np.isfinite(a)):
            raise ValueError(f"ideal[{n!r}] = {a!r}: must be a finite point (x, y)")
    ms = tuple(pts if members is None else members)
    for m in ms:
        if m not in pts:
            raise ValueError(f"members: {m!r} has no ideal point")
    q = np.asarray(tuple(status_quo), dtype=float)
    s = q + np.array([-0.5, 0.0]) if statement is None else np.asarray(tuple(statement), dtype=float)
    w = {n: 1.0 for n in pts} if weights is None else {n: float(weights[n]) for n in pts}
    if any(v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise ValueError("weights: must be non-negative with a positive total")
    if not 0 < prestige_exponent <= 1:
        raise ValueError(f"prestige_exponent = {prestige_exponent}: must be in (0, 1]")
    if n_proposals < 1:
        raise ValueError(f"n_proposals = {n_proposals}: must be a positive integer")
    x = np.random.default_rng(seed).uniform(BOX[0], BOX[1], size=(n_proposals, 2))
    return World(
        members=ms, candidates=tuple(n for n in pts if n not in ms), ideal=pts, weight=w,
        reference_weight=float(sum(w.values())), status_quo=q, statement=s, proposals=x,
        prefers={n: _prefers(x, a, q) for n, a in pts.items()}, prestige_exponent=prestige_exponent,
        seed=seed,
    )


def _prefers(x: np.ndarray, a: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Which points of ``x`` a state with ideal point ``a`` strictly prefers to ``q``."""
    return ((x - a) ** 2).sum(axis=1) < float(((q - a) ** 2).sum())


def prestige(world: World, shares: Mapping[str, float]) -> float:
    """``(sum_j s_j w_j / w_ref) ** alpha``: the prestige of an association whose states count with
    prestige shares ``s_j`` (1 for a member; less for an observer or dialogue partner).

    >>> from sco_games.scenario import load_scenario
    >>> w = build_world(load_scenario("params/founding_2001.yaml").enlargement)
    >>> full = prestige(w, {n: 1.0 for n in w.states + ("USA",)})
    >>> round(full, 12)
    1.0
    """
    total = 0.0
    for name, s in shares.items():
        if name not in world.weight:
            raise ValueError(f"state = {name!r}: not in this scenario ({', '.join(world.weight)})")
        if not 0.0 <= s <= 1.0:
            raise ValueError(f"prestige share of {name} = {s}: must be in [0, 1]")
        total += s * world.weight[name]
    return (total / world.reference_weight) ** world.prestige_exponent


def pass_probability(world: World, members: Iterable[str]) -> float:
    """``Pr[x in W(M)]`` for ``x`` uniform on the policy square, estimated on the world's proposals
    (an empty set of veto players passes everything: 1.0)."""
    mask = np.ones(len(world.proposals), dtype=bool)
    for m in members:
        if m not in world.prefers:
            raise ValueError(f"member = {m!r}: not in this scenario")
        mask &= world.prefers[m]
    return float(mask.mean())


def pass_probability_giants(world: World, members: Iterable[str], giants: Iterable[str] = ("China", "Russia"),
                            ) -> float:
    """``Pr[x passes]`` under a rule where the ``giants`` jointly dominate: each giant must accept and so
    must a strict majority of the other members (the counterfactual of the Conclusion: "if Russia and
    China cannot jointly dominate others"). With no other members it is the giants' own winset."""
    ms = tuple(members)
    gs = tuple(g for g in giants if g in ms)
    others = [m for m in ms if m not in gs]
    mask = np.ones(len(world.proposals), dtype=bool)
    for g in gs:
        mask &= world.prefers[g]
    if others:
        votes = np.sum([world.prefers[o] for o in others], axis=0)
        mask &= votes >= len(others) // 2 + 1
    return float(mask.mean())


def pass_probability_se(p: float, n: int) -> float:
    """Binomial standard error of a Monte Carlo pass probability ``p`` from ``n`` proposals."""
    return float(np.sqrt(p * (1.0 - p) / n))


@dataclass(frozen=True)
class StatementVote:
    """Can a statement (a point) replace the status quo under consensus, and who vetoes it?

    ``margins[i] = |s - a_i|^2 - |q - a_i|^2``: positive means ``i`` prefers the status quo (a veto);
    the *principal blocker* is the member with the largest margin (the hardest to bring round).
    """

    statement: tuple[float, float]
    status_quo: tuple[float, float]
    members: tuple[str, ...]
    margins: Mapping[str, float]
    blockers: tuple[str, ...]
    passes: bool
    principal_blocker: str | None
    method: str = "Euclidean preferences, unanimity (every member a veto player)"


def statement_vote(world: World, members: Iterable[str] | None = None,
                   statement: Iterable[float] | None = None) -> StatementVote:
    """The consensus vote on ``statement`` (default: the scenario's) against the status quo.

    >>> from sco_games.scenario import load_scenario
    >>> v = statement_vote(build_world(load_scenario("params/iraq_2003.yaml").enlargement))
    >>> v.passes, v.principal_blocker
    (False, 'Uzbekistan')
    """
    ms = tuple(world.members if members is None else members)
    s = world.statement if statement is None else np.asarray(tuple(statement), dtype=float)
    if s.shape != (2,):
        raise ValueError(f"statement = {s!r}: must be a point (x, y)")
    q = world.status_quo
    margins = {m: float(((s - world.ideal[m]) ** 2).sum() - ((q - world.ideal[m]) ** 2).sum()) for m in ms}
    blockers = tuple(m for m in ms if margins[m] >= 0.0)
    principal = max(blockers, key=lambda m: margins[m]) if blockers else None
    return StatementVote(
        statement=(float(s[0]), float(s[1])),
        status_quo=(float(q[0]), float(q[1])),
        members=ms,
        margins=margins,
        blockers=blockers,
        passes=not blockers,
        principal_blocker=principal,
    )


def is_absorbed(world: World, state: str, members: Iterable[str]) -> bool:
    """Whether ``state``'s ideal point lies in the convex hull of ``members``' ideal points, so that
    as a veto player it cannot shrink their winset (Tsebelis' absorption rule;
    :func:`sco_games.theory.coalitions.is_absorbed`)."""
    pts = [world.ideal[m] for m in members]
    return bool(coalitions.is_absorbed(world.ideal[state], pts))


def status_quo_in_core(world: World, members: Iterable[str]) -> bool:
    """Whether the status quo lies in the members' unanimity core (the convex hull of their ideal points):
    then no proposal beats it for all of them and the winset is empty
    (:func:`sco_games.theory.coalitions.unanimity_core_contains`)."""
    return bool(coalitions.unanimity_core_contains([world.ideal[m] for m in members], world.status_quo))


def winset_area_in_square(world: World, members: Iterable[str]) -> float:
    """The area of the members' unanimity winset intersected with the policy square ``[-1, 1]^2``: the
    integral over ``x`` of the length of the intersection of the members' vertical chords with ``[-1, 1]``
    (adaptive Gauss-Kronrod quadrature, ``scipy.integrate.quad``, breakpoints at every disc's edges; exact
    to about 1e-10). ``pass_probability`` estimates this area divided by 4.

    >>> w = world_from_points({"A": (1, 0)}, (0, 0))          # the unit disc about (1, 0): half in the square
    >>> round(winset_area_in_square(w, ["A"]), 9) == round(np.pi / 2, 9)
    True
    """
    from scipy.integrate import quad

    ms = tuple(members)
    if not ms:
        return (BOX[1] - BOX[0]) ** 2
    q = world.status_quo
    centres = np.array([world.ideal[m] for m in ms], dtype=float)
    r2 = ((centres - q) ** 2).sum(axis=1)
    r = np.sqrt(r2)
    lo_x = max(BOX[0], float(np.max(centres[:, 0] - r)))
    hi_x = min(BOX[1], float(np.min(centres[:, 0] + r)))
    if hi_x <= lo_x:
        return 0.0

    def chord(x: float) -> float:
        h = np.sqrt(np.maximum(r2 - (x - centres[:, 0]) ** 2, 0.0))
        top = min(BOX[1], float(np.min(centres[:, 1] + h)))
        bottom = max(BOX[0], float(np.max(centres[:, 1] - h)))
        return max(0.0, top - bottom)

    edges = sorted({float(e) for e in np.concatenate([centres[:, 0] - r, centres[:, 0] + r, centres[:, 0]])
                    if lo_x < e < hi_x})
    with warnings.catch_warnings():  # near-tangent slivers: quad may flag roundoff; the tests bound the error
        warnings.simplefilter("ignore")
        area, _ = quad(chord, lo_x, hi_x, points=edges or None, limit=500, epsabs=1e-11, epsrel=1e-9)
    return float(area)


def winset(world: World, members: Iterable[str]) -> coalitions.Winset:
    """The exact unanimity winset of the status quo for ``members`` (area, centroid, empty?), from
    :func:`sco_games.theory.coalitions.unanimity_winset`, in the whole plane: for the part inside the policy
    square, which :func:`pass_probability` estimates, see :func:`winset_area_in_square`."""
    ms = tuple(members)
    if not ms:
        raise ValueError("members: give at least one member (the winset of no one is the whole plane)")
    return coalitions.unanimity_winset([world.ideal[m] for m in ms], world.status_quo)


@dataclass(frozen=True)
class StatementReach:
    """How far the SCO can move from the status quo ``q`` toward a statement ``s`` by consensus.

    On the segment ``q + t (s - q)``, member ``i`` prefers the point to ``q`` iff
    ``t < t_i = 2 (a_i - q).(s - q) / |s - q|^2`` (Euclidean preferences). So the consensus reach is
    ``t_max = min_i t_i``: ``t_max >= 1`` means the full statement passes, ``0 < t_max < 1`` a milder
    version passes, ``t_max <= 0`` nothing in that direction passes (the SCO is silent). ``resisters`` are
    the members with ``t_i <= 0``: each alone stops *any* step in that direction.
    """

    thresholds: Mapping[str, float]
    t_max: float
    resisters: tuple[str, ...]
    t_max_without: Mapping[str, float]


def statement_reach(world: World, members: Iterable[str] | None = None) -> StatementReach:
    """The consensus reach toward the scenario's statement, and the reach with each member left out.

    >>> from sco_games.scenario import load_scenario
    >>> r = statement_reach(build_world(load_scenario("params/founding_2001.yaml").enlargement))
    >>> r.resisters, r.t_max == r.thresholds["Uzbekistan"] < 1 <= r.t_max_without["Uzbekistan"]
    ((), True)
    """
    ms = tuple(world.members if members is None else members)
    q, d = world.status_quo, world.statement - world.status_quo
    dd = float(d @ d)
    if dd == 0.0:
        raise ValueError("statement: equals the status quo (no direction to move)")
    t = {m: float(2.0 * (world.ideal[m] - q) @ d / dd) for m in ms}
    t = {m: (0.0 if abs(x) < 1e-12 else x) for m, x in t.items()}  # exact indifference, not rounding noise
    without = {m: min((t[o] for o in ms if o != m), default=float("inf")) for m in ms}
    return StatementReach(
        thresholds=t, t_max=min(t.values()), resisters=tuple(m for m in ms if t[m] <= 1e-12),
        t_max_without=without,
    )


@dataclass(frozen=True)
class VetoMap:
    """What a veto map draws: each member's ideal point and indifference circle through the status quo
    (radius ``|q - a_i|``), the status quo, the statement, its blockers, and a sample of the proposals
    that pass (the winset, as points)."""

    label: str
    members: tuple[str, ...]
    ideal: Mapping[str, tuple[float, float]]
    radius: Mapping[str, float]
    status_quo: tuple[float, float]
    statement: tuple[float, float]
    blockers: tuple[str, ...]
    winset_points: np.ndarray = field(repr=False)
    pass_probability: float = 0.0


def veto_map(world: World, label: str = "statement", members: Iterable[str] | None = None,
             max_points: int = 1500) -> VetoMap:
    """The data of a veto map for ``members`` (default: the sitting members).

    >>> from sco_games.scenario import load_scenario
    >>> vm = veto_map(build_world(load_scenario("params/iraq_2003.yaml").enlargement))
    >>> vm.blockers[:2], len(vm.winset_points)
    (('Kazakhstan', 'Uzbekistan'), 534)
    """
    ms = tuple(world.members if members is None else members)
    vote = statement_vote(world, ms)
    mask = np.ones(len(world.proposals), dtype=bool)
    for m in ms:
        mask &= world.prefers[m]
    pts = world.proposals[mask][:max_points]
    q = world.status_quo
    return VetoMap(
        label=label,
        members=ms,
        ideal={m: (float(world.ideal[m][0]), float(world.ideal[m][1])) for m in ms},
        radius={m: float(np.sqrt(((q - world.ideal[m]) ** 2).sum())) for m in ms},
        status_quo=(float(q[0]), float(q[1])),
        statement=vote.statement,
        blockers=vote.blockers,
        winset_points=pts,
        pass_probability=float(mask.mean()),
    )
