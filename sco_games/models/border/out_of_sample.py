"""The border model out of sample: fit China's linkage value ``L`` on one settlement, predict the others.

The in-sample calibration (:mod:`~sco_games.models.border.calibration`) finds, for each dyad, the ``L`` that
reproduces the share China obtained -- it always fits, so it tests nothing. Here ``L`` is fitted on the
Tajik settlement (its main reading, 1,000 of ~28,500 km2, paper §1-1, fn 12) and carried to the Kazakh,
Kyrgyz and Russian dyads, whose shares the model then predicts; and the reverse: fitted on each of those,
it predicts the Tajik share. Carrying ``L`` over assumes that China valued a settled border, *relative to
its value of the disputed land*, the same way with every neighbour (``L`` is in units of the dyad's whole
disputed area); each dyad keeps its own win probability (CINC ratio) and status quo.

When no ``L >= 0`` reproduces the calibration share exactly (e.g. under a continuing dispute even ``L = 0``
gives China less than it got, and a larger ``L`` only lowers its share), the closest allowed value is used
(``L = 0``, or the top of the bracket where the share levels off) and the row says ``exact=False``.

Baselines, each given the same calibration dyad as the model: **50/50** (China gets half), **as the
calibration dyad** (China gets the same share of the disputed area as it got there: "what it gets on
average", the average over the one dyad the model sees), and **power only** (the model at ``L = 0``, no
calibration). Errors are predicted minus observed share (main reading of each dyad).

>>> from sco_games.models.border.params import BorderParams
>>> t = out_of_sample(BorderParams.example(disagreement="war"), solutions=("nash",), disagreements=("war",))
>>> r = t.row("Tajikistan", "Kazakhstan", "nash", "war")
>>> r.exact, round(r.linkage, 3)            # linear Nash, equal costs: L = 2 (p_T - x_T)
(True, 1.925)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sco_games.models.border.calibration import calibrate_linkage
from sco_games.models.border.game import DyadGame, dyad_game, war_credible
from sco_games.models.border.params import NEIGHBOURS, BorderParams
from sco_games.models.border.settlements import settlements
from sco_games.models.border.solutions import predicted_share
from sco_games.sourced import check_section

__all__ = ["BASELINES", "OutOfSampleRow", "OutOfSampleTable", "out_of_sample", "closest_linkage"]

#: The baselines, in the order of :attr:`OutOfSampleRow.baselines`.
BASELINES = ("50/50", "as the calibration dyad", "power only (L = 0)")
#: The calibration dyad of the first direction (the paper's puzzle).
ANCHOR = "Tajikistan"
_POINT = ("nash", "kalai-smorodinsky", "rubinstein")
_L_MAX = 1e4


@dataclass(frozen=True)
class OutOfSampleRow:
    """One prediction: ``L`` fitted on ``calibrated_on`` (observed share ``calibration_share``) under
    ``solution`` and ``disagreement`` (Russia's dyad always a continuing dispute: no war between nuclear
    powers), China's share ``predicted`` for ``predicted_for`` against ``observed`` (its main reading), and
    the baselines (:data:`BASELINES`). ``predicted`` is ``None`` when no deal beats disagreement there."""

    calibrated_on: str
    predicted_for: str
    solution: str
    disagreement: str
    calibration_share: float
    linkage: float | None
    exact: bool
    calibration_note: str
    predicted: float | None
    observed: float
    observed_range: tuple[float, float]
    baselines: tuple[float | None, ...]

    @property
    def direction(self) -> str:
        """``"from Tajikistan"`` or ``"to Tajikistan"``."""
        return "from Tajikistan" if self.calibrated_on == ANCHOR else "to Tajikistan"

    @property
    def error(self) -> float | None:
        """Predicted minus observed share (``None`` without a prediction)."""
        return None if self.predicted is None else self.predicted - self.observed

    def baseline_errors(self) -> dict[str, float | None]:
        """Baseline name -> its predicted minus observed share."""
        return {n: (None if b is None else b - self.observed)
                for n, b in zip(BASELINES, self.baselines, strict=True)}


@dataclass(frozen=True)
class OutOfSampleTable:
    """Every out-of-sample prediction (:func:`out_of_sample`), in order: for each disagreement point and
    solution, Tajikistan -> each other dyad, then each other dyad -> Tajikistan."""

    rows: tuple[OutOfSampleRow, ...]

    def row(self, calibrated_on: str, predicted_for: str, solution: str, disagreement: str) -> OutOfSampleRow:
        for r in self.rows:
            if (r.calibrated_on, r.predicted_for, r.solution, r.disagreement) == (
                    calibrated_on, predicted_for, solution, disagreement):
                return r
        raise KeyError(f"no row {calibrated_on} -> {predicted_for}, {solution}, {disagreement}")

    def mean_abs_errors(self, direction: str, solution: str, disagreement: str) -> dict[str, float | None]:
        """Mean absolute error of the model and of each baseline over one direction's rows (``None`` if a
        row has no prediction: a missing prediction is not averaged away)."""
        rows = [r for r in self.rows if r.direction == direction and r.solution == solution
                and r.disagreement == disagreement]

        def mae(errs: list[float | None]) -> float | None:
            return None if not errs or any(e is None for e in errs) else sum(abs(e) for e in errs) / len(errs)

        out = {"model": mae([r.error for r in rows])}
        for name in BASELINES:
            out[name] = mae([r.baseline_errors()[name] for r in rows])
        return out

    #: the columns of :meth:`table_rows`
    COLUMNS = ("solution", "L fitted on", "L", "predicted for", "predicted", "observed", "error",
               *(f"error, {b}" for b in BASELINES))

    def table_rows(self, disagreement: str) -> list[tuple[str, ...]]:
        """The rows of one disagreement point as text (shares in %, errors in percentage points; ``L`` with
        "(closest)" where it is not an exact fit), columns :attr:`COLUMNS`."""
        def pct(v: float | None, sign: bool = False) -> str:
            return "no deal" if v is None else f"{100 * v:+.1f}" if sign else f"{100 * v:.1f}%"
        out = []
        for r in self.rows:
            if r.disagreement != disagreement:
                continue
            lval = "none" if r.linkage is None else f"{r.linkage:.3g}" + ("" if r.exact else " (closest)")
            out.append((_LABEL[r.solution], r.calibrated_on, lval, r.predicted_for, pct(r.predicted),
                        pct(r.observed), pct(r.error, True),
                        *(pct(e, True) for e in r.baseline_errors().values())))
        return out

    def summary_rows(self) -> list[tuple[str, str, str, float | None, dict[str, float | None]]]:
        """(direction, solution, disagreement, model MAE, {baseline: MAE}) for every combination shown."""
        keys = dict.fromkeys((r.direction, r.solution, r.disagreement) for r in self.rows)
        out = []
        for d, s, g in keys:
            m = self.mean_abs_errors(d, s, g)
            out.append((d, s, g, m.pop("model"), m))
        return out

    def beats_every_baseline(self, direction: str, solution: str, disagreement: str) -> bool:
        """Whether the model's mean absolute error is below every baseline's."""
        m = self.mean_abs_errors(direction, solution, disagreement)
        model = m.pop("model")
        return model is not None and all(v is None or model < v for v in m.values())

    def text(self, solution: str = "nash", disagreement: str | None = None) -> str:
        """Plain words: for one solution, under each disagreement point, the model's mean error in each
        direction beside the best baseline's."""
        parts = []
        for g in ([disagreement] if disagreement else list(dict.fromkeys(r.disagreement for r in self.rows))):
            for d in ("from Tajikistan", "to Tajikistan"):
                m = self.mean_abs_errors(d, solution, g)
                model = m.pop("model")
                best = min(((v, k) for k, v in m.items() if v is not None), default=None)
                what = ("L fitted on the Tajik deal, predicting the Kazakh, Kyrgyz and Russian shares"
                        if d == "from Tajikistan" else
                        "L fitted on each other deal, predicting the Tajik share")
                if model is None:
                    parts.append(f"{_DIS[g]}, {what}: no prediction for some dyad (no deal beats "
                                 "disagreement)")
                    continue
                verdict = ("better than every baseline" if self.beats_every_baseline(d, solution, g) else
                           f"no better than the best baseline ({best[1]}, {100 * best[0]:.1f} points)" if best
                           else "")
                grp = [r for r in self.rows if r.direction == d and r.solution == solution
                       and r.disagreement == g]
                if all(not r.exact and r.linkage == 0.0 for r in grp):
                    verdict += (" -- no L >= 0 fits the calibration dyad here, so the model is its own L = 0 "
                                "baseline")
                parts.append(f"{_DIS[g]}, {what}: mean error {100 * model:.1f} percentage points, {verdict}")
        return f"Out of sample ({_LABEL[solution]}): " + "; ".join(parts) + "."


