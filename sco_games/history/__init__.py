"""HISTORY: the models against what happened after the paper (issue 13), for the history notebook (06).

A layer at the level of :mod:`sco_games.comparison` (it may import scenarios, every model package and
below; not figures, display or batch). Modules: ``second_axis`` (claim P3 against every year of UN
votes, the section the history notebook shows); others add the record and the scorecard.
"""
