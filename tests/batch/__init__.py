"""Tests of sco_games.batch."""
