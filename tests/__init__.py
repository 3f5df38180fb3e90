"""The tests; sub-packages mirror sco_games (theory/, models/, batch/)."""
