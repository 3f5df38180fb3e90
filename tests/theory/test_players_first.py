"""n-player payoff arrays are players-first (issue 16): stated where a QuantEcon user looks, and a
players-last array (QuantEcon's payoff_profile_array layout) refused with the conversion when detectable."""

from __future__ import annotations

import numpy as np
import pytest

from sco_games.theory import best_responses, iterated_elimination, nplayer, pure_equilibria


def test_players_last_array_is_refused_with_the_conversion():
    # a 3 x 2 bimatrix game in QuantEcon's players-last layout, shape (3, 2, 2)
    players_last = np.zeros((3, 2, 2))
    with pytest.raises(ValueError, match=r"players FIRST.*players-last.*np\.moveaxis\(payoffs, -1, 0\).*"
                                         r"\(2, 3, 2\)"):
        pure_equilibria(players_last)
    assert len(pure_equilibria(np.moveaxis(players_last, -1, 0))) == 6  # constant game: every profile


def test_players_first_is_stated_where_a_quantecon_user_looks():
    docs = (nplayer.__doc__, pure_equilibria.__doc__, best_responses.__doc__, iterated_elimination.__doc__)
    for doc in docs:
        assert "players first" in doc.lower()
    assert "QuantEcon" in nplayer.__doc__ and "moveaxis" in nplayer.__doc__
