"""The strategic triangle (Dittmer 1981, "The Strategic Triangle: An Elementary Game-Theoretical
Analysis", World Politics 33(4)): three states and the sign of each bilateral relation.

Patterns, from the signs of the three relations (+ amity, - enmity):

* **ménage à trois** (+, +, +): every state is a friend of both others;
* **romantic triangle** (two +, one -): a *pivot* friendly with two *wings* who are hostile to each other;
* **stable marriage** (one +, two -): two *partners* and an *outcast* hostile to both;
* **unit veto** (-, -, -): everyone against everyone.

Each state's score is ``s_i = r_ij + r_ik - r_jk`` (its two relations, minus the relation between the
other two): with signs ±1 this is pivot 3, partner 1 (in a marriage and in a ménage à trois), wing -1,
antagonist -1 (unit veto), outcast -3. The same formula on the relations' values gives a graded score.

The triangle is structurally balanced (Heider; Cartwright and Harary 1956) iff the product of the three
signs is positive: ménage à trois and stable marriage are balanced, romantic triangle and unit veto
are not.

Zero relations: a relation of exactly 0 has no sign and no pattern; :func:`classify_triangle` raises
``ValueError`` naming it (the scenario loader rejects 0 before this is reached).

>>> t = classify_triangle(("Russia", "China", "US"), {("Russia", "China"): 1, ("Russia", "US"): 1,
...                                                   ("China", "US"): -1})
>>> t.pattern, t.pivot, t.roles["Russia"], t.sign_scores["Russia"], t.balanced
('romantic triangle', 'Russia', 'pivot', 3, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

__all__ = ["PATTERNS", "ROLE_SCORES", "Triangle", "classify_triangle"]

PATTERNS = ("ménage à trois", "romantic triangle", "stable marriage", "unit veto")

#: The sign score of each role (s_i = r_ij + r_ik - r_jk with r = ±1).
ROLE_SCORES = {"pivot": 3, "partner": 1, "wing": -1, "antagonist": -1, "outcast": -3}


@dataclass(frozen=True)
class Triangle:
    """A classified strategic triangle.

    ``relations`` maps each pair (in the order of ``states``) to its value; ``signs`` to ±1;
    ``roles``/``sign_scores``/``value_scores`` are per state; ``pivot`` (romantic triangle) and
    ``outcast`` (stable marriage) name the special state or are ``None``.
    """

    states: tuple[str, str, str]
    relations: dict[tuple[str, str], float]
    signs: dict[tuple[str, str], int]
    pattern: str
    roles: dict[str, str]
    sign_scores: dict[str, int]
    value_scores: dict[str, float]
    balanced: bool
    pivot: str | None
    outcast: str | None
    method: str = "Dittmer (1981) sign patterns; score s_i = r_ij + r_ik - r_jk; balance = sign product > 0"

    def relation(self, a: str, b: str) -> float:
        """The relation between ``a`` and ``b`` (either order)."""
        return self.relations[(a, b)] if (a, b) in self.relations else self.relations[(b, a)]

    def sign(self, a: str, b: str) -> int:
        return self.signs[(a, b)] if (a, b) in self.signs else self.signs[(b, a)]


def classify_triangle(states: Sequence[str], relations: Mapping[tuple[str, str], float]) -> Triangle:
    """Classify the triangle of three ``states`` from the three bilateral ``relations``.

    ``relations`` maps each unordered pair (either order) to a finite non-zero number; its sign is
    amity (+) or enmity (-). Raises ``ValueError`` if a state is repeated, a pair is missing or
    extra, or a relation is zero or not finite.

    >>> classify_triangle("ABC", {("A", "B"): -1, ("A", "C"): -1, ("B", "C"): 1}).outcast
    'A'
    """
    st = tuple(str(s) for s in states)
    if len(st) != 3 or len(set(st)) != 3:
        raise ValueError(f"classify_triangle: states must be three distinct names, got {states!r}")
    pairs = list(combinations(st, 2))
    vals: dict[tuple[str, str], float] = {}
    for a, b in pairs:
        if (a, b) in relations and (b, a) in relations:
            raise ValueError(f"classify_triangle: relation {a}-{b} given twice, in both orders")
        key = (a, b) if (a, b) in relations else (b, a)
        if key not in relations:
            raise ValueError(f"classify_triangle: relation {a}-{b} is missing")
        v = float(relations[key])
        if not np.isfinite(v):
            raise ValueError(f"classify_triangle: relation {a}-{b} must be finite, got {v}")
        if v == 0:
            raise ValueError(
                f"classify_triangle: relation {a}-{b} is 0 (neutral): Dittmer's patterns need a sign "
                "(+ amity, - enmity); give it a small positive or negative value"
            )
        vals[(a, b)] = v
    extra = [k for k in relations if k not in vals and (k[1], k[0]) not in vals]
    if extra:
        raise ValueError(f"classify_triangle: relations {extra} name states outside {st}")
    signs = {k: (1 if v > 0 else -1) for k, v in vals.items()}

    def r(a: str, b: str, table: Mapping) -> float:
        return table[(a, b)] if (a, b) in table else table[(b, a)]

    sign_scores: dict[str, int] = {}
    value_scores: dict[str, float] = {}
    for i in st:
        j, k = (x for x in st if x != i)
        sign_scores[i] = int(r(i, j, signs) + r(i, k, signs) - r(j, k, signs))
        value_scores[i] = float(r(i, j, vals) + r(i, k, vals) - r(j, k, vals))

    n_pos = sum(1 for s in signs.values() if s > 0)
    pivot = outcast = None
    if n_pos == 3:
        pattern = "ménage à trois"
        roles = {i: "partner" for i in st}
    elif n_pos == 2:
        pattern = "romantic triangle"
        pivot = next(i for i in st if sign_scores[i] == 3)
        roles = {i: ("pivot" if i == pivot else "wing") for i in st}
    elif n_pos == 1:
        pattern = "stable marriage"
        outcast = next(i for i in st if sign_scores[i] == -3)
        roles = {i: ("outcast" if i == outcast else "partner") for i in st}
    else:
        pattern = "unit veto"
        roles = {i: "antagonist" for i in st}
    balanced = int(np.prod(list(signs.values()))) > 0
    return Triangle(states=st, relations=vals, signs=signs, pattern=pattern, roles=roles,
                    sign_scores=sign_scores, value_scores=value_scores, balanced=balanced,
                    pivot=pivot, outcast=outcast)
