"""``sco-games robustness``: every scenario's models over their uncertainty boxes, saved beside the reports
(``reports/<scenario>/robustness.json``, atomically) and reused when nothing changed: the key is a hash of
the scenario file, the library (:func:`~sco_games.fingerprint.library_hash`), the number of draws, the
seed, the design and the Sobol base size (:func:`sco_games.uncertainty.robustness.cache_key`); notebook 05
reads the saved result under the same key.

::

    sco-games robustness [--scenario S ...] [--draws N] [--seed S] [--jobs J] [--scheduler ADDRESS]
                         [--method lhs|sobol|random] [--sobol N|0] [--chunk N] [--force]

``--scheduler`` is a Dask scheduler's address (``tcp://host:8786``) or ``local`` (a LocalCluster of
``--jobs`` workers); it needs the ``dask`` extra. Exit codes as for ``sco-games`` (2: bad arguments).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sco_games.project import find_project_root
from sco_games.scenario import load_scenario
from sco_games.uncertainty import robustness as rb
from sco_games.uncertainty.executors import executor_for
from sco_games.uncertainty.sampling import METHODS

__all__ = ["DEFAULT_DRAWS", "DEFAULT_SOBOL", "add_parser", "robustness_path", "run_robustness"]

DEFAULT_DRAWS = rb.DEFAULT_DRAWS
DEFAULT_SOBOL = rb.DEFAULT_SOBOL
#: the file name of a scenario's saved robustness, in its reports folder
FILE_NAME = "robustness.json"


class RobustnessUsage(Exception):
    """A bad argument (the CLI prints it and exits 2)."""


def robustness_path(reports: Path, scenario: str) -> Path:
    return reports / scenario / FILE_NAME


def _power_of_two_or_zero(s: str) -> int:
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not an integer") from None
    if v != 0 and (v < 2 or v & (v - 1)):
        raise argparse.ArgumentTypeError(f"{s!r} must be 0 (no Sobol indices) or a power of 2 (e.g. 256)")
    return v


def add_parser(sub: Any, common: argparse.ArgumentParser, positive_int: Any) -> None:
    """The ``robustness`` subcommand (``sub``: the parser's subparsers)."""
    r = sub.add_parser("robustness", parents=[common],
                       help="verdict probabilities over every declared range (reports/<s>/robustness.json)")
    r.add_argument("--scenario", "-s", action="append", metavar="NAME|FILE",
                   help="a scenario name or file (repeatable; default: all in params/)")
    r.add_argument("--draws", "-N", type=positive_int, default=DEFAULT_DRAWS, metavar="N",
                   help="draws per model (default: %(default)s)")
    r.add_argument("--seed", type=int, default=0, help="the seed of the designs (default: %(default)s)")
    r.add_argument("--jobs", "-j", type=positive_int, default=None,
                   help="worker processes (default: in-process for a small job, else all cores)")
    r.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="a Dask scheduler (tcp://host:8786) or 'local' (needs the dask extra)")
    r.add_argument("--method", choices=METHODS, default="lhs", help="the design (default: %(default)s)")
    r.add_argument("--sobol", type=_power_of_two_or_zero, default=DEFAULT_SOBOL, metavar="N",
                   help="Sobol base size, N (d + 2) more evaluations; 0: none (default: %(default)s)")
    r.add_argument("--chunk", type=positive_int, default=2048, metavar="N",
                   help="draws per task (memory per task is bounded by it; default: %(default)s)")
    r.add_argument("--reports", default=None, metavar="DIR",
                   help="reports folder (default: reports/ in the project folder)")
    r.add_argument("--force", action="store_true", help="recompute even when nothing changed")
    r.add_argument("--no-progress", action="store_true", help="no progress bar")


def run_robustness(args: argparse.Namespace, scenario_files: list[Path]) -> int:
    """Run the command over ``scenario_files``; returns the exit code (0 ok, 1 nothing could be evaluated)."""
    from tqdm import tqdm

    from sco_games.fingerprint import library_hash

    reports = Path(args.reports) if args.reports else find_project_root(args.root) / "reports"
    lib = library_hash()
    scenarios = [(f, load_scenario(f)) for f in scenario_files]  # every file checked before any work
    sobol_n = args.sobol or None
    evaluated = 0
    for f, s in scenarios:
        key = rb.cache_key(f, lib, **rb.settings_of(args.draws, args.seed, args.method, sobol_n))
        out = robustness_path(reports, s.name)
        if not args.force and rb.load_saved(out, key) is not None:
            print(f"unchanged  {s.name}: {out}", file=sys.stderr)
            evaluated += 1
            continue
        total = rb.evaluations(s, n=args.draws, sobol_n=sobol_n)
        bar = tqdm(total=total, desc=s.name, unit="draw", disable=args.no_progress, file=sys.stderr)
        try:
            with executor_for(total, args.jobs, args.scheduler) as ex:
                res = rb.robustness(s, n=args.draws, seed=args.seed, method=args.method, sobol_n=sobol_n,
                                    chunk_size=args.chunk, executor=ex, progress=bar.update)
        except RuntimeError as e:  # e.g. no dask extra
            raise RobustnessUsage(str(e)) from None
        except OSError as e:  # e.g. a scheduler that does not answer
            raise RobustnessUsage(f"--scheduler {args.scheduler}: {e}") from None
        finally:
            bar.close()
        for m, why in res.missing.items():
            print(f"missing    {s.name} / {m}: {why}", file=sys.stderr)
        if not res.models:
            continue
        rb.save(out, res, key)
        evaluated += 1
        for row in rb.claim_rows(res.to_dict()):
            print(f"{s.name}  {row['id']:4s} {row['verdict']!r} holds in {100 * row['probability']:.1f}% "
                  f"(+- {100 * row['stderr']:.1f})")
        print(f"wrote      {out}", file=sys.stderr)
    if not evaluated:
        print("sco-games: error: no model could be evaluated (see 'missing' above); nothing written",
              file=sys.stderr)
    return 0 if evaluated else 1
