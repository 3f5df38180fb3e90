"""Benchmark: the three models over many joint draws, vectorized ``evaluate_draws`` vs the reference loop,
measured in the same run (issue 12).

Run:  .venv/bin/python benchmarks/bench_robustness.py [--quick] [--seed 2026] [--draws 100000] [--jobs 2]

Draws: uniform over every declared ``range`` of ``params/founding_2001.yaml`` (partnership 17 values,
border 12 values plus the disagreement point as a categorical, enlargement 28 values and points), from
``numpy.random.default_rng([seed, chunk])``: a chunk's draws depend on the seed and the chunk's index only,
so results do not depend on the number of workers (checked below on the first chunks).

Sections:
1. the reference loop (``method="loop"``: the report's own functions, once per draw) on a few draws per model,
   in this process, and the vectorized path on the same draws (verdicts checked equal); draws per second;
2. ``--draws`` joint draws (each draw: all three models) vectorized in chunks on a ``--jobs``-process pool;
   the throughput against the loop's, one core and ``--jobs`` cores (the loop's ideal, measured x jobs);
   peak RSS of the workers and the tracemalloc peak of one chunk (memory is bounded by the chunk size);
3. growth of the vectorized time with the number of draws, per model, in this process: 10^3, 10^4 for all
   three, 10^5 and 10^6 (on the pool) for the partnership, the fastest model (the others' 10^6 would take
   ~1 h of this shared machine: extrapolate from their linear growth instead, as printed);
4. (``--joint-growth 1000,10000,...``) growth of the joint job (all three models per draw) on the pool, with
   the peak RSS of a worker at each size (bounded by the chunk, not by N);
5. (``--dask N``) the same N-draw joint job on a ``--jobs``-worker Dask ``LocalCluster``
   (:func:`sco_games.uncertainty.executors.dask_executor`), its chunk summaries checked equal to the pool's,
   against the pool and the loop measured in this run. Run as ``python -m benchmarks.bench_robustness`` so
   that the workers import this module.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from sco_games.models.border.draws import evaluate_draws as border_draws
from sco_games.models.enlargement.draws import evaluate_draws as enlargement_draws
from sco_games.models.partnership.draws import evaluate_draws as partnership_draws
from sco_games.scenario import load_scenario

SCENARIO = "params/founding_2001.yaml"
_SC: Any = None


def scenario():
    global _SC
    if _SC is None:
        _SC = load_scenario(SCENARIO)
    return _SC


def ranged(section: Any, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Uniform draws over every declared range of a section (a point: each coordinate over its range)."""
    out: dict[str, np.ndarray] = {}

    def walk(v: Any, path: str) -> None:
        if isinstance(v, dict) and "value" in v and "source" in v:
            r = v.get("range")
            if r is not None and not path.startswith(("documents", "status_quo_alternatives")):
                out[path] = (np.column_stack([rng.uniform(*r[0], n), rng.uniform(*r[1], n)])
                             if isinstance(r[0], list | tuple) else rng.uniform(*r, n))
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(x, f"{path}.{k}" if path else k)
    walk(section.model_dump(), "")
    return out


def joint_draws(seed: int, chunk: int, n: int) -> dict[str, dict[str, np.ndarray]]:
    rng = np.random.default_rng([seed, chunk])
    sc = scenario()
    border = ranged(sc.border, n, rng)
    border["disagreement"] = rng.choice(np.array(["war", "dispute"], dtype=object), n)
    return {"partnership": ranged(sc.partnership, n, rng), "border": border,
            "enlargement": ranged(sc.enlargement, n, rng)}


def evaluate(model: str, draws: dict[str, np.ndarray], method: str):
    sc = scenario()
    if model == "partnership":
        return partnership_draws(sc.partnership, draws, method=method)
    if model == "border":
        return border_draws(sc.border, draws, date=sc.meta.date, method=method)
    return enlargement_draws(sc.enlargement, draws, method=method)


MODELS = ("partnership", "border", "enlargement")


def summary(outs: dict[str, Any]) -> dict[str, Any]:
    """Verdict counts per claim and the sum of each number (NaN-free): what a chunk returns."""
    res: dict[str, Any] = {}
    for m, o in outs.items():
        for c, v in o.verdicts.items():
            vals, counts = np.unique(np.asarray(v, dtype=str), return_counts=True)
            res[f"{m}.{c}"] = dict(zip(vals.tolist(), counts.tolist(), strict=True))
        for k, x in o.numbers.items():
            res[f"{m}.{k}"] = (float(np.nansum(x)), int(np.isnan(x).sum()))
    return res


