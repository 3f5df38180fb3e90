"""The enlargement model's predictions that the historical record settles: each candidate's highest status,
the entrant's admission and each coded document against the SCO's membership record and what it adopted.
"""

from __future__ import annotations

from sco_games.data.membership import membership_history, membership_sources
from sco_games.models.common import RecordCheck
from sco_games.models.enlargement.game import EnlargementModel
from sco_games.models.enlargement.space import statement_vote

__all__ = ["record_checks", "status_at"]


def status_at(state: str, year: int) -> str:
    """``state``'s SCO status in ``year`` from the membership record (the last entry dated on or before it),
    or ``"none"``.

    >>> status_at("Mongolia", 2003), status_at("Mongolia", 2004), status_at("Uzbekistan", 2001)
    ('none', 'observer', 'member')
    """
    held = [e for e in membership_history().get(state, []) if e["year"] <= year]
    return held[-1]["status"] if held else "none"


def _passes_against_status_quo(
    m: EnlargementModel, point: tuple[float, float]
) -> tuple[bool, tuple[str, ...]]:
    v = statement_vote(m.world, statement=point)
    return v.passes, v.blockers


def record_checks(model: EnlargementModel, year: int) -> list[RecordCheck]:
    """The model's predictions that the record settles, for a scenario dated in ``year``: each candidate's
    highest status (and the entrant's admission, where it is decided) against the membership record, and
    each coded document (and the statement, where its fate is coded) against whether the SCO adopted it."""
    m, p = model, model.params
    out: list[RecordCheck] = []
    src = (
        "paper §3-2 ('did not agree to invite any country other than Uzbekistan'); SCO records "
        f"(sco_membership.yaml): {membership_sources()['observers']}"
    )
    if p.entry_decided is None or p.entry_decided.value:
        e = p.entrant.value
        a = m.admit({e: "member"}, base={s: "member" for s in m.world.members if s != e})
        obs = status_at(e, year)
        out.append(
            RecordCheck(
                f"R-{e}",
                f"Is {e} admitted as a member in {year}?",
                "admitted" if a.admitted else f"blocked by {', '.join(a.blockers)}",
                "admitted" if obs == "member" else obs,
                a.admitted == (obs == "member"),
                "paper §1-2: founding member, 15 June 2001",
            )
        )
    highest = {tuple(r.candidates): r.predicted for r in m.admission_table()}
    for c in p.enlargement_order.value:
        pred = (highest[(c,)] or "none").replace("_", " ")
        obs = status_at(c, year).replace("_", " ")
        out.append(RecordCheck(f"R-{c}", f"{c}'s highest status in {year}", pred, obs, pred == obs, src))
    for label, doc in p.documents.items():
        passes, blockers = _passes_against_status_quo(m, doc.position.value)
        out.append(
            RecordCheck(
                f"R-doc-{len(out)}",
                f"Can the members pass '{label}' against the status quo?",
                "passes" if passes else f"blocked by {', '.join(blockers)}",
                "adopted" if doc.adopted.value else "not adopted",
                passes == doc.adopted.value,
                doc.adopted.source,
            )
        )
    if p.statement_adopted is not None:
        v = statement_vote(m.world)
        out.append(
            RecordCheck(
                "R-statement",
                f"Can the members pass '{p.statement_label.value}'?",
                "passes" if v.passes else f"blocked by {', '.join(v.blockers)}",
                "adopted" if p.statement_adopted.value else "not adopted",
                v.passes == p.statement_adopted.value,
                p.statement_adopted.source,
            )
        )
    return out
