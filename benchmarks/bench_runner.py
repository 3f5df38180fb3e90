"""How the batch runner's choices pay off: papermill's Python API in worker processes vs the
papermill command line, for the same tiny notebook run N times (peer measured in the same run).

    .venv/bin/python benchmarks/bench_runner.py [N]

Prints seconds and ratios against the peer (the papermill CLI, one process per notebook).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sco_games.batch.runner import default_kernel_name, run

ROOT = Path(__file__).resolve().parent.parent
NB = ROOT / "tests" / "data" / "tiny_ok.ipynb"
SCENARIO = ROOT / "params" / "founding_2001.yaml"


def _cli(n: int, work: Path) -> float:
    papermill = Path(sys.executable).with_name("papermill")
    t = time.perf_counter()
    for i in range(n):
        subprocess.run([str(papermill), str(NB), str(work / f"cli{i}.ipynb"), "-p", "scenario_path",
                        str(SCENARIO), "-k", default_kernel_name(), "--no-progress-bar"],
                       check=True, capture_output=True)
    return time.perf_counter() - t


def _runner(n: int, work: Path, jobs: int, tag: str) -> float:
    scen_dir = work / f"params{tag}"
    scen_dir.mkdir()
    names = []
    for i in range(n):  # n distinct scenarios (same values) so that n pairs run
        name = f"bench{i}"
        text = SCENARIO.read_text().replace("name: founding_2001", f"name: {name}", 1)
        (scen_dir / f"{name}.yaml").write_text(text)
        names.append(scen_dir / f"{name}.yaml")
    t = time.perf_counter()
    summary = run(names, [NB], reports_dir=work / f"reports{tag}", jobs=jobs, force=True, progress=False,
                  log=lambda m: None)
    assert not summary.failures, summary.failures
    return time.perf_counter() - t


def main(n: int = 4) -> None:
    work = Path(tempfile.mkdtemp(prefix="sco-bench-"))
    try:
        cli = _cli(n, work)
        cold = _runner(n, work, 1, "cold")  # includes starting the fork server (imports papermill once)
        api1 = _runner(n, work, 1, "warm1")
        api2 = _runner(n, work, 2, "warm2")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{n} notebook runs (tests/data/tiny_ok.ipynb), including HTML export for the runner:")
    print(f"  papermill CLI, sequential (peer)   {cli:6.1f} s   1.00x")
    print(f"  sco-games runner, 1 worker, cold   {cold:6.1f} s   {cli / cold:4.2f}x faster")
    print(f"  sco-games runner, 1 worker, warm   {api1:6.1f} s   {cli / api1:4.2f}x faster")
    print(f"  sco-games runner, 2 workers, warm  {api2:6.1f} s   {cli / api2:4.2f}x faster")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
