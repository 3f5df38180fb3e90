"""Enlargement under consensus: who joins the SCO, at which status, and who can veto what.

Re-exports the public names of the model's modules (``from sco_games.models.enlargement import ...``).
"""

from sco_games.models.enlargement.claims import (
    CLAIMS,
    Claim,
    evaluate_claims,
    membership_history,
    membership_sources,
)
from sco_games.models.enlargement.coalition import (
    CoalitionView,
    coalition_view,
    tu_game,
)
from sco_games.models.enlargement.frames import StatusQuoFrame, StatusQuoFrames, status_quo_frames
from sco_games.models.enlargement.game import (
    Admission,
    CandidateStatuses,
    EnlargementModel,
    OutsideOption,
    Payoff,
    TradeoffStep,
    outside_option_across,
)
from sco_games.models.enlargement.params import (
    STATUSES,
    Coordinate,
    EnlargementParams,
    PayoffWeights,
    StatusShares,
    StatusTable,
)
from sco_games.models.enlargement.ranges import ranged_values, with_overrides
from sco_games.models.enlargement.report import (
    EnlargementReport,
    enlargement_report,
    report,
)
from sco_games.models.enlargement.sensitivity import SensitivityRow, claims_sensitivity
from sco_games.models.enlargement.space import (
    US,
    StatementReach,
    StatementVote,
    VetoMap,
    World,
    build_world,
    is_absorbed,
    pass_probability,
    pass_probability_giants,
    pass_probability_se,
    prestige,
    statement_reach,
    statement_vote,
    status_quo_in_core,
    veto_map,
    winset,
    world_from_points,
)

__all__ = [
    "StatusQuoFrame", "StatusQuoFrames", "status_quo_frames",
    "STATUSES",
    "Coordinate",
    "EnlargementParams",
    "PayoffWeights",
    "StatusShares",
    "StatusTable",
    "US",
    "StatementReach",
    "StatementVote",
    "VetoMap",
    "World",
    "build_world",
    "is_absorbed",
    "pass_probability",
    "pass_probability_giants",
    "pass_probability_se",
    "prestige",
    "statement_reach",
    "status_quo_in_core",
    "statement_vote",
    "veto_map",
    "winset",
    "world_from_points",
    "Admission",
    "CandidateStatuses",
    "EnlargementModel",
    "OutsideOption",
    "Payoff",
    "TradeoffStep",
    "outside_option_across",
    "CoalitionView",
    "coalition_view",
    "tu_game",
    "CLAIMS",
    "Claim",
    "SensitivityRow",
    "claims_sensitivity",
    "evaluate_claims",
    "membership_history",
    "membership_sources",
    "ranged_values",
    "with_overrides",
    "EnlargementReport",
    "enlargement_report",
    "report",
]
