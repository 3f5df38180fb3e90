"""Sphinx configuration of the sco-games documentation (built offline by ``make docs``).

No network: no intersphinx, and formulas are written as MathML at build time (``_ext/mathml.py``, the same
converter as the reports), so no MathJax is loaded from a CDN. ``make docs`` then checks the built pages for
any script or stylesheet outside the site (``docs/_check_offline.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))  # the checkout's sco_games wins over an installed copy

import sco_games  # noqa: E402

project = "sco-games"
author = "the sco-games authors"
copyright = "the sco-games authors (MIT licence)"
release = version = sco_games.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "mathml",
]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "conftest.py"]
templates_path = ["_templates"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"

# MyST: $...$ and $$...$$ for formulas (rendered to MathML by the mathml extension), ::: fences for admonitions
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# Reference: one page per public module, every name of its __all__ (re-exported names included)
autosummary_generate = True
autosummary_ignore_module_all = False
autosummary_imported_members = False
autodoc_default_options = {
    "members": True,
    "member-order": "bysource",
    # pydantic's class attributes, the same on every scenario section (noise in the reference)
    "exclude-members": "model_config, model_fields, model_computed_fields, model_post_init",
}
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
add_module_names = False

html_theme = "alabaster"
html_theme_options = {
    "description": "Game-theoretic models of the Shanghai Cooperation Organization",
    "fixed_sidebar": False,
    "show_powered_by": False,
}
html_static_path: list[str] = []
html_math_renderer = "mathml"
html_copy_source = False
html_show_sourcelink = False


# A constant re-exported by a package (``sco_games.theory.ROLE_SCORES``) has its ``#:`` comment in the module
# that defines it; autodoc looks in the package's ``__init__`` and would show the docstring of ``dict`` or
# ``numpy.ndarray`` instead. Find the comment where the object is defined (the same object, by identity).
def _attribute_comments() -> dict[int, list[str]]:
    import importlib
    import pkgutil

    from sphinx.pycode import ModuleAnalyzer

    found: dict[int, list[str]] = {}
    for info in pkgutil.walk_packages(sco_games.__path__, "sco_games."):
        try:
            module = importlib.import_module(info.name)
            docs = ModuleAnalyzer.for_module(info.name).find_attr_docs()
        except Exception:  # noqa: BLE001 - a module that cannot be analysed just gives no comments
            continue
        for (scope, name), lines in docs.items():
            if scope == "" and hasattr(module, name):
                found.setdefault(id(getattr(module, name)), list(lines))
    return found


_COMMENTS: dict[int, list[str]] | None = None


def _constant_docstring(app, what, name, obj, options, lines):
    global _COMMENTS
    if what != "data":
        return
    if _COMMENTS is None:
        _COMMENTS = _attribute_comments()
    if id(obj) in _COMMENTS:
        lines[:] = _COMMENTS[id(obj)]
    elif lines and lines[0].strip() and lines[0].strip() in (type(obj).__doc__ or ""):
        lines[:] = []  # the docstring of its type (dict, tuple, ndarray), not of the constant


def _write_command_reference(app) -> None:
    """``reference/generated/commands.md``: the ``sco-games`` command's help, every subcommand, from its own
    parser (so the page cannot drift from the command)."""
    import os

    from sco_games.batch.cli import build_parser

    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal width: make the page the same everywhere
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    parts = ["# The `sco-games` command", "",
             "Generated from the command's parser. Every command takes `--root DIR`, the project folder; by "
             "default it is found from the current folder upwards. Exit codes: 0 all good; 1 a notebook "
             "failed or the reports folder cannot be written; 2 a bad scenario file or bad usage; "
             "130 interrupted. `python -m sco_games` is the same command; from Python, "
             "{func}`sco_games.batch.cli.main` takes the arguments and returns the exit code.", "",
             "```text", parser.format_help().rstrip(), "```", ""]
    for name, subparser in sub.choices.items():
        parts += [f"## `sco-games {name}`", "", "```text", subparser.format_help().rstrip(), "```", ""]
    out = HERE / "reference" / "generated" / "commands.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(parts)
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("autodoc-process-docstring", _constant_docstring)
    app.connect("builder-inited", _write_command_reference)
