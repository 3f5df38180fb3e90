"""Public alias of :mod:`sco_games.theory.repeated`.

Kept because the README, notebooks and users' code import ``sco_games.repeated``: the names here are the
very objects of :mod:`sco_games.theory.repeated`. The library itself imports ``sco_games.theory``.
"""

from sco_games.theory.repeated import (
    GrimTriggerResult,
    critical_discount_factor,
    grim_trigger_threshold,
    minmax_values,
    pure_nash_profiles,
    sustainable,
    sustaining_interval,
)

__all__ = [
    "GrimTriggerResult",
    "critical_discount_factor",
    "sustainable",
    "grim_trigger_threshold",
    "sustaining_interval",
    "pure_nash_profiles",
    "minmax_values",
]
