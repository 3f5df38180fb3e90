"""Benchmark: sco_games.solve against its peers on the games of issue 15, all measured in the same run.

Run:  .venv/bin/python benchmarks/bench_solve_peers.py [--quick] [--seed 2026]

Peers (the ``oracle`` extra): pygambit 17.0.0b2 ``enummixed_solve(rational=False)`` (C++ float
enumeration), QuantEcon ``vertex_enumeration`` (qhull + numba, timed after its JIT warm-up), nashpy
``vertex_enumeration``. Each timing goes from numpy arrays to the list of equilibria (the peer's game
object is built inside the timing, as ``solve(A, B)`` builds its own), is the best of three repeats of
an adaptive number of calls, and the calls of the four solvers are interleaved repeat by repeat so that
a change of machine load hits all of them alike. The ratios are peer time / sco_games time (above 1:
sco_games is faster). Every row also says how many equilibria each solver found and whether our list
equals gambit's and QuantEcon's (same profiles within 1e-6, in any order).

Games: Battle of the Sexes 2x2, the 3x3 coordination game (identity payoffs, 7 equilibria), random
k x k games with payoffs ~ U[0, 1) for k = 6, 8, 10, 12, 15 (one fixed seed); gambit and nashpy are
skipped where one call would take more than about a minute.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import numpy as np

from sco_games.theory.games import solve

#: peers skipped on the largest games (one call would take minutes): name prefix -> sizes
SKIP = {"nashpy": {10, 12, 15}, "gambit": {15}}


def games(seed: int, quick: bool):
    yield "Battle of the Sexes 2x2", np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [0.0, 2.0]])
    yield "3x3 coordination (7 eq.)", np.eye(3), np.eye(3)
    rng = np.random.default_rng(seed)
    for k in (6, 8, 10, 12) if quick else (6, 8, 10, 12, 15):
        yield f"random {k}x{k}", rng.random((k, k)), rng.random((k, k))


def ours(A, B):
    return [(e.row, e.col) for e in solve(A, B)]


def gambit(A, B):
    import pygambit as gbt

    g = gbt.StrategicGame.from_arrays(A, B)
    row, col = list(g.players)
    return [(np.array([float(p) for _, p in eq[row]]), np.array([float(p) for _, p in eq[col]]))
            for eq in gbt.nash.enummixed_solve(g, rational=False).equilibria]


def quantecon(A, B):
    import quantecon.game_theory as qe

    return qe.vertex_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))))


def nashpy(A, B):
    import nashpy as nash

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(np.asarray(x), np.asarray(y)) for x, y in nash.Game(A, B).vertex_enumeration()]


SOLVERS = (("sco_games.solve", ours), ("gambit float", gambit), ("QuantEcon vertex_enumeration", quantecon),
           ("nashpy vertex_enumeration", nashpy))


def same(a, b, atol=1e-6) -> bool:
    if len(a) != len(b):
        return False
    unused = list(range(len(b)))
    for x, y in a:
        hit = next((i for i in unused
                    if np.allclose(b[i][0], x, atol=atol) and np.allclose(b[i][1], y, atol=atol)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


def calibrate(fn, A, B, budget: float):
    """One call's result, and the number of calls that take about ``budget`` seconds (at least 1)."""
    t0 = time.perf_counter()
    out = fn(A, B)
    once = time.perf_counter() - t0
    return out, max(1, int(budget / max(once, 1e-7)))


def fmt(t: float) -> str:
    if t != t:
        return "-"
    return f"{t * 1e3:.3f} ms" if t < 0.01 else (f"{t * 1e3:.1f} ms" if t < 1 else f"{t:.2f} s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="no 15x15, shorter timings")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    budget = 0.05 if args.quick else 0.2
    load = os.getloadavg()
    print(f"# bench_solve_peers (seed {args.seed}{', quick' if args.quick else ''}); load average at start "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    quantecon(np.eye(2), np.eye(2))  # numba JIT warm-up, outside every timing
    header = ["game"] + [name for name, _ in SOLVERS] + ["gambit / ours", "QuantEcon / ours", "equilibria",
                                                         "same as gambit, QuantEcon"]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for label, A, B in games(args.seed, args.quick):
        k = A.shape[0]
        active = [(name, fn) for name, fn in SOLVERS
                  if not any(name.startswith(p) and k in sizes for p, sizes in SKIP.items())]
        results, calls = {}, {}
        for name, fn in active:
            results[name], calls[name] = calibrate(fn, A, B, budget)
        best = {name: float("inf") for name, _ in active}
        for _ in range(3):
            for name, fn in active:
                t0 = time.perf_counter()
                for _ in range(calls[name]):
                    fn(A, B)
                best[name] = min(best[name], (time.perf_counter() - t0) / calls[name])
        t = {name: best.get(name, float("nan")) for name, _ in SOLVERS}
        ours_t = t["sco_games.solve"]
        ratio_g = t["gambit float"] / ours_t
        ratio_q = t["QuantEcon vertex_enumeration"] / ours_t
        counts = "/".join(str(len(results[name])) if name in results else "-" for name, _ in SOLVERS)
        agree = ", ".join(
            ("yes" if same(results["sco_games.solve"], results[p]) else "NO") if p in results else "-"
            for p in ("gambit float", "QuantEcon vertex_enumeration")
        )
        cells = [label] + [fmt(t[name]) for name, _ in SOLVERS] + [
            "-" if ratio_g != ratio_g else f"{ratio_g:.2f}", f"{ratio_q:.2f}", counts, agree]
        print("| " + " | ".join(cells) + " |", flush=True)
    load = os.getloadavg()
    print(f"# load average at end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
