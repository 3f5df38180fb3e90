"""The ``sco-games`` command (also ``python -m sco_games``).

::

    sco-games list                      scenarios and notebooks found
    sco-games validate [FILES ...]      check scenario files (default: params/*.yaml)
    sco-games run [--scenario S ...] [--notebook N ...] [--jobs N] [--force]
                  [--reports DIR] [--timeout SECONDS] [--set KEY=VALUE ...] [--scheduler ADDRESS|local]
                                        --set: a what-if (sco_games.batch.whatif), into reports/_whatif/
    sco-games classroom [--out DIR] [--scenario S ...] [--jobs N] [--reports DIR]
                                        the teacher's pack: the reports (built first, incrementally), their
                                        assets and a class index in one offline folder, and a .zip of it
    sco-games robustness [--scenario S ...] [--draws N] [--seed S] [--jobs J] [--scheduler ADDRESS]
                  (verdict probabilities over every declared range: sco_games.batch.robustness_cmd)

Every command takes ``--root DIR``, the project folder (with ``params/`` and ``notebooks/``); by default
it is found from the current folder upwards (see :mod:`sco_games.project`).

Exit codes: 0 all good; 1 a notebook failed (one line per failure) or the reports folder cannot be
written (a full disk, a read-only folder ...: one line, earlier reports intact); 2 a bad scenario file or
bad usage (the error is printed, never a traceback); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sco_games.project import ProjectRootError, find_project_root
from sco_games.scenario import ScenarioError, find_scenarios, load_scenario

__all__ = ["main", "resolve_scenarios", "resolve_notebooks"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Usage(Exception):
    pass


def _err(msg: str) -> None:
    print(f"sco-games: error: {msg}", file=sys.stderr)


def _resolve(items: Sequence[str] | None, suffixes: set[str], find: Callable[[], list[Path]],
             kind: str) -> list[Path]:
    """Names or paths -> paths: a path (or a name with one of ``suffixes``) as given, a name by ``find()``;
    nothing -> every file ``find()`` returns. ``find`` is called only when needed (it needs the project)."""
    if not items:
        return find()
    out = []
    known: dict[str, Path] | None = None
    for item in items:
        p = Path(item)
        if p.suffix in suffixes or p.exists():
            out.append(p)
            continue
        if known is None:
            known = {f.stem: f for f in find()}
        if item not in known:
            raise _Usage(f"unknown {kind} {item!r}; known: {', '.join(sorted(known)) or 'none'} "
                         f"(or give a path to a {sorted(suffixes)[0]} file)")
        out.append(known[item])
    return out


def resolve_scenarios(items: Sequence[str] | None, root: str | Path | None = None) -> list[Path]:
    """Scenario names (``founding_2001``) or paths -> paths; default every ``params/*.yaml``."""
    return _resolve(items, {".yaml", ".yml"}, lambda: find_scenarios(find_project_root(root) / "params"),
                    "scenario")


def resolve_notebooks(items: Sequence[str] | None, root: str | Path | None = None) -> list[Path]:
    """Notebook names (``01_overview``) or paths -> paths; default every ``notebooks/*.ipynb``."""
    from sco_games.batch.runner import find_notebooks

    return _resolve(items, {".ipynb"}, lambda: find_notebooks(find_project_root(root) / "notebooks"),
                    "notebook")


def _cmd_list(args: argparse.Namespace) -> int:
    from sco_games.batch.runner import find_notebooks

    root = find_project_root(args.root)
    print(f"scenarios ({root / 'params'}):")
    for p in find_scenarios(root / "params"):
        try:
            s = load_scenario(p)
            print(f"  {s.name:20s} {s.meta.date}  {s.meta.title}  [{', '.join(s.sections)}]")
        except ScenarioError as e:
            print(f"  {p.stem:20s} INVALID ({len(e.problems)} problem(s); run `sco-games validate {p}`)")
    print(f"notebooks ({root / 'notebooks'}):")
    for p in find_notebooks(root / "notebooks"):
        print(f"  {p.stem}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    if args.files:
        files = [Path(f) for f in args.files]
    else:
        files = find_scenarios(find_project_root(args.root) / "params")
    if not files:
        raise _Usage("no scenario files given and none in params/")
    bad = 0
    for f in files:
        try:
            s = load_scenario(f)
        except ScenarioError as e:
            bad += 1
            print(str(e), file=sys.stderr)
            continue
        print(f"ok  {f}  ({s.name}: {len(s.sources())} sourced values; sections: {', '.join(s.sections)})")
    return EXIT_USAGE if bad else EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    from sco_games.batch.runner import ReportsError, UsageError, run
    from sco_games.batch.whatif import WhatIfError, check_overrides, parse_sets

    scenarios = resolve_scenarios(args.scenario, args.root)
    notebooks = resolve_notebooks(args.notebook, args.root)
    try:
        overrides = parse_sets(args.set)
        if overrides:
            check_overrides(scenarios, overrides)
    except WhatIfError as e:
        raise _Usage(str(e)) from None
    try:
        summary = run(scenarios, notebooks, reports_dir=args.reports, jobs=args.jobs, force=args.force,
                      timeout=args.timeout, kernel_name=args.kernel, progress=not args.no_progress,
                      root=args.root, overrides=overrides or None, scheduler=args.scheduler)
    except UsageError as e:
        raise _Usage(str(e)) from None
    except ReportsError as e:  # the reports folder cannot be written: one line, earlier reports intact
        if e.summary is not None:
            _print_summary(e.summary)
        _err(str(e))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted: workers stopped; earlier reports are intact; index rebuilt", file=sys.stderr)
        return EXIT_INTERRUPTED
    _print_summary(summary)
    return EXIT_FAILED if summary.failures else EXIT_OK


def _cmd_classroom(args: argparse.Namespace) -> int:
    """Build (incrementally) every notebook's report for the scenarios, then write the pack atomically."""
    from sco_games.batch.classroom import ClassroomError, build_pack
    from sco_games.batch.runner import ReportsError, UsageError, run, takes_all_scenarios

    scenarios = resolve_scenarios(args.scenario, args.root)
    notebooks = resolve_notebooks(None, args.root)
    root = find_project_root(args.root)
    reports = Path(args.reports) if args.reports else root / "reports"
    out = Path(args.out) if args.out else root / "classroom"
    try:
        summary = run(scenarios, notebooks, reports_dir=reports, jobs=args.jobs, timeout=args.timeout,
                      kernel_name=args.kernel, progress=not args.no_progress, root=args.root)
    except UsageError as e:
        raise _Usage(str(e)) from None
    except ReportsError as e:
        _err(str(e))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted: no pack written", file=sys.stderr)
        return EXIT_INTERRUPTED
    _print_summary(summary)
    if summary.failures:
        _err("some reports failed (above): no pack written")
        return EXIT_FAILED
    per = [p.stem for p in notebooks if not takes_all_scenarios(p)]
    across = [p.stem for p in notebooks if takes_all_scenarios(p)]
    try:
        pack = build_pack(out, reports, [load_scenario(p).name for p in scenarios], per, across)
    except ClassroomError as e:
        _err(str(e))
        return EXIT_FAILED
    total = sum(pack.pages.values())
    print(f"pack: {pack.folder} ({len(pack.pages)} pages, {total} bytes of HTML) and {pack.zip_path}; "
          f"open {pack.folder / 'index.html'}", file=sys.stderr)
    return EXIT_OK


def _cmd_robustness(args: argparse.Namespace) -> int:
    from sco_games.batch.robustness_cmd import RobustnessUsage, run_robustness

    try:
        return run_robustness(args, resolve_scenarios(args.scenario, args.root))
    except RobustnessUsage as e:
        raise _Usage(str(e)) from None


def _print_summary(summary) -> None:
    n_ok, n_skip, n_fail = summary.count("ok"), summary.count("skipped-unchanged"), len(summary.failures)
    n_not = summary.count("not-coded")
    index = summary.index_path if summary.index_written else "not rebuilt"
    not_coded = f", {n_not} not coded (the scenario lacks the notebook's section)" if n_not else ""
    print(f"{n_ok} ran ok, {n_skip} unchanged (skipped){not_coded}, {n_fail} failed in "
          f"{summary.seconds:.1f} s; index: {index}", file=sys.stderr)
    for o in summary.failures:
        where = o.failed_notebook or "no notebook written"
        print(f"FAILED {o.pair.scenario} / {o.pair.notebook}: {o.error} (partial notebook: {where})",
              file=sys.stderr)


def _positive_int(s: str) -> int:
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not an integer") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"{s!r} must be at least 1")
    return v


def _positive_float(s: str) -> float:
    try:
        v = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not a number") from None
    if not v > 0 or v == float("inf"):
        raise argparse.ArgumentTypeError(f"{s!r} must be a positive number of seconds")
    return v


def build_parser() -> argparse.ArgumentParser:
    from sco_games.batch.runner import DEFAULT_TIMEOUT

    ap = argparse.ArgumentParser(prog="sco-games",
                                 description="SCO game models: scenarios, notebooks, reports.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=None, metavar="DIR",
                        help="the project folder, with params/ and notebooks/ (default: the current folder "
                             "or its nearest parent that has them)")
    sub = ap.add_subparsers(dest="command", required=True, metavar="{list,validate,run,classroom,robustness}")
    sub.add_parser("list", help="list scenarios and notebooks", parents=[common]).set_defaults(func=_cmd_list)
    v = sub.add_parser("validate", help="check scenario files (default: params/*.yaml)", parents=[common])
    v.add_argument("files", nargs="*", help="scenario files")
    v.set_defaults(func=_cmd_validate)
    r = sub.add_parser("run", help="run notebooks for scenarios into reports/ (incremental)",
                       parents=[common])
    r.add_argument("--scenario", "-s", action="append", metavar="NAME|FILE",
                   help="a scenario name or file (repeatable; default: all in params/)")
    r.add_argument("--notebook", "-n", action="append", metavar="NAME|FILE",
                   help="a notebook name or file (repeatable; default: all in notebooks/)")
    r.add_argument("--jobs", "-j", type=_positive_int, default=None,
                   help="worker processes (default: all cores)")
    r.add_argument("--force", action="store_true", help="re-run pairs that are unchanged")
    r.add_argument("--reports", default=None, metavar="DIR",
                   help="reports folder (default: reports/ in the project folder)")
    r.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="S",
                   help="per-cell execution timeout in seconds (default: %(default)s)")
    r.add_argument("--kernel", default=None,
                   help="Jupyter kernel name (default: sco-games if installed, else python3)")
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    r.add_argument("--set", action="append", metavar="KEY=VALUE",
                   help="a what-if: override one sourced value, e.g. --set partnership.us_stake_russia=4 "
                        "(repeatable; VALUE is a YAML scalar). What-if reports go to "
                        "reports/_whatif/<scenario>/ "
                        "(not over the real reports; --reports overrides) and the notebooks over every "
                        "scenario are left out; a key no scenario has is an error (exit 2) listing the "
                        "allowed keys")
    r.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run the notebooks on a Dask scheduler (tcp://host:8786) or 'local' (a LocalCluster "
                        "of --jobs workers; needs the dask extra); default: local worker processes")
    r.set_defaults(func=_cmd_run)
    _add_classroom(sub, common)
    from sco_games.batch import robustness_cmd

    robustness_cmd.add_parser(sub, common, _positive_int)
    sub.choices["robustness"].set_defaults(func=_cmd_robustness)
    return ap


def _add_classroom(sub, common: argparse.ArgumentParser) -> None:
    from sco_games.batch.runner import DEFAULT_TIMEOUT

    c = sub.add_parser("classroom", parents=[common],
                       help="the teacher's pack: lesson reports, assets, class index, offline (+ .zip)")
    c.add_argument("--out", default=None, metavar="DIR",
                   help="the pack's folder (default: classroom/ in the project folder; DIR.zip beside it)")
    c.add_argument("--scenario", "-s", action="append", metavar="NAME|FILE",
                   help="a scenario name or file (repeatable; default: all in params/)")
    c.add_argument("--reports", default=None, metavar="DIR",
                   help="reports folder to build into and pack from (default: reports/ in the project)")
    c.add_argument("--jobs", "-j", type=_positive_int, default=None,
                   help="worker processes (default: all cores)")
    c.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="S",
                   help="per-cell execution timeout in seconds (default: %(default)s)")
    c.add_argument("--kernel", default=None, help="Jupyter kernel name (default: sco-games if installed)")
    c.add_argument("--no-progress", action="store_true", help="no progress bar")
    c.set_defaults(func=_cmd_classroom)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ScenarioError as e:
        print(str(e), file=sys.stderr)
        return EXIT_USAGE
    except (_Usage, ProjectRootError) as e:
        _err(str(e))
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
