"""The paper's border claims B1-B4 (§1-1, §1-2, §3-1) and what the model says of each; the model's predicted
China shares beside the settled shares on the record (:func:`record_check`).

Each verdict function takes plain inputs (so a test can make it come out every way) and returns a
:class:`~sco_games.models.common.Claim` whose ``evidence`` is the plain-English "because".

- **B1** China claimed "more than twenty thousand square kilometers, or one-seventh of all Tajikistan", and
  the Tajik-Chinese talks "had been in deadlock for a long time" (§1-1). Data: reproduced only if the model's
  main reading has the paper's area and the deadlock is the model's disagreement point.
- **B2** In 2002 Tajikistan ceded "about 3.5% of the disputed territory", "approximately 1,000 square
  kilometers"; some specialists say 4,000 (§1-1, fn 12-13). Data: reproduced only if the model's readings
  carry both figures.
- **B3** The "4 (Russia + three Central Asian states) + 1 (China)" formula; the Kazakh and Kyrgyz sectors were
  settled before the Tajik one (§1-1). The order is data; the joint table is a model feature.
- **B4** The settlements, the SCO and the partnership were a "gift" of the border talks; China valued
  stability and cooperation against separatism (§1-2, §3-1, fn 44): the linkage. Reproduced if every solution
  concept that can reproduce the Tajik share needs a positive linkage value, under each disagreement point.

>>> b3_claim({"Kazakhstan": _dt.date(1998, 7, 4), "Kyrgyzstan": _dt.date(1999, 8, 26),
...           "Tajikistan": _dt.date(2002, 5, 17)}, models_joint_table=False).verdict
'partly'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence

from sco_games.models.common import Claim, RecordCheck

__all__ = [
    "TAJIK_AREA_KM2",
    "PAPER_CLAIM_KM2",
    "RECORD_TOLERANCE",
    "b1_claim",
    "b2_claim",
    "b3_claim",
    "b4_claim",
    "record_check",
]

#: Tajikistan's area (143,100 km2: UN Statistics Division, Demographic Yearbook); one seventh is 20,443 km2
TAJIK_AREA_KM2 = 143_100.0
#: the paper's figure for China's claim: "more than twenty thousand square kilometers" (§1-1)
PAPER_CLAIM_KM2 = 20_000.0
#: a point prediction agrees with the record if it is within this many shares (2 percentage points) of the
#: observed share's range over sources
RECORD_TOLERANCE = 0.02
#: A range prediction wider than this share of the area admits more outcomes than it excludes: its agreement
#: with the record tests nothing ("not settled"), while a miss is still a contradiction.
RANGE_TEST_MAX_WIDTH = 0.5

_B1 = ("China claimed more than 20,000 km2 of Tajikistan (one seventh of the country); the talks were in "
       "deadlock for a long time (§1-1)")
_B2 = ("In 2002 Tajikistan ceded about 3.5% of the disputed area, about 1,000 km2 (some say 4,000) "
       "(§1-1, fn 12-13)")
_B3 = ("The '4+1' formula (Russia and three Central Asian states facing China); the Kazakh and Kyrgyz "
       "sectors were settled first (§1-1)")
_B4 = ("The settlements were a 'gift' of the partnership: China valued stability and cooperation against "
       "separatism more than land (§1-2, §3-1, fn 44)")


def _matches_paper_area(km2: float) -> bool:
    """'more than twenty thousand ... one-seventh': at least 20,000 km2 and within 10% of one seventh."""
    return PAPER_CLAIM_KM2 <= km2 <= 1.1 * TAJIK_AREA_KM2 / 7


def b1_claim(main_disputed_km2: float | None, readings_km2: Sequence[float], disagreement: str) -> Claim:
    """B1 from the Tajik readings' disputed areas (the main reading's first) and the scenario's disagreement
    point (``"dispute"`` is the deadlock).

    >>> b1_claim(20_000, [20_000], "dispute").verdict, b1_claim(28_500, [28_500], "war").verdict
    ('reproduced', 'not reproduced')
    >>> b1_claim(None, [], "dispute").verdict
    'not applicable'
    """
    if main_disputed_km2 is None:
        return Claim("B1", _B1, "not applicable", "the data have no Tajik reading", "border_settlements.yaml")
    main_ok = _matches_paper_area(main_disputed_km2)
    carried = main_ok or any(_matches_paper_area(a) for a in readings_km2)
    deadlock = disagreement == "dispute"
    area = (f"the main reading's disputed area is the paper's ({main_disputed_km2:,.0f} km2)" if main_ok else
            f"the main reading's disputed area is {main_disputed_km2:,.0f} km2 "
            f"({main_disputed_km2 / TAJIK_AREA_KM2:.0%} of Tajikistan, not one seventh)"
            + ("; the paper's 20,000 km2 is carried as another reading" if carried else
               "; no reading has the paper's figure"))
    dl = ("the deadlock is the model's disagreement point (the dispute continues)" if deadlock else
          "the model's disagreement point is war, not the paper's deadlock")
    if main_ok and deadlock:
        verdict = "reproduced"
    elif not carried and not deadlock:
        verdict = "not reproduced"
    else:
        verdict = "partly"
    return Claim("B1", _B1, verdict, f"{area}; {dl}", "border_settlements.yaml; border.disagreement")


def b2_claim(readings: Sequence[tuple[float, float, bool]], settled: _dt.date | None) -> Claim:
    """B2 from the Tajik readings as (ceded km2, China's share, known at the scenario date) and the date of
    the settlement. Not applicable when no reading was known at the scenario's date.

    >>> b2_claim([(1000, 0.035, True), (4000, 0.14, False)], _dt.date(2002, 5, 17)).verdict
    'reproduced'
    >>> b2_claim([(1000, 0.035, False)], _dt.date(2002, 5, 17)).verdict
    'not applicable'
    """
    if not any(k for _, _, k in readings):
        return Claim("B2", _B2, "not applicable", "no account of the Tajik deal was public at this "
                     "scenario's date (the deal is of May 2002); the model uses it only as hindsight",
                     "border_settlements.yaml (reported)")
    has_1000 = any(900 <= c <= 1150 and abs(s - 0.035) <= 0.005 for c, s, k in readings if k)
    has_4000 = any(3500 <= c <= 4500 for c, _, _ in readings)
    in_2002 = settled is not None and settled.year == 2002
    parts = [("a reading has about 1,000 km2 and 3.5%" if has_1000 else
              "no reading known at this date has about 1,000 km2 at 3.5%"),
             ("the specialists' 4,000 km2 is carried as another reading" if has_4000 else
              "the 4,000 km2 account is missing"),
             ("settled in 2002" if in_2002 else
              f"the data date the settlement {settled.isoformat() if settled else 'nowhere'}, not 2002")]
    n_ok = sum((has_1000, has_4000, in_2002))
    verdict = "reproduced" if n_ok == 3 else ("not reproduced" if not has_1000 else "partly")
    return Claim("B2", _B2, verdict, "; ".join(parts), "border_settlements.yaml (Tajikistan readings)")


def b3_claim(settled: Mapping[str, _dt.date], models_joint_table: bool) -> Claim:
    """B3 from the settlement dates of Kazakhstan, Kyrgyzstan and Tajikistan, and whether the model
    represents the 4+1 joint table (this model does not: each dyad bargains alone with China).

    >>> b3_claim({"Kazakhstan": _dt.date(1998, 7, 4)}, False).verdict
    'not applicable'
    """
    need = ("Kazakhstan", "Kyrgyzstan", "Tajikistan")
    if any(n not in settled for n in need):
        return Claim("B3", _B3, "not applicable",
                     "the Kazakh, Kyrgyz and Tajik dyads are not all in the data",
                     "border_settlements.yaml")
    first = max(settled["Kazakhstan"], settled["Kyrgyzstan"])
    order = first < settled["Tajikistan"]
    why = [(f"the data have the Kazakh ({settled['Kazakhstan']:%Y}) and Kyrgyz ({settled['Kyrgyzstan']:%Y}) "
            f"sectors settled before the Tajik one ({settled['Tajikistan']:%Y})") if order else
           "the data do not have the Kazakh and Kyrgyz sectors settled before the Tajik one",
           ("the model bargains the four neighbours at one 4+1 table" if models_joint_table else
            "the model bargains each dyad alone with China; the 4+1 table appears only as the neighbour's "
            "small outside option (Russia's backing), so the model does not explain the order")]
    verdict = ("reproduced" if order and models_joint_table else
               "not reproduced" if not order and not models_joint_table else "partly")
    return Claim("B3", _B3, verdict, "; ".join(why), "border_settlements.yaml (settled); border model")


_SOL_NAMES = {"nash": "Nash", "kalai-smorodinsky": "Kalai-Smorodinsky", "rubinstein": "Rubinstein",
              "fearon": "Fearon"}


def b4_claim(needs: Mapping[tuple[str, str], tuple[str, float | None]], default: str) -> Claim:
    """B4 from :func:`~sco_games.models.border.calibration.linkage_need` for each (disagreement point,
    solution) on the Tajik main reading, and the scenario's default disagreement point.

    Reproduced if a positive linkage is needed wherever the model can reproduce the share at all; not
    reproduced if it is needed nowhere; partly if it depends on the disagreement point or solution; not
    applicable if no combination can reproduce the share.

    >>> needs = {("war", "nash"): ("needed", 1.9), ("dispute", "nash"): ("not needed", None)}
    >>> b4_claim(needs, "dispute").verdict
    'partly'
    """
    usable = {k: v for k, v in needs.items() if v[0] in ("needed", "not needed")}
    if not usable:
        return Claim("B4", _B4, "not applicable", "no solution concept reproduces the Tajik share for any "
                     "linkage value, so the linkage cannot be measured", "calibrate_linkage")

    def names(dis: str, what: str) -> str:
        return ", ".join(_SOL_NAMES.get(s, s) + (f" L = {v:.2f}" if v is not None else "")
                         for (d, s), (n, v) in needs.items() if d == dis and n == what)

    why = []
    for dis in dict.fromkeys(d for d, _ in needs):
        tag = f"{dis} ({'this scenario' if dis == default else 'benchmark'})"
        part = [f"needed: {names(dis, 'needed')}" if names(dis, "needed") else "",
                f"not needed (China gets the observed share or less without it): {names(dis, 'not needed')}"
                if names(dis, "not needed") else "",
                f"cannot reach the share: {names(dis, 'unreachable')}" if names(dis, "unreachable") else ""]
        why.append(f"under {tag}, linkage " + "; ".join(p for p in part if p))
    n_needed = sum(v[0] == "needed" for v in usable.values())
    verdict = ("reproduced" if n_needed == len(usable) else "not reproduced" if n_needed == 0 else "partly")
    return Claim("B4", _B4, verdict, ". ".join(why), "border.disagreement; solution concept")


def record_check(
    check_id: str,
    question: str,
    predicted: float | tuple[float, float] | None,
    readings: Sequence[tuple[str, tuple[float, float]]],
    source: str,
    tolerance: float = RECORD_TOLERANCE,
) -> RecordCheck:
    """One prediction of China's share beside the settled share(s) on the record.

    ``predicted``: a point share, a range (Fearon), or None (no agreement predicted: a settlement happened,
    so it contradicts the record). ``readings``: (label, (low, high) share over sources) per account. Each
    account agrees if its range meets the prediction (a point within ``tolerance``); ``agrees`` is True if
    every account agrees, False if none does, None where the accounts disagree (the record is disputed). A
    range wider than :data:`RANGE_TEST_MAX_WIDTH` that meets the record is None too: a range that contains
    most outcomes cannot agree with anything (Fearon's range with cheap war, e.g. 25-100%); one that misses
    the record still contradicts it.

    >>> record_check("R", "q", (0.25, 1.0), [("a", (0.32, 0.36))], "s").agrees is None
    True
    >>> record_check("R", "q", (0.25, 1.0), [("a", (0.035, 0.04))], "s").agrees
    False

    >>> record_check("R", "q", 0.03, [("a", (0.035, 0.039))], "s").agrees
    True
    >>> record_check("R", "q", 0.10, [("a", (0.035, 0.039)), ("b", (0.14, 0.14))], "s").agrees is None
    False
    >>> record_check("R", "q", 0.13, [("a", (0.035, 0.039)), ("b", (0.14, 0.14))], "s").agrees is None
    True
    """
    if not readings:
        raise ValueError(f"{check_id}: no reading on the record to compare with")
    obs = "; ".join(f"{lab}: {100 * lo:.1f}%" + (f"-{100 * hi:.1f}%" if hi - lo >= 5e-4 else "")
                    for lab, (lo, hi) in readings)
    if predicted is None:
        return RecordCheck(check_id, question, "no agreement", obs, False, source)
    if isinstance(predicted, tuple):
        p_lo, p_hi = predicted
        pred = f"{100 * p_lo:.1f}%-{100 * p_hi:.1f}% (range)"
    else:
        p_lo, p_hi = predicted - tolerance, predicted + tolerance
        pred = f"{100 * predicted:.1f}% (± {100 * tolerance:.0f} points)"
    each = [lo <= p_hi + 1e-12 and hi >= p_lo - 1e-12 for _, (lo, hi) in readings]
    agrees = True if all(each) else (False if not any(each) else None)
    if isinstance(predicted, tuple) and p_hi - p_lo > RANGE_TEST_MAX_WIDTH and agrees is not False:
        agrees = None
        pred += (f": wider than {100 * RANGE_TEST_MAX_WIDTH:.0f}% of the area, so meeting the record tests "
                 "nothing")
    return RecordCheck(check_id, question, pred, obs, agrees, source)
