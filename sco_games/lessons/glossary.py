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
    # the overview (notebook 01)
    Term(
        "scenario",
        "A state of the world at one date (e.g. June 2001, or 2002 after 9/11), written in a file under "
        "params/: every number the models use, each next to its source. Each report is run once per "
        "scenario.",
        "this suite (params/*.yaml)",
    ),
    Term(
        "sourced value and range",
        "A number of a scenario with the paper's section, footnote or data set it comes from; where "
        "sources disagree or the paper gives no number, a range that a careful reader could defend.",
        "this suite (params/*.yaml)",
    ),
    Term(
        "CINC",
        "The Composite Index of National Capability: a state's share of the world's military spending, "
        "troops, iron and steel, energy use, population and urban population, averaged (0.1 = a tenth of "
        "the world's material capabilities).",
        "Singer, Bremer and Stuckey (1972); Correlates of War, NMC 6.0",
    ),
    Term(
        "power-ratio rule",
        "The chance that side A prevails in a contest with B, taken as A's share of their joint "
        "capabilities: c_A / (c_A + c_B).",
        "the usual rule of the war-outcome literature; Fearon (1995)",
    ),
    # robustness (notebook 05)
    Term(
        "verdict of a claim",
        "What a model says of one of the paper's claims in a scenario: reproduced, partly, not reproduced, "
        "or not applicable (the claim cannot be asked of that scenario).",
        "this suite (models/common.py)",
    ),
    Term(
        "Monte Carlo standard error",
        "The uncertainty of a share p counted over n random draws: sqrt(p(1 − p)/n). Four times as many "
        "draws halve it; a share of 0 or 1 has an error of 0, which does not mean it is certain.",
        "standard (binomial sampling error)",
    ),
    Term(
        "Latin hypercube",
        "A way to draw n scenarios from the box of all ranges: each range is cut into n equal slices and "
        "every slice is used exactly once, so that even a modest n covers each range evenly.",
        "McKay, Beckman and Conover (1979)",
    ),
    Term(
        "Sobol index",
        "The share of the variance of an output (here: does the claim keep its verdict?) that one input "
        "explains alone (first order) or together with the others (total). A total index near 0: the value "
        "could be fixed anywhere in its range.",
        "Sobol' (1993); Saltelli et al. (2010)",
    ),
    Term(
        "PRIM (scenario discovery)",
        "The Patient Rule Induction Method: peel thin slices off the box of all ranges while the share of "
        "draws that flip a verdict rises, to find a simple box, in words, where the verdict changes.",
        "Friedman and Fisher (1999); Bryant and Lempert (2010)",
    ),
    Term(
        "coverage and density",
        "For a box found by PRIM: coverage is the share of all flips that lie in the box, density the share "
        "of the draws in the box that flip. A good box has both high.",
        "Bryant and Lempert (2010)",
    ),
    Term(
        "convergence check",
        "The same count again with another seed: if two estimates of a probability differ by more than "
        "three combined standard errors, more draws are needed.",
        "standard Monte Carlo practice",
    ),
    # history (notebook 06)
    Term(
        "hit",
        "A prediction that names exactly what happened (here: the status a candidate held after the "
        "summit); the hit rate is the share of predictions that are hits.",
        "Thomson et al. (2006)",
    ),
    Term(
        "Brier score",
        "The mean squared error of probability forecasts of yes/no events: mean((p − o)²), o = 1 if the "
        "event happened, else 0. 0 is perfect; saying p = 0.5 every time scores 0.25.",
        "Brier (1950)",
    ),
    Term(
        "base rate",
        "How often the event happened over all the cases scored (here: the share of candidate decisions "
        "that were upgrades). Always forecasting the base rate b scores a Brier score of b(1 − b): a model "
        "should beat it.",
        "standard in forecast verification (Murphy 1973)",
    ),
    Term(
        "naive baseline",
        "A rule that needs no model (nobody is admitted; every applicant gets what it asked; the paper's "
        "order): a model is worth something only where it does better than these.",
        "Thomson et al. (2006)",
    ),
    Term(
        "observer and dialogue partner",
        "The SCO's statuses below membership: an observer attends the summits, a dialogue partner "
        "cooperates in some fields; neither has a vote.",
        "SCO regulations on observer status (2004) and dialogue partners (2008)",
    ),
    Term(
        "package deal",
        "Candidates admitted together, so that each side's favourite comes in with the other's (India with "
        "Pakistan, 2017).",
        "paper fn 56",
    ),
    Term(
        "agreement index (UN votes)",
        "For two states and a year, 1 minus the mean distance of their votes over the roll calls both voted "
        "in (yes = 1, abstain = ½, no = 0): 1 means they always voted alike.",
        "Lijphart (1963); Voeten, unvotes 0.3.0",
    ),
    Term(
        "moving-block bootstrap",
        "An interval for a statistic of a time series: resample blocks of consecutive years (so that a run "
        "of good years stays together) many times and read the spread of the statistic.",
        "Künsch (1989)",
    ),
    # the comparison (notebook 90)
    Term(
        "claim",
        "A statement of the paper that a model can check (P for partnership, B for border, E for "
        "enlargement), each with the paper's section.",
        "this suite (models/*/claims.py)",
    ),
    Term(
        "not coded, not assessed",
        "Two labels of an empty cell. Not coded for this date: the scenario has no section for the model "
        "(coding it would be invention). Not assessed: the model's report for that scenario does not state "
        "the claim.",
        "this suite (comparison.py)",
    ),
    Term(
        "record check",
        "A prediction of a model set against what happened after the paper (2004-2024): it agrees with the "
        "record, contradicts it, or is not settled by it.",
        "this suite (history/record.py)",
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
