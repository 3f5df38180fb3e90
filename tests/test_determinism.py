"""The suite is deterministic: property tests draw the same examples on every run (the ``ci`` Hypothesis
profile of conftest.py, selected by default), and nothing in it depends on the machine's speed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

explore = settings.get_current_profile_name() == "explore"


@pytest.mark.skipif(explore, reason="the explore profile draws random examples on purpose")
def test_property_tests_draw_the_same_examples_on_every_run():
    def draws() -> list[float]:
        seen: list[float] = []

        @settings(max_examples=30)  # like the suite's tests: the profile supplies the rest
        @given(st.floats(-5, 5), st.floats(-5, 5))
        def probe(x, y):
            seen.append((x, y))

        probe()
        return seen

    first = draws()
    assert len(first) == 30 and first == draws()


def test_no_property_test_has_a_wall_clock_deadline_or_timing_health_check():
    from hypothesis import HealthCheck

    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check
