"""Adam with an L2 penalty against AdamW, full batch on a quadratic risk.

Adam + L2 runs Adam on the gradient of R_reg = R_emp + λ/2 ‖θ‖²: the penalty's gradient
λθ is divided by √v̂ like every other, so coordinates with large gradients are decayed
less. AdamW (Loshchilov & Hutter, 2019) decouples the decay from the adaptive step; here
in PyTorch's form (``torch.optim.AdamW``), the decay multiplied by the learning rate:

    θ ← θ − η_t λ θ − η_t m̂ / (√v̂ + ε).

Consequence of that form: as ε → 0 AdamW's fixed point is the minimizer of R_emp over the
box |θᵢ| ≤ 1/λ, whatever the learning rate (in the paper's form, θ ← θ − η_t(α m̂/(√v̂+ε)
+ λθ), the box is |θᵢ| ≤ α/λ). Adam + L2 ends at θ̂_ridge(λ), as plain weight decay does.
"""

from __future__ import annotations

import numpy as np

from .quadratic import Quadratic


def cosine_schedule(learning_rate: float, steps: int) -> np.ndarray:
    """η_t for t = 0 … steps − 1: from ``learning_rate`` down towards 0 on half a cosine
    (the last rate is η (1 + cos(π (steps − 1)/steps)) / 2, just above 0)."""
    t = np.arange(steps)
    return learning_rate * 0.5 * (1.0 + np.cos(np.pi * t / steps))


def adam(
    quad: Quadratic,
    start: np.ndarray,
    rates: np.ndarray,
    lam: float,
    beta1: float,
    beta2: float,
    eps: float,
    decoupled: bool,
) -> np.ndarray:
    """Iterates (len(rates) + 1, d) of Adam + L2 (``decoupled`` False) or AdamW (True)
    with step sizes ``rates`` and bias-corrected moments, from ``start``."""
    theta = np.asarray(start, dtype=float)
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    iterates = [theta]
    for t, rate in enumerate(rates, start=1):
        grad = quad.gradient(theta) + (0.0 if decoupled else lam * theta)
        m = beta1 * m + (1.0 - beta1) * grad
        v = beta2 * v + (1.0 - beta2) * grad * grad
        step = (m / (1.0 - beta1**t)) / (np.sqrt(v / (1.0 - beta2**t)) + eps)
        theta = theta - rate * (lam * theta if decoupled else 0.0) - rate * step
        iterates.append(theta)
    return np.array(iterates)


def box_bound(lam: float) -> float:
    """Half-width 1/λ of the box AdamW (PyTorch's form) settles in."""
    return 1.0 / float(lam)