def run_chunk(args: tuple[int, int, int, tuple[str, ...]]) -> tuple[dict[str, Any], float, int]:
    seed, chunk, n, models = args
    d = joint_draws(seed, chunk, n)
    t0 = time.perf_counter()
    outs = {m: evaluate(m, d[m], "vectorized") for m in models}
    return summary(outs), time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in parts:
        for k, v in p.items():
            if isinstance(v, dict):
                acc = out.setdefault(k, {})
                for kk, c in v.items():
                    acc[kk] = acc.get(kk, 0) + c
            else:
                s, nn = out.get(k, (0.0, 0))
                out[k] = (s + v[0], nn + v[1])
    return out


def section_loop(seed: int, sizes: dict[str, int]) -> dict[str, float]:
    print("1. reference loop vs vectorized on the same draws (this process, one core)")
    rates = {}
    for m in MODELS:
        d = joint_draws(seed, 10_000, sizes[m])[m]
        t0 = time.perf_counter()
        ref = evaluate(m, d, "loop")
        t_loop = time.perf_counter() - t0
        fast = evaluate(m, d, "vectorized")
        same = all(ref.verdicts[c].tolist() == fast.verdicts[c].tolist() for c in ref.verdicts)
        rates[m] = sizes[m] / t_loop
        print(f"   {m:12s} loop: {sizes[m]:3d} draws in {t_loop:7.2f} s = {rates[m]:8.2f} draws/s "
              f"({1000 * t_loop / sizes[m]:7.1f} ms/draw); verdicts equal to the vectorized path: {same}")
    joint = 1.0 / sum(1.0 / r for r in rates.values())
    print(f"   joint (all three per draw) loop: {joint:.3f} draws/s on one core")
    rates["joint"] = joint
    return rates


