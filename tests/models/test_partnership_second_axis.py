"""Tests of claim P3 against UN votes: sco_games.models.partnership.second_axis and claims.verdict_p3.

Correlations are checked against numpy, the bootstrap against Fisher's interval on a large iid sample and
against cases whose every resample is known; the verdict rule in each direction on constructed series.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pytest

from sco_games.models import partnership as pm
from sco_games.models.partnership import second_axis as sa
from sco_games.models.partnership.claims import p3_verdict, verdict_p3
from sco_games.scenario import load_scenario
from tests.conftest import PARAMS


def test_pearson_matches_numpy_and_refuses_constants():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=20), rng.normal(size=20)
    assert sa.pearson(x, y) == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-12)
    assert sa.pearson([1, 1, 1], [1, 2, 3]) is None and sa.pearson([1], [2]) is None


def test_fisher_interval_by_hand():
    # r = 0.5, n = 28: atanh 0.5 = 0.549306, 1.959964 / 5 = 0.391993 -> tanh(0.157313), tanh(0.941299);
    # tanh z = (e^2z - 1) / (e^2z + 1): e^0.314626 = 1.369734, e^1.882598 = 6.570698
    lo, hi = sa.fisher_interval(0.5, 28)
    assert (lo, hi) == pytest.approx((0.369734 / 2.369734, 5.570698 / 7.570698), abs=1e-5)
    assert sa.fisher_interval(0.5, 3) is None


def test_bootstrap_is_reproducible_with_a_seed():
    rng = np.random.default_rng(7)
    x, y = rng.normal(size=25), rng.normal(size=25)
    run = lambda seed: sa.block_bootstrap_corr(x, y, 500, 3, np.random.default_rng(seed))  # noqa: E731
    assert run(11) == run(11)
    assert run(11) != run(12)
    a = sa.correlate("a", "changes", range(25), x, y, seed=5, stream=(0, 1), n_boot=300)
    assert a == sa.correlate("a", "changes", range(25), x, y, seed=5, stream=(0, 1), n_boot=300)
    assert a != sa.correlate("a", "changes", range(25), x, y, seed=6, stream=(0, 1), n_boot=300)


def test_one_block_of_all_years_resamples_the_data_itself():
    x, y = [0.1, 0.4, 0.2, 0.9, 0.5], [0.3, 0.1, 0.5, 0.2, 0.4]
    lo, hi, valid = sa.block_bootstrap_corr(x, y, 50, 5, np.random.default_rng(0))
    r = np.corrcoef(x, y)[0, 1]
    assert (lo, hi, valid) == (pytest.approx(r), pytest.approx(r), 50)


def test_iid_bootstrap_agrees_with_fisher_on_a_large_normal_sample():
    rng = np.random.default_rng(2024)
    n, rho = 400, -0.5
    z = rng.multivariate_normal([0, 0], [[1, rho], [rho, 1]], size=n)
    lo, hi, _ = sa.block_bootstrap_corr(z[:, 0], z[:, 1], 4000, 1, np.random.default_rng(3))
    f_lo, f_hi = sa.fisher_interval(sa.pearson(z[:, 0], z[:, 1]), n)
    assert lo == pytest.approx(f_lo, abs=0.03) and hi == pytest.approx(f_hi, abs=0.03)
    assert lo < rho < hi


def test_changes_are_year_on_year_differences():
    d = np.array([0.05, -0.02, 0.04, -0.06, 0.01, 0.03, -0.01])
    x = 0.5 + np.concatenate([[0], np.cumsum(d)])
    y = 0.8 + np.concatenate([[0], np.cumsum(-d)]) + 0.01 * np.arange(8)  # a trend only in levels
    c = sa.correlate("a", "changes", range(2000, 2008), x, y, seed=1, stream=(0,), n_boot=200)
    assert c.n == 7 and c.r == pytest.approx(sa.pearson(d, -d + 0.01)) and c.r == pytest.approx(-1.0)
    assert (c.first, c.last) == (2000, 2007)
    few = sa.correlate("a", "changes", [2000, 2001, 2002], x[:3], y[:3], seed=1, stream=(0,))
    assert few.r is None and few.n == 2


def _axis(dx, dy, seed=0):
    years = range(1992, 1992 + len(dx) + 1)
    lev = lambda d: 0.5 + np.concatenate([[0], np.cumsum(d)])  # noqa: E731
    return sa.correlate("a", "changes", years, lev(dx), lev(dy), seed=seed, stream=(0,), n_boot=1000)


def test_verdict_rule_in_each_direction_on_constructed_series():
    rng = np.random.default_rng(42)
    d = rng.normal(0, 0.03, 27)
    noise = lambda: rng.normal(0, 0.005, 27)  # noqa: E731
    against, along = _axis(d, -d + noise()), _axis(d, d + noise())
    unrelated = _axis(d, rng.normal(0, 0.03, 27))
    assert against.below_zero and along.above_zero and not (unrelated.below_zero or unrelated.above_zero)
    assert verdict_p3(against, against).verdict == "reproduced"
    assert verdict_p3(against, unrelated).verdict == "partly"
    assert "only the Russia-US axis" in verdict_p3(against, unrelated).because
    assert "only the China-US axis" in verdict_p3(unrelated, against).because
    assert verdict_p3(unrelated, unrelated).verdict == "not reproduced"
    assert "every deciding 95% interval includes 0" in verdict_p3(unrelated, unrelated).because
    assert verdict_p3(against, along).verdict == "not reproduced"
    assert "on the China-US axis the changes run the other way" in verdict_p3(against, along).because
    short = _axis(d[:5], -d[:5])
    assert verdict_p3(short, short).verdict == "not applicable"


def test_the_test_on_the_shipped_votes():
    t = sa.second_axis_test()
    assert [p.label for p in t.periods] == [p[0] for p in sa.PERIODS]
    assert t.years == tuple(range(1992, 2020)) and set(t.series) == set(sa.SERIES_PAIRS)
    main = t.main
    assert main.get(0, "changes").n == 27 and main.get(1, "levels").n == 28
    for p in t.periods:
        for c in p.correlations:
            assert c.low <= c.r <= c.high or c.n < 12  # the percentile interval may miss r on a few years
            assert c.valid > 0.9 * c.n_boot
    # a correlation draws from its own stream: the same whether or not the sub-periods are computed
    late = sa.second_axis_test(_dt.date(2030, 1, 1))
    assert len(late.periods) == 1 and late.main.correlations == main.correlations


def test_a_dated_scenario_uses_only_the_sessions_over_before_its_date():
    t = sa.second_axis_test(_dt.date(2002, 6, 7))
    assert t.years[0] == 1992 and t.years[-1] < 2002 and len(t.periods) == 1
    assert t.main.label == f"1992-{t.years[-1]}"
    v = p3_verdict(_dt.date(2002, 6, 7))
    assert v.verdict != "not applicable" and f"UN votes 1992-{t.years[-1]}" in v.because


def test_assess_claims_judges_p3_on_the_votes_known_at_the_date():
    s = load_scenario(PARAMS / "post_911_2002.yaml")
    claims, verdicts = pm.assess_claims(s.partnership, s.meta.date)
    p3 = next(c for c in claims if c.id == "P3")
    assert p3.verdict == verdicts["P3"].verdict == p3_verdict(s.meta.date).verdict
    assert str(s.meta.date) in p3.depends_on and "UN General Assembly votes" in p3.depends_on
    allyears = pm.assess_claims(s.partnership)[1]["P3"]
    assert "UN votes 1992-2019" in allyears.because


# ---------------------------------------------------------------------------------------------------------
# few points: Fisher's interval and the permutation test decide, not the percentile bootstrap


def test_permutation_p_against_scipy_exact():
    from scipy import stats
    rng = np.random.default_rng(3)
    for _ in range(5):
        x, y = rng.normal(size=6), rng.normal(size=6)
        # permuting x alone gives every pairing once (6! = 720; permuting both samples repeats each 720 times)
        want = stats.permutation_test((x,), lambda a, y=y: abs(stats.pearsonr(a, y)[0]),  # |r| >= |r0|
                                      permutation_type="pairings", n_resamples=np.inf,
                                      alternative="greater").pvalue
        assert sa.permutation_p(x, y, np.random.default_rng(0)) == pytest.approx(want, abs=1e-9)
    # many points: seeded random pairings, the same for the same generator seed
    x, y = rng.normal(size=30), rng.normal(size=30)
    p1 = sa.permutation_p(x, y, np.random.default_rng(1))
    assert p1 == sa.permutation_p(x, y, np.random.default_rng(1))
    assert sa.permutation_p([1, 1, 1], [1, 2, 3], np.random.default_rng(0)) is None


def _corr(n, r, boot, fisher, perm):
    return sa.Correlation("a", "changes", 1992, 1992 + n, n, r, boot[0], boot[1], 0.95, 2, 100, 100, fisher,
                          perm)


def test_on_few_points_the_bootstrap_alone_does_not_decide():
    # the founding-2001 China-US axis: r = +0.72 on 8 changes, bootstrap +0.69..+1.00 (beside r), Fisher
    # +0.02..+0.94, permutation p = 0.04: above 0 by Fisher and the permutation test
    assert _corr(8, 0.72, (0.69, 1.0), (0.02, 0.94), 0.044).above_zero
    # the bootstrap excludes 0 but Fisher's interval does not: cannot tell
    c = _corr(8, 0.6, (0.3, 0.99), (-0.15, 0.92), 0.1)
    assert not c.above_zero and not c.below_zero
    # Fisher excludes 0 but the permutation test does not agree at 5%: cannot tell
    assert not _corr(8, 0.72, (0.69, 1.0), (0.02, 0.94), 0.06).above_zero
    # from SMALL_N points on, the bootstrap decides
    assert _corr(sa.SMALL_N, 0.5, (0.1, 0.8), (-0.05, 0.8), 0.2).above_zero
    v = verdict_p3(_corr(8, -0.1, (-0.7, 0.9), (-0.7, 0.6), 0.8),
                   _corr(8, 0.6, (0.3, 0.99), (-0.15, 0.92), 0.1))
    assert v.verdict == "not reproduced" and "cannot tell" in v.because
    assert "run the other way" not in v.because


def test_the_founding_p3_says_how_little_eight_changes_show():
    v = p3_verdict(_dt.date(2001, 6, 15))
    assert v.verdict == "not reproduced"
    assert "show the opposite" not in v.because and "only 8 changes" in v.because
    assert "Fisher's z interval +0.02 to +0.94" in v.because and "permutation p = 0.04" in v.because
