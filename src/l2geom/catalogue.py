"""What the pipeline makes, each name written once: data files, figure families (and the
figure files each draws) and animations. The rules, the figure package, the deck and the
tests read these; a test holds the config schema's lists against them."""

from __future__ import annotations

# results/data/{scenario}/{name}.npz of every scenario (contents: l2geom.core.compute)
DATA_FILES = ("quadratic", "descent_decay", "descent_pull", "ridge_path", "rescale",
              "tangency_decay", "tangency_pull", "tangency_rescale")
PLANE_DATA_FILES = ("landscape",)  # the R_emp map: only for scenarios in the plane (d = 2)
# Data files only some figures and animations read (file -> those), computed for a
# scenario that draws one of them.
OPTIONAL_DATA_FILES = {"adaptive": ("adam_vs_adamw",), "early_stopping": ("early_stopping",)}

# Family (as named in a scenario's ``figures:`` list) -> the figures it draws,
# figures/{scenario}/{name}.pdf and .png
FIGURE_FAMILIES: dict[str, tuple[str, ...]] = {
    "gd_vs_weight_decay": ("gd_vs_weight_decay",),
    "pull_depends_on_lambda": ("pull_depends_on_lambda",),
    "eigen_projection": ("eigen_projection",),
    "rescale_lambda_zero": ("rescale_lambda_zero",),
    "rescale_lambda_positive": ("rescale_lambda_positive",),
    "goodfellow": ("goodfellow_flat", "goodfellow_steep"),
    "shrink_factors": ("shrink_factors",),
    "adam_vs_adamw": ("adam_vs_adamw",),
    "early_stopping": ("early_stopping",),
}

# figures/{scenario}/animations/{name}.{ext}: the movie, its poster (last frame) and its
# pause points (the end of each stage: time in seconds and a label)
ANIMATIONS = ("rotate_rescale", "decay_trajectories", "lambda_sweep", "adam_vs_adamw")
ANIMATION_FILES = ("mp4", "png", "json")


def data_files(dim: int, drawn=()) -> tuple[str, ...]:
    """The data files of a scenario of dimension ``dim`` that draws the figure families
    and animations ``drawn``."""
    optional = tuple(name for name, users in OPTIONAL_DATA_FILES.items()
                     if set(users) & set(drawn))
    return DATA_FILES + (PLANE_DATA_FILES if dim == 2 else ()) + optional
