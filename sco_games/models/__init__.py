"""The paper's games, one package each: ``partnership``, ``border``, ``enlargement``.

Each model is a pure function of a validated parameter object (the ``*Params`` class in its ``params.py``, a
:class:`~sco_games.sourced.Strict` model of sourced values) and returns frozen dataclasses; each package
re-exports its public names. A model imports no other model, no figures and no batch (ARCHITECTURE.md).
"""
