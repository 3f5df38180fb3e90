"""The documentation site (docs/): what its doctests (``--doctest-glob=*.md``, docs/conftest.py) cannot check.

- every ``python`` block of a page is a doctest (``>>>``), so none is shown without being run;
- every command a page or the README shows in a ``console`` block is one the project has: ``sco-games``
  lines parse with the command's own parser, ``papermill`` lines name a notebook and its parameters, ``make``
  lines a Makefile target;
- the reference lists every public module of ARCHITECTURE.md's "Public API" (a new model included);
- the offline check of ``make docs`` flags a page that loads a script from outside the site, and only that.

The site's build itself (``sphinx-build -W``) is ``make docs``, run by CI after ``make test``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from sco_games.batch.cli import build_parser
from sco_games.scenario import SECTIONS
from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts and "generated" not in p.parts)
_FENCE = re.compile(r"^( *)```(\w*)[^\n]*\n(.*?)^\1```", re.M | re.S)


def _blocks(page: Path, lang: str) -> list[str]:
    return [m.group(3) for m in _FENCE.finditer(page.read_text(encoding="utf-8")) if m.group(2) == lang]


def _commands(pages: list[Path]) -> list[tuple[str, list[str]]]:
    """``(page, argv)`` for every ``$ ...`` line of the pages' console blocks (comments dropped)."""
    out = []
    for page in pages:
        for block in _blocks(page, "console"):
            for line in block.splitlines():
                if line.startswith("$ "):
                    out.append((page.name, shlex.split(line[2:], comments=True)))
    return out


def test_the_site_has_pages_of_every_kind():
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    for kind in ("tutorial/", "howto/", "explanation/", "reference/"):
        assert any(n.startswith(kind) for n in names), kind


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_python_block_is_a_doctest(page):
    for block in _blocks(page, "python"):
        assert ">>> " in block, f"{page.name}: a python block that is not a doctest:\n{block}"


COMMANDS = _commands(PAGES + [ROOT / "README.md"])


def test_the_pages_show_commands():
    tools = {argv[0] for _, argv in COMMANDS}
    assert {"sco-games", "papermill", "make"} <= tools, tools


@pytest.mark.parametrize("page, argv", [c for c in COMMANDS if c[1][0] == "sco-games"],
                         ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_sco_games_commands_parse(page, argv):
    try:
        args = build_parser().parse_args(argv[1:])
    except SystemExit as e:  # argparse's way of saying "bad usage"
        pytest.fail(f"{page}: `{shlex.join(argv)}` is not a valid sco-games command (exit {e.code})")
    assert callable(args.func)


def _parameters(notebook: Path) -> set[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    cell = next(c for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    return set(re.findall(r"^(\w+)\s*=", "".join(cell["source"]), re.M))


@pytest.mark.parametrize("page, argv", [c for c in COMMANDS if c[1][0] == "papermill"],
                         ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_papermill_commands_name_a_notebook_and_its_parameters(page, argv):
    notebook = ROOT / argv[1]
    assert notebook.is_file(), f"{page}: no notebook {argv[1]}"
    given = set()
    for flag, value in zip(argv, argv[1:], strict=False):
        if flag == "-p":
            given.add(value)
        elif flag == "-y":
            given |= set(yaml.safe_load(value))
    assert given, f"{page}: `{shlex.join(argv)}` passes no parameter"
    assert given <= _parameters(notebook), (page, given - _parameters(notebook))


@pytest.mark.parametrize("page, argv", [c for c in COMMANDS if c[1][0] == "make"],
                         ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_make_commands_are_targets(page, argv):
    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    assert set(argv[1:]) <= targets, (page, argv)


def test_the_reference_lists_every_public_module():
    listed = (DOCS / "reference" / "index.md").read_text(encoding="utf-8")
    public = ["sco_games.theory", "sco_games.scenario", "sco_games.uncertainty", "sco_games.figures",
              "sco_games.batch.cli"] + [f"sco_games.models.{s}" for s in SECTIONS]
    assert [m for m in public if not re.search(rf"^\s+{re.escape(m)}$", listed, re.M)] == []


def _offline_check():
    spec = importlib.util.spec_from_file_location("check_offline", DOCS / "_check_offline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_offline_check_flags_only_what_the_browser_would_fetch(tmp_path):
    check = _offline_check()
    (tmp_path / "ok.html").write_text('<script src="_static/doctools.js"></script>'
                                      '<a href="https://example.org">a link to click</a>')
    assert check.external_loads(tmp_path) == []
    assert check.main([str(tmp_path)]) == 0
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.html").write_text(
        '<link rel="stylesheet" href="//cdn.example.org/x.css">'
        "<script async src='https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js'></script>")
    found = check.external_loads(tmp_path)
    assert [line.split(":")[0] for line in found] == ["sub/bad.html", "sub/bad.html"]
    assert check.main([str(tmp_path)]) == 1
    assert check.main([str(tmp_path / "missing")]) == 2
