"""How robust is each verdict: every declared range and alternative of a scenario sampled at once, the models
evaluated over the draws (in chunks, on any executor), and per output the verdict probabilities with their
errors, quantiles, Sobol indices and the regions that flip a verdict, in words.

The layer knows models and scenarios, not notebooks or papermill (ARCHITECTURE.md). One concept per module:
:mod:`.space` (the uncertain values), :mod:`.sampling` (seeded designs), :mod:`.chunks` (chunks),
:mod:`.executors` (where), :mod:`.stats`, :mod:`.sensitivity`, :mod:`.discovery`, :mod:`.analysis` (one
model), :mod:`.scenario_robustness` (every model of a scenario, JSON).
"""

from sco_games.uncertainty.analysis import ClaimRegion, ModelRobustness, analyze_model
from sco_games.uncertainty.chunks import MODELS, evaluate, evaluator, register
from sco_games.uncertainty.executors import InProcessExecutor, executor_for
from sco_games.uncertainty.sampling import METHODS, to_draws, unit_sample
from sco_games.uncertainty.space import Uncertainty, uncertainties

__all__ = ["METHODS", "MODELS", "ClaimRegion", "InProcessExecutor", "ModelRobustness", "Uncertainty",
           "analyze_model", "evaluate", "evaluator", "executor_for", "register", "to_draws", "uncertainties",
           "unit_sample"]
