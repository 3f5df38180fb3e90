"""What the models share: the :class:`Claim` type (a claim of the paper and the model's verdict on it) and
:func:`percent`. Not a model: it imports no model package, and every model may import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["VERDICTS", "Claim", "DrawOutputs", "RecordCheck", "draw_count", "draw_sections", "draw_value",
           "loop_outputs", "percent", "splice_reference"]

#: A claim is reproduced by the model, partly, or not; "not applicable" where the claim cannot be asked of the
#: scenario (e.g. Uzbekistan's entry when Uzbekistan is already a member).
VERDICTS = ("reproduced", "partly", "not reproduced", "not applicable")



@dataclass(frozen=True)
class Claim:
    """One of the paper's claims and what the model says about it: the ``verdict`` (one of :data:`VERDICTS`),
    the ``evidence`` for it, and what it ``depends_on`` (the parameters or scenarios it was checked under).

    >>> Claim("X1", "the sky is blue", "partly", "at noon", "the weather").verdict
    'partly'
    """

    id: str
    claim: str
    verdict: str
    evidence: str
    depends_on: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"Claim {self.id}: verdict {self.verdict!r} must be one of {VERDICTS}")


@dataclass(frozen=True)
class RecordCheck:
    """A model's prediction set beside what happened (the historical record), and whether they agree.

    ``agrees`` is ``True``/``False``, or ``None`` where the record does not settle the question (then the
    report says so rather than guess). ``source`` names where the record comes from (a paper section, a
    document, a data file).

    >>> r = RecordCheck("R1", "Is India admitted in 2001?", "admitted", "not invited", False, "paper §3-2")
    >>> r.flag
    'contradicts the record'
    """

    id: str
    question: str
    predicted: str
    observed: str
    agrees: bool | None
    source: str

    @property
    def flag(self) -> str:
        """``"agrees with the record"``, ``"contradicts the record"`` or ``"not settled by the record"``."""
        if self.agrees is None:
            return "not settled by the record"
        return "agrees with the record" if self.agrees else "contradicts the record"


def percent(share: float | None, digits: int | None = None) -> float | None:
    """A share in [0, 1] as a percentage (``None`` stays ``None``), rounded to ``digits`` if given.

    >>> percent(0.0351, 2), percent(None), percent(0.5)
    (3.51, None, 50.0)
    """
    if share is None:
        return None
    return 100 * share if digits is None else round(100 * share, digits)


@dataclass(frozen=True)
class DrawOutputs:
    """What a model says over ``n`` draws of its uncertain values (the uncertainty layer's unit of work).

    ``verdicts``: claim id -> an ``(n,)`` array of verdicts (each one of :data:`VERDICTS`, dtype object);
    ``numbers``: key-number name -> an ``(n,)`` float array (NaN where the number is undefined for a draw);
    ``descriptions``: key-number name -> what it is, in plain words, with its unit;
    ``method``: how the outputs were computed (e.g. ``"vectorized"`` or ``"reference loop"``).

    The contract of every model's ``draws.evaluate_draws(params, draws, ...)``: ``draws`` maps a dotted key
    of the model's section, as :func:`sco_games.sourced.set_values` takes it (``"us_stake_russia"``,
    ``"members.China"``, ``"weights.prestige"``), to an array whose first axis is the draw (a point: shape
    ``(n, 2)``; a categorical value: an object array of the chosen values); draw ``i`` means exactly "the
    section with every key set to its ``i``-th value", so a fast path is checked against a loop over draws.

    >>> v = {"X1": np.array(["partly", "reproduced"], dtype=object)}
    >>> o = DrawOutputs(2, v, {"d": np.array([0.5, 1.0])}, {"d": "a share"}, "reference loop")
    >>> o.share("X1", "partly")
    0.5
    """

    n: int
    verdicts: Mapping[str, np.ndarray]
    numbers: Mapping[str, np.ndarray] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)
    method: str = ""

    def __post_init__(self) -> None:
        for kind, table in (("verdicts", self.verdicts), ("numbers", self.numbers)):
            for key, arr in table.items():
                if np.shape(arr)[:1] != (self.n,):
                    raise ValueError(
                        f"DrawOutputs.{kind}[{key!r}]: {np.shape(arr)} values for {self.n} draws")
        for key, arr in self.verdicts.items():
            bad = set(np.asarray(arr, dtype=object).tolist()) - set(VERDICTS)
            if bad:
                raise ValueError(f"DrawOutputs.verdicts[{key!r}]: {sorted(map(str, bad))} not in {VERDICTS}")

    def share(self, claim: str, verdict: str) -> float:
        """The share of the draws in which ``claim`` gets ``verdict``."""
        if not self.n:
            return float("nan")
        return float(np.mean(np.asarray(self.verdicts[claim], dtype=object) == verdict))


def draw_count(draws: Mapping[str, object], caller: str) -> int:
    """The number of draws in ``draws`` (key -> array whose first axis is the draw), checked: every array
    has the same length. A ``ValueError`` names the key whose length differs."""
    if not isinstance(draws, Mapping):
        raise TypeError(f"{caller}: draws must map dotted keys to arrays, got {type(draws).__name__}")
    n = None
    for key, arr in draws.items():
        k = int(np.shape(arr)[0]) if np.ndim(arr) else -1
        if k < 0:
            raise ValueError(f"{caller}: draws[{key!r}] must be an array of draws (first axis = draw), "
                             f"got a scalar {arr!r}")
        if n is None:
            n = k
        elif k != n:
            raise ValueError(f"{caller}: draws[{key!r}] has {k} values, the other keys {n}")
    return 0 if n is None else n


def draw_value(arr: object, i: int) -> object:
    """The ``i``-th draw of one key as a plain Python value (a float, a list for a point, a string)."""
    v = np.asarray(arr, dtype=object)[i] if np.asarray(arr).dtype == object else np.asarray(arr)[i]
    return v.tolist() if hasattr(v, "tolist") else v


def draw_sections(params: object, draws: Mapping[str, object], caller: str) -> list:
    """Draw ``i`` of ``draws`` as a section: ``params`` (a model's parameter class instance) with every key
    set to its ``i``-th value (:func:`sco_games.sourced.set_values` on ``params.model_dump()``, then the
    class's ``model_validate``), for every ``i``. An unknown key or a value the section does not allow is a
    ``ValueError`` naming the key (and the draw)."""
    from pydantic import ValidationError

    from sco_games.sourced import set_values

    cls = type(params)
    n = draw_count(draws, caller)
    base = params.model_dump()
    _, unknown = set_values(base, {k: None for k in draws})
    if unknown:
        raise ValueError(f"{caller}: unknown key(s) {unknown} for the {cls.__name__} section; "
                         f"allowed: dotted keys of its entries, e.g. {list(base)[:6]}")
    out = []
    for i in range(n):
        values = {k: draw_value(a, i) for k, a in draws.items()}
        data, _ = set_values(base, values, "draw")
        try:
            out.append(cls.model_validate(data))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise ValueError(f"{caller}: draw {i} ({values}) is not a valid {cls.__name__}: {loc}: "
                             f"{err['msg']}") from None
    return out


def loop_outputs(sections: Sequence[object],
                 one: Callable[[object], tuple[Mapping[str, str], Mapping[str, float]]],
                 claim_ids: Sequence[str], descriptions: Mapping[str, str], method: str) -> DrawOutputs:
    """A model's reference loop: ``one(section) -> (verdict by claim id, number by name)`` on each section
    in order, gathered into :class:`DrawOutputs` (a number ``one`` does not give for a draw is NaN).

    >>> o = loop_outputs([1, 2], lambda x: ({"C": "partly"}, {"x": float(x)}), ["C"], {"x": "x"}, "loop")
    >>> o.verdicts["C"].tolist(), o.numbers["x"].tolist()
    (['partly', 'partly'], [1.0, 2.0])
    """
    n = len(sections)
    verdicts = {c: np.empty(n, dtype=object) for c in claim_ids}
    numbers = {k: np.full(n, np.nan) for k in descriptions}
    for i, p in enumerate(sections):
        v, x = one(p)
        for c in claim_ids:
            verdicts[c][i] = v[c]
        for k in descriptions:
            numbers[k][i] = x.get(k, np.nan)
    return DrawOutputs(n, verdicts, numbers, dict(descriptions), method)


def splice_reference(verdicts: Mapping[str, np.ndarray], numbers: Mapping[str, np.ndarray], idx: np.ndarray,
                     ref: DrawOutputs) -> None:
    """Overwrite the draws ``idx`` (in order) of a fast path's ``verdicts`` and ``numbers`` with ``ref``, the
    reference loop's outputs on those draws (where the fast path does not apply).

    >>> v, x = {"C": np.array(["partly"] * 3, dtype=object)}, {"x": np.zeros(3)}
    >>> splice_reference(v, x, np.array([1]), DrawOutputs(1, {"C": np.array(["reproduced"], dtype=object)},
    ...                                                   {"x": np.array([5.0])}))
    >>> v["C"].tolist(), x["x"].tolist()
    (['partly', 'reproduced', 'partly'], [0.0, 5.0, 0.0])
    """
    for c in verdicts:
        verdicts[c][idx] = ref.verdicts[c]
    for k in numbers:
        numbers[k][idx] = ref.numbers[k]
