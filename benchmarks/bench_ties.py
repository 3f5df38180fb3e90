"""Benchmark: P1's tie draws (``partnership.ties.tie_sides``, 4,000 seeded draws solved by ``solve_batch``),
asked by every ``assess_claims`` call, by the partnership report, and by each draw of the robustness layer's
reference loop that keeps the payoff terms as coded.

Run:  .venv/bin/python benchmarks/bench_ties.py [--scenario params/iraq_2003.yaml] [--loop 40] [--n 1000]

Lines (wall times in this process, one core; the best of ``--repeat`` runs where it says so):
1. ``tie_sides`` of the scenario's section: the first call, then a second call with the same values;
2. ``assess_claims`` (P1-P5) and the partnership ``report``, each with the tie draws not yet computed;
3. the reference loop (``method="loop"``) over ``--loop`` draws of the triangle's relations only (the payoff
   terms as coded, so every draw sits on the scenario's tie and asks for the same tie draws);
4. a ``--n``-draw robustness run of the partnership model (``uncertainty.robustness``, vectorized, no Sobol
   indices, no second-seed check; best of ``--repeat``): every ranged value drawn, the coded point evaluated
   by the loop.
Where the library has no cache (``tie_sides`` without ``clear_cache``), the "first" and "second" calls both
compute the draws.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from sco_games.models.partnership import ties
from sco_games.models.partnership.claims import assess_claims
from sco_games.models.partnership.draws import evaluate_draws
from sco_games.models.partnership.params import RELATION_KEYS
from sco_games.models.partnership.report import REFERENCE_SCENARIOS, report
from sco_games.scenario import load_scenario
from sco_games.uncertainty.robustness import robustness


def _clear() -> None:
    if hasattr(ties, "clear_cache"):
        ties.clear_cache()


def _time(fn, repeat: int, clear: bool = True) -> float:
    best = float("inf")
    for _ in range(repeat):
        if clear:
            _clear()
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="params/iraq_2003.yaml")
    ap.add_argument("--loop", type=int, default=40, help="draws of the reference loop (line 3)")
    ap.add_argument("--n", type=int, default=1000, help="draws of the robustness run (line 4)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    sc = load_scenario(a.scenario)
    p = sc.partnership
    refs = {n: load_scenario(f"params/{n}.yaml").partnership for n in REFERENCE_SCENARIOS}
    print(f"scenario {a.scenario}; cache in the library: {hasattr(ties, 'clear_cache')}")

    _clear()
    t = time.perf_counter()
    first = ties.tie_sides(p)
    t_first = time.perf_counter() - t
    t = time.perf_counter()
    again = ties.tie_sides(p)
    t_again = time.perf_counter() - t
    print(f"1. tie_sides: first call {1e3 * t_first:8.1f} ms, same values again {1e3 * t_again:8.1f} ms "
          f"(equal: {first == again})")

    t_claims = _time(lambda: assess_claims(p, sc.meta.date), a.repeat)
    t_report = _time(lambda: report(p, sc.name, refs, date=sc.meta.date), a.repeat)
    print(f"2. assess_claims {1e3 * t_claims:8.1f} ms; partnership report {1e3 * t_report:8.1f} ms "
          f"(best of {a.repeat}, tie draws not yet computed)")
    assess_claims(p, sc.meta.date)
    t_warm = _time(lambda: assess_claims(p, sc.meta.date), a.repeat, clear=False)
    print(f"   assess_claims again with the same values {1e3 * t_warm:8.1f} ms (best of {a.repeat})")

    rng = np.random.default_rng(2026)
    rel = {k: rng.uniform(*getattr(p, k).range, a.loop) for k in RELATION_KEYS
           if getattr(p, k).range is not None}
    if rel:
        _clear()
        t = time.perf_counter()
        out = evaluate_draws(p, rel, date=sc.meta.date, method="loop")
        dt = time.perf_counter() - t
        print(f"3. reference loop, {a.loop} draws of {', '.join(rel)}: {dt:7.2f} s = "
              f"{1e3 * dt / a.loop:7.1f} ms/draw; P1 {sorted(set(out.verdicts['P1']))}")
    else:
        print("3. (the scenario gives no relation a range: no loop line)")

    holder = []
    dt = _time(lambda: holder.append(robustness(sc, ["partnership"], n=a.n, seed=0, sobol_n=None,
                                                check=False)), a.repeat)
    r = holder[-1]
    shares = ({k: round(x, 3) for k, x in v.probability.items() if x}
              for v in r.models[0].verdicts if v.claim == "P1") if r.models else iter(["-"])
    shares = next(shares, "-")
    print(f"4. robustness, partnership, {a.n} draws (vectorized, no Sobol, no check): {dt:7.2f} s "
          f"(best of {a.repeat}); "
          f"P1 {shares}")


if __name__ == "__main__":
    main()
