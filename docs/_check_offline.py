"""Fail if a built page loads anything from outside the site: a ``<script src>``, ``<link href>``, ``<img src>``
or ``<iframe src>`` with an ``http(s)://`` or protocol-relative (``//``) address. Run by ``make docs`` after the
build: ``python docs/_check_offline.py docs/_build/html``. Links a reader clicks (``<a href>``) may leave the
site; nothing the browser fetches by itself may.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

EXTERNAL = re.compile(r"<(script|link|img|iframe)\b[^>]*?\b(src|href)\s*=\s*[\"']?(https?:)?//", re.I)


def external_loads(site: Path) -> list[str]:
    """One ``page: tag`` line for every external load in the site's ``.html`` pages."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for m in EXTERNAL.finditer(page.read_text(encoding="utf-8", errors="replace")):
            found.append(f"{page.relative_to(site)}: <{m.group(1)} {m.group(2)}={m.group(3) or ''}//...>")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python docs/_check_offline.py BUILT_HTML_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    pages = list(site.rglob("*.html"))
    if not pages:
        print(f"docs: no .html page in {site}", file=sys.stderr)
        return 1
    bad = external_loads(site)
    for line in bad:
        print(f"docs: loads from outside the site: {line}", file=sys.stderr)
    if not bad:
        print(f"docs: {len(pages)} pages, nothing loaded from outside the site")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
