"""The punishment phase of grim trigger: each deviator's punishment payoff under Nash reversion (pure or
mixed), a given stage Nash equilibrium, the minmax value, or payoffs given directly. See
:mod:`sco_games.theory.repeated` for what each means and when it is credible."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from sco_games.theory.stage_game import _profile, minmax_values, pure_nash_profiles

__all__: list[str] = []


def punishment_payoffs_of(Am: np.ndarray, Bm: np.ndarray, labels: Any, punishment: str | Sequence[Any],
                punishment_payoffs: Sequence[float] | None) -> tuple[tuple[float, float], Any, str, str]:
    """``(P, punishment profiles, label, method)`` of ``punishment`` (see the module docstring)."""
    pun_profiles: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)
    if punishment_payoffs is not None:
        P = tuple(float(x) for x in punishment_payoffs)
        if len(P) != 2 or not all(math.isfinite(x) for x in P):
            raise ValueError(f"punishment_payoffs must be two finite numbers, got {punishment_payoffs!r}")
        label = f"given payoffs {P!r} ({punishment!r})"
        method = "grim trigger with given punishment payoffs"
    elif isinstance(punishment, str) and punishment == "nash":
        nash = pure_nash_profiles(Am, Bm)
        if not nash:
            raise ValueError(
                "punishment='nash' needs a pure stage Nash equilibrium and this stage game has none; "
                "use punishment='nash_mixed', 'minmax' or punishment_payoffs=(P_row, P_col)"
            )
        worst0 = min(nash, key=lambda p: (Am[p], p))
        worst1 = min(nash, key=lambda p: (Bm[p], p))
        pun_profiles = (worst0, worst1)
        P = (float(Am[worst0]), float(Bm[worst1]))
        label = "nash"
        method = "grim trigger with player-specific Nash reversion (worst pure stage NE for the deviator)"
    elif isinstance(punishment, str) and punishment == "nash_mixed":
        from sco_games.theory.games import solve  # lazy: only this option needs the equilibrium solver

        eqs = list(solve(Am, Bm))
        if not eqs:  # pragma: no cover - every finite game has an equilibrium
            raise ValueError("no stage Nash equilibrium found")
        P = (min(float(e.payoffs[0]) for e in eqs), min(float(e.payoffs[1]) for e in eqs))
        label = "nash_mixed"
        method = (
            "grim trigger with player-specific Nash reversion to the worst stage NE for the deviator, mixed "
            f"included (sco_games.theory.games.solve: {len(eqs)} extreme equilibria)"
        )
    elif isinstance(punishment, str) and punishment == "minmax":
        P = minmax_values(Am, Bm)
        label = "minmax"
        method = "grim trigger with mixed minmax punishment (LP); a Nash-threat bound, may not be perfect"
    elif isinstance(punishment, str):
        raise ValueError(
            f"punishment must be 'nash', 'nash_mixed', 'minmax' or a stage-NE profile (k, l); "
            f"got {punishment!r}"
        )
    else:
        k, m = _profile(punishment, Am.shape, labels, "punishment")
        if (k, m) not in pure_nash_profiles(Am, Bm):
            raise ValueError(
                f"punishment profile {(k, m)} is not a stage Nash equilibrium, so reverting to it is "
                "not credible"
            )
        pun_profiles = ((k, m), (k, m))
        P = (float(Am[k, m]), float(Bm[k, m]))
        label = f"profile {(k, m)}"
        method = "grim trigger with reversion to a given stage Nash equilibrium"
    return (float(P[0]), float(P[1])), pun_profiles, label, method


