"""Border bargaining between China and one former-Soviet neighbour (the Tajik concession).

Re-exports the public names of the model's modules (``from sco_games.models.border import predict``).
"""

from sco_games.models.border.calibration import (
    Calibration,
    calibrate_all,
    calibrate_linkage,
    calibrate_nash_weight,
    linkage_need,
)
from sco_games.models.border.claims import b1_claim, b2_claim, b3_claim, b4_claim, record_check
from sco_games.models.border.frames import LinkageFrames, linkage_frames
from sco_games.models.border.game import NUCLEAR_POWERS, DyadGame, dyad_game, war_credible
from sco_games.models.border.out_of_sample import (
    BASELINES,
    OutOfSampleRow,
    OutOfSampleTable,
    closest_linkage,
    out_of_sample,
)
from sco_games.models.border.params import NEIGHBOURS, BorderParams
from sco_games.models.border.report import (
    DISAGREEMENT_LABELS,
    DISAGREEMENTS,
    POINT_SOLUTIONS,
    TAJIK_READINGS,
    BorderReport,
    DyadReport,
    border_report,
    differing_values,
    disagreements,
    point_shares,
    report,
    rubinstein_weight,
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
    "LinkageFrames", "linkage_frames",
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
    "linkage_need",
    "b1_claim",
    "b2_claim",
    "b3_claim",
    "b4_claim",
    "record_check",
    "NUCLEAR_POWERS",
    "war_credible",
    "DISAGREEMENT_LABELS",
    "disagreements",
    "rubinstein_weight",
    "BASELINES",
    "OutOfSampleRow",
    "OutOfSampleTable",
    "closest_linkage",
    "out_of_sample",
]
