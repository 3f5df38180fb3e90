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

Which interval decides: on fewer than :data:`SMALL_N` points (a sub-period, or the 8 to 10 session-years
before a 2001-2003 scenario) the percentile bootstrap of a correlation is unreliable -- it can even sit beside
r (e.g. +0.69 to +1.00 around r = +0.72 on 8 changes) -- so there the verdict uses Fisher's z interval
(Fisher 1921) and, as a distribution-free check, a two-sided permutation test of r (Pitman 1937; exact over
all n! pairings up to :data:`EXACT_PERMUTATIONS_UP_TO` points, else :data:`N_PERM` seeded random pairings): a
direction counts only if Fisher's interval excludes 0 *and* the permutation p is below 5%. From
:data:`SMALL_N` points on the block bootstrap decides, as before. The bootstrap interval is always shown.

Periods (:data:`PERIODS`), cut at events of the record, not at anything in the votes: 1992-2019 (all of
the table after the Soviet seat became Russia's); 1992-2000 (Yeltsin's Russia, up to the paper's source of
the claim, fn 26, 2000); 2001-2008 (the SCO's founding and the 2001 treaty, 9/11, up to the Georgian war of
August 2008); 2009-2019 (the US-Russian "reset" of 2009, Crimea 2014, to the end of the data).

Seeds are arguments: each correlation draws from its own stream ``default_rng([seed, period, k])``, so a
result does not depend on which other periods are computed.
"""

from __future__ import annotations

import datetime as _dt
import itertools
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
    "SMALL_N",
    "pearson",
    "fisher_interval",
    "permutation_p",
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
#: Below this many points the verdict uses Fisher's interval and the permutation test, not the bootstrap.
SMALL_N = 20
#: Random pairings of the permutation test (when n! is larger than that of :data:`EXACT_PERMUTATIONS_UP_TO`).
N_PERM = 20000
#: Up to this many points the permutation test enumerates every pairing (8! = 40,320).
EXACT_PERMUTATIONS_UP_TO = 8
#: The permutation test's level (two-sided).
ALPHA = 0.05


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
    #: Fisher's z interval at ``level`` (iid bivariate normal: ``tanh(atanh r +- z / sqrt(n - 3))``), the
    #: deciding interval below :data:`SMALL_N` points; ``None`` below 4 points
    fisher: tuple[float, float] | None = None
    #: two-sided permutation p-value of r (:func:`permutation_p`); ``None`` without r
    permutation_p: float | None = None

    @property
    def small(self) -> bool:
        """Fewer than :data:`SMALL_N` points: Fisher's interval and the permutation test decide."""
        return self.n < SMALL_N

    @property
    def interval(self) -> tuple[float | None, float | None]:
        """The deciding interval: Fisher's below :data:`SMALL_N` points, the block bootstrap's otherwise."""
        if self.small:
            return self.fisher if self.fisher is not None else (None, None)
        return self.low, self.high

    def _beyond_chance(self) -> bool:
        return not self.small or (self.permutation_p is not None and self.permutation_p < ALPHA)

    @property
    def below_zero(self) -> bool:
        """The deciding interval is below 0 (and, on few points, the permutation test agrees): a negative
        co-movement the data support."""
        hi = self.interval[1]
        return hi is not None and hi < 0 and self._beyond_chance()

    @property
    def above_zero(self) -> bool:
        """The deciding interval is above 0 (and, on few points, the permutation test agrees): the data
        contradict a negative co-movement."""
        lo = self.interval[0]
        return lo is not None and lo > 0 and self._beyond_chance()

    def text(self) -> str:
        """E.g. ``"r = -0.41 (95% block-bootstrap interval -0.70 to -0.05; Fisher's z interval ...;
        permutation p = 0.03; 27 changes, 1992-2019)"``; on few points the deciding interval comes first."""
        what = "changes" if self.kind == "changes" else "years"
        if self.r is None:
            return f"no r ({self.n} {what}, {self.first}-{self.last})"
        lv = f"{100 * self.level:.0f}%"
        boot = f"block-bootstrap interval {self.low:+.2f} to {self.high:+.2f}"
        fz = (None if self.fisher is None else
              f"Fisher's z interval {self.fisher[0]:+.2f} to {self.fisher[1]:+.2f}")
        pp = "" if self.permutation_p is None else f"; permutation p = {self.permutation_p:.2f}"
        if self.small and fz is not None:
            body = (f"{lv} {fz}{pp}; the {boot} is unreliable on so few points and not used")
        else:
            body = f"{lv} {boot}" + ("" if fz is None else f"; {fz}") + pp
        return f"r = {self.r:+.2f} ({body}; {self.n} {what}, {self.first}-{self.last})"


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


