"""The strategic triangle Russia-China-US of a scenario (Dittmer 1981), from its three relations.
"""

from __future__ import annotations

from sco_games.models.partnership.params import PartnershipParams, values_of
from sco_games.sourced import check_section
from sco_games.theory.triangle import Triangle, classify_triangle

__all__ = [
    "TRIANGLE_STATES",
    "triangle",
]


TRIANGLE_STATES: tuple[str, str, str] = ("Russia", "China", "US")


def triangle(params: PartnershipParams) -> Triangle:
    """The strategic triangle Russia-China-US from the scenario's three relations (Dittmer 1981).

    >>> triangle(PartnershipParams.example()).pattern
    'stable marriage'
    """
    check_section(params, PartnershipParams, "partnership", "triangle")
    v = values_of(params)
    return classify_triangle(TRIANGLE_STATES, {
        ("Russia", "China"): v["relation_russia_china"],
        ("Russia", "US"): v["relation_russia_us"],
        ("China", "US"): v["relation_china_us"],
    })
