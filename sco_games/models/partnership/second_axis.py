"""Claim P3, the "second axis", against UN General Assembly votes (paper §2-1, fn 26).

The paper: "Chinese colleagues honestly admitted that Russo-Chinese relations were a second axis that was
easily influenced by Russo-US or Sino-US ones. The better the latter become, the worse the former, and vice
versa" (§2-1, fn 26). In UN votes (:mod:`sco_games.data.unga`, Lijphart's agreement index by session-year):
when Russia-US (or China-US) agreement rises from one year to the next, Russia-China agreement should fall.

What is computed, for a period of years: the three yearly series; the correlation of (Russia-US,
Russia-China) and of (China-US, Russia-China) **in levels** and **in year-on-year changes**, each with a
95% moving-block bootstrap percentile interval (Kunsch 1989; blocks of ``round(n^(1/3))`` consecutive
years, at least 2, so that the serial dependence of yearly series survives resampling; pairs of years are
resampled together). Levels share slow trends (the whole Assembly's alignment drifts), so a level
correlation can be spurious (Granger and Newbold 1974); the claim is about co-movement ("the better the
latter become, the worse the former"), so **the verdict uses the changes** (:func:`~sco_games.models.
partnership.claims.verdict_p3`) and the levels are context.

Periods (:data:`PERIODS`), cut at events of the record, not at anything in the votes: 1992-2019 (all of
the table after the Soviet seat became Russia's); 1992-2000 (Yeltsin's Russia, up to the paper's source of
the claim, fn 26, 2000); 2001-2008 (the SCO's founding and the 2001 treaty, 9/11, up to the Georgian war of
August 2008); 2009-2019 (the US-Russian "reset" of 2009, Crimea 2014, to the end of the data).

Seeds are arguments: each correlation draws from its own stream ``default_rng([seed, period, k])``, so a
result does not depend on which other periods are computed.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from sco_games.data.unga import AgreementSeries, series

__all__ = [
    "SERIES_PAIRS",
    "AXES",
    "PERIODS",
    "N_BOOT",
    "DEFAULT_SEED",
    "Correlation",
    "PeriodTest",
    "SecondAxisTest",
    "pearson",
    "fisher_interval",
    "block_length_for",
    "block_bootstrap_corr",
    "correlate",
    "second_axis_test",
    "CAVEATS",
    "table_rows",
    "summary_text",
]

#: The three series: name -> the pair of ISO codes in the table.
SERIES_PAIRS = {"Russia-US": ("US", "RU"), "China-US": ("US", "CN"), "Russia-China": ("RU", "CN")}
#: The two "axes" the claim names, each against Russia-China: (name, x series, y series).
AXES = (("Russia-US vs Russia-China", "Russia-US", "Russia-China"),
        ("China-US vs Russia-China", "China-US", "Russia-China"))
#: (label, first year, last year, why these years): cut at events of the record.
PERIODS = (
    ("1992-2019", 1992, 2019, "every year of the table: from Russia's first session (1992) to the last "
                              "of the data"),
    ("1992-2000", 1992, 2000, "Yeltsin's Russia, up to the year of the paper's source for the claim (fn 26)"),
    ("2001-2008", 2001, 2008, "from the SCO's founding, the 2001 treaty and 9/11 to the Georgian war of "
                              "August 2008"),
    ("2009-2019", 2009, 2019, "from the US-Russian 'reset' of 2009, through Crimea (2014), to the end of the "
                              "data"),
)
#: Bootstrap resamples per interval.
N_BOOT = 4000
#: The default bootstrap seed (the SCO's founding day); every function takes its own.
DEFAULT_SEED = 20010615


@dataclass(frozen=True)
class Correlation:
    """Pearson's r of two series over ``n`` points (levels, or year-on-year changes), with its bootstrap
    percentile interval ``(low, high)`` at ``level`` from ``valid`` of ``n_boot`` resamples (a resample in
    which one side is constant has no r and is dropped). ``r``/``low``/``high`` are ``None`` below 3
    points."""

    axis: str
    kind: str  # "levels" or "changes"
    first: int
    last: int
    n: int
    r: float | None
    low: float | None
    high: float | None
    level: float
    block_length: int
    n_boot: int
    valid: int
    #: Fisher's z interval at ``level`` (iid bivariate normal: ``tanh(atanh r +- z / sqrt(n - 3))``), a
    #: cross-check of the bootstrap, which is unreliable on a handful of years; ``None`` below 4 points
    fisher: tuple[float, float] | None = None

    @property
    def below_zero(self) -> bool:
        """The whole interval is below 0 (a negative co-movement the data support)."""
        return self.high is not None and self.high < 0

    @property
    def above_zero(self) -> bool:
        """The whole interval is above 0 (the data contradict a negative co-movement)."""
        return self.low is not None and self.low > 0

    def text(self) -> str:
        """E.g. ``"r = -0.41 (95% interval -0.70 to -0.05; 27 changes, 1992-2019)"``."""
        what = "changes" if self.kind == "changes" else "years"
        if self.r is None:
            return f"no r ({self.n} {what}, {self.first}-{self.last})"
        fz = "" if self.fisher is None else (f"; Fisher's z interval {self.fisher[0]:+.2f} to "
                                             f"{self.fisher[1]:+.2f}")
        return (f"r = {self.r:+.2f} ({100 * self.level:.0f}% block-bootstrap interval {self.low:+.2f} to "
                f"{self.high:+.2f}{fz}; {self.n} {what}, {self.first}-{self.last})")


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's correlation coefficient; ``None`` if either side is constant or has fewer than 2 points.

    >>> round(pearson([1, 2, 3], [3, 2, 1.0]), 12)
    -1.0
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"pearson: two 1-d series of the same length, got {a.shape} and {b.shape}")
    if a.size < 2:
        return None
    da, db = a - a.mean(), b - b.mean()
    sa, sb = math.sqrt(float(da @ da)), math.sqrt(float(db @ db))
    if sa <= 1e-12 * max(1.0, float(np.abs(a).max())) or sb <= 1e-12 * max(1.0, float(np.abs(b).max())):
        return None
    return float(np.clip(float(da @ db) / (sa * sb), -1.0, 1.0))


def fisher_interval(r: float | None, n: int, level: float = 0.95) -> tuple[float, float] | None:
    """Fisher's z interval of a correlation ``r`` from ``n`` iid bivariate-normal pairs (Fisher 1921):
    ``tanh(atanh(r) +- z_(1+level)/2 / sqrt(n - 3))``; ``None`` for ``n < 4`` or no ``r``.

    >>> [round(v, 3) for v in fisher_interval(0.5, 28)]
    [0.156, 0.736]
    """
    if r is None or n < 4:
        return None
    from statistics import NormalDist

    z = NormalDist().inv_cdf((1 + level) / 2) / math.sqrt(n - 3)
    c = math.atanh(min(max(r, -1 + 1e-15), 1 - 1e-15))
    return (math.tanh(c - z), math.tanh(c + z))


def block_length_for(n: int) -> int:
    """The block length for ``n`` consecutive years: ``round(n^(1/3))``, at least 2 (at most ``n``).

    >>> block_length_for(27), block_length_for(8), block_length_for(1)
    (3, 2, 1)
    """
    return max(1, min(n, max(2, round(n ** (1 / 3)))))


def block_bootstrap_corr(x: Sequence[float], y: Sequence[float], n_boot: int, block_length: int,
                         rng: np.random.Generator, level: float = 0.95) -> tuple[float | None, float | None,
                                                                                  int]:
    """Moving-block bootstrap percentile interval of Pearson's r (Kunsch 1989): each resample joins
    ``ceil(n / block_length)`` blocks of consecutive pairs ``(x_t, y_t)``, their starts drawn uniformly
    from ``0 .. n - block_length``, cut to ``n``. Returns ``(low, high, valid resamples)``; ``block_length
    = 1`` is the iid bootstrap.
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = a.size
    if not (1 <= block_length <= max(n, 1)):
        raise ValueError(f"block_length must be in [1, {n}], got {block_length}")
    if not (0 < level < 1) or n_boot < 1:
        raise ValueError(f"level in (0, 1) and n_boot >= 1, got {level}, {n_boot}")
    k = math.ceil(n / block_length)
    starts = rng.integers(0, n - block_length + 1, size=(n_boot, k))
    idx = (starts[:, :, None] + np.arange(block_length)).reshape(n_boot, -1)[:, :n]
    xa, yb = a[idx], b[idx]
    da, db = xa - xa.mean(axis=1, keepdims=True), yb - yb.mean(axis=1, keepdims=True)
    sa, sb = np.sqrt((da * da).sum(axis=1)), np.sqrt((db * db).sum(axis=1))
    scale = max(1.0, float(np.abs(a).max()), float(np.abs(b).max())) * 1e-12
    ok = (sa > scale) & (sb > scale)
    r = (da * db).sum(axis=1)[ok] / (sa[ok] * sb[ok])
    if r.size == 0:
        return None, None, 0
    lo, hi = np.quantile(np.clip(r, -1, 1), [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi), int(r.size)


def correlate(axis: str, kind: str, years: Sequence[int], x: Sequence[float], y: Sequence[float],
              seed: int, stream: Sequence[int], n_boot: int = N_BOOT, level: float = 0.95,
              block_length: int | None = None) -> Correlation:
    """:class:`Correlation` of ``x`` and ``y`` over ``years`` (levels), or of their year-on-year changes
    (``kind="changes"``: ``x_t - x_{t-1}``, n - 1 points), with a block-bootstrap interval drawn from
    ``default_rng([seed, *stream])``."""
    if kind not in ("levels", "changes"):
        raise ValueError(f"kind must be 'levels' or 'changes', got {kind!r}")
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if kind == "changes":
        a, b = np.diff(a), np.diff(b)
    n = int(a.size)
    first, last = (int(years[0]), int(years[-1])) if len(years) else (0, 0)
    bl = block_length if block_length is not None else block_length_for(n)
    if n < 3:
        return Correlation(axis, kind, first, last, n, None, None, None, level, bl, n_boot, 0)
    rng = np.random.default_rng([int(seed), *map(int, stream)])
    lo, hi, valid = block_bootstrap_corr(a, b, n_boot, bl, rng, level)
    r = pearson(a, b)
    return Correlation(axis, kind, first, last, n, r, lo, hi, level, bl, n_boot, valid,
                       fisher_interval(r, n, level))


@dataclass(frozen=True)
class PeriodTest:
    """The four correlations of one period: each axis of :data:`AXES`, in levels and in changes."""

    label: str
    first: int
    last: int
    why: str
    correlations: tuple[Correlation, ...]

    def get(self, axis: int, kind: str) -> Correlation:
        """The correlation of ``AXES[axis]`` (0: Russia-US, 1: China-US, each against Russia-China)."""
        name = AXES[axis][0]
        return next(c for c in self.correlations if c.axis == name and c.kind == kind)


@dataclass(frozen=True)
class SecondAxisTest:
    """P3 against UN votes: the three series (years known at ``until``, ``None``: every year of the table),
    and the correlations of each period (the first period is every year available; the others only when
    ``until`` is ``None``)."""

    until: _dt.date | None
    seed: int
    n_boot: int
    series: dict[str, AgreementSeries]
    periods: tuple[PeriodTest, ...]

    @property
    def main(self) -> PeriodTest:
        """The period the verdict is on: every year available."""
        return self.periods[0]

    @property
    def years(self) -> tuple[int, ...]:
        return self.series["Russia-China"].years


def _period(name: str, first: int, last: int, why: str, data: dict[str, AgreementSeries], seed: int,
            index: int, n_boot: int) -> PeriodTest:
    cors = []
    for k, (axis, xs, ys) in enumerate(AXES):
        sx, sy = data[xs], data[ys]
        keep = [i for i, yr in enumerate(sx.years) if first <= yr <= last]
        years = [sx.years[i] for i in keep]
        x, y = [sx.agreement[i] for i in keep], [sy.agreement[i] for i in keep]
        for j, kind in enumerate(("levels", "changes")):
            cors.append(correlate(axis, kind, years, x, y, seed, (index, 2 * k + j), n_boot))
    return PeriodTest(name, first, last, why, tuple(cors))


@cache
def second_axis_test(until: _dt.date | None = None, seed: int = DEFAULT_SEED, n_boot: int = N_BOOT
                     ) -> SecondAxisTest:
    """Test P3 on the shipped UN-vote table (cached: the result is frozen; do not change its dicts).

    ``until``: a scenario's date -- only the session-years whose
    last roll call came before it (coded from what was known then; one period, every such year);
    ``None``: every year of the table, and the sub-periods of :data:`PERIODS` too (the history view).
    """
    data = {name: series(a, b, until=until) for name, (a, b) in SERIES_PAIRS.items()}
    years = data["Russia-China"].years
    if any(s.years != years for s in data.values()):
        raise ValueError("the three UN-vote series cover different years: "
                         + "; ".join(f"{n}: {s.years}" for n, s in data.items()))
    if until is not None:
        last = years[-1] if years else 0
        first = years[0] if years else 0
        periods = (_period(f"{first}-{last}", first, last, f"every session-year ended before {until}", data,
                           seed, 0, n_boot),)
    else:
        periods = tuple(_period(lab, a, b, why, data, seed, i, n_boot)
                        for i, (lab, a, b, why) in enumerate(PERIODS))
    return SecondAxisTest(until, int(seed), int(n_boot), data, periods)


#: What the UN-vote test can and cannot show (plain words, for every report that shows it).
CAVEATS = (
    "UN votes measure where states stand on the Assembly's agenda (62 to 124 recorded votes a session for "
    "these pairs), not their relations as a whole: a border treaty or an arms deal does not show in them.",
    "The three scores share voters: Russia's votes enter both Russia-US and Russia-China. When the US and "
    "China vote apart, a Russian move toward one is mechanically a move away from the other, which pushes "
    "the Russia-US axis toward the negative correlation the claim predicts.",
    "Each point is one session-year, so an interval rests on 27 year-on-year changes over 1992-2019 and on "
    "only 7 to 10 in a sub-period or before a 2001-2003 date: there a wide interval means the votes cannot "
    "tell, and the bootstrap itself is rough (Fisher's interval is shown beside it).",
)


def table_rows(test: SecondAxisTest) -> list[tuple[str, str, str, str, str]]:
    """(period, axis, levels: r and interval, changes: r and interval, why these years), every period."""
    out = []
    for p in test.periods:
        for k, (axis, _, _) in enumerate(AXES):
            lev, chg = p.get(k, "levels"), p.get(k, "changes")
            out.append((p.label, axis, _short(lev), _short(chg), p.why))
    return out


def _short(c: Correlation) -> str:
    if c.r is None:
        return f"no r ({c.n} points)"
    return f"{c.r:+.2f} [{c.low:+.2f}, {c.high:+.2f}] (n = {c.n})"


def summary_text(test: SecondAxisTest) -> str:
    """Plain words for a student: what the three series did and what the correlations say (the verdict's
    numbers, not the verdict: that is :func:`~sco_games.models.partnership.claims.verdict_p3`)."""
    if len(test.years) < 3:
        return (f"Too few UN sessions ended before {test.until} to compare year-on-year changes "
                f"({len(test.years)}).")
    parts = []
    for name, s in test.series.items():
        lo, hi = min(s.agreement), max(s.agreement)
        parts.append(f"{name} {s.agreement[0]:.2f} in {s.years[0]}, {s.agreement[-1]:.2f} in {s.years[-1]} "
                     f"(lowest {lo:.2f} in {s.years[s.agreement.index(lo)]}, highest {hi:.2f} in "
                     f"{s.years[s.agreement.index(hi)]})")
    m = test.main
    lev = [m.get(k, "levels") for k in (0, 1)]
    chg = [m.get(k, "changes") for k in (0, 1)]

    def says(c: Correlation) -> str:
        return ("move against each other" if c.below_zero else "move together" if c.above_zero else
                "show no clear link (the 95% interval includes 0)")
    return (
        f"Agreement in UN General Assembly votes ({m.label}; 1 = always voted alike, 0 = always opposite): "
        + "; ".join(parts) + ". "
        f"In levels, Russia-US and Russia-China agreement {says(lev[0])} (r = {lev[0].r:+.2f}), "
        f"China-US and Russia-China {says(lev[1])} (r = {lev[1].r:+.2f}); levels share slow trends of the "
        "whole Assembly, so they say little about the claim. The claim is about changes -- the better a year "
        "with the US, the worse the same year between Russia and China: year-on-year changes of Russia-US "
        f"and Russia-China {says(chg[0])} (r = {chg[0].r:+.2f}, 95% interval {chg[0].low:+.2f} to "
        f"{chg[0].high:+.2f}), of China-US and Russia-China {says(chg[1])} (r = {chg[1].r:+.2f}, "
        f"{chg[1].low:+.2f} to {chg[1].high:+.2f})."
    )