def section_joint(seed: int, n: int, chunk: int, jobs: int, loop: dict[str, float]) -> None:
    print(f"\n2. {n:,} joint draws, vectorized, chunks of {chunk:,} on {jobs} worker processes")
    tasks = [(seed, k, min(chunk, n - k * chunk), MODELS) for k in range((n + chunk - 1) // chunk)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(run_chunk, tasks))
    wall = time.perf_counter() - t0
    rate = n / wall
    rss = max(r[2] for r in results) / 1024
    busy = sum(r[1] for r in results)
    print(f"   wall {wall:.1f} s = {rate:,.1f} joint draws/s; compute in the workers {busy:.1f} s")
    print(f"   vs the loop on one core ({loop['joint']:.3f} draws/s): {rate / loop['joint']:,.0f}x; vs the "
          f"loop's ideal on {jobs} cores ({jobs * loop['joint']:.3f} draws/s): "
          f"{rate / (jobs * loop['joint']):,.0f}x")
    print(f"   peak RSS of a worker: {rss:.0f} MB")
    total = merge([r[0] for r in results])
    for key in ("partnership.P1", "border.B4", "enlargement.E2", "enlargement.E5"):
        shares = {v: f"{c / n:.3f}" for v, c in sorted(total[key].items())}
        print(f"   {key}: {shares}")
    # the same chunks in this process: identical summaries (results do not depend on the workers)
    first = [run_chunk(t)[0] for t in tasks[:2]]
    print(f"   first two chunks in-process equal to the pool's: {first == [r[0] for r in results[:2]]}")
    tracemalloc.start()
    run_chunk(tasks[0])
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"   tracemalloc peak of one chunk of {tasks[0][2]:,} joint draws: {peak:.0f} MB "
          "(bounded by the chunk)")


def section_growth(seed: int, sizes: list[int], million: bool, jobs: int) -> None:
    print("\n3. growth of the vectorized time with the number of draws (this process, one core)")
    for m in MODELS:
        for n in sizes:
            if m != "partnership" and n > 10_000:
                continue
            d = joint_draws(seed, 20_000 + n, n)[m]
            t0 = time.perf_counter()
            evaluate(m, d, "vectorized")
            t = time.perf_counter() - t0
            print(f"   {m:12s} {n:>9,} draws: {t:8.2f} s ({1e6 * t / n:8.1f} us/draw)")
    if million:
        n, chunk = 1_000_000, 20_000
        tasks = [(seed, 30_000 + k, chunk, ("partnership",)) for k in range(n // chunk)]
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            res = list(ex.map(run_chunk, tasks))
        wall = time.perf_counter() - t0
        print(f"   partnership  1,000,000 draws on {jobs} workers (chunks of {chunk:,}): wall {wall:.1f} s "
              f"({1e6 * wall / n:.1f} us/draw), peak worker RSS {max(r[2] for r in res) / 1024:.0f} MB")


def _pool_job(seed: int, n: int, chunk: int, jobs: int, executor=None) -> tuple[float, list]:
    tasks = [(seed, k, min(chunk, n - k * chunk), MODELS) for k in range((n + chunk - 1) // chunk)]
    t0 = time.perf_counter()
    if executor is None:
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            results = list(ex.map(run_chunk, tasks))
    else:
        results = list(executor.map(run_chunk, tasks))
    return time.perf_counter() - t0, results


def section_joint_growth(seed: int, sizes: list[int], chunk: int, jobs: int) -> dict[int, float]:
    print(f"\n4. growth of the joint job (all three models per draw), chunks of {chunk:,} on {jobs} worker "
          "processes")
    walls = {}
    for n in sizes:
        wall, res = _pool_job(seed, n, chunk, jobs)
        walls[n] = wall
        print(f"   {n:>9,} joint draws: wall {wall:8.1f} s ({1e6 * wall / n:8.1f} us/draw), peak worker RSS "
              f"{max(r[2] for r in res) / 1024:.0f} MB")
    return walls


def section_dask(seed: int, n: int, chunk: int, jobs: int, loop: dict[str, float]) -> None:
    from sco_games.uncertainty.executors import dask_executor

    print(f"\n5. {n:,} joint draws on a {jobs}-worker Dask LocalCluster vs the {jobs}-process pool "
          "(same chunks)")
    pool_wall, pool_res = _pool_job(seed, n, chunk, jobs)
    t0 = time.perf_counter()
    with dask_executor("local", jobs) as ex:
        started = time.perf_counter() - t0
        dask_wall, dask_res = _pool_job(seed, n, chunk, jobs, executor=ex)
    print(f"   pool wall {pool_wall:.1f} s = {n / pool_wall:,.1f} draws/s; Dask wall {dask_wall:.1f} s = "
          f"{n / dask_wall:,.1f} draws/s (+ {started:.1f} s to start the cluster): "
          f"{pool_wall / dask_wall:.2f}x the pool")
    print(f"   Dask vs the loop's ideal on {jobs} cores ({jobs * loop['joint']:.3f} draws/s): "
          f"{n / dask_wall / (jobs * loop['joint']):,.0f}x; peak worker RSS "
          f"{max(r[2] for r in dask_res) / 1024:.0f} MB")
    print(f"   chunk summaries equal to the pool's: {[r[0] for r in dask_res] == [r[0] for r in pool_res]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--chunk", type=int, default=2_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="a smoke run: small sizes")
    ap.add_argument("--no-million", action="store_true", help="skip the partnership's 10^6 draws")
    ap.add_argument("--growth", default="1000,10000,100000",
                    help="draw counts of section 3 (comma-separated); above 10^4 the partnership only")
    ap.add_argument("--growth-first", action="store_true", help="run section 3 before section 2")
    ap.add_argument("--joint-growth", default="", help="draw counts of section 4 (comma-separated)")
    ap.add_argument("--dask", type=int, default=0, help="section 5's draws on a LocalCluster (0: skip)")
    ap.add_argument("--only-new", action="store_true", help="sections 1, 4 and 5 only")
    a = ap.parse_args()
    sizes = [int(x) for x in a.growth.split(",") if x]
    if a.quick:
        loop = section_loop(a.seed, {"partnership": 4, "border": 2, "enlargement": 2})
        section_joint(a.seed, 2_000, 500, a.jobs, loop)
        section_growth(a.seed, [1_000], False, a.jobs)
        return
    loop = section_loop(a.seed, {"partnership": 20, "border": 6, "enlargement": 6})
    if a.only_new:
        if a.joint_growth:
            section_joint_growth(a.seed, [int(x) for x in a.joint_growth.split(",") if x], a.chunk, a.jobs)
        if a.dask:
            section_dask(a.seed, a.dask, a.chunk, a.jobs, loop)
        return
    if a.growth_first:
        section_growth(a.seed, sizes, not a.no_million, a.jobs)
    section_joint(a.seed, a.draws, a.chunk, a.jobs, loop)
    if not a.growth_first:
        section_growth(a.seed, sizes, not a.no_million, a.jobs)


if __name__ == "__main__":
    main()
