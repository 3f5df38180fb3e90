"""The SCO's membership record: each state's statuses over time, from ``sco_games/data/sco_membership.yaml``.

The enlargement model compares its predictions with it (claim E6).

>>> membership_history()["Mongolia"][0]["status"], membership_history()["India"][-1]["year"]
('observer', 2017)
"""

from __future__ import annotations

from sco_games.data import load

__all__ = ["membership_history", "membership_sources"]


def membership_history() -> dict[str, list[dict]]:
    """State -> its SCO statuses over time (``year``, ``status``, maybe ``note``)."""
    return load("sco_membership.yaml")["states"]


def membership_sources() -> dict[str, str]:
    """The sources of :func:`membership_history`."""
    return load("sco_membership.yaml")["sources"]
