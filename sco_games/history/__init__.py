"""HISTORY: the models against what happened after the paper (issue 13); submodules are imported directly
(``sco_games.history.record``, ``sco_games.history.scorecard``, ...)."""
