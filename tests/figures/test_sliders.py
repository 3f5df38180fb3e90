"""The slider figures: one frame and one slider step per precomputed frame, opening at the scenario's coded
value (not playing), every frame's subtitle naming that frame's result, scenario text escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from sco_games.figures import html_snippet, sliders
from sco_games.models import border, enlargement
from sco_games.models import partnership as pm
from sco_games.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scen():
    return load_scenario(ROOT / "params" / "founding_2001.yaml")


def _check(fig, n: int, active_label: str) -> None:
    steps = fig.layout.sliders[0].steps
    assert len(fig.frames) == len(steps) == n
    assert [s.args[0][0] for s in steps] == [f.name for f in fig.frames]
    assert active_label in steps[fig.layout.sliders[0].active].label
    snippet = html_snippet(fig)
    assert "Plotly.addFrames" in snippet and "Plotly.animate(" not in snippet  # no autoplay on load


def test_stake_slider(scen):
    fs = pm.stake_frames(scen.partnership, "China")
    fig = sliders.stake_slider_figure(fs)
    _check(fig, len(fs.frames), "coded")
    for fr, f in zip(fig.frames, fs.frames, strict=True):
        assert f.label in fr.layout.title.text
        assert len(fr.data[1].x) == sum(1 for e in f.equilibria if e[4])  # one star per pure equilibrium
    assert fig.layout.title.text == fig.frames[fig.layout.sliders[0].active].layout.title.text


def test_linkage_slider(scen):
    fs = border.linkage_frames(scen.border)
    fig = sliders.linkage_slider_figure(fs)
    _check(fig, fs.linkage.size, "prior")
    i = fig.layout.sliders[0].active
    assert fs.linkage[i] == fs.prior
    assert fig.frames[i].data[0].y[0] == pytest.approx(100 * fs.share("dispute", "nash", i))


def test_status_quo_slider_escapes_member_names(scen):
    fs = enlargement.status_quo_frames(scen.enlargement, axis=1, n=5)
    fs = type(fs)(fs.axis, fs.range, fs.coded, {"<b>X</b>": (0.0, 0.0), **fs.ideal}, fs.statement,
                  tuple(type(f)(f.status_quo, {"<b>X</b>": 0.5, **f.radius}, f.winset_area,
                                f.pass_probability, f.blockers, f.winset_points) for f in fs.frames))
    fig = sliders.status_quo_slider_figure(fs)
    _check(fig, len(fs.frames), "coded")
    assert "&lt;b&gt;X&lt;/b&gt;" in fig.data[3].text
    for fr, f in zip(fig.frames, fs.frames, strict=True):
        assert f"{f.winset_area:.3f}" in fr.layout.title.text
