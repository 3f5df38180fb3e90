"""Border model (placeholder: the parameter class is filled in by its issue)."""

from __future__ import annotations

from sco_games.sourced import Strict


class BorderParams(Strict):
    """Parameters of the border model, one section of a scenario file."""
