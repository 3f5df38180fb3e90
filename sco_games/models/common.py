"""What the models share: the :class:`Claim` type (a claim of the paper and the model's verdict on it) and
:func:`percent`. Not a model: it imports no model package, and every model may import it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["VERDICTS", "Claim", "RecordCheck", "percent"]

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