_DIS = {"dispute": "with a continuing dispute", "war": "with war as the disagreement point"}
_LABEL = {"nash": "asymmetric Nash", "kalai-smorodinsky": "Kalai-Smorodinsky", "rubinstein": "Rubinstein"}


def closest_linkage(game: DyadGame, share: float, solution: str, l_max: float = _L_MAX
                    ) -> tuple[float | None, bool, str]:
    """``(L, exact, note)``: the ``L`` in ``[0, l_max]`` at which ``solution`` predicts ``share``
    (:func:`~sco_games.models.border.calibration.calibrate_linkage`), or, when none does, the end of the
    bracket whose prediction is closest (``None`` if no deal is reached at either end).

    >>> g = DyadGame("T", win_probability=0.02)      # L = 0 already gives China less than 3.5%
    >>> closest_linkage(g, 0.035, "nash")[:2]
    (0.0, False)
    """
    cal = calibrate_linkage(game, share, solution, l_max)
    if cal.found:
        return float(cal.value), True, "exact fit"
    ends = [(abs(s - share), L) for L in (0.0, l_max)
            if (s := predicted_share(game.replace(linkage=L), solution)) is not None]
    if not ends:
        return None, False, cal.reason
    _, best = min(ends)
    return best, False, f"closest allowed L = {best:g} ({cal.reason})"


