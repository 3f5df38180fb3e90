"""sco-games: game-theoretic models of the Shanghai Cooperation Organization.

Built from Iwashita, "The Shanghai Cooperation Organization and Its Implications for Eurasian
Security" (see ``shared/seed``). Layers (imports point down only):

- ``cli``, ``runner``: batch scenarios x notebooks -> papermill -> ``reports/``
- ``figures``: plotly figure builders (the only package that imports plotly)
- ``scenario``: ``params/*.yaml`` -> validated, typed :class:`~sco_games.scenario.Scenario`
- ``models``: the paper's games (partnership, border, enlargement)
- theory: ``games``, ``repeated``, ``bargaining``, ``coalitions`` (know nothing of the SCO)
"""

__version__ = "0.1.0"
