"""The teacher's pack (``sco_games.batch.classroom``), built from a small fake reports folder: layout, zip,
relative links, the class index, and atomicity (a failure leaves any earlier pack and no temporary file)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from sco_games.batch import classroom
from sco_games.batch.classroom import ClassroomError, broken_links, build_pack


def _page(links: str = "") -> str:
    return (
        f'<html><head><script src="../assets/plotly.min.js"></script></head><body>'
        f'<a href="../index.html">all</a>{links}<details class="sco-answer"><summary>s</summary><p>a</p>'
        f"</details></body></html>"
    )


@pytest.fixture
def reports(tmp_path) -> Path:
    r = tmp_path / "reports"
    (r / "assets").mkdir(parents=True)
    (r / "assets" / "plotly.min.js").write_text("/* plotly */")
    for s, other in (("a_2001", "b_2002"), ("b_2002", "a_2001")):
        (r / s).mkdir()
        for nb in ("02_x", "03_y"):
            (r / s / f"{nb}.html").write_text(
                _page(
                    f'<a href="../{other}/{nb}.html">{other}</a>'
                    f'<a href="03_y.html">y</a><a href="https://doi.org/1">doi</a>'
                )
            )
            (r / s / f"{nb}.json").write_text(json.dumps({"headline": f"{s} {nb} <b>"}))
    return r


def test_pack_layout_zip_and_index(tmp_path, reports):
    pack = build_pack(tmp_path / "out" / "lesson", reports, ["a_2001", "b_2002"], ["02_x", "03_y"])
    root = pack.folder
    assert sorted(pack.pages) == [
        "a_2001/02_x.html",
        "a_2001/03_y.html",
        "b_2002/02_x.html",
        "b_2002/03_y.html",
        "index.html",
    ]
    assert (root / "assets" / "plotly.min.js").read_text() == "/* plotly */"
    assert broken_links(root) == []
    index = (root / "index.html").read_text()
    assert (
        'href="a_2001/02_x.html"' in index
        and "a_2001 02_x &lt;b&gt;" in index
        and "How to run a lesson" in index
    )
    names = zipfile.ZipFile(pack.zip_path).namelist()
    assert "lesson/index.html" in names and "lesson/assets/plotly.min.js" in names
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "lesson",
        "lesson.zip",
    ]  # no temporary left


def test_links_to_scenarios_left_out_become_text(tmp_path, reports):
    pack = build_pack(tmp_path / "p", reports, ["a_2001"], ["02_x", "03_y"])
    page = (pack.folder / "a_2001" / "02_x.html").read_text()
    assert '<span class="sco-absent" title="not in this pack">b_2002</span>' in page
    assert 'href="03_y.html"' in page and 'href="https://doi.org/1"' in page  # kept
    assert broken_links(pack.folder) == []


def test_a_missing_report_leaves_the_earlier_pack(tmp_path, reports):
    out = tmp_path / "p"
    build_pack(out, reports, ["a_2001"], ["02_x"])
    before = (out / "index.html").read_text()
    zip_before = (tmp_path / "p.zip").read_bytes()
    with pytest.raises(ClassroomError, match="04_z.html: missing"):
        build_pack(out, reports, ["a_2001", "b_2002"], ["02_x", "04_z"])
    assert (out / "index.html").read_text() == before and (tmp_path / "p.zip").read_bytes() == zip_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "p.zip", "reports"]


def test_a_failure_while_zipping_leaves_no_pack_and_no_temporary(tmp_path, reports, monkeypatch):
    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(classroom, "_zip", full_disk)
    with pytest.raises(ClassroomError, match="No space left"):
        build_pack(tmp_path / "p", reports, ["a_2001"], ["02_x"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_a_page_with_a_remote_script_is_refused(tmp_path, reports):
    (reports / "a_2001" / "02_x.html").write_text('<script src="https://cdn.example/x.js"></script>')
    with pytest.raises(ClassroomError, match="remote"):
        build_pack(tmp_path / "p", reports, ["a_2001"], ["02_x"])
    assert not (tmp_path / "p").exists()


def test_refuses_to_replace_a_folder_that_is_not_a_pack(tmp_path, reports):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("x")
    with pytest.raises(ClassroomError, match="not a pack"):
        build_pack(tmp_path / "mine", reports, ["a_2001"], ["02_x"])
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "x"


def test_broken_links_finds_a_missing_asset(tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "r.html").write_text(
        '<script src="../assets/plotly.min.js"></script><a href="#top">t</a>'
    )
    assert broken_links(tmp_path) == ["s/r.html -> ../assets/plotly.min.js"]


def test_the_command_names_an_unknown_scenario(capsys):
    from sco_games.batch.cli import main

    root = Path(__file__).resolve().parents[2]
    assert main(["classroom", "--root", str(root), "--scenario", "nope_1999", "--out", "/nonexistent/x"]) == 2
    err = capsys.readouterr().err
    assert "unknown scenario 'nope_1999'" in err and "Traceback" not in err
