"""Benchmark: sco_games.theory.games.solve / solve_batch against nashpy 0.0.43, measured in the same run.

Run:  .venv/bin/python benchmarks/bench_solve.py [--quick] [--seed 2026]

Sections (fixed seed, printed side by side):
1. random 6x6 games: solve vs nashpy support_enumeration and vertex_enumeration (time per game,
   equilibria found, how many of nashpy's are false (regret above tolerance) or dropped (a verified
   equilibrium of ours that nashpy does not list)), at payoff scale 1 and 1e6;
2. games with many equilibria: the 6x6 identity coordination game (63) and von Stengel's (1999) 6x6 game
   with 75 equilibria;
3. solve_batch on 10,000 random 3x3 games vs a Python loop over nashpy support_enumeration (ratio, and
   the games where the equilibrium sets differ, with the reason).
Each equilibrium is checked with the same test: regret <= 1e-9 x the player's payoff range.
"""

from __future__ import annotations

import argparse
import time
import warnings

import nashpy
import numpy as np

from sco_games.theory.games import solve, solve_batch

TOL = 1e-9

# von Stengel (1999), DCG 21: 557-568, the 6x6 game with 75 equilibria (gambit catalog, small payoffs)
VON_STENGEL_1999_A = [
    [-81, 36, -126, 126, -36, 90], [-180, 72, -333, 297, -153, 270], [20, -3, 42, -33, 17, -30],
    [-30, 17, -33, 42, -3, 20], [270, -153, 297, -333, 72, -180], [90, -36, 126, -126, 36, -81],
]
VON_STENGEL_1999_B = [
    [72, 36, 17, -3, -36, -153], [-180, -81, -30, 20, 90, 270], [297, 126, 42, -33, -126, -333],
    [-333, -126, -33, 42, 126, 297], [270, 90, 20, -30, -81, -180], [-153, -36, -3, 17, 36, 72],
]


def is_equilibrium(A, B, x, y, tol=TOL) -> bool:
    Ay, xB = A @ y, x @ B
    sa, sb = (np.ptp(A) or 1.0), (np.ptp(B) or 1.0)
    return bool(Ay.max() - x @ Ay <= tol * sa and xB.max() - xB @ y <= tol * sb)


def contains(profiles, x, y, atol=1e-6) -> bool:
    return any(np.allclose(a, x, atol=atol) and np.allclose(b, y, atol=atol) for a, b in profiles)


def compare(A, B, ours, theirs):
    """(false, dropped, extra_valid): nashpy profiles that fail the regret test; our equilibria that nashpy
    does not list; valid nashpy equilibria that we do not list (should be 0)."""
    false = sum(not is_equilibrium(A, B, x, y) for x, y in theirs)
    dropped = sum(not contains(theirs, x, y) for x, y in ours)
    extra = sum(is_equilibrium(A, B, x, y) and not contains(ours, x, y) for x, y in theirs)
    return false, dropped, extra


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def nashpy_support(A, B):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(np.asarray(x), np.asarray(y)) for x, y in nashpy.Game(A, B).support_enumeration()]


def nashpy_vertex(A, B):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(np.asarray(x), np.asarray(y)) for x, y in nashpy.Game(A, B).vertex_enumeration()]


NASHPY = (("nashpy support_enumeration", nashpy_support), ("nashpy vertex_enumeration", nashpy_vertex))


def ours_list(A, B):
    return [(e.row, e.col) for e in solve(A, B)]


def section_random(rng, n_games: int, size: int = 6) -> None:
    print(f"\n## 1. {n_games} random {size}x{size} games (payoffs ~ U[0, 1), then x scale)")
    print(f"{'method':<28}{'scale':>7}{'ms/game':>10}{'found':>8}{'false':>7}{'dropped':>9}{'extra':>7}")
    games = [(rng.random((size, size)), rng.random((size, size))) for _ in range(n_games)]
    for scale in (1.0, 1e6):
        reference = []
        tot = {"ours": 0.0}
        found = 0
        for A, B in games:
            eqs, t = timed(ours_list, A * scale, B * scale)
            tot["ours"] += t
            found += len(eqs)
            reference.append(eqs)
        ms = 1e3 * tot["ours"] / n_games
        print(f"{'sco_games solve':<28}{scale:>7g}{ms:>10.2f}{found:>8}{0:>7}{0:>9}{0:>7}")
        for name, fn in NASHPY:
            t_all, found, false, dropped, extra = 0.0, 0, 0, 0, 0
            for (A, B), ours in zip(games, reference, strict=True):
                theirs, t = timed(fn, A * scale, B * scale)
                t_all += t
                found += len(theirs)
                f, d, e = compare(A * scale, B * scale, ours, theirs)
                false, dropped, extra = false + f, dropped + d, extra + e
            ratio = t_all / tot["ours"]
            ms = 1e3 * t_all / n_games
            print(f"{name:<28}{scale:>7g}{ms:>10.2f}{found:>8}{false:>7}{dropped:>9}{extra:>7}"
                  f"   (x{ratio:.1f} the time of solve)")


