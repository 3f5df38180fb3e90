"""sco-games: game-theoretic models of the Shanghai Cooperation Organization.

Built from Iwashita Akihiro, "The Shanghai Cooperation Organization and Its Implications for Eurasian
Security: A New Dimension of 'Partnership' after the Post-Cold War Period" (cited by section, §1-1 to §3-2,
and footnote). Layers, imports pointing down only (ARCHITECTURE.md; checked by
``tests/test_layers.py``): ``theory`` (general game theory, knows nothing of the SCO) < ``sourced``,
``sidecar``, ``project`` < ``data`` < ``models`` (one package per game) < ``scenario`` < ``figures``
(the only plotly importer), ``display`` < ``batch`` (CLI, runner, HTML export: the only papermill importer).
Public API: ``sco_games.theory`` (aliases ``sco_games.games``, ``sco_games.repeated``),
``sco_games.scenario``, ``sco_games.models.<model>``, ``sco_games.figures``.
"""

__version__ = "0.1.0"
