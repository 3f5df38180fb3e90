"""Tests of sco_games.data.unga (UN General Assembly agreement) and of tools/derive_unvotes.py.

The agreement index is checked on hand-made vote tables whose answers are computed by hand in the comments;
the shipped table against an independent re-derivation from the R package's files (pandas, vectorised),
when those files and pyreadr are present.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import importlib.util
import itertools
from pathlib import Path

import pytest

from sco_games import data
from sco_games.data import unga
from sco_games.data.unga import agreement_table, series
from tests.conftest import ROOT

UNVOTES = Path("/work/shared/data/unvotes")


def _tool():
    spec = importlib.util.spec_from_file_location("derive_unvotes", ROOT / "tools" / "derive_unvotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ the agreement index, by hand

HAND = [
    # roll call 1 (1992): US yes, RU yes, CN no          -> US-RU agree 1, US-CN 0, RU-CN 0
    (1, 1992, "US", "yes"), (1, 1992, "RU", "yes"), (1, 1992, "CN", "no"),
    # roll call 2 (1992): US no, RU abstain, CN absent    -> US-RU 1/2; CN not counted
    (2, 1992, "US", "no"), (2, 1992, "RU", "abstain"),
    # roll call 3 (1992): US abstain, RU abstain, CN yes  -> US-RU 1 (identical), US-CN 1/2, RU-CN 1/2
    (3, 1992, "US", "abstain"), (3, 1992, "RU", "abstain"), (3, 1992, "CN", "yes"),
    # roll call 4 (1993): US yes, CN yes; RU absent       -> US-CN 1; no US-RU or RU-CN row in 1993
    (4, 1993, "US", "yes"), (4, 1993, "CN", "yes"),
]


def test_agreement_on_a_hand_made_table():
    rows = agreement_table(HAND, [("US", "RU"), ("US", "CN"), ("RU", "CN")])
    got = {(r.year, r.pair): (r.n_votes, r.agreement, r.identical) for r in rows}
    assert got == {
        (1992, "US-RU"): (3, (1 + 0.5 + 1) / 3, 2 / 3),
        (1992, "US-CN"): (2, (0 + 0.5) / 2, 0.0),
        (1992, "RU-CN"): (2, (0 + 0.5) / 2, 0.0),
        (1993, "US-CN"): (1, 1.0, 1.0),
    }
    assert [(r.year, r.pair) for r in rows] == [(1992, "US-RU"), (1992, "US-CN"), (1992, "RU-CN"),
                                                (1993, "US-CN")]


def test_agreement_is_symmetric_and_dates_are_the_joint_votes():
    d = [_dt.date(1992, 10, 1), _dt.date(1992, 12, 1), _dt.date(1993, 4, 1)]
    votes = [(1, 1992, "A", "yes", d[0]), (1, 1992, "B", "no", d[0]), (2, 1992, "A", "yes", d[1]),
             (2, 1992, "B", "yes", d[1]), (3, 1992, "A", "no", d[2])]  # B absent from the last one
    ab, ba = agreement_table(votes, [("A", "B")])[0], agreement_table(votes, [("B", "A")])[0]
    assert (ab.agreement, ab.identical, ab.n_votes) == (0.5, 0.5, 2)
    assert (ba.agreement, ba.identical, ba.n_votes) == (0.5, 0.5, 2)
    assert (ab.first_vote, ab.last_vote) == (d[0], d[1])


@pytest.mark.parametrize("bad, match", [
    ([(1, 1992, "US", "maybe")], "must be one of yes, abstain, no"),
    ([(1, 1992, "US")], r"a vote is \(rcid, year, country, vote"),
    ([(1, 1992, "US", "yes"), (1, 1992, "US", "no")], "US votes twice"),
])
def test_bad_votes_are_clear_errors(bad, match):
    with pytest.raises(ValueError, match=match):
        agreement_table(bad, [("US", "RU")])


# ------------------------------------------------------------------ the shipped table

def test_the_shipped_table_loads_through_the_one_loader():
    assert "unga_agreement.csv" in data.data_files()
    raw = data.load("unga_agreement.csv")
    assert set(raw["rows"][0]) == {"year", "a", "b", "n_votes", "agreement", "identical", "first_vote",
                                   "last_vote"}
    rows = unga.agreement_rows()
    assert {r.year for r in rows} == set(range(1992, 2020))
    assert all(0 <= r.identical <= r.agreement <= 1 and r.n_votes > 0 for r in rows)
    head = unga.provenance()
    for must in ("unvotes 0.3.0", "Voeten", "hdl:1902.1/12379", "Lijphart", "MIT License",
                 "Copyright (c) 2016 David Robinson", "Permission is hereby granted", "SHA-256",
                 "1945 + session"):
        assert must in head, must


def test_series_until_a_date_keeps_only_sessions_already_over():
    full = series("RU", "US")
    assert full.pair == "US-RU" and full.label == "United States-Russia"
    assert full.years == tuple(range(1992, 2020))
    cut = _dt.date(2001, 6, 15)
    early = series("US", "RU", until=cut)
    last = {r.year: r.last_vote for r in unga.agreement_rows() if r.pair == "US-RU"}
    assert early.years == tuple(y for y in full.years if last[y] < cut)
    assert early.years[0] == 1992 and last[early.years[-1] + 1] >= cut
    assert early.agreement == full.agreement[: len(early.years)]
    with pytest.raises(ValueError, match="no pair US-XX .* known pairs: .*US-RU"):
        series("US", "XX")


def test_the_tool_writes_an_atomic_csv_that_the_loader_reads(tmp_path):
    tool = _tool()
    rows = agreement_table(HAND, [("US", "RU")])
    out = tmp_path / "t.csv"
    tool.write_atomically(out, tool.csv_text(rows, ["made by hand", "second line"]))
    parsed = data._parse_csv(out.read_text())
    assert parsed["header"] == ["made by hand", "second line"]
    assert parsed["rows"][0]["agreement"] == f"{2.5 / 3:.6f}" and parsed["rows"][0]["a"] == "US"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_the_tool_refuses_a_folder_without_the_data(tmp_path, capsys):
    with pytest.raises(SystemExit):
        _tool().main([str(tmp_path)])
    assert "missing un_votes.rda, un_roll_calls.rda" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not (UNVOTES / "un_votes.rda").is_file() or importlib.util.find_spec("pyreadr") is None,
                    reason="needs the unvotes data files and pyreadr (dev extra)")
def test_the_shipped_table_matches_an_independent_derivation():
    """Re-derive the agreement from the .rda files with pandas (a vectorised merge, not agreement_table)
    and compare with the shipped table; the input checksums must match the header's."""
    import pyreadr

    head = unga.provenance()
    for name in ("un_votes.rda", "un_roll_calls.rda"):
        assert hashlib.sha256((UNVOTES / name).read_bytes()).hexdigest() in head
    votes = pyreadr.read_r(str(UNVOTES / "un_votes.rda"))["un_votes"]
    calls = pyreadr.read_r(str(UNVOTES / "un_roll_calls.rda"))["un_roll_calls"]
    v = votes.merge(calls[["rcid", "session"]], on="rcid")
    v = v[(v.session >= 47) & v.country_code.isin(list(unga.COUNTRIES))]
    v = v.assign(year=v.session + 1945, x=v.vote.astype(str).map({"yes": 1.0, "abstain": 0.5, "no": 0.0}))
    shipped = {(r.year, r.a, r.b): r for r in unga.agreement_rows()}
    n = 0
    for a, b in itertools.combinations(unga.COUNTRIES, 2):
        m = v[v.country_code == a].merge(v[v.country_code == b], on=["rcid", "year"])
        g = m.assign(d=(m.x_x - m.x_y).abs(), s=(m.x_x == m.x_y)).groupby("year")
        for year, grp in g:
            r = shipped[(int(year), a, b)]
            assert r.n_votes == len(grp)
            assert r.agreement == pytest.approx(1 - grp.d.mean(), abs=1e-6)
            assert r.identical == pytest.approx(grp.s.mean(), abs=1e-6)
            n += 1
    assert n == len(shipped)


def test_the_caveat_gives_the_vote_counts_of_the_table():
    from sco_games.models.partnership.second_axis import CAVEATS

    n = [r.n_votes for r in unga.agreement_rows() if r.pair in ("US-RU", "US-CN", "RU-CN")]
    assert f"{min(n)} to {max(n)} recorded votes a session" in CAVEATS[0]
