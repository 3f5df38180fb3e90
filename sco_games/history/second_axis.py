"""The history notebook's section on claim P3, the "second axis" (paper §2-1, fn 26), against UN General
Assembly votes: every year of the table (1992-2019) and the sub-periods, with the verdict and its words.

The computation is the partnership model's (:mod:`sco_games.models.partnership.second_axis`): a dated
scenario's P3 (notebook 02) uses only the UN sessions over before its date; this section, looking back, uses
every year. The two can differ, and the section says so.

>>> sec = second_axis_section()
>>> sec.verdict.verdict in ("reproduced", "partly", "not reproduced", "not applicable")
True
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sco_games.markup import md_text
from sco_games.models.partnership.claims import CLAIM_TEXT, Verdict, p3_verdict
from sco_games.models.partnership.second_axis import (
    CAVEATS,
    DEFAULT_SEED,
    SecondAxisTest,
    second_axis_test,
    summary_text,
    table_rows,
)

__all__ = ["TABLE_COLUMNS", "SecondAxisSection", "second_axis_section"]

#: The columns of :attr:`SecondAxisSection.rows`.
TABLE_COLUMNS = ("period", "axis", "levels: r [95% interval] (n)",
                 "year-on-year changes: r [95% interval] (n)", "why these years")


@dataclass(frozen=True)
class SecondAxisSection:
    """Everything the section shows: the test over every year (``test``), its verdict, the verdicts of the
    dated scenarios (date -> verdict, from the votes known then), the table rows and the text (Markdown)."""

    test: SecondAxisTest
    verdict: Verdict
    dated: dict[_dt.date, Verdict]
    rows: tuple[tuple[str, str, str, str, str], ...]
    markdown: str

    def sidecar(self) -> dict:
        """Key results for a sidecar: the verdict and the main period's change correlations."""
        m = self.test.main
        return {
            "P3 verdict (UN votes, every year)": self.verdict.verdict,
            **{f"r of changes, {m.get(k, 'changes').axis} ({m.label})": round(m.get(k, "changes").r, 3)
               for k in (0, 1)},
            "P3 verdicts at the scenarios' dates": {str(d): v.verdict for d, v in self.dated.items()},
        }


def second_axis_section(dates: tuple[_dt.date, ...] = (), seed: int = DEFAULT_SEED) -> SecondAxisSection:
    """The section over every year of the UN-vote table; ``dates``: scenario dates whose P3 verdicts (votes
    known then) are set beside it; ``seed``: the bootstrap seed."""
    test = second_axis_test(None, seed)
    verdict = p3_verdict(None, seed)
    dated = {d: p3_verdict(d, seed) for d in sorted(dates)}
    lines = [
        f"**The claim** ({md_text(CLAIM_TEXT['P3'])}).",
        "",
        md_text(summary_text(test)),
        "",
        f"**Verdict over {test.main.label}: {verdict.verdict}** -- {md_text(verdict.because)}.",
        "",
        "The rule, fixed before the numbers were seen: the claim is reproduced if, for both Russia-US and "
        "China-US, the year-on-year changes correlate negatively with those of Russia-China and the 95% "
        "block-bootstrap interval lies below 0; partly if one does and the other's interval is not above 0; "
        "otherwise not reproduced.",
    ]
    if dated:
        lines += ["", "At the scenarios' dates (only the UN sessions over by then): "
                  + "; ".join(f"{d}: {v.verdict}" for d, v in dated.items())
                  + (". The verdict looking back differs from one known at a date." if any(
                      v.verdict != verdict.verdict for v in dated.values()) else
                     ". Looking back gives the same verdict.")]
    lines += ["", "What this test can and cannot show:", ""] + [f"* {md_text(c)}" for c in CAVEATS]
    return SecondAxisSection(test, verdict, dated, tuple(table_rows(test)), "\n".join(lines))
