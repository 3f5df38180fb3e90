"""The Russia-China "partnership": a 3x3 stage game, its repeated play and the strategic triangle.

Re-exports the public names of the model's modules, so ``from sco_games.models import partnership as pm;
pm.analyze(...)`` works.
"""

from sco_games.models.partnership.claims import PILLAR_COUNTERFACTUALS, Claim, assess_claims, pillar_table
from sco_games.models.partnership.game import (
    StageResult,
    Thresholds,
    analyze,
    equilibrium_label,
    label_of,
    payoff_formulas,
    payoff_matrices,
    payoff_table_rows,
    stage_game,
    us_stake_thresholds,
)
from sco_games.models.partnership.params import (
    PAYOFF_KEYS,
    PLAYERS,
    RELATION_KEYS,
    STRATEGIES,
    PartnershipParams,
    values_of,
    with_values,
)
from sco_games.models.partnership.regions import RegionMap, batch_labels, equilibrium_regions
from sco_games.models.partnership.relations import TRIANGLE_STATES, triangle
from sco_games.models.partnership.report import (
    COUNTERWEIGHT_GRID,
    REFERENCE_SCENARIOS,
    US_STAKE_GRID,
    PartnershipReport,
    report,
)
from sco_games.models.partnership.sustainability import Sustainability, sustainability

__all__ = [
    "PLAYERS",
    "STRATEGIES",
    "RELATION_KEYS",
    "PAYOFF_KEYS",
    "PartnershipParams",
    "payoff_matrices",
    "payoff_formulas",
    "payoff_table_rows",
    "values_of",
    "with_values",
    "stage_game",
    "equilibrium_label",
    "label_of",
    "StageResult",
    "analyze",
    "RegionMap",
    "batch_labels",
    "equilibrium_regions",
    "Thresholds",
    "us_stake_thresholds",
    "Sustainability",
    "sustainability",
    "TRIANGLE_STATES",
    "triangle",
    "Claim",
    "PILLAR_COUNTERFACTUALS",
    "pillar_table",
    "assess_claims",
    "REFERENCE_SCENARIOS",
    "US_STAKE_GRID",
    "COUNTERWEIGHT_GRID",
    "PartnershipReport",
    "report",
]