def section_many() -> None:
    print("\n## 2. games with many equilibria")
    print(f"{'game':<34}{'method':<28}{'ms':>10}{'found':>7}{'false':>7}{'dropped':>9}")
    cases = [
        ("identity 6x6 (63 equilibria)", np.eye(6), np.eye(6)),
        ("von Stengel 1999 6x6 (75)", np.array(VON_STENGEL_1999_A, float),
         np.array(VON_STENGEL_1999_B, float)),
    ]
    for label, A, B in cases:
        ours, t = timed(ours_list, A, B)
        print(f"{label:<34}{'sco_games solve':<28}{1e3 * t:>10.1f}{len(ours):>7}{0:>7}{0:>9}")
        for name, fn in NASHPY:
            theirs, t2 = timed(fn, A, B)
            f, d, _ = compare(A, B, ours, theirs)
            print(f"{'':<34}{name:<28}{1e3 * t2:>10.1f}{len(theirs):>7}{f:>7}{d:>9}   (x{t2 / t:.0f})")


def section_batch(rng, n_games: int) -> None:
    print(f"\n## 3. solve_batch on {n_games} random 3x3 games (payoffs ~ N(0, 1)) vs a loop over nashpy")
    A = rng.normal(size=(n_games, 3, 3))
    B = rng.normal(size=(n_games, 3, 3))
    res, t_batch = timed(solve_batch, A, B)
    per_game = []
    t0 = time.perf_counter()
    for i in range(n_games):
        per_game.append(nashpy_support(A[i], B[i]))
    t_nashpy = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(min(n_games, 1000)):
        solve(A[i], B[i])
    t_loop = (time.perf_counter() - t0) * n_games / min(n_games, 1000)
    reasons = {"nashpy dropped an equilibrium": 0, "nashpy returned a false one": 0, "we miss a valid one": 0}
    differ = 0
    for i in range(n_games):
        ours = [(res.row[i, k], res.col[i, k]) for k in range(res.counts[i])]
        f, d, e = compare(A[i], B[i], ours, per_game[i])
        if f or d or e:
            differ += 1
            reasons["nashpy dropped an equilibrium"] += d > 0
            reasons["nashpy returned a false one"] += f > 0
            reasons["we miss a valid one"] += e > 0
    print(f"solve_batch:                  {t_batch:8.3f} s   ({res.counts.sum()} equilibria, "
          f"{int(res.degenerate.sum())} degenerate games, {int(res.rejected.sum())} rejected candidates)")
    print(f"loop over nashpy support_enum: {t_nashpy:8.3f} s   ({sum(map(len, per_game))} equilibria)")
    print(f"loop over solve (estimated from {min(n_games, 1000)} games): {t_loop:8.3f} s")
    print(f"speed-up solve_batch vs nashpy loop: x{t_nashpy / t_batch:.0f}  (target >= x100)")
    print(f"games whose equilibrium sets differ: {differ} / {n_games}")
    for why, count in reasons.items():
        print(f"   {why}: {count}")
    oracle_check(A, B, res, min(n_games, 500))


def oracle_check(A, B, res, n_check: int) -> None:
    """Compare solve_batch with pygambit's enummixed (floating point) on the first games, if installed."""
    try:
        import pygambit as gbt
    except ImportError:
        print("(pygambit not installed: oracle comparison skipped)")
        return
    differ = 0
    for i in range(n_check):
        game = gbt.StrategicGame.from_arrays(A[i], B[i])
        row, col = list(game.players)
        theirs = [(np.array([float(p) for _, p in eq[row]]), np.array([float(p) for _, p in eq[col]]))
                  for eq in gbt.nash.enummixed_solve(game, rational=False).equilibria]
        ours = [(res.row[i, k], res.col[i, k]) for k in range(res.counts[i])]
        same = len(theirs) == len(ours) and all(contains(theirs, x, y) for x, y in ours)
        differ += not same
    print(f"solve_batch vs pygambit enummixed on the first {n_check} games: {differ} differ")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer games (about 10 s instead of a minute)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print(f"# bench_solve (seed {args.seed}{', quick' if args.quick else ''}); nashpy {nashpy.__version__}, "
          f"numpy {np.__version__}")
    section_random(rng, 5 if args.quick else 30)
    section_many()
    section_batch(rng, 1000 if args.quick else 10_000)


if __name__ == "__main__":
    main()
