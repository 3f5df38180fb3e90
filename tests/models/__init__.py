"""Tests of sco_games.models."""
