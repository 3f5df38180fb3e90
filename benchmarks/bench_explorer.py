"""Benchmark: how long one explorer update takes per model (a slider released -> the model re-solved and the
FigureWidgets redrawn), against the peer a user has without the explorer, measured in the same run: re-run
the model's whole notebook computation for those overrides (``load_scenario(path, overrides)`` + the
model's ``report``).

Run:  .venv/bin/python benchmarks/bench_explorer.py [--scenario founding_2001] [--repeats 3]

For each model, every slider is moved in turn to the far end of its range (and back at the end); printed:
the median and the largest update time over those moves, and the peer's time for one move. Times are the
wall clock of this machine in this run (shared cores: compare the ratios, not the absolute numbers).
"""

from __future__ import annotations

import argparse
import statistics
import time

from sco_games.explorer.widget import ModelExplorer
from sco_games.models import border, enlargement
from sco_games.models import partnership as pm
from sco_games.scenario import load_scenario, resolve_path


def peer(path, section: str, overrides: dict) -> float:
    """The notebook's own computation for one set of overrides (what re-running a report cell costs)."""
    t0 = time.perf_counter()
    s = load_scenario(path, overrides)
    if section == "partnership":
        pm.report(s.partnership, s.name, {})
    elif section == "border":
        border.report(s.border, s.meta.date)
    else:
        enlargement.report(enlargement.EnlargementModel(s.enlargement), {s.name: s.enlargement},
                           year=s.meta.date.year)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="founding_2001")
    ap.add_argument("--repeats", type=int, default=1, help="peer runs per model (best of)")
    args = ap.parse_args()
    path = resolve_path(f"params/{args.scenario}.yaml")
    print(f"scenario {path.stem}: one update = a slider moved, the model re-solved, the figures redrawn")
    print(f"{'model':12s} {'sliders':>7s} {'median ms':>10s} {'max ms':>8s} {'peer ms':>8s} "
          f"{'peer/median':>11s}")
    for section in ("partnership", "border", "enlargement"):
        m = ModelExplorer(path, section)
        times = []
        for c in m.controls:
            m.set({c.id: c.high if c.value != c.high else c.low})
            times.append(m.seconds)
            m.set({c.id: c.value})
            times.append(m.seconds)
        c = m.controls[0]
        ov = {c.key: c.high if c.coordinate is None else [c.high if i == c.coordinate else x
                                                          for i, x in enumerate(c.point)]}
        peer_s = min(peer(path, section, ov) for _ in range(max(args.repeats, 1)))
        med = statistics.median(times)
        print(f"{section:12s} {len(m.controls):7d} {1000 * med:10.0f} {1000 * max(times):8.0f} "
              f"{1000 * peer_s:8.0f} {peer_s / med:11.1f}")


if __name__ == "__main__":
    main()
