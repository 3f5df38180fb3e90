"""HISTORY: the models against what happened after the paper (issue 13), for the history notebook (06).

A layer at the level of :mod:`sco_games.comparison` (it may import scenarios, every model package and
below; not figures, display or batch). Submodules are imported directly: ``second_axis`` (claim P3 against
every year of UN votes), ``record`` (the record after 2003), ``scorecard`` (the enlargement model's
predictions for the dated scenarios against the record).
"""
