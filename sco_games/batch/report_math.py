"""TeX formulas in rendered Markdown -> MathML, so reports show formulas offline.

Jupyter renders ``$...$`` and ``$$...$$`` with MathJax, which nbconvert loads from a CDN. Browsers
render MathML natively (Chromium since 109, Firefox, Safari), so the report builder converts each
formula once, at export time, with ``latex2mathml``; a formula it cannot convert stays as its TeX
source in ``<code>``. Only Markdown output is touched (never code, tables of numbers or figures).

>>> out = markdown_math_to_mathml('<div class="jp-RenderedMarkdown">If $x^2 &lt; 1$ then</div>')
>>> "<math" in out and "<mo>&#x0003C;</mo>" in out and "$" not in out
True
>>> markdown_math_to_mathml('<div class="jp-RenderedMarkdown">costs US$ 5 and $ 6</div>')
'<div class="jp-RenderedMarkdown">costs US$ 5 and $ 6</div>'
"""

from __future__ import annotations

import html
import re

__all__ = ["tex_to_mathml", "markdown_math_to_mathml"]

_MARKDOWN_DIV = re.compile(r"(<div[^>]*\bjp-RenderedMarkdown\b[^>]*>)(.*?)(</div>)", re.S)
_CODE = re.compile(r"(<(code|pre)\b.*?</\2>)", re.S)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
# inline: $...$ not touching whitespace inside, not preceded by a word char/backslash/$ (so "US$ 5" stays)
_INLINE = re.compile(r"(?<![\\$\w])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?![\w$])")


def tex_to_mathml(tex: str, display: bool = False) -> str:
    """One TeX formula as MathML (or its escaped source in ``<code>`` if it cannot be converted).

    >>> tex_to_mathml("x_1").startswith("<math")
    True
    """
    from latex2mathml.converter import convert

    try:
        return convert(tex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many kinds of errors on unsupported TeX
        delim = "$$" if display else "$"
        return f"<code>{html.escape(delim + tex + delim)}</code>"


def _convert_text(segment: str) -> str:
    segment = _DISPLAY.sub(lambda m: tex_to_mathml(html.unescape(m.group(1)), display=True), segment)
    return _INLINE.sub(lambda m: tex_to_mathml(html.unescape(m.group(1))), segment)


def _convert_region(body: str) -> str:
    parts = _CODE.split(body)
    out = []
    i = 0
    while i < len(parts):
        out.append(_convert_text(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])  # a <code>/<pre> block, untouched
        i += 3
    return "".join(out)


def markdown_math_to_mathml(page: str) -> str:
    """Convert the formulas inside every rendered-Markdown block of an nbconvert HTML page."""
    return _MARKDOWN_DIV.sub(lambda m: m.group(1) + _convert_region(m.group(2)) + m.group(3), page)
