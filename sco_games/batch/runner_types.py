"""The batch runner's vocabulary: a (scenario, notebook) :class:`Pair`, what happened to it
(:class:`PairOutcome`), a run's :class:`RunSummary`, and the errors a run raises (:class:`UsageError`,
:class:`ReportsError`, :class:`ScenarioErrors`). Re-exported by :mod:`sco_games.batch.runner`."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path

from sco_games.batch.report_index import ALL_FOLDER
from sco_games.batch.runner_io import _io_problem
from sco_games.scenario import ScenarioError

#: The "scenario" of a notebook that takes every scenario: its reports folder (``reports/_all/``; a scenario
#: name cannot start with ``_``).
ALL_SCENARIOS = ALL_FOLDER

class UsageError(ValueError):
    """A bad request (unknown notebook, unsafe name, no pairs): the CLI exits 2."""


class ReportsError(Exception):
    """The reports folder cannot be written (a full disk, a read-only folder, permission denied, a file
    where a folder should be): the run stopped before its notebooks, or could not rebuild the index. The
    message is one line; no temporary file is left and the earlier reports are intact. The CLI exits 1.
    ``summary`` is the run's :class:`RunSummary` when the pairs did run."""

    def __init__(self, message: str, summary: RunSummary | None = None):
        super().__init__(message)
        self.summary = summary


@contextlib.contextmanager
def _io_step(what: str, writing: bool = True) -> Iterator[None]:
    """Turn an ``OSError`` of this step into a one-line :class:`ReportsError`."""
    try:
        yield
    except OSError as e:
        raise ReportsError(_io_problem(what, e, writing)) from e


class ScenarioErrors(ScenarioError):
    """Several scenario files are invalid; the message lists each one's problems."""

    def __init__(self, errors: Sequence[ScenarioError]):
        self.errors = list(errors)
        self.path = ", ".join(e.path for e in self.errors)
        self.problems = [f"{e.path}: {p}" for e in self.errors for p in e.problems]
        ValueError.__init__(self, "\n".join(str(e) for e in self.errors))


@dataclasses.dataclass(frozen=True)
class Pair:
    """One (scenario, notebook) job; all paths absolute. For a notebook that takes every scenario,
    ``scenario`` is :data:`ALL_SCENARIOS`, ``scenario_path`` is ``None`` and ``scenario_paths`` holds them."""

    scenario: str
    scenario_path: Path | None
    scenario_title: str
    scenario_date: str
    notebook: str
    notebook_path: Path
    scenario_paths: tuple[Path, ...] = ()
    #: the sections the notebook requires (:func:`notebook_requires`) that the scenario does not code: the
    #: pair is not run and shows as "not coded for this date"
    missing: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.scenario}/{self.notebook}"


@dataclasses.dataclass(frozen=True)
class PairOutcome:
    """What happened to one pair in this run.

    ``status`` is ``"ok"``, ``"failed"``, ``"skipped-unchanged"`` or ``"not-coded"`` (the scenario lacks a
    section the notebook requires: nothing is run); ``error`` is the exception's
    last line; ``failed_notebook`` the path of the partial notebook kept for a failure.
    """

    pair: Pair
    status: str
    seconds: float = 0.0
    error: str | None = None
    failed_notebook: Path | None = None


@dataclasses.dataclass(frozen=True)
class RunSummary:
    """All outcomes of a run, and the index page written (``index_written`` False: it could not be, and
    the previous one is still in place)."""

    outcomes: tuple[PairOutcome, ...]
    index_path: Path
    seconds: float
    interrupted: bool = False
    index_written: bool = True

    @property
    def failures(self) -> list[PairOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)
