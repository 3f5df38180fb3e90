"""The paper's games. Each model is a pure function of a validated parameter object
(a :class:`~sco_games.sourced.Strict` class defined beside it) and returns frozen dataclasses."""
