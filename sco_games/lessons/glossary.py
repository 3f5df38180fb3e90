"""The glossary a student meets in the reports, written once, as data. Each entry: the term as shown, a plain
definition, and where in the paper (Iwashita) or the literature it comes from.

>>> GLOSSARY["regret"].term
'regret'
>>> all(t.definition.endswith(".") for t in GLOSSARY.values())
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GLOSSARY", "Term", "terms"]


@dataclass(frozen=True)
class Term:
    """One glossary entry: ``term`` as shown, its ``definition`` (plain words) and a ``source``."""

    term: str
    definition: str
    source: str


_ENTRIES = [
    Term(
        "Nash equilibrium",
        "A choice for each player (a profile) from which no player can gain by changing "
        "its own choice alone, the others' choices fixed.",
        "Nash (1951)",
    ),
    Term(
        "pure and mixed strategy",
        "A pure strategy is one choice made for sure; a mixed strategy picks among "
        "choices with fixed probabilities. A game can have pure and mixed equilibria at once.",
        "Nash (1951)",
    ),
    Term(
        "regret",
        "For a profile, the most any player could gain by deviating alone. It is zero at an exact "
        "equilibrium; every equilibrium in these reports is checked to have a regret within a tiny tolerance "
        "(rounding), so none is printed that is not one.",
        "standard check of a computed equilibrium",
    ),
    Term(
        "degenerate game",
        "A game in which some (mixed) strategy using k choices has more than k best replies "
        "(ties between payoffs): then equilibria can come in whole segments instead of isolated points, and "
        "simple solvers can miss some of them.",
        "von Stengel (2002)",
    ),
    Term(
        "dominant strategy",
        "A strategy that pays a player more than every other whatever the others do "
        "(strictly dominant), or never less and sometimes more (weakly dominant). If both sides have a "
        "strictly "
        "dominant strategy, the 'game' is two separate decisions.",
        "standard",
    ),
    Term(
        "grim trigger",
        "A rule for a repeated game: cooperate as long as the other side does; after one "
        "deviation, punish forever by playing a one-shot equilibrium.",
        "Friedman (1971)",
    ),
    Term(
        "δ* (critical discount factor)",
        "The smallest weight on the future (0: only today counts; 1: the future "
        "counts as much as today) at which grim trigger keeps a cooperative profile: δ* = (T − R)/(T − P), "
        "with R the payoff of cooperating, T of the best deviation and P of the punishment. δ* = 0 means the "
        "profile needs no patience at all (it is already a one-shot equilibrium).",
        "Friedman (1971)",
    ),
    Term(
        "strategic triangle",
        "Three states and the signs of their three relations (friendly or hostile); "
        "Dittmer names the patterns ménage à trois, romantic triangle, stable marriage and unit veto.",
        "Dittmer (1981); paper §2-1",
    ),
    Term(
        "disagreement point",
        "What each side gets if bargaining fails: here either the continuing, peaceful "
        "dispute the paper describes, or war (our power-only benchmark).",
        "Nash (1950); paper §1-1",
    ),
    Term(
        "Nash bargaining solution",
        "The agreement that maximizes the product of both sides' gains over the "
        "disagreement point (weighted by bargaining power in the asymmetric version).",
        "Nash (1950)",
    ),
    Term(
        "Kalai-Smorodinsky solution",
        "The agreement on the frontier at which each side's gain is the same "
        "fraction of the most it could hope for.",
        "Kalai and Smorodinsky (1975)",
    ),
    Term(
        "Rubinstein bargaining",
        "Alternating offers over time: the side that is more patient (discounts the "
        "future less) gets more; as offers come faster the split tends to a Nash solution.",
        "Rubinstein (1982)",
    ),
    Term(
        "Fearon's bargaining range",
        "The splits both sides prefer to a costly war whose result they both "
        "expect: because war destroys value, such a range always exists when both expect the same outcome.",
        "Fearon (1995)",
    ),
    Term(
        "issue linkage (L)",
        "Value a side gets from any agreement beyond the issue itself: here China's gain "
        "from a settled border (stability, help against separatism), in units of China's value of the whole "
        "disputed area.",
        "paper §1-2",
    ),
    Term(
        "ideal point",
        "The policy a state likes best; it prefers policies closer to it (here, in a square of "
        "two dimensions: stance toward the US and depth of security cooperation).",
        "spatial voting models",
    ),
    Term(
        "status quo",
        "The policy that holds if nothing is adopted. A proposal must beat it to be adopted.",
        "Tsebelis (2002)",
    ),
    Term(
        "veto player",
        "An actor whose agreement is needed to change the status quo. Under the SCO's consensus "
        "rule every member is a veto player.",
        "Tsebelis (2002); paper Conclusion",
    ),
    Term(
        "winset",
        "The set of policies that every veto player prefers to the status quo: the proposals that "
        "could pass. More veto players, or a status quo close to their ideal points, make it smaller.",
        "Tsebelis (2002)",
    ),
    Term(
        "Shapley value",
        "A way to share what a group can achieve by each member's average contribution "
        "over all the orders in which the group could form.",
        "Shapley (1953)",
    ),
    Term(
        "core",
        "The shares of the total that no group of members could beat on its own; if it is empty, "
        "some group always has a reason to break away.",
        "Gillies (1959)",
    ),
]

#: term -> entry, in the order above
GLOSSARY: dict[str, Term] = {("delta*" if t.term.startswith("δ*") else t.term): t for t in _ENTRIES}


def terms(*keys: str) -> tuple[Term, ...]:
    """The entries of ``keys`` (glossary keys), in the order given; an unknown key is an error.

    >>> [t.term for t in terms("winset", "veto player")]
    ['winset', 'veto player']
    """
    missing = [k for k in keys if k not in GLOSSARY]
    if missing:
        raise KeyError(f"not in the glossary: {missing}; known: {sorted(GLOSSARY)}")
    return tuple(GLOSSARY[k] for k in keys)
