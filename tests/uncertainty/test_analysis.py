"""Known answers on toy models: verdict shares, Sobol indices of an additive function, PRIM recovering a
planted box; and the same numbers on every executor."""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from sco_games.uncertainty import analysis, chunks
from sco_games.uncertainty.discovery import prim
from sco_games.uncertainty.executors import InProcessExecutor
from tests.uncertainty import toys


def run_toy(**kw):
    return analysis.analyze_model("toy", toys.toy_params(), fn=toys.evaluate_toy, **kw)


def test_verdict_shares_are_the_known_shares_of_the_box():
    r = run_toy(n=1000, seed=5, sobol_n=None)
    holds = {v.claim: v.probability["reproduced"] for v in r.verdicts}
    assert holds == pytest.approx({"X1": 0.3, "X2": 0.2, "X3": 0.5, "X4": 0.25, "X5": 0.5}, abs=1e-12)
    x1 = r.verdicts[0]
    assert x1.nominal == "partly" and x1.holds == pytest.approx(0.7)  # a = 0.5 at the coded values
    assert x1.stderr["partly"] == pytest.approx(np.sqrt(0.3 * 0.7 / 1000))
    assert x1.probability["not applicable"] == 0 and x1.stderr["not applicable"] == 0


def test_iid_draws_scatter_within_their_standard_error():
    shares = [run_toy(n=400, seed=s, method="random", sobol_n=None).verdicts[0].probability["reproduced"]
              for s in range(30)]
    se = np.sqrt(0.3 * 0.7 / 400)
    assert abs(np.mean(shares) - 0.3) < 3 * se / np.sqrt(30)
    assert 0.5 * se < np.std(shares) < 1.5 * se  # iid: the binomial error is the right size


def test_quantiles_of_a_key_number():
    r = analysis.analyze_model("additive", toys.AdditiveParams.model_validate(toys.ADDITIVE),
                               fn=toys.evaluate_additive, n=4000, seed=1, sobol_n=None)
    y = r.numbers[0]
    assert y.nominal == 3.0 and y.defined == 1.0 and y.mean == pytest.approx(3.0, abs=0.01)
    assert y.quantiles["0.5"] == pytest.approx(3.0, abs=0.05)  # symmetric about its mean
    assert 0 < y.quantiles["0.05"] < y.quantiles["0.25"] < y.quantiles["0.75"] < y.quantiles["0.95"] < 6


def test_sobol_indices_of_an_additive_function_match_the_closed_form():
    """y = x1 + 2 x2 + 3 x3, x_i ~ U[0, 1]: V_i = a_i^2 / 12, so S_i = ST_i = a_i^2 / 14."""
    r = analysis.analyze_model("additive", toys.AdditiveParams.model_validate(toys.ADDITIVE),
                               fn=toys.evaluate_additive, n=64, seed=2, sobol_n=4096)
    y = next(s for s in r.sobol if s.output == "y")
    assert y.labels == ("x1", "x2", "x3")
    assert y.first == pytest.approx((1 / 14, 4 / 14, 9 / 14), abs=0.02)
    assert y.total == pytest.approx((1 / 14, 4 / 14, 9 / 14), abs=0.02)
    ind = next(s for s in r.sobol if s.output == "Y = partly")  # the indicator of the coded verdict
    assert ind.total[2] > ind.total[1] > ind.total[0] > 0


def test_a_verdict_that_never_varies_gets_no_sobol_indices():
    r = run_toy(n=64, seed=0, sobol_n=64, include=["c"])
    x1 = next(s for s in r.sobol if s.output.startswith("X1"))
    assert x1.first == (None,) and x1.total == (None,)
    assert next(s for s in r.sobol if s.output.startswith("X3")).first[0] == pytest.approx(1.0, abs=0.1)


def test_prim_recovers_a_planted_box():
    rng = np.random.default_rng(0)
    x = rng.random((5000, 3))
    y = (x[:, 0] < 0.3) & (x[:, 1] > 0.6)
    r = prim(list(x.T), ["u", "v", "w"], y)
    assert [t.label for t in r.restrictions] == ["u", "v"]  # w plays no part
    (u, v) = r.restrictions
    assert u.low is None and u.high == pytest.approx(0.3, abs=0.02)
    assert v.high is None and v.low == pytest.approx(0.6, abs=0.02)
    assert r.coverage > 0.95 and r.density > 0.95
    assert prim(list(x.T), ["u", "v", "w"], np.zeros(5000, bool)) is None


def test_the_flip_region_is_stated_in_words():
    r = analysis.analyze_model("box", toys.BoxParams.model_validate(toys.BOX), fn=toys.evaluate_box,
                               n=4000, seed=3, sobol_n=None)
    b1, b2 = r.regions
    assert b1.nominal == "reproduced" and b1.becomes == "not reproduced"
    assert b1.flips == pytest.approx(0.3 * 0.4, abs=0.01)
    assert [t.label for t in b1.region.restrictions] == ["u", "v"]
    assert re.fullmatch(r"B1 is 'reproduced' at the coded values and in 8\d% of the draws; it is 'not "
                        r"reproduced' instead mainly when u < 0\.3\d* and v > 0\.[56]\d* \(\d+% of the flips "
                        r"lie there; \d+% of the draws there flip\)\.", b1.text), b1.text
    cond = {t.label: t for t in b2.region.restrictions}
    assert cond["kind"].choices == ("r",) and cond["w"].low == pytest.approx(0.0, abs=0.05)
    assert "kind is r" in b2.text


