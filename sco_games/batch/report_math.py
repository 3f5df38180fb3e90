"""TeX formulas in rendered Markdown -> MathML, so reports show formulas offline.

Jupyter renders ``$...$`` and ``$$...$$`` with MathJax, which nbconvert loads from a CDN. Browsers
render MathML natively (Chromium since 109, Firefox, Safari), so the report builder converts each
formula once, at export time, with ``latex2mathml``; a formula it cannot convert stays as its TeX
source in ``<code>``. Only the text of Markdown output is touched: never code, tables of numbers or
figures, never a tag or an attribute (a heading's anchor id), and never text marked
``<span class="mathjax_ignore">``, the class MathJax also skips, which :func:`sco_games.markup.md_text`
puts around a scenario's text when it holds a ``$`` or a backslash (so it shows as typed).

>>> out = markdown_math_to_mathml('<div class="jp-RenderedMarkdown">If $x^2 &lt; 1$ then</div>')
>>> "<math" in out and "<mo>&#x0003C;</mo>" in out and "$" not in out
True
>>> markdown_math_to_mathml('<div class="jp-RenderedMarkdown">costs US$ 5 and $ 6</div>')
'<div class="jp-RenderedMarkdown">costs US$ 5 and $ 6</div>'
>>> markdown_math_to_mathml('<div class="jp-RenderedMarkdown"><h2 id="a-$x$">a <span class="mathjax_ignore">'
...                         '$x$</span></h2></div>')
'<div class="jp-RenderedMarkdown"><h2 id="a-$x$">a <span class="mathjax_ignore">$x$</span></h2></div>'
"""

from __future__ import annotations

import html
import re

__all__ = ["tex_to_mathml", "markdown_math_to_mathml"]

_MARKDOWN_DIV = re.compile(r"(<div[^>]*\bjp-RenderedMarkdown\b[^>]*>)(.*?)(</div>)", re.S)
# left as they are: code and preformatted blocks, text marked as no-math, and every other tag
_SKIP = re.compile(r"<(code|pre)\b.*?</\1>|<span class=\"mathjax_ignore\">[^<]*</span>|<[^>]*>", re.S)
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
    out, last = [], 0
    for m in _SKIP.finditer(body):
        out.append(_convert_text(body[last:m.start()]))
        out.append(m.group(0))  # a tag, a <code>/<pre> block or no-math text, untouched
        last = m.end()
    out.append(_convert_text(body[last:]))
    return "".join(out)


def markdown_math_to_mathml(page: str) -> str:
    """Convert the formulas inside every rendered-Markdown block of an nbconvert HTML page."""
    return _MARKDOWN_DIV.sub(lambda m: m.group(1) + _convert_region(m.group(2)) + m.group(3), page)
