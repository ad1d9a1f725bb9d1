"""The data each animation is drawn from: data-file role -> data file, per scene.

Kept free of Manim so that the workflow can read it when it builds its job graph.
"""

ANIMATION_DATA = {
    "rotate_rescale": {"rescale": "rescale"},
    "decay_trajectories": {"quadratic": "quadratic", "descent": "descent_pull",
                           "landscape": "landscape", "tangency": "tangency_pull"},
    "lambda_sweep": {"quadratic": "quadratic", "ridge_path": "ridge_path",
                     "landscape": "landscape"},
}
