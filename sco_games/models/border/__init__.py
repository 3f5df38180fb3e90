"""Border bargaining between China and one former-Soviet neighbour (the Tajik concession).

Re-exports the public names of the model's modules (``from sco_games.models.border import predict``).
"""

from sco_games.models.border.calibration import (
    Calibration,
    calibrate_all,
    calibrate_linkage,
    calibrate_nash_weight,
)
from sco_games.models.border.game import DyadGame, dyad_game
from sco_games.models.border.params import NEIGHBOURS, BorderParams
from sco_games.models.border.report import (
    DISAGREEMENTS,
    POINT_SOLUTIONS,
    TAJIK_READINGS,
    BorderReport,
    DyadReport,
    border_report,
    differing_values,
    point_shares,
    report,
    share_span,
)
from sco_games.models.border.sensitivity import (
    LinkageCurve,
    SensitivityRow,
    linkage_curve,
    linkage_sensitivity,
)
from sco_games.models.border.settlements import DyadFacts, Reading, settlements
from sco_games.models.border.solutions import (
    SOLUTIONS,
    FearonSplit,
    MethodSplit,
    SplitPrediction,
    predict,
    predicted_share,
)

__all__ = [
    "NEIGHBOURS",
    "SOLUTIONS",
    "BorderParams",
    "Reading",
    "DyadFacts",
    "settlements",
    "DyadGame",
    "dyad_game",
    "MethodSplit",
    "FearonSplit",
    "SplitPrediction",
    "predict",
    "predicted_share",
    "Calibration",
    "calibrate_linkage",
    "calibrate_nash_weight",
    "calibrate_all",
    "LinkageCurve",
    "linkage_curve",
    "SensitivityRow",
    "linkage_sensitivity",
    "POINT_SOLUTIONS",
    "TAJIK_READINGS",
    "DISAGREEMENTS",
    "point_shares",
    "share_span",
    "DyadReport",
    "BorderReport",
    "border_report",
    "report",
    "differing_values",
]
