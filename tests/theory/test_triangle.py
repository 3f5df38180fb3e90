"""The strategic triangle (Dittmer 1981): all eight sign patterns, scores, balance, bad input.

Expected patterns, roles and scores are derived by hand from Dittmer's definitions (World Politics 33(4),
1981, pp. 485-515): ménage à trois = three amities; romantic triangle = a pivot in amity with two wings in
enmity with each other; stable marriage = one amity, the third state (outcast) in enmity with both; unit
veto = three enmities. Score s_i = r_ij + r_ik - r_jk; balance (Heider; Cartwright & Harary 1956) iff the
product of the signs is positive.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sco_games.theory.triangle import ROLE_SCORES, classify_triangle

S = ("R", "C", "U")
PAIRS = (("R", "C"), ("R", "U"), ("C", "U"))

# (sign R-C, sign R-U, sign C-U) -> (pattern, roles R, C, U, balanced), derived by hand
EXPECTED = {
    (+1, +1, +1): ("ménage à trois", ("partner", "partner", "partner"), True),
    (+1, +1, -1): ("romantic triangle", ("pivot", "wing", "wing"), False),  # R friend of both, C-U foes
    (+1, -1, +1): ("romantic triangle", ("wing", "pivot", "wing"), False),  # C pivot
    (-1, +1, +1): ("romantic triangle", ("wing", "wing", "pivot"), False),  # U pivot
    (+1, -1, -1): ("stable marriage", ("partner", "partner", "outcast"), True),  # R-C married, U out
    (-1, +1, -1): ("stable marriage", ("partner", "outcast", "partner"), True),  # R-U married, C out
    (-1, -1, +1): ("stable marriage", ("outcast", "partner", "partner"), True),  # C-U married, R out
    (-1, -1, -1): ("unit veto", ("antagonist", "antagonist", "antagonist"), False),
}


def test_all_eight_sign_patterns_are_listed():
    assert set(EXPECTED) == set(itertools.product((1, -1), repeat=3))


@pytest.mark.parametrize("signs", sorted(EXPECTED))
def test_pattern_roles_scores_and_balance(signs):
    pattern, roles, balanced = EXPECTED[signs]
    t = classify_triangle(S, dict(zip(PAIRS, signs, strict=True)))
    assert t.pattern == pattern
    assert tuple(t.roles[s] for s in S) == roles
    assert t.balanced is balanced
    # the score of each role: pivot 3, partner 1, wing -1, antagonist -1, outcast -3
    assert tuple(t.sign_scores[s] for s in S) == tuple(ROLE_SCORES[r] for r in roles)
    assert t.pivot == (S[roles.index("pivot")] if "pivot" in roles else None)
    assert t.outcast == (S[roles.index("outcast")] if "outcast" in roles else None)


def test_hand_computed_scores_with_values():
    # r_RC = 0.3, r_RU = 0.5, r_CU = -0.5 (the post-9/11 scenario's numbers)
    t = classify_triangle(("Russia", "China", "US"),
                          {("Russia", "China"): 0.3, ("Russia", "US"): 0.5, ("China", "US"): -0.5})
    assert t.value_scores["Russia"] == pytest.approx(0.3 + 0.5 + 0.5)
    assert t.value_scores["China"] == pytest.approx(0.3 - 0.5 - 0.5)
    assert t.value_scores["US"] == pytest.approx(0.5 - 0.5 - 0.3)
    assert (t.pattern, t.pivot) == ("romantic triangle", "Russia")


def test_pair_order_does_not_matter():
    a = classify_triangle(S, {("R", "C"): 1, ("R", "U"): -1, ("C", "U"): -1})
    b = classify_triangle(S, {("C", "R"): 1, ("U", "R"): -1, ("U", "C"): -1})
    assert (a.pattern, a.roles, a.sign_scores) == (b.pattern, b.roles, b.sign_scores)
    assert a.relation("U", "R") == -1 and a.sign("C", "R") == 1


@given(st.tuples(*[st.floats(-1, 1).filter(lambda x: x != 0)] * 3))
def test_scores_sum_to_the_sum_of_relations(vals):
    # sum_i s_i = 2 * sum(r) - sum(r) = sum(r), for any values
    t = classify_triangle(S, dict(zip(PAIRS, vals, strict=True)))
    assert sum(t.value_scores.values()) == pytest.approx(sum(vals))
    assert sum(t.sign_scores.values()) == sum(t.signs.values())


@pytest.mark.parametrize(
    "states, relations, match",
    [
        (S, {("R", "C"): 0, ("R", "U"): 1, ("C", "U"): 1}, "R-C is 0"),
        (S, {("R", "C"): 1, ("R", "U"): 1}, "C-U is missing"),
        (S, {("R", "C"): 1, ("C", "R"): 1, ("R", "U"): 1, ("C", "U"): 1}, "given twice"),
        (S, {("R", "C"): float("nan"), ("R", "U"): 1, ("C", "U"): 1}, "finite"),
        (("R", "R", "U"), {("R", "U"): 1}, "three distinct"),
        (S, {("R", "C"): 1, ("R", "U"): 1, ("C", "U"): 1, ("R", "X"): 1}, "outside"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(states, relations, match):
    with pytest.raises(ValueError, match=match):
        classify_triangle(states, relations)
