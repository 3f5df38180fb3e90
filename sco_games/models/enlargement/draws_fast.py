"""The vectorized path of :func:`sco_games.models.enlargement.draws.evaluate_draws` (issue 12).

The report's effectiveness term is the Monte Carlo pass probability on the scenario's fixed proposal sample
(``space.build_world``: ``n_proposals`` points from ``default_rng(seed)``, common to every draw). Here each
state's "prefers to the status quo" test is computed for a block of draws with the same floating-point
operations as ``space._prefers``, packed to bits (40,000 proposals = 625 words of 64 bits), and the pass
probability of a member set is the popcount of the AND of its members' words: the very counts the report
gets, so every verdict is the report's, at a fraction of the cost. Memory: ``O(block x states x
n_proposals / 8)`` bytes plus two ``block x n_proposals`` float buffers (16 draws: 10 MB), never
``O(N x n_proposals)``.

On those probabilities the payoffs (``game.EnlargementModel.payoffs``: prestige, effectiveness, voice,
association, cost), the consensus admissions (``admit``), the trade-off curve (prestige, pass probability,
absorption), the statement vote and the outside options are computed as arrays over the draws, in the same
order of operations as the scalar code, and each claim is judged by the claim module's own verdict function
(``e1_verdict`` .. ``e6_verdict``) per draw. Absorption (an ideal point inside the members' convex hull:
``theory.spatial.is_absorbed``, a linear program) is tested exactly by triangles and segments of the hull's
points. The members' winset share is the exact clipped area
(:mod:`~sco_games.models.enlargement.winset_area`).

Not vectorized (the reference loop is used, and ``method`` says so): draws of keys that change the structure
or the proposal sample (``n_proposals``, ``seed``, ``capability_measure``, ``entrant``, ``entry_decided``,
``enlargement_order``, ``package_deals``) or the voice rule (``voice_quota``: a Shapley-Shubik enumeration per
draw).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from itertools import combinations
from typing import Any

import numpy as np

from sco_games.data.capabilities import capabilities
from sco_games.models.common import DrawOutputs, draw_count, draw_sections
from sco_games.models.enlargement.draws import (
    CLAIM_IDS,
    STATUS_RANK,
    _row_name,
    evaluate_loop,
    numbers_described,
)
from sco_games.models.enlargement.game import GAIN_TOL
from sco_games.models.enlargement.params import STATUSES, EnlargementParams
from sco_games.models.enlargement.space import BOX, US
from sco_games.models.enlargement.verdicts import (
    NA,
    SEPT_11,
    e1_verdict,
    e2_verdict,
    e3_verdict,
    e4_verdict,
    e5_verdict,
    e6_verdict,
)
from sco_games.models.enlargement.winset_area import clipped_winset_area
from sco_games.theory import coalitions

__all__ = ["evaluate_vectorized", "in_hull"]

BLOCK = 16  # draws per block of the bit-packed proposal test (2 buffers of 16 x n_proposals floats)
_STRUCTURAL = ("n_proposals", "seed", "capability_measure", "entrant", "entry_decided", "enlargement_order",
               "package_deals", "voice_quota", "statement_label", "statement_adopted", "statuses_held",
               "claims_not_asked")
#: keys only the record checks and the status-quo table read (validated, not used here)
_UNREAD = ("documents", "status_quo_alternatives")


def in_hull(p: np.ndarray, pts: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """Whether ``p`` (``(n, 2)``) lies in the convex hull of ``pts`` (``(n, K, 2)``), for each draw: inside
    some triangle of three of the points (barycentric coordinates >= -1e-12), or within ``tol`` of a segment
    between two of them (a flat hull), or of one of them."""
    n, K, _ = pts.shape
    out = np.zeros(n, dtype=bool)
    for i, j in combinations(range(K), 2):  # segments (and, with i == j below, points)
        a, b = pts[:, i], pts[:, j]
        ab, ap = b - a, p - a
        t = np.clip((ap * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-300), 0.0, 1.0)
        out |= np.hypot(*(ap - t[:, None] * ab).T) <= tol
    for k in range(K):
        out |= np.hypot(*(p - pts[:, k]).T) <= tol
    for i, j, k in combinations(range(K), 3):
        a, b, c = pts[:, i], pts[:, j], pts[:, k]
        v0, v1, v2 = c - a, b - a, p - a
        den = v0[:, 0] * v1[:, 1] - v1[:, 0] * v0[:, 1]
        ok = np.abs(den) > 1e-14
        with np.errstate(divide="ignore", invalid="ignore"):
            u = (v2[:, 0] * v1[:, 1] - v1[:, 0] * v2[:, 1]) / den
            v = (v0[:, 0] * v2[:, 1] - v2[:, 0] * v0[:, 1]) / den
            out |= ok & (u >= -1e-12) & (v >= -1e-12) & (u + v <= 1 + 1e-12)
    return out


class _Draws:
    """The section's values over ``n`` draws, as arrays (fixed values broadcast)."""

    def __init__(self, p: EnlargementParams, draws: Mapping[str, Any], n: int):
        def arr(key: str, fixed: Any) -> np.ndarray:
            if key in draws:
                return np.asarray(draws[key], dtype=float)
            return np.broadcast_to(np.asarray(fixed, dtype=float), (n,) + np.shape(fixed)).copy()

        self.n = n
        self.members, self.candidates = tuple(p.members), tuple(p.candidates)
        self.ideal = {s: arr(f"members.{s}", v.value) for s, v in p.members.items()}
        self.ideal.update({s: arr(f"candidates.{s}", v.value) for s, v in p.candidates.items()})
        self.ideal[US] = arr("us_ideal", p.us_ideal.value)
        self.q = arr("status_quo", p.status_quo.value)
        self.statement = arr("statement", p.statement.value)
        self.alpha = arr("prestige_exponent", p.prestige_exponent.value)
        self.b = {k: arr(f"weights.{k}", getattr(p.weights, k).value) for k in ("prestige", "effectiveness",
                                                                                 "voice")}
        self.cost = arr("candidate_cost", p.candidate_cost.value)
        # the contradictions among members (game.EnlargementModel.contradictions; absent: kappa = 0)
        self.kappa = arr("contradiction_cost",
                         p.contradiction_cost.value if p.contradiction_cost is not None else 0.0)
        # the partial statuses candidates hold on the scenario's date (game.EnlargementModel.base)
        self.held = {c: s.value for c, s in p.statuses_held.items()}
        self.shares = {"member": (1.0, 1.0, 1.0)}
        for st in STATUSES[:-1]:
            s = getattr(p.statuses, st)
            self.shares[st] = tuple(arr(f"statuses.{st}.{f}", getattr(s, f).value)
                                    for f in ("prestige_share", "association_share", "cost_share"))
        self.sec = {s: arr(f"security_contribution.{s}", v.value) for s, v in p.security_contribution.items()}
        self.aff = {k: arr(f"affinities.{k}", v.value) for k, v in p.affinities.items()}
        self.avail = {s: arr(f"us_option_availability.{s}", v.value)
                      for s, v in p.us_option_availability.items()}
        caps = capabilities()
        self.weight = {s: float(getattr(caps[s], p.capability_measure.value)) for s in self.ideal}
        self.reference_weight = float(sum(self.weight.values()))
        self.voice_quota = p.voice_quota.value
        self.entrant = p.entrant.value
        self.decided = p.entry_decided is None or p.entry_decided.value
        self.order = list(p.enlargement_order.value)
        self.packages = [tuple(d.value) for d in p.package_deals.values()]
        rng = np.random.default_rng(p.seed.value)
        self.proposals = rng.uniform(BOX[0], BOX[1], size=(p.n_proposals.value, 2))
        self._pp: dict[frozenset, np.ndarray] = {}
        self._voice: dict[tuple[str, ...], dict[str, float]] = {}
        self._payoffs: dict[tuple, dict[str, np.ndarray]] = {}

    # -- pass probabilities on the common proposals, bit-packed ---------------------------------------
    def compute_pass(self, sets: list[frozenset]) -> None:
        """``Pr[proposal passes]`` for each member set (the report's Monte Carlo counts), block by block."""
        states = sorted(set().union(*sets))
        X = self.proposals
        P = X.shape[0]
        counts = {s: np.zeros(self.n, dtype=np.int64) for s in sets}
        x0, x1 = np.ascontiguousarray(X[:, 0]), np.ascontiguousarray(X[:, 1])
        t = np.empty((BLOCK, P))
        u = np.empty((BLOCK, P))
        for lo in range(0, self.n, BLOCK):
            hi = min(lo + BLOCK, self.n)
            k = hi - lo
            words = {}
            for st in states:
                a, q = self.ideal[st][lo:hi], self.q[lo:hi]
                # (x - a_x)^2 + (y - a_y)^2 < |q - a|^2: the operations of space._prefers, in place
                tt, uu = t[:k], u[:k]
                np.subtract(x0[None, :], a[:, 0, None], out=tt)
                np.square(tt, out=tt)
                np.subtract(x1[None, :], a[:, 1, None], out=uu)
                np.square(uu, out=uu)
                tt += uu
                radius = (q[:, 0] - a[:, 0]) ** 2 + (q[:, 1] - a[:, 1]) ** 2
                words[st] = np.packbits(tt < radius[:, None], axis=1)
            for s in sets:
                acc = None
                for st in s:
                    acc = words[st].copy() if acc is None else np.bitwise_and(acc, words[st], out=acc)
                counts[s][lo:hi] = np.bitwise_count(acc).sum(axis=1)
        for s in sets:
            self._pp[s] = counts[s] / P

    def pass_probability(self, members: tuple[str, ...]) -> np.ndarray:
        if not members:
            return np.ones(self.n)
        return self._pp[frozenset(members)]

    # -- the model (game.EnlargementModel), on arrays ------------------------------------------------
    def voice(self, members: tuple[str, ...]) -> dict[str, float]:
        if members not in self._voice:
            weights = [self.weight[m] for m in members]
            ss = coalitions.shapley_shubik(weights, self.voice_quota * sum(weights)) if members else []
            self._voice[members] = {m: float(v) for m, v in zip(members, ss, strict=True)}
        return self._voice[members]

    def prestige(self, shares: Mapping[str, Any]) -> np.ndarray:
        total: Any = 0.0
        for name, s in shares.items():
            total = total + s * self.weight[name]
        return (total / self.reference_weight) ** self.alpha

    def _pair(self, i: str, j: str) -> Any:
        aff = self.aff.get(f"{i}->{j}")
        sec = self.sec.get(j)
        return (aff if aff is not None else 0.0) + (sec if sec is not None else 0.0)

    def _hostile(self, i: str, j: str) -> Any:
        a = self.aff.get(f"{i}->{j}")
        return np.maximum(0.0, -a) if a is not None else 0.0

    def contradictions(self, members: tuple[str, ...], bearer: str) -> Any:
        """``sum min(h_jk, h_kj)`` over the pairs of ``members`` without ``bearer`` (as the model's)."""
        total: Any = 0.0
        for j, k in combinations(members, 2):
            if bearer not in (j, k):
                total = total + np.minimum(self._hostile(j, k), self._hostile(k, j))
        return total

    def totals(self, assoc: Mapping[str, str]) -> dict[str, np.ndarray]:
        key = tuple(assoc.items())
        if key in self._payoffs:
            return self._payoffs[key]
        shares = {s: self.shares[st] for s, st in assoc.items()}
        big_p = self.prestige({s: sh[0] for s, sh in shares.items()})
        members = tuple(s for s, st in assoc.items() if st == "member")
        eff = self.pass_probability(members)
        voice = self.voice(members)
        out = {}
        for i, st in assoc.items():
            sp, sa, sc = shares[i]
            assoc_term: Any = 0
            for j in assoc:
                if j != i:
                    assoc_term = assoc_term + np.minimum(sa, shares[j][1]) * self._pair(i, j)
            prestige = self.b["prestige"] * sp * big_p
            effectiveness = self.b["effectiveness"] * eff if st == "member" else 0.0
            v = self.b["voice"] * voice[i] if st == "member" else 0.0
            contra = self.kappa * self.contradictions(members, i) if st == "member" else 0.0
            out[i] = prestige + effectiveness + v + assoc_term - sc * self.cost - contra
        self._payoffs[key] = out
        return out

    def base(self) -> dict[str, str]:
        return {**{m: "member" for m in self.members}, **self.held}

    def admit(self, additions: Mapping[str, str], base: Mapping[str, str] | None = None):
        """``(gains, entrant gains, blocks, admitted)``: arrays per voter / entrant; ``blocks[m]`` bool."""
        old = dict(self.base() if base is None else base)
        new = dict(old)
        new.update(additions)
        voters = tuple(s for s, st in old.items() if st == "member")
        before, after = self.totals(old), self.totals(new)
        gains = {m: after[m] - before[m] for m in voters}
        entrant = {s: after[s] - (before[s] if s in before else 0.0) for s in additions}
        blocks = {m: gains[m] <= GAIN_TOL for m in voters}
        unwilling = np.any([entrant[s] <= GAIN_TOL for s in additions], axis=0)
        admitted = ~np.any([blocks[m] for m in voters], axis=0) & ~unwilling if voters else ~unwilling
        return gains, entrant, blocks, admitted

    def needed_sets(self) -> list[frozenset]:
        ms = self.members
        sets = [frozenset(ms), frozenset(m for m in ms if m != self.entrant)]
        sets += [frozenset(ms + (c,)) for c in self.candidates]
        sets += [frozenset(ms + tuple(self.candidates))]
        cum = list(ms)
        for c in self.order:
            cum.append(c)
            sets.append(frozenset(cum))
        sets += [frozenset(ms + pkg) for pkg in self.packages]
        sets += [frozenset((m, US)) for m in ms]
        return [s for s in dict.fromkeys(sets) if s]


