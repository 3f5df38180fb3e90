"""Benchmark: solve_batch's closed-form kernels (2x2, 3x3) at 10^3 .. 10^6 games, against peers measured in
the same run, and the bargaining solutions before / after their closed forms.

Run:  .venv/bin/python benchmarks/bench_solve_batch.py [--quick] [--seed 2026]

1. solve_batch on N random games (payoffs ~ N(0, 1)), N = 10^3, 10^4, 10^5, 10^6, for 2x2 and 3x3: ns per game
   (best of three), how it grows with N, the share of games left to the general vertex enumeration, and the
   floor of the output itself (allocating and filling arrays of the result's size and copying A and B: on
   this machine fresh memory is expensive). The old path (the general vertex enumeration on every game,
   ``vertex.enumerate_batch``) on the same games.
2. Peers on a sample: a Python loop over nashpy 0.0.43 ``support_enumeration`` (ratio per game), and
   QuantEcon: ``quantecon.game_theory`` has no routine over a batch of games (its ``support_enumeration`` and
   ``vertex_enumeration`` take one ``NormalFormGame``; numba-compiled, timed after a warm-up call), so a loop
   over its ``support_enumeration`` on the same sample.
3. Bargaining: nash_solution / kalai_smorodinsky on a linear callable frontier (closed form now; the
   2049-point grid + Brent before, called through the same code path by hiding the line), and on
   u2 = 1 - u1^2 (grid + Brent + first-order polish now; grid + Brent before): time per call and error.
"""

from __future__ import annotations

import argparse
import math
import os
import time
import warnings

import numpy as np

import sco_games.theory.bargaining as bargaining
from sco_games.theory.batch_solve import _scales
from sco_games.theory.games import solve_batch
from sco_games.theory.vertex import enumerate_batch


def best_of(fn, repeat=3):
    best, out = math.inf, None
    for _ in range(repeat):
        out = None  # free the previous result first: each run gets the memory a fresh call would get
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def output_floor(res, A, B):
    """Seconds to allocate and fill arrays of the result's sizes and copy A and B (what any solver returning
    this BatchResult must write)."""
    def make():
        for arr in (res.row, res.col, res.payoffs, res.regret, res.mask, res.pure):
            np.full(arr.shape, 0, dtype=arr.dtype)
        A.copy()
        B.copy()
    return best_of(make)[0]


def section_batch(sizes, seed):
    print("## 1. solve_batch on random games (payoffs ~ N(0, 1)), best of 3")
    print(f"{'game':5} {'N':>8} {'ns/game':>9} {'x prev N':>8} {'general':>8} {'floor ns':>9} "
          f"{'old path ns':>11} {'speed-up':>8}")
    rng = np.random.default_rng(seed)
    for m in (2, 3):
        prev = None
        for N in sizes:
            A, B = rng.normal(size=(2, N, m, m))
            t, res = best_of(lambda A=A, B=B: solve_batch(A, B))  # (each run's result is freed at the next)
            ns = t / N * 1e9
            floor = output_floor(res, A, B) / N * 1e9
            general = int(res.degenerate.sum())
            if N <= 10**5:
                sa, sb = _scales(A, "A"), _scales(B, "B")
                t_old, _ = best_of(lambda A=A, B=B, sa=sa, sb=sb: enumerate_batch(A, B, 1e-9, sa, sb), 1)
                old = f"{t_old / N * 1e9:11.0f} {t_old / t:7.1f}x"
            else:
                old = f"{'-':>11} {'-':>8}"
            grow = f"{(t / prev):8.2f}" if prev else f"{'':8}"
            print(f"{m}x{m:<3} {N:8d} {ns:9.0f} {grow} {general:8d} {floor:9.0f} {old}")
            prev = t
    print("('x prev N': time ratio to the previous N (10 = linear); 'general': games the kernels handed to "
          "the general vertex enumeration (degenerate or within the band); 'floor': allocating the result's "
          "arrays and copying A, B; 'old path': the general vertex enumeration on every game, one run)")


