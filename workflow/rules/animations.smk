# Animations stage: Manim scenes drawn from the data files (no mathematics here).
# Each render gets a fresh media folder under results/manim/{scenario}/ and is moved into
# figures/{scenario}/animations/ atomically; quality comes from the config key `quality`.


rule animation_rotate_rescale:
    input:
        rescale=rules.rescale.output[0],
        landscape=rules.landscape.output[0],
        tangency=data_file("tangency_rescale"),
    output:
        mp4=report(
            animation_file("rotate_rescale", "mp4"),
            caption="../report/animations/rotate_rescale.rst",
            category="{scenario}",
            subcategory="Animations",
        ),
        png=animation_file("rotate_rescale", "png"),
        json=animation_file("rotate_rescale", "json"),
    log:
        LOGS / "{scenario}" / "animation_rotate_rescale.log",
    benchmark:
        BENCH / "{scenario}" / "animation_rotate_rescale.tsv"
    priority: RENDER_PRIORITY["rotate_rescale"]
    conda:
        CONDA_ENV
    resources:
        **RENDER_JOB,
    params:
        scene="rotate_rescale",
        code=ANIMATION_CODE["rotate_rescale"],
        quality=CONFIG["quality"],
        short=CONFIG["short_animations"],
        workdir=MANIM_WORK,
    script:
        "../scripts/animation.py"


rule animation_decay_trajectories:
    input:
        quadratic=rules.quadratic.output[0],
        descent=data_file("descent_pull"),
        landscape=rules.landscape.output[0],
        tangency=data_file("tangency_pull"),
    output:
        mp4=report(
            animation_file("decay_trajectories", "mp4"),
            caption="../report/animations/decay_trajectories.rst",
            category="{scenario}",
            subcategory="Animations",
        ),
        png=animation_file("decay_trajectories", "png"),
        json=animation_file("decay_trajectories", "json"),
    log:
        LOGS / "{scenario}" / "animation_decay_trajectories.log",
    benchmark:
        BENCH / "{scenario}" / "animation_decay_trajectories.tsv"
    priority: RENDER_PRIORITY["decay_trajectories"]
    conda:
        CONDA_ENV
    resources:
        **RENDER_JOB,
    params:
        scene="decay_trajectories",
        code=ANIMATION_CODE["decay_trajectories"],
        quality=CONFIG["quality"],
        short=CONFIG["short_animations"],
        workdir=MANIM_WORK,
        lambdas=lambda w: SCENARIOS[w.scenario].lambdas_for("pull"),
    script:
        "../scripts/animation.py"


rule animation_lambda_sweep:
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
        json=animation_file("lambda_sweep", "json"),
    log:
        LOGS / "{scenario}" / "animation_lambda_sweep.log",
    benchmark:
        BENCH / "{scenario}" / "animation_lambda_sweep.tsv"
    priority: RENDER_PRIORITY["lambda_sweep"]
    conda:
        CONDA_ENV
    resources:
        **RENDER_JOB,
    params:
        scene="lambda_sweep",
        code=ANIMATION_CODE["lambda_sweep"],
        quality=CONFIG["quality"],
        short=CONFIG["short_animations"],
        workdir=MANIM_WORK,
    script:
        "../scripts/animation.py"


rule animation_adam_vs_adamw:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        adaptive=rules.adaptive.output[0],
    output:
        mp4=report(
            animation_file("adam_vs_adamw", "mp4"),
            caption="../report/animations/adam_vs_adamw.rst",
            category="{scenario}",
            subcategory="Animations",
        ),
        png=animation_file("adam_vs_adamw", "png"),
        json=animation_file("adam_vs_adamw", "json"),
    log:
        LOGS / "{scenario}" / "animation_adam_vs_adamw.log",
    benchmark:
        BENCH / "{scenario}" / "animation_adam_vs_adamw.tsv"
    priority: RENDER_PRIORITY["adam_vs_adamw"]
    conda:
        CONDA_ENV
    resources:
        **RENDER_JOB,
    params:
        scene="adam_vs_adamw",
        code=ANIMATION_CODE["adam_vs_adamw"],
        quality=CONFIG["quality"],
        short=CONFIG["short_animations"],
        workdir=MANIM_WORK,
    script:
        "../scripts/animation.py"
