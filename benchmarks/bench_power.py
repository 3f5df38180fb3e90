"""Benchmark: exact power indices by dynamic programming vs enumeration, measured in the same run.

Run:  .venv/bin/python benchmarks/bench_power.py [--quick] [--seed 2026]

Sections (fixed seed; every timing is the best of a few repeats in this run):
1. growth with n (random integer weights 1..99, quota = half the total + 1): Shapley-Shubik + Banzhaf by
   ``sco_games.theory.coalitions`` (DP over size x weight, O(n^2 W)) vs two peers enumerating 2^n coalitions:
   a vectorized numpy enumeration and a plain-Python enumeration (the textbook definition, itertools). The
   peers' answers are checked equal to the DP's (exact integer counts) wherever they run.
2. 30 weighted players: the DP's time; the enumeration times at n = 30 are *extrapolated* from the largest n
   measured with the 2^n (x n) growth, and printed as such.
3. the UN Security Council (5 vetoes + 4 of 10) by the veto DP vs Python enumeration.
"""

from __future__ import annotations

import argparse
import itertools
import math
import time

import numpy as np

from sco_games.theory.coalitions import banzhaf, shapley_shubik


def best_time(fn, repeats=3):
    best, out = math.inf, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return out, best


def dp(weights, quota, vetoes=()):
    ss = shapley_shubik(weights, quota, veto_players=vetoes)
    bz = banzhaf(weights, quota, veto_players=vetoes)
    return ss.counts, bz.counts


def numpy_enumeration(weights, quota, vetoes=()):
    """Peer 1: all 2^n coalitions as bitmasks, vectorized with numpy (pivot counts by size, swings)."""
    n = len(weights)
    masks = np.arange(1 << n, dtype=np.int64)
    wsum = np.zeros(1 << n, dtype=np.int64)
    for i, w in enumerate(weights):
        wsum += np.where(masks & (1 << i), w, 0)
    win = wsum >= quota
    for v in vetoes:
        win &= (masks & (1 << v)) != 0
    sizes = np.bitwise_count(masks)
    fact = [math.factorial(s) for s in range(n + 1)]
    ss_counts, swings = [], []
    for i in range(n):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        piv = without[~win[without] & win[without | bit]]
        by_size = np.bincount(sizes[piv], minlength=n)
        ss_counts.append(sum(int(c) * fact[s] * fact[n - 1 - s] for s, c in enumerate(by_size)))
        swings.append(int(piv.size))
    return tuple(ss_counts), tuple(swings)


def python_enumeration(weights, quota, vetoes=()):
    """Peer 2: the definition in plain Python: for each player and each coalition of the others."""
    n = len(weights)
    fact = [math.factorial(s) for s in range(n + 1)]
    veto = set(vetoes)
    ss_counts, swings = [0] * n, [0] * n
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for r in range(n):
            for S in itertools.combinations(others, r):
                w = sum(weights[j] for j in S)
                members = set(S)
                loses = not (w >= quota and veto <= members)
                wins_with = w + weights[i] >= quota and veto <= members | {i}
                if loses and wins_with:
                    ss_counts[i] += fact[r] * fact[n - 1 - r]
                    swings[i] += 1
    return tuple(ss_counts), tuple(swings)


def game(n, rng):
    w = rng.integers(1, 100, size=n).tolist()
    return w, sum(w) // 2 + 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller n for a fast smoke run")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)

    ns_numpy = [8, 12, 16, 18] if args.quick else [8, 12, 16, 18, 20, 22]
    ns_python = [8, 10, 12] if args.quick else [8, 10, 12, 14, 16]
    print("1. growth with n: time for Shapley-Shubik + Banzhaf (seconds, best of repeats)")
    head = f"{'n':>3} {'W':>5} {'DP':>10} {'numpy 2^n':>11} {'ratio':>9} {'python 2^n':>11} {'ratio':>9}"
    print(head + "  same?")
    last_numpy = last_python = None
    for n in sorted(set(ns_numpy) | set(ns_python)):
        w, q = game(n, rng)
        ours, t_dp = best_time(lambda w=w, q=q: dp(w, q), repeats=5)
        row = f"{n:>3} {sum(w):>5} {t_dp:>10.5f}"
        same = True
        if n in ns_numpy:
            theirs, t_np = best_time(lambda w=w, q=q: numpy_enumeration(w, q), repeats=2)
            same &= theirs == ours
            row += f" {t_np:>11.5f} {t_np / t_dp:>8.1f}x"
            last_numpy = (n, t_np)
        else:
            row += f" {'':>11} {'':>9}"
        if n in ns_python:
            theirs, t_py = best_time(lambda w=w, q=q: python_enumeration(w, q), repeats=1)
            same &= theirs == ours
            row += f" {t_py:>11.5f} {t_py / t_dp:>8.1f}x"
            last_python = (n, t_py)
        else:
            row += f" {'':>11} {'':>9}"
        print(row + f"  {'yes' if same else 'NO'}")

    print("\n2. 30 weighted players (weights 1..99, quota half + 1)")
    w, q = game(30, rng)
    (ss_counts, swings), t30 = best_time(lambda: dp(w, q), repeats=5)
    ss = shapley_shubik(w, q)
    print(f"   DP: {t30:.4f} s; Shapley-Shubik sums to {sum(ss.counts)}/{ss.denominator} = "
          f"{sum(ss.counts) / ss.denominator:.15f}; largest weight {max(w)} has SS {max(ss.values):.5f}")
    for label, last in (("numpy enumeration", last_numpy), ("python enumeration", last_python)):
        n0, t0 = last
        est = t0 * 2 ** (30 - n0) * (30 / n0)
        print(f"   {label}: measured {t0:.3f} s at n = {n0}; extrapolated to n = 30 by 2^n x n: "
              f"~{est:,.0f} s, i.e. ~{est / t30:,.0f}x the DP (extrapolated, not measured)")

    print("\n3. UN Security Council (5 vetoes + 4 of 10 others)")
    wu, qu, vu = [1] * 15, 9, list(range(5))
    ours, t_dp = best_time(lambda: dp(wu, qu, vu), repeats=5)
    theirs_np, t_np = best_time(lambda: numpy_enumeration(wu, qu, vu), repeats=3)
    theirs_py, t_py = best_time(lambda: python_enumeration(wu, qu, vu), repeats=1)
    ss = shapley_shubik(wu, qu, veto_players=vu)
    print(f"   SS permanent {ss[0]:.4f}, other {ss[5]:.5f} (published 0.1963, 0.00186)")
    print(f"   DP {t_dp:.5f} s; numpy enumeration {t_np:.5f} s ({t_np / t_dp:.1f}x); "
          f"python enumeration {t_py:.3f} s ({t_py / t_dp:.0f}x); same counts: "
          f"{'yes' if ours == theirs_np == theirs_py else 'NO'}")


if __name__ == "__main__":
    main()