def section_peers(n_sample, seed):
    import nashpy

    print(f"\n## 2. peers on {n_sample} random games per size (per game; solve_batch on the same sample)")
    rng = np.random.default_rng(seed + 1)
    try:
        from quantecon.game_theory import NormalFormGame as QEGame
        from quantecon.game_theory import Player
        from quantecon.game_theory import support_enumeration as qe_support
    except ImportError:  # the oracle extra is not installed
        QEGame = None
    for m in (2, 3):
        A, B = rng.normal(size=(2, n_sample, m, m))
        t_ours, res = best_of(lambda A=A, B=B: solve_batch(A, B))

        def nashpy_loop(A=A, B=B):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return [list(nashpy.Game(A[i], B[i]).support_enumeration()) for i in range(len(A))]

        t_np, eqs = best_of(nashpy_loop, 1)
        missed = int(res.counts.sum()) - sum(len(e) for e in eqs)
        line = (f"{m}x{m}: solve_batch {t_ours / n_sample * 1e6:8.3f} us/game | nashpy support_enumeration "
                f"loop {t_np / n_sample * 1e6:8.1f} us/game (x{t_np / t_ours:,.0f}; it lists {missed} fewer "
                "equilibria)")
        if QEGame is not None:
            games = [QEGame((Player(A[i]), Player(B[i].T))) for i in range(n_sample)]
            qe_support(games[0])  # numba compilation, not timed
            t_qe, _ = best_of(lambda games=games: [qe_support(g) for g in games], 1)
            line += (f" | QuantEcon support_enumeration loop {t_qe / n_sample * 1e6:8.1f} us/game "
                     f"(x{t_qe / t_ours:,.0f})")
        print(line)
    print("QuantEcon has no batch routine (one NormalFormGame per call), hence the loop.")


def _hide_line(fn, *args, **kwargs):
    """Call a bargaining solution with the linear-frontier detection off (the code path before it)."""
    real = bargaining._make_frontier

    def no_line(frontier, domain):
        fr = real(frontier, domain)
        return type(fr)(f=fr.f, lo=fr.lo, hi=fr.hi, vertices=fr.vertices, fv=fr.fv, line=None)

    bargaining._make_frontier = no_line
    try:
        return fn(*args, **kwargs)
    finally:
        bargaining._make_frontier = real


def _no_polish(fn, *args, **kwargs):
    real = bargaining.polish_nash
    bargaining.polish_nash = lambda f, d, a, u, *rest: u
    try:
        return fn(*args, **kwargs)
    finally:
        bargaining.polish_nash = real


def section_bargaining(reps):
    print(f"\n## 3. bargaining (per call, best of 3 x {reps} calls; error against the closed form)")

    def timed(call):
        t, r = best_of(lambda: [call() for _ in range(reps)])
        return t / reps * 1e6, r[-1]

    line = lambda u: 1 - u  # noqa: E731
    curve = lambda u: 1 - u * u  # noqa: E731
    rows = [
        ("Nash, u2 = 1 - u1, weights (0.31, 0.69)", 0.31,
         lambda: bargaining.nash_solution(line, (0, 0), (0.31, 0.69)),
         lambda: _no_polish(_hide_line, bargaining.nash_solution, line, (0, 0), (0.31, 0.69))),
        ("KS, u2 = 1 - u1, d = (0.1, 0.2)", 0.45,
         lambda: bargaining.kalai_smorodinsky(line, (0.1, 0.2)),
         lambda: _hide_line(bargaining.kalai_smorodinsky, line, (0.1, 0.2))),
        ("Nash, u2 = 1 - u1^2, d = 0", 1 / math.sqrt(3),
         lambda: bargaining.nash_solution(curve, (0, 0)),
         lambda: _no_polish(bargaining.nash_solution, curve, (0, 0))),
    ]
    for name, exact, now, before in rows:
        t_now, r_now = timed(now)
        t_before, r_before = timed(before)
        print(f"{name:42} now {t_now:8.1f} us (error {abs(r_now.u1 - exact):.1e}) | before "
              f"{t_before:8.1f} us (error {abs(r_before.u1 - exact):.1e})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 10^4, small samples")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(f"# bench_solve_batch (seed {args.seed}); machine: {os.cpu_count()} cores, load average "
          f"{', '.join(f'{v:.2f}' for v in os.getloadavg())} at start")
    sizes = [10**3, 10**4] if args.quick else [10**3, 10**4, 10**5, 10**6]
    section_batch(sizes, args.seed)
    section_peers(50 if args.quick else 300, args.seed)
    section_bargaining(3 if args.quick else 20)
    print(f"\nload average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
