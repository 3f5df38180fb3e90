"""The layering rules of ARCHITECTURE.md, checked on every module's imports (parsed with ``ast``, so imports
inside functions count too), and on the notebooks' code cells.

Layers, from the bottom: ``theory`` (general game theory) < ``base`` (``sourced``, ``sidecar``, ``project``)
< ``data`` < ``models`` < ``scenario`` < ``uncertainty`` < ``figures``, ``display``, ``lessons``
< ``explorer`` (live widgets), ``batch``. A module may import its own layer and the layers below
it, with these further rules:

- theory imports nothing of sco_games outside theory, and of the rest only the standard library, numpy, scipy;
- a model imports no other model (``models/common.py``, shared by all, imports none);
- only figures imports plotly; only batch imports papermill, nbconvert, nbformat, jupyter_client;
  only figures, display and lessons import IPython; only uncertainty imports dask and distributed; only
  explorer imports ipywidgets;
- the public aliases ``sco_games.games`` and ``sco_games.repeated`` import only theory;
- notebooks import no batch module (they write their sidecar with ``sco_games.sidecar``).

The checker is a plain function of (module name, source), so the tests below also feed it wrong imports and
check that it says so.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import NOTEBOOKS, ROOT

PACKAGE = ROOT / "sco_games"

#: layer -> the sco_games layers it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "theory": set(),
    "base": set(),
    "data": {"theory", "base"},
    "models": {"theory", "base", "data"},
    "scenario": {"theory", "base", "data", "models"},
    "figures": {"theory", "base", "data", "models", "scenario", "uncertainty"},
    "display": {"theory", "base", "data", "models", "scenario"},
    "lessons": {"theory", "base", "data", "models", "scenario"},
    "comparison": {"theory", "base", "data", "models", "scenario"},
    "history": {"theory", "base", "data", "models", "scenario", "uncertainty"},  # the scorecard's draws
    "uncertainty": {"theory", "base", "data", "models", "scenario"},
    "explorer": {"theory", "base", "data", "models", "scenario", "figures", "display"},
    "batch": {"theory", "base", "data", "models", "scenario", "comparison", "history", "uncertainty",
              "figures", "display", "lessons"},
    "alias": {"theory"},
    "package": {"theory", "base", "data", "models", "scenario", "comparison", "history", "uncertainty",
                "figures", "display", "lessons", "batch", "alias", "explorer"},
    "notebook": {"theory", "base", "data", "models", "scenario", "comparison", "history", "uncertainty",
                 "figures", "display", "lessons", "alias", "explorer"},
}
#: third-party top-level packages -> the only layers that may import them
ONLY: dict[str, set[str]] = {
    "plotly": {"figures"},
    "papermill": {"batch"},
    "nbconvert": {"batch"},
    "nbformat": {"batch"},
    "jupyter_client": {"batch"},
    "IPython": {"figures", "display", "lessons"},
    "distributed": {"uncertainty"},
    "dask": {"uncertainty"},
    "ipywidgets": {"explorer"},
    "anywidget": {"figures"},
}
#: what theory may import outside the standard library
THEORY_THIRD_PARTY = {"numpy", "scipy"}
_TOP = {"sourced": "base", "sidecar": "base", "project": "base", "markup": "base", "fingerprint": "base",
        "scenario": "scenario",
        "comparison": "comparison", "display": "display", "games": "alias", "repeated": "alias",
        "__init__": "package", "__main__": "package"}


def layer_of(module: str) -> str:
    """The layer of a ``sco_games`` module (``"notebook"`` for a notebook's code)."""
    if module == "notebook" or module.startswith("notebook:"):
        return "notebook"
    parts = module.split(".")
    if parts[0] != "sco_games":
        raise ValueError(f"{module}: not a sco_games module")
    if len(parts) == 1:
        return "package"
    if parts[1] in ("theory", "data", "models", "history", "uncertainty", "figures", "lessons", "batch",
                    "explorer"):
        return parts[1]
    if len(parts) == 2 and parts[1] in _TOP:
        return _TOP[parts[1]]
    raise ValueError(f"{module}: in no layer; add it to tests/test_layers.py and ARCHITECTURE.md")


#: modules of sco_games.models that are no model but shared by all of them (they import no model)
SHARED_MODEL_MODULES = {"common"}


def _model_of(module: str) -> str | None:
    """The model a module belongs to (``None``: not in a model; ``""``: a module all models share)."""
    parts = module.split(".")
    if len(parts) < 3 or parts[:2] != ["sco_games", "models"]:
        return None
    return "" if parts[2] in SHARED_MODEL_MODULES else parts[2]


def imported_modules(module: str, source: str, is_package: bool = False) -> list[tuple[str, int]]:
    """Every module ``source`` imports (dotted, absolute), with its line: ``import a.b``, ``from a import b``
    (as ``a.b``: it may be a submodule) and relative imports, anywhere in the file."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = module.split(".") if is_package else module.split(".")[:-1]
                pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join(pkg + ([base] if base else []))
            out += [(f"{base}.{a.name}" if a.name != "*" else base, node.lineno) for a in node.names]
    return out


def import_violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """The layering rules ``source`` (the code of ``module``) breaks, one message per import."""
    layer = layer_of(module)
    problems = []
    for target, line in imported_modules(module, source, is_package):
        top = target.split(".")[0]
        where = f"{module}:{line} imports {target}"
        if top == "sco_games":
            if target in ("sco_games", "sco_games.__version__"):
                continue
            # "from sco_games.models import border" names a module; "from sco_games.x import name" may not:
            # try the longest prefix that is a layer's module
            t_layer = _target_layer(target)
            if t_layer != layer and t_layer not in ALLOWED[layer]:
                problems.append(f"{where}: {layer} may not import {t_layer}")
            if layer == "models" and t_layer == "models":
                mine, theirs = _model_of(module), _model_of(target)
                if mine == "" and theirs:
                    problems.append(f"{where}: a shared models module imports no model ({theirs})")
                elif theirs and mine and theirs != mine:
                    problems.append(f"{where}: a model imports no other model ({mine} -> {theirs})")
        elif top in ONLY and layer not in ONLY[top]:
            problems.append(f"{where}: only {' and '.join(sorted(ONLY[top]))} may import {top}")
        elif layer == "theory" and top not in THEORY_THIRD_PARTY and top not in sys.stdlib_module_names:
            problems.append(f"{where}: theory imports only the standard library, numpy and scipy")
    return problems


def _target_layer(target: str) -> str:
    parts = target.split(".")
    for n in range(len(parts), 1, -1):
        try:
            return layer_of(".".join(parts[:n]))
        except ValueError:
            continue
    raise ValueError(f"{target}: in no layer")


def package_modules() -> list[tuple[str, Path, bool]]:
    """(module name, path, is a package's __init__) of every module of sco_games."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        out.append((".".join(parts), path, is_pkg))
    return out


def notebook_code(path: Path) -> str:
    """A notebook's code cells as one Python source (IPython magics and shell lines dropped)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    lines = [ln for cell in cells for ln in cell.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- the real tree


def test_every_module_keeps_to_its_layer():
    modules = package_modules()
    layers = {layer_of(m) for m, _, _ in modules}
    assert layers >= {"theory", "base", "data", "models", "scenario", "comparison", "history", "uncertainty",
                      "figures", "display", "lessons", "batch", "alias", "explorer"}
    assert len(modules) >= 40
    problems = [p for m, path, pkg in modules for p in import_violations(m, path.read_text("utf-8"), pkg)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebooks_import_no_batch_module(path):
    code = notebook_code(path)
    assert "sco_games" in code
    assert not import_violations(f"notebook:{path.stem}", code)


# ------------------------------------------------------------------------------------- the checker itself


@pytest.mark.parametrize("module, source, expected", [
    ("sco_games.theory.games", "from sco_games.models.border import predict", "theory may not import models"),
    ("sco_games.theory.games", "def f():\n    import sco_games.scenario", "theory may not import scenario"),
    ("sco_games.theory.vertex", "from sco_games import sidecar", "theory may not import base"),
    ("sco_games.theory.games", "import pandas", "theory imports only the standard library"),
    ("sco_games.theory.bargaining", "import plotly", "only figures may import plotly"),
    ("sco_games.models.border.game", "from sco_games.models.partnership import analyze", "no other model"),
    ("sco_games.models.border.game", "from sco_games.models import partnership", "no other model"),
    ("sco_games.models.border.game", "from ..enlargement import game", "no other model"),
    ("sco_games.models.border.report", "import plotly.graph_objects as go", "only figures may import plotly"),
    ("sco_games.models.common", "from sco_games.models.border import settlements", "shared models module"),
    ("sco_games.models.border.report", "from sco_games import figures", "models may not import figures"),
    ("sco_games.models.enlargement", "from sco_games.batch.runner import run", "models may not import batch"),
    ("sco_games.models.partnership.game", "from sco_games.scenario import Scenario", "import scenario"),
    ("sco_games.data.capabilities", "from sco_games.models.border import settlements", "data may not import"),
    ("sco_games.figures.border", "def f():\n    import papermill", "only batch may import papermill"),
    ("sco_games.figures.border", "from sco_games.batch import report_html", "figures may not import batch"),
    ("sco_games.display", "import nbformat", "only batch may import nbformat"),
    ("sco_games.sidecar", "from sco_games.scenario import Scenario", "base may not import scenario"),
    ("sco_games.games", "from sco_games.models import border", "alias may not import models"),
    ("sco_games.scenario", "from IPython.display import display", "and lessons may import"),
    ("notebook:x", "from sco_games.batch.runner import run", "notebook may not import batch"),
    ("sco_games.lessons.border", "from sco_games import figures", "lessons may not import figures"),
    ("sco_games.lessons.render", "from sco_games.display import show_table",
     "lessons may not import display"),
    ("sco_games.lessons.render", "import plotly", "only figures may import plotly"),
    ("notebook:x", "import jupyter_client", "only batch may import jupyter_client"),
    ("sco_games.history.second_axis", "from sco_games.figures import second_axis", "history may not import"),
    ("sco_games.models.partnership.claims", "from sco_games.history import second_axis", "models may not"),
    ("sco_games.uncertainty.analysis", "from sco_games.figures import robustness", "uncertainty may not"),
    ("sco_games.uncertainty.chunks", "from sco_games.batch import runner", "uncertainty may not import"),
    ("sco_games.models.border.draws", "from sco_games.uncertainty import space", "models may not import"),
    ("sco_games.scenario", "from sco_games.uncertainty.space import Uncertainty", "scenario may not import"),
    ("sco_games.batch.cli", "import distributed", "only uncertainty may import distributed"),
    ("sco_games.explorer.widget", "from sco_games.batch.runner import run", "explorer may not import batch"),
    ("sco_games.explorer.views", "import plotly.graph_objects as go", "only figures may import plotly"),
    ("sco_games.figures.partnership", "from sco_games.explorer import controls", "figures may not import"),
    ("sco_games.display", "import ipywidgets", "only explorer may import ipywidgets"),
])
def test_the_checker_finds_a_wrong_import(module, source, expected):
    problems = import_violations(module, source, is_package=module == "sco_games.models.enlargement")
    assert problems and any(expected in p for p in problems), problems


@pytest.mark.parametrize("module, source", [
    ("sco_games.theory.games", "import numpy as np\nfrom scipy import optimize\nfrom . import vertex\n"),
    ("sco_games.models.border.report", "from sco_games.models.border.game import predict\n"
                                       "from .game import settlements\nfrom sco_games.theory import solve\n"
                                       "from sco_games.data import load\nfrom sco_games import sourced"),
    ("sco_games.figures.border", "import plotly.graph_objects as go\nfrom sco_games.models.border import x"),
    ("sco_games.models.enlargement.claims", "from sco_games.models.common import Claim"),
    ("sco_games.batch.runner", "def f():\n    import papermill\n    from sco_games.figures import show\n"),
    ("notebook:x", "from sco_games.sidecar import write_sidecar\nfrom sco_games import figures\n"),
    ("sco_games.history.second_axis", "from sco_games.models.partnership import claims\n"
                                      "from sco_games.scenario import load_scenario"),
    ("sco_games.uncertainty.chunks", "from sco_games.models.common import DrawOutputs\n"
                                       "from sco_games.scenario import Scenario\n"
                                       "def f():\n    import distributed"),
    ("sco_games.batch.cli", "from sco_games.uncertainty import analysis"),
    ("sco_games.explorer.widget", "import ipywidgets as W\nfrom sco_games import figures\n"
                                  "from sco_games.scenario import read_yaml\n"
                                  "from sco_games.markup import html_text"),
    ("notebook:x", "from sco_games.explorer import explore"),
])
def test_the_checker_accepts_a_right_import(module, source):
    assert import_violations(module, source) == []


def test_a_module_outside_every_layer_is_an_error():
    with pytest.raises(ValueError, match="in no layer"):
        layer_of("sco_games.utils")
