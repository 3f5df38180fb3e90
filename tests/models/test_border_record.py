"""The border report's record narrative and the record test of wide ranges (issue 11)."""

from pathlib import Path

import pytest

from sco_games.models import border
from sco_games.models.border.claims import RANGE_TEST_MAX_WIDTH, record_check
from sco_games.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def test_a_wide_range_cannot_agree_but_can_contradict():
    inside = [("a", (0.32, 0.36))]
    assert record_check("R", "q", (0.30, 0.40), inside, "s").agrees is True
    assert record_check("R", "q", (0.0, 1.0), inside, "s").agrees is None
    assert record_check("R", "q", (0.3, 0.3 + RANGE_TEST_MAX_WIDTH + 0.01), inside, "s").agrees is None
    assert record_check("R", "q", (0.4, 1.0), inside, "s").agrees is False


@pytest.mark.parametrize("name", ["founding_2001", "post_911_2002", "iraq_2003"])
def test_the_dispute_point_caps_china_at_the_neighbours_dispute_cost(name):
    sc = load_scenario(ROOT / "params" / f"{name}.yaml")
    rep = border.report(sc.border, sc.meta.date)
    for d in rep.dyads.values():
        if "dispute" not in d.at_prior:
            continue
        # by hand: without a deal the neighbour keeps everything at a cost d_N, so (linear values) it cedes
        # at most d_N: every solution's share is <= d_N
        cap = d.games["dispute"].dispute_cost_neighbour
        for s in ("nash", "kalai-smorodinsky", "rubinstein"):
            assert d.at_prior["dispute"].share(s) <= cap + 1e-9
    text = rep.record_text()
    assert "contradicts the Kyrgyzstan, Kazakhstan, Russia settlements" in text
    assert "4+1" in text and "mediation" in text
    fearon = [r for r in rep.record_checks() if r.id.endswith("/fearon")]
    assert fearon and all(r.agrees is not True for r in fearon)