def _blockers(blocks: Mapping[str, np.ndarray], i: int) -> tuple[str, ...]:
    return tuple(m for m, b in blocks.items() if b[i])


def _structural(draws: Mapping[str, Any]) -> list[str]:
    return [k for k in draws if k.split(".")[0] in _STRUCTURAL]


def evaluate_vectorized(params: EnlargementParams, draws: Mapping[str, Any], date: _dt.date | None = None
                        ) -> DrawOutputs:
    """See the module docstring; the outputs of the reference loop, for every draw."""
    n = draw_count(draws, "enlargement.evaluate_draws")
    desc = numbers_described(params)
    bad = _structural(draws)
    if bad:
        out = evaluate_loop(params, draw_sections(params, draws, "enlargement.evaluate_draws"), date)
        return DrawOutputs(n, out.verdicts, out.numbers, desc, out.method + f" (drawn {bad}: no vectorized "
                           "path for keys that change the model's structure or proposal sample)")
    _validate(params, draws, n)
    d = _Draws(params, {k: v for k, v in draws.items() if k.split(".")[0] not in _UNREAD}, n)
    d.compute_pass(d.needed_sets())
    verdicts = {c: np.empty(n, dtype=object) for c in CLAIM_IDS}
    numbers = {k: np.full(n, np.nan) for k in desc}
    ms = d.members
    numbers["members_pass_probability"] = d.pass_probability(ms)
    numbers["members_winset_share"] = clipped_winset_area(np.stack([d.ideal[m] for m in ms], axis=1), d.q) / 4
    # E5 and the statement: margins = |s - a|^2 - |q - a|^2 (space.statement_vote)
    margins = {m: ((d.statement - d.ideal[m]) ** 2).sum(axis=1) - ((d.q - d.ideal[m]) ** 2).sum(axis=1)
               for m in ms}
    stmt_blocks = {m: margins[m] >= 0.0 for m in ms}
    passes = ~np.any([stmt_blocks[m] for m in ms], axis=0)
    numbers["statement_passes"] = passes.astype(float)
    inside = d.totals(d.base())
    cool = {}
    for m in ms:
        club = d.b["prestige"] * d.prestige({m: 1.0, US: 1.0}) + d.b["effectiveness"] * d.pass_probability(
            (m, US))
        a = d.avail.get(m, 0.0)
        cool[m] = a * club > inside[m]
    if "Uzbekistan" in ms:
        numbers["uzbekistan_cool"] = cool["Uzbekistan"].astype(float)
    # E6 / the admission table: each candidate alone, then each package, at each status
    highest: dict[tuple[str, ...], np.ndarray] = {}
    for cs in [(c,) for c in d.order] + d.packages:
        h = np.full(n, -1)
        floor = max(STATUSES.index(d.held[c]) if c in d.held else -1 for c in cs)  # tried above the held
        for k, st in enumerate(STATUSES):
            if k > floor:
                h = np.where(d.admit({c: st for c in cs})[3], k, h)
        highest[cs] = h
        numbers[_row_name(cs)] = np.array([STATUS_RANK[None if x < 0 else STATUSES[x]] for x in h])
    # E1: the trade-off curve
    steps_pp, steps_pr, absorbed = [d.pass_probability(ms)], [d.prestige({m: 1.0 for m in ms})], []
    cum = list(ms)
    for c in d.order:
        absorbed.append(in_hull(d.ideal[c], np.stack([d.ideal[m] for m in cum], axis=1)))
        cum.append(c)
        steps_pp.append(d.pass_probability(tuple(cum)))
        steps_pr.append(d.prestige({m: 1.0 for m in cum}))
    pp, pr = np.stack(steps_pp, 1), np.stack(steps_pr, 1)
    ab = np.stack(absorbed, 1) if absorbed else np.zeros((n, 0), dtype=bool)
    rises = (pr[:, 1:] > pr[:, :-1]).all(axis=1)
    never_up = (pp[:, 1:] <= pp[:, :-1]).all(axis=1)
    absorbed_keep = (~ab | (pp[:, 1:] == pp[:, :-1])).all(axis=1)
    any_cut = (~ab & (pp[:, 1:] < pp[:, :-1])).any(axis=1)
    # E2: the entrant's own entry
    e = d.entrant
    e2 = d.admit({e: "member"}, base={s: "member" for s in ms if s != e})
    # E3: Pakistan, India, the package
    cands = d.candidates
    if "Pakistan" in cands:
        alone = d.admit({"Pakistan": "observer"})
        india = {st: d.admit({"India": st}) for st in ("observer", "member")} if "India" in cands else {}
        pkg = d.admit({"Pakistan": "observer", "India": "observer"}) if india else None
    quick = d.admit({c: "member" for c in cands}) if "Uzbekistan" in ms else None
    memo: dict[tuple, tuple[str, str]] = {}

    def judge(fn, *args):
        key = (fn.__name__, repr(args))
        if key not in memo:
            memo[key] = fn(*args)
        return memo[key][0]

    for i in range(n):
        verdicts["E1"][i] = judge(e1_verdict, float(pp[i, 0]), bool(rises[i]), bool(never_up[i]),
                                  bool(absorbed_keep[i]), bool(any_cut[i]))
        verdicts["E2"][i] = judge(e2_verdict, d.decided, bool(e2[3][i]), _blockers(e2[2], i), None)
        if "Pakistan" in cands:
            checks = {
                "Pakistan alone rejected": not alone[3][i],
                "Tajikistan blocks": "Tajikistan" in _blockers(alone[2], i),
                "China gains": bool(alone[0]["China"][i] > 0) if "China" in alone[0] else False,
                "Russia prefers the package with India": pkg is not None and bool(
                    pkg[0].get("Russia", np.zeros(n))[i] > alone[0].get("Russia", np.zeros(n))[i]),
                "the package is rejected too": pkg is not None and not pkg[3][i],
                "India alone is not admitted": bool(india) and not any(a[3][i] for a in india.values()),
            }
            verdicts["E3"][i] = judge(e3_verdict, True, checks)
        else:
            verdicts["E3"][i] = judge(e3_verdict, False, {})
        if quick is None:
            verdicts["E4"][i] = judge(e4_verdict, False, ())
            verdicts["E5"][i] = judge(e5_verdict, False, {})
        else:
            verdicts["E4"][i] = judge(e4_verdict, True, _blockers(quick[2], i))
            blockers = _blockers(stmt_blocks, i)
            checks5 = {
                "the statement is blocked": not passes[i],
                "Uzbekistan blocks it": "Uzbekistan" in blockers,
                "Uzbekistan is pivotal (the statement passes without its veto)":
                    set(blockers) == {"Uzbekistan"},
                "Uzbekistan goes cool (US option beats the SCO)": bool(cool["Uzbekistan"][i]),
            }
            verdicts["E5"][i] = judge(e5_verdict, True, checks5)
        singles = {cs[0]: int(h[i]) for cs, h in highest.items() if len(cs) == 1}
        mongolia_top = "Mongolia" in singles and all(singles["Mongolia"] >= h for h in singles.values())
        everyone_some = all(h >= 0 for h in singles.values())
        verdicts["E6"][i] = judge(e6_verdict, mongolia_top, everyone_some)
    if date is not None and date < SEPT_11:  # E5 is about what 9/11 changed (claims._e5)
        verdicts["E5"][:] = e5_verdict("Uzbekistan" in ms, {}, before_911=True)[0]
    for cid in params.claims_not_asked:  # the claims the scenario does not ask (claims.evaluate_claims)
        verdicts[cid][:] = NA
    method = ("vectorized: the report's Monte Carlo pass probabilities as popcounts of bit-packed proposal "
              f"tests (blocks of {BLOCK} draws), payoffs/admissions/trade-off/outside options on arrays, "
              "absorption by triangles, e1_verdict..e6_verdict per draw; members' winset share exact "
              "(clipped_winset_area)")
    return DrawOutputs(n, verdicts, numbers, desc, method)


def _validate(params: EnlargementParams, draws: Mapping[str, Any], n: int) -> None:
    """Each key's per-coordinate extremes as sections (every rule bounds one key by a box), and every draw
    where a rule ties keys together (the statuses' shares must increase)."""
    if not n:
        return
    for k, a in draws.items():
        if not np.all(np.isfinite(np.asarray(a, dtype=float))):
            raise ValueError(f"enlargement.evaluate_draws: draws[{k!r}] must be finite numbers")
    arrays = {k: np.asarray(a, dtype=float) for k, a in draws.items()}
    ends = {k: np.stack([a.min(axis=0), a.max(axis=0)]) for k, a in arrays.items()}
    draw_sections(params, ends, "enlargement.evaluate_draws")
    if any(k.startswith("statuses.") for k in draws):
        keys = [k for k in draws if k.startswith("statuses.")]
        draw_sections(params, {k: np.asarray(draws[k]) for k in keys}, "enlargement.evaluate_draws")
