"""The package data files (``*.yaml``: settlements, capabilities, the membership record) and loaders."""
