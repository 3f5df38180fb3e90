"""How results read: probabilities as short fractions, mixed strategies in words, tables as text and HTML.

Knows nothing of any game class: it formats numbers and labels, so that every public result of
:mod:`sco_games.theory` prints the same way (no ``np.float64(...)``, no ``-0.0``).

>>> fmt_mixed([2 / 3, 1 / 3, 0.0], ["Opera", "Football", "Ballet"])
'2/3 Opera + 1/3 Football'
>>> clean(-1e-17), clean(0.1 + 0.2)
(0.0, 0.3)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from html import escape

__all__ = ["clean", "fmt_prob", "fmt_mixed", "table_text", "table_html"]


def clean(x: float, digits: int = 6) -> float:
    """``x`` as a plain Python float rounded to ``digits`` decimals, ``-0.0`` turned into ``0.0``."""
    return round(float(x), digits) + 0.0


def fmt_prob(p: float) -> str:
    """A probability as the nearest fraction with denominator <= 1000 when within 1e-9, else 4 digits."""
    f = Fraction(float(p)).limit_denominator(1000)
    if abs(float(f) - p) < 1e-9:
        return f"{f.numerator}/{f.denominator}" if f.denominator != 1 else str(f.numerator)
    return f"{p:.4g}"


def fmt_mixed(v: Sequence[float], labels: Sequence[str]) -> str:
    """A mixed strategy in words: the label alone if pure, else ``p label + q label`` over its support."""
    terms = [(p, lab) for p, lab in zip(v, labels, strict=True) if p > 0]
    if len(terms) == 1:
        return terms[0][1]
    return " + ".join(f"{fmt_prob(p)} {lab}" for p, lab in terms)


def table_text(head: Sequence[str], rows: Sequence[Sequence[str]], footer: str = "") -> str:
    """A plain-text table: the header, a rule, one line per row (columns padded), then ``footer``.

    >>> print(table_text(["a", "bb"], [["1", "2"]], "done"))
    a  bb
    -  --
    1  2
    done
    """
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
             for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines + ([footer] if footer else []))


def table_html(head: Sequence[str], rows: Sequence[Sequence[str]], footer: str = "") -> str:
    """The same table as escaped HTML (for Jupyter's ``_repr_html_``)."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    out = f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"
    return out + (f"<p>{escape(footer)}</p>" if footer else "")
