"""border/report.py and enlargement/claims.py were split by concept: every public name they had is still
importable from them (and from the package), and is the very object of the module that now holds it."""

from __future__ import annotations

import importlib

import pytest

MOVED = {
    "sco_games.models.border.report": {
        "sco_games.models.border.dyads": ["DISAGREEMENTS", "DISAGREEMENT_LABELS", "POINT_SOLUTIONS",
                                          "TAJIK_READINGS", "DyadReport", "disagreements", "point_shares",
                                          "rubinstein_weight", "share_span"],
    },
    "sco_games.models.enlargement.claims": {
        "sco_games.models.enlargement.verdicts": ["NA", "SEPT_11", "e1_verdict", "e2_verdict", "e3_verdict",
                                                  "e4_verdict", "e5_verdict", "e6_verdict"],
        "sco_games.models.enlargement.ranges": ["ranged_points", "ranged_values", "with_overrides"],
        "sco_games.models.enlargement.record": ["record_checks", "status_at"],
        "sco_games.models.enlargement.sensitivity": ["SensitivityRow", "claims_sensitivity"],
        "sco_games.models.enlargement.status_quo": ["StatusQuoRow", "status_quo_table"],
    },
}


@pytest.mark.parametrize("old", sorted(MOVED))
def test_moved_names_are_importable_from_their_old_module(old):
    o = importlib.import_module(old)
    for new, names in MOVED[old].items():
        n = importlib.import_module(new)
        for name in names:
            assert getattr(o, name) is getattr(n, name), f"{old}.{name}"
    with pytest.raises(AttributeError, match="no attribute"):
        o.no_such_name  # noqa: B018


def test_the_packages_still_export_their_names():
    from sco_games.models import border, enlargement
    for name in border.__all__:
        assert hasattr(border, name), name
    for name in enlargement.__all__:
        assert hasattr(enlargement, name), name
    from sco_games.models.enlargement.claims import claims_sensitivity, status_quo_table  # the lazy names
    assert enlargement.claims_sensitivity is claims_sensitivity and callable(status_quo_table)
