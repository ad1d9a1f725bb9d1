"""Every bound on what a config can ask for, in one place (the table of bounds in docs/config-checks.md).

The schema (workflow/schemas/config.schema.yaml) bounds each size on its own: 100
scenarios, d <= 50, 3 lambdas per use, 2000 ridge-path points, magnitudes within
+-1e9. These bound what the schema cannot express: files, products and ratios. No
config within them can make a job run away in time or memory.
"""

CONFIG_BYTES = 200_000  # a config file (many-scenarios.yaml, 20 scenarios: 7 KB)
CONFIG_VALUES = 20_000  # YAML nodes of a config, every alias expanded
CSV_BYTES = 2_000_000  # ~100 000 rows of two features: a second to read and check
MAGNITUDE = 1e9  # |any number|, CSV cells included: no sum of squares overflows
SIMULATED_VALUES = 2_000_000  # n x d of one scenario's simulated data
TOTAL_DATA_VALUES = 4_000_000  # n x d summed over all scenarios
DESCENT_VALUES = 4_000_000  # (steps + 1) x d x stored runs of one descent file
ANIMATED_STEPS = 1_000  # decay_trajectories and proximal_steps draw every step
PROXIMAL_MIN_STEPS = 3  # proximal_steps draws two steps one by one and the last one apart
# Figures and animations show both axes of the ellipses in one picture; beyond this ratio
# of eigenvalues (axis ratio sqrt(1000) ~ 32) the flat direction runs off any drawing.
DRAWN_CONDITION = 1_000.0
SINGULAR = 1e-12  # smallest / largest eigenvalue below which H is singular
