"""General game theory: normal-form games, repeated games, bargaining, coalitions, spatial voting, triangles.

numpy/scipy only; knows nothing of the SCO and imports nothing of ``sco_games`` outside ``theory``.
"""
