"""Derive ``sco_games/data/unga_agreement.csv`` from the R package ``unvotes`` 0.3.0's data files.

    .venv/bin/python tools/derive_unvotes.py /path/to/unvotes [--out sco_games/data/unga_agreement.csv]

The folder holds ``un_votes.rda`` and ``un_roll_calls.rda`` as CRAN's ``unvotes`` 0.3.0 ships them (with its
DESCRIPTION and LICENSE). They are read with ``pyreadr`` (the ``dev`` extra: a tool-time dependency, never
needed at run time). The votes of the states of :data:`sco_games.data.unga.COUNTRIES` in sessions 47 (1992)
onwards go through :func:`sco_games.data.unga.agreement_table`; the result is written atomically, with a
``#`` header giving the source, the citation, the licence (MIT, its full notice), the derivation and the
SHA-256 of the input files.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import itertools
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sco_games.data.unga import COUNTRIES, FIRST_YEAR, VOTE_VALUES, AgreementRow, agreement_table

INPUTS = ("un_votes.rda", "un_roll_calls.rda")
COLUMNS = ("year", "a", "b", "n_votes", "agreement", "identical", "first_vote", "last_vote")

MIT = """MIT License (unvotes: "MIT + file LICENSE"; LICENSE: YEAR: 2016, COPYRIGHT HOLDER: David Robinson)
Copyright (c) 2016 David Robinson
Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:
The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""


def header(checksums: dict[str, str], version: str) -> list[str]:
    """The provenance lines of the table (without ``# ``)."""
    return [
        "UN General Assembly agreement scores, 1992-2019, by session-year and pair of states (sco-games).",
        "Source: the data files of the R package unvotes " + version + " (CRAN, 2021-03-09; David Robinson, "
        "https://github.com/dgrtwo/unvotes), which package Erik Voeten's UNGA roll-call data:",
        "  Voeten, E., Strezhnev, A. and Bailey, M., 'United Nations General Assembly Voting Data', Harvard "
        "Dataverse, hdl:1902.1/12379; Voeten, E. (2013), 'Data and Analyses of Voting in the UN General "
        "Assembly', Routledge Handbook of International Organization, ed. B. Reinalda.",
        "Derived by tools/derive_unvotes.py with sco_games.data.unga.agreement_table:",
        "  votes of " + ", ".join(f"{c} ({n})" for c, n in COUNTRIES.items())
        + " in un_votes (yes/no/abstain; absences are not in the data), joined to un_roll_calls for the "
        "session and date;",
        f"  year = 1945 + session, sessions {FIRST_YEAR - 1945} ({FIRST_YEAR}) onwards (until 1991 the seat "
        "coded RU was the Soviet Union's);",
        "  agreement = Lijphart's index of agreement (APSR 1963) over roll calls both states voted in: "
        + ", ".join(f"{k} = {v:g}" for k, v in VOTE_VALUES.items()) + ", agreement = 1 - mean |a - b|;",
        "  identical = share of identical votes; first_vote/last_vote = dates of the pair's first and last "
        "joint roll call of the session-year.",
        "Inputs (SHA-256): " + "; ".join(f"{k} {v}" for k, v in checksums.items()),
        *MIT.splitlines(),
    ]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_votes(folder: Path) -> list[tuple[int, int, str, str, _dt.date]]:
    """(rcid, year, country, vote, date) of the table's states, sessions from 1992 on (needs pyreadr)."""
    try:
        import pyreadr
    except ImportError:
        sys.exit("derive_unvotes: needs pyreadr (the dev extra): .venv/bin/pip install -e '.[dev]'")
    votes = pyreadr.read_r(str(folder / "un_votes.rda"))["un_votes"]
    calls = pyreadr.read_r(str(folder / "un_roll_calls.rda"))["un_roll_calls"]
    first_session = FIRST_YEAR - 1945
    calls = calls[calls["session"] >= first_session]
    votes = votes[votes["country_code"].isin(list(COUNTRIES))]
    joined = votes.merge(calls[["rcid", "session", "date"]], on="rcid", how="inner")
    return [(int(r.rcid), 1945 + int(r.session), str(r.country_code), str(r.vote),
             _as_date(r.date)) for r in joined.itertuples(index=False)]


def _as_date(value) -> _dt.date:
    return value.date() if hasattr(value, "date") and callable(value.date) else _dt.date.fromisoformat(
        str(value)[:10])


def csv_text(rows: Sequence[AgreementRow], lines: Sequence[str]) -> str:
    """The table as text: ``# `` header lines, the column line, one line per row (6 decimals)."""
    out = [f"# {ln}" for ln in lines] + [",".join(COLUMNS)]
    for r in rows:
        out.append(",".join([str(r.year), r.a, r.b, str(r.n_votes), f"{r.agreement:.6f}",
                             f"{r.identical:.6f}", r.first_vote.isoformat() if r.first_vote else "",
                             r.last_vote.isoformat() if r.last_vote else ""]))
    return "\n".join(out) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path,
                    help="folder with un_votes.rda and un_roll_calls.rda (unvotes 0.3.0)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "sco_games" / "data"
                    / "unga_agreement.csv")
    args = ap.parse_args(argv)
    missing = [n for n in INPUTS if not (args.source / n).is_file()]
    if missing:
        ap.error(f"{args.source}: missing {', '.join(missing)} (the data files of the R package unvotes)")
    desc = args.source / "DESCRIPTION"
    version = next((ln.split(":", 1)[1].strip() for ln in desc.read_text().splitlines()
                    if ln.startswith("Version:")), "?") if desc.is_file() else "?"
    checksums = {n: sha256(args.source / n) for n in INPUTS}
    pairs = list(itertools.combinations(COUNTRIES, 2))
    rows = agreement_table(read_votes(args.source), pairs)
    write_atomically(args.out, csv_text(rows, header(checksums, version)))
    print(f"wrote {args.out}: {len(rows)} rows, years {rows[0].year}-{rows[-1].year}, {len(pairs)} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
