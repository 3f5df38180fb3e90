"""Enlargement model (being written; see enlargement_params.py)."""

from __future__ import annotations

from sco_games.models.enlargement_params import EnlargementParams

__all__ = ["EnlargementParams"]