def _game(params: BorderParams, neighbour: str, disagreement: str) -> DyadGame:
    return dyad_game(params, neighbour, disagreement=disagreement if war_credible(neighbour) else "dispute")


def _row(params: BorderParams, train: str, test: str, solution: str, dis: str) -> OutOfSampleRow:
    facts = settlements()
    x_train, obs = facts[train].reading().observed_share, facts[test].reading()
    L, exact, note = closest_linkage(_game(params, train, dis), x_train, solution)
    g_test = _game(params, test, dis)
    pred = None if L is None else predicted_share(g_test.replace(linkage=L), solution)
    base = (0.5, x_train, predicted_share(g_test.replace(linkage=0.0), solution))
    return OutOfSampleRow(train, test, solution, dis, x_train, L, exact, note, pred, obs.observed_share,
                          obs.share_range, base)


def out_of_sample(params: BorderParams, solutions: Sequence[str] = _POINT,
                  disagreements: Sequence[str] = ("dispute", "war")) -> OutOfSampleTable:
    """Calibrate ``L`` on Tajikistan and predict Kazakhstan, Kyrgyzstan and Russia, then calibrate on each
    of those and predict Tajikistan, for each point ``solution`` and ``disagreement`` point (see the module
    docstring). Uses the scenario's other values (``params``); all four dyads, whatever ``params.dyads``."""
    check_section(params, BorderParams, "border", "out_of_sample")
    for s in solutions:
        if s not in _POINT:
            raise ValueError(f"solution={s!r}: out of sample needs a point solution, one of "
                             f"{', '.join(_POINT)}")
    for d in disagreements:
        if d not in ("dispute", "war"):
            raise ValueError(f"disagreement={d!r}: must be 'dispute' or 'war'")
    others = [n for n in NEIGHBOURS if n != ANCHOR]
    rows = []
    for d in disagreements:
        for s in solutions:
            rows += [_row(params, ANCHOR, n, s, d) for n in others]
            rows += [_row(params, n, ANCHOR, s, d) for n in others]
    assert all(r.error is None or math.isfinite(r.error) for r in rows)
    return OutOfSampleTable(tuple(rows))