def _numbers(r):
    return r.to_dict()


def test_the_same_seed_gives_identical_numbers_in_process_and_on_1_and_2_processes():
    kw = dict(n=3000, seed=11, sobol_n=64, chunk_size=250)
    base = _numbers(run_toy(executor=InProcessExecutor(), **kw))
    assert base == _numbers(run_toy(**{**kw, "chunk_size": 3000}))  # chunking changes nothing
    for workers in (1, 2):
        with ProcessPoolExecutor(max_workers=workers) as ex:
            assert _numbers(run_toy(executor=ex, **kw)) == base


def test_dask_in_process_gives_the_same_numbers():
    distributed = pytest.importorskip("distributed")
    kw = dict(n=1000, seed=11, sobol_n=32, chunk_size=300)
    base = _numbers(run_toy(**kw))
    with distributed.Client(processes=False, n_workers=2, threads_per_worker=1,
                            dashboard_address=None) as client:
        assert _numbers(run_toy(executor=client.get_executor(), **kw)) == base


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_numbers():
    distributed = pytest.importorskip("distributed")
    kw = dict(n=2000, seed=11, sobol_n=32, chunk_size=300)
    base = _numbers(run_toy(**kw))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c, \
            distributed.Client(c) as client:
        assert _numbers(run_toy(executor=client.get_executor(), **kw)) == base


def test_chunks_are_joined_in_draw_order_and_progress_is_reported():
    seen = []
    draws = {"a": np.linspace(0, 1, 10), "b": np.zeros(10), "c": np.ones(10),
             "k": np.array(["war"] * 10, dtype=object)}
    out = chunks.evaluate(toys.evaluate_toy, toys.toy_params(), draws, chunk_size=3, progress=seen.append,
                            scale=2.0)
    assert seen == [3, 3, 3, 1] and out.n == 10
    assert out.numbers["s"].tolist() == pytest.approx((2 * np.linspace(0, 1, 10)).tolist())


def test_an_evaluator_is_found_by_name_or_registered():
    chunks.register("toy", toys.evaluate_toy)
    assert chunks.evaluator("toy") is toys.evaluate_toy
    with pytest.raises(LookupError, match="model 'nope': none of partnership, border, enlargement"):
        chunks.evaluator("nope")


def test_a_model_with_nothing_uncertain_is_an_error():
    with pytest.raises(ValueError, match="no uncertain values"):
        run_toy(n=10, exclude=["*"])


def test_wrong_output_counts_are_caught():
    def bad(params, draws):
        return toys.evaluate_toy(params, {k: v[:1] for k, v in draws.items()})
    with pytest.raises(ValueError, match="1 outputs for 5 draws"):
        chunks.evaluate(bad, toys.toy_params(), {"a": np.zeros(5)}, chunk_size=5)


def test_flips_that_no_value_decides_are_said_to_be_unexplained():
    """X with a 50-50 verdict drawn independently of every input: PRIM must name no restriction."""
    rng = np.random.default_rng(4)
    x = rng.random((400, 8))
    y = rng.random(400) < 0.3
    r = prim(list(x.T), [f"x{i}" for i in range(8)], y)
    assert r.restrictions == ()
    cr = analysis.ClaimRegion("Z", "reproduced", 0.3, "partly", r)
    assert "with no region of the box that holds the flips" in cr.text


def test_convergence_compares_two_seeds_within_their_errors():
    from sco_games.uncertainty.robustness import convergence

    def res(seed, p, se):
        return {"seed": seed, "models": [{"model": "m", "regions": [], "verdicts": [
            {"claim": "C", "nominal": "partly", "holds": p, "n": 100, "stderr": {"partly": se}}]}]}
    (row,) = convergence(res(0, 0.50, 0.05), res(1, 0.60, 0.05))
    assert row["tolerance"] == pytest.approx(3 * np.hypot(0.05, 0.05)) and row["agrees"]
    (row,) = convergence(res(0, 0.50, 0.01), res(1, 0.60, 0.01))
    assert row["difference"] == pytest.approx(0.1) and not row["agrees"]
    (row,) = convergence(res(0, 1.0, 0.0), res(1, 1.0, 0.0))
    assert row["agrees"]


def test_a_scenario_s_uncoded_models_are_recorded_not_sampled():
    # astana_2017 codes the enlargement model only: the partnership and border are "missing", with why
    from sco_games.scenario import load_scenario
    from sco_games.uncertainty.robustness import evaluations, robustness
    from tests.conftest import PARAMS

    s = load_scenario(PARAMS / "astana_2017.yaml")
    r = robustness(s, n=16, seed=0, sobol_n=None, check=False)
    assert [m.model for m in r.models] == ["enlargement"]
    assert set(r.missing) == {"partnership", "border"} and "does not code" in r.missing["border"]
    assert evaluations(s, n=16, sobol_n=None) == 16
