"""Batch: the ``sco-games`` command, the runner (scenarios x notebooks -> papermill -> ``reports/``), export.

The only package of ``sco_games`` that imports papermill, nbconvert, nbformat or jupyter_client.
"""