def permutation_p(x: Sequence[float], y: Sequence[float], rng: np.random.Generator,
                  n_perm: int = N_PERM) -> float | None:
    """Two-sided permutation p-value of Pearson's r (Pitman 1937): the share of pairings of ``y`` with ``x``
    whose |r| is at least the observed one -- every pairing up to :data:`EXACT_PERMUTATIONS_UP_TO` points,
    else ``n_perm`` random ones from ``rng`` (then ``(k + 1) / (n_perm + 1)``, Phipson and Smyth 2010).
    ``None`` if r is undefined. Exchangeable years are assumed (as by Fisher's interval).

    >>> round(permutation_p([1, 2, 3], [1, 2, 3.0], np.random.default_rng(0)), 4)  # 2 of 6 pairings: r = +-1
    0.3333
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    r0 = pearson(a, b)
    if r0 is None:
        return None
    n = a.size
    if n <= EXACT_PERMUTATIONS_UP_TO:
        idx = np.array(list(itertools.permutations(range(n))))
    else:
        idx = np.argsort(rng.random((n_perm, n)), axis=1)
    yy = b[idx]
    da = a - a.mean()
    dy = yy - yy.mean(axis=1, keepdims=True)
    r = (dy @ da) / np.sqrt((dy * dy).sum(axis=1) * float(da @ da))
    hits = int(np.sum(np.abs(r) >= abs(r0) - 1e-12))
    if n <= EXACT_PERMUTATIONS_UP_TO:
        return hits / len(idx)
    return (hits + 1) / (n_perm + 1)


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
    perm = permutation_p(a, b, np.random.default_rng([int(seed), *map(int, stream), 1]))  # its own stream
    return Correlation(axis, kind, first, last, n, r, lo, hi, level, bl, n_boot, valid,
                       fisher_interval(r, n, level), perm)


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
                "show no clear link (the 95% interval includes 0)" if c.interval[0] is not None
                and c.interval[0] <= 0 <= c.interval[1] else
                "show no clear link (the permutation test finds it within chance)")
    return (
        f"Agreement in UN General Assembly votes ({m.label}; 1 = always voted alike, 0 = always opposite): "
        + "; ".join(parts) + ". "
        f"In levels, Russia-US and Russia-China agreement {says(lev[0])} (r = {lev[0].r:+.2f}), "
        f"China-US and Russia-China {says(lev[1])} (r = {lev[1].r:+.2f}); levels share slow trends of the "
        "whole Assembly, so they say little about the claim. The claim is about changes -- the better a year "
        "with the US, the worse the same year between Russia and China: year-on-year changes of Russia-US "
        f"and Russia-China {says(chg[0])} ({_said(chg[0])}), of China-US and Russia-China {says(chg[1])} "
        f"({_said(chg[1])})."
        + (f" On {chg[0].n} changes the interval is Fisher's and the permutation test must agree; even a "
           "direction found beyond chance rests on a handful of years and says little about how strong the "
           "link is." if chg[0].small else "")
    )


def _said(c: Correlation) -> str:
    """``r = +0.72, 95% interval +0.02 to +0.94 (Fisher's), permutation p = 0.04``: the deciding numbers."""
    lo, hi = c.interval
    which = "Fisher's" if c.small else "block bootstrap"
    out = f"r = {c.r:+.2f}, 95% interval {lo:+.2f} to {hi:+.2f} ({which})"
    return out + ("" if c.permutation_p is None else f", permutation p = {c.permutation_p:.2f}")
