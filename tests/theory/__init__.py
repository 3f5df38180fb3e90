"""Tests of sco_games.theory."""
