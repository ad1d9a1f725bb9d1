# Animations stage: Manim scenes drawn from the data files (no mathematics here).
# Each render gets a fresh media folder under results/manim/{scenario}/ and is moved into
# figures/{scenario}/animations/ atomically; quality comes from the config key `quality`.

MANIM_WORK = "results/manim/{scenario}"


def animation_file(name, ext):
    """Path pattern of an animation's movie (mp4) or poster (png)."""
    return str(Path("figures", "{scenario}", "animations", f"{name}.{ext}"))


def animation_targets():
    """Every animation (movie and poster) of every scenario, as listed in its config."""
    return [
        animation_file(name, ext).format(scenario=s)
        for s, scenario in SCENARIOS.items()
        for name in scenario.animations
        for ext in ("mp4", "png")
    ]


rule rotate_rescale:
    input:
        rescale=rules.rescale.output[0],
    output:
        mp4=report(
            animation_file("rotate_rescale", "mp4"),
            caption="../report/animations/rotate_rescale.rst",
            category="{scenario}",
            subcategory="Animations",
        ),
        png=animation_file("rotate_rescale", "png"),
    log:
        LOGS / "{scenario}" / "animation_rotate_rescale.log",
    benchmark:
        BENCH / "{scenario}" / "animation_rotate_rescale.tsv"
    params:
        quality=CONFIG["quality"],
        workdir=MANIM_WORK,
    script:
        "../scripts/animation.py"


rule decay_trajectories:
    input:
        quadratic=rules.quadratic.output[0],
        descent=rules.descent.output[0],
        landscape=rules.landscape.output[0],
        tangency=rules.tangency.output[0],
    output:
        mp4=report(
            animation_file("decay_trajectories", "mp4"),
            caption="../report/animations/decay_trajectories.rst",
            category="{scenario}",
            subcategory="Animations",
        ),
        png=animation_file("decay_trajectories", "png"),
    log:
        LOGS / "{scenario}" / "animation_decay_trajectories.log",
    benchmark:
        BENCH / "{scenario}" / "animation_decay_trajectories.tsv"
    params:
        quality=CONFIG["quality"],
        workdir=MANIM_WORK,
        lambdas=lambda w: sorted(float(lam) for lam in spec(w)["lambdas"]["pull"]),
    script:
        "../scripts/animation.py"


rule lambda_sweep:
    input:
        quadratic=rules.quadratic.output[0],
        ridge_path=rules.ridge_path.output[0],
        landscape=rules.landscape.output[0],
    output:
        mp4=report(
            animation_file("lambda_sweep", "mp4"),
            caption="../report/animations/lambda_sweep.rst",
            category="{scenario}",
            subcategory="Animations",
        ),
        png=animation_file("lambda_sweep", "png"),
    log:
        LOGS / "{scenario}" / "animation_lambda_sweep.log",
    benchmark:
        BENCH / "{scenario}" / "animation_lambda_sweep.tsv"
    params:
        quality=CONFIG["quality"],
        workdir=MANIM_WORK,
    script:
        "../scripts/animation.py"
