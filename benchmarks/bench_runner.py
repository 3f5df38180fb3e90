"""The report build against the peers measured in the same run (issue 15): the shell loop a user would write
(``papermill`` then ``jupyter nbconvert --to html --no-input`` per pair), ``sco-games run --force`` (the
runner's API, on 1 and on all cores) and the floor (an empty kernel's start-up x pairs / cores), for the same
N pairs of the tiny fixture notebook; then a no-change rebuild (everything skipped).

    .venv/bin/python benchmarks/bench_runner.py [N] [ROUNDS]

The shell loop and the runner are measured in ``ROUNDS`` alternating rounds (default 1) and the best of
each is kept, so that a change in the machine's load between them biases the ratio less. Prints seconds and
the ratios runner / shell loop (goal: <= 0.25) and runner / floor.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sco_games.batch.runner import _cores, default_kernel_name, run

ROOT = Path(__file__).resolve().parent.parent
NB = ROOT / "tests" / "fixtures" / "tiny_ok.ipynb"
SCENARIO = ROOT / "params" / "founding_2001.yaml"


def _scenarios(n: int, work: Path) -> list[Path]:
    """``n`` distinct scenario files (same values, names bench0 ...) so that ``n`` pairs run."""
    folder = work / "params"
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"bench{i}.yaml"
        p.write_text(SCENARIO.read_text().replace("name: founding_2001", f"name: bench{i}", 1))
        paths.append(p)
    return paths


def _shell_loop(scenarios: list[Path], work: Path, tag: str = "") -> float:
    """``for s in scenarios: papermill NB out.ipynb -p scenario_path s; jupyter nbconvert --no-input ...``"""
    bindir = Path(sys.executable).parent
    out = work / f"shell{tag}"
    out.mkdir()
    t = time.perf_counter()
    for s in scenarios:
        nb = out / f"{s.stem}.ipynb"
        subprocess.run([str(bindir / "papermill"), str(NB), str(nb), "-p", "scenario_path", str(s),
                        "-p", "sidecar_path", str(out / f"{s.stem}.json"), "-k", default_kernel_name(),
                        "--no-progress-bar"], check=True, capture_output=True)
        subprocess.run([str(bindir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)],
                       check=True, capture_output=True)
    return time.perf_counter() - t


def _kernel_start(repeats: int = 3) -> float:
    """The median time to start an empty kernel of the runner's kernelspec, wait until it answers, and
    shut it down (what every notebook run pays at least once)."""
    from jupyter_client.manager import start_new_kernel

    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name=default_kernel_name())
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _runner(scenarios: list[Path], reports: Path, jobs: int, force: bool = True) -> float:
    t = time.perf_counter()
    summary = run(scenarios, [NB], reports_dir=reports, jobs=jobs, force=force, progress=False,
                  log=lambda m: None)
    assert not summary.failures, summary.failures
    return time.perf_counter() - t


def main(n: int = 4, rounds: int = 1) -> None:
    work = Path(tempfile.mkdtemp(prefix="sco-bench-"))
    cores = _cores()
    shells, ones, manys = [], [], []
    try:
        scenarios = _scenarios(n, work)
        _runner(scenarios[:1], work / "warmup", 1)  # the first run pays for the disk cache, not the runner
        for r in range(rounds):
            shells.append(_shell_loop(scenarios, work, str(r)))
            ones.append(_runner(scenarios, work / f"reports1-{r}", 1))
            manys.append(_runner(scenarios, work / f"reports-{r}", cores))
        kernel = _kernel_start()
        unchanged = _runner(scenarios, work / f"reports-{rounds - 1}", cores, force=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shell, one, many = min(shells), min(ones), min(manys)
    if rounds > 1:
        print("rounds (shell loop, runner 1 worker, runner all cores), s: "
              + "; ".join(f"{a:.1f}, {b:.1f}, {c:.1f}" for a, b, c in zip(shells, ones, manys, strict=True)))
    floor = kernel * n / cores
    print(f"{n} pairs of tests/fixtures/tiny_ok.ipynb x a scenario, best of {rounds} round(s), {cores} "
          f"core(s), load average {os.getloadavg()[0]:.1f} at the end:")
    print(f"  shell loop: papermill + nbconvert --no-input (peer)  {shell:6.1f} s   1.00")
    print(f"  sco-games run --force, 1 worker                      {one:6.1f} s   {one / shell:4.2f} of the "
          f"loop, {one / floor:4.1f}x the floor")
    print(f"  sco-games run --force, {cores} workers                     {many:6.1f} s   "
          f"{many / shell:4.2f} of the loop, {many / floor:4.1f}x the floor (goal <= 0.25 of the loop)")
    print(f"  floor: empty kernel start-up {kernel:.2f} s x {n} / {cores}   {floor:6.1f} s   "
          f"{floor / shell:4.2f} of the loop")
    print(f"  no-change rebuild (every pair skipped)               {unchanged:6.2f} s   (goal < 2 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
