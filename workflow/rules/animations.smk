# Animations stage: Manim scenes drawn from the data files (no mathematics here).
# Each animation is rendered in CONFIG["render_parts"] parts that run side by side:
# animation_timeline times the scene's plays and compiles its TeX once, animation_part
# renders one run of plays (one movie per play), and animation joins them, packet for
# packet, into figures/{scenario}/animations/{animation}.mp4: the same bytes as a whole
# render. Quality comes from the config key `quality`.


wildcard_constraints:
    animation="|".join(ANIMATION_DATA),
    part=r"\d+",


rule animation_timeline:
    input:
        unpack(animation_data),
    output:
        parts=MANIM_WORK / "parts.json",
        tex=directory(MANIM_WORK / "tex"),
    log:
        LOGS / "{scenario}" / "animation_{animation}" / "timeline.log",
    benchmark:
        BENCH / "{scenario}" / "animation_{animation}" / "timeline.tsv"
    priority: render_priority
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["animations"],
        short=CONFIG["short_animations"],
        parts=CONFIG["render_parts"],
        options=scene_options,
    script:
        "../scripts/animation_timeline.py"


rule animation_part:
    input:
        unpack(animation_data),
        parts=rules.animation_timeline.output.parts,
        tex=rules.animation_timeline.output.tex,
    output:
        temp(directory(MANIM_WORK / "part{part}")),
    log:
        LOGS / "{scenario}" / "animation_{animation}" / "part{part}.log",
    benchmark:
        BENCH / "{scenario}" / "animation_{animation}" / "part{part}.tsv"
    priority: render_priority
    conda:
        CONDA_ENV
    resources:
        **RENDER_JOB,
    params:
        code=CODE["animations"],
        quality=CONFIG["quality"],
        short=CONFIG["short_animations"],
        options=scene_options,
    script:
        "../scripts/animation_part.py"


rule animation:
    input:
        expand(
            rules.animation_part.output[0],
            part=range(CONFIG["render_parts"]),
            allow_missing=True,
        ),
    output:
        mp4=report(
            animation_file("{animation}", "mp4"),
            caption="../report/animation.rst",
            category="{scenario}",
            subcategory="Animations",
        ),
        png=animation_file("{animation}", "png"),
    log:
        LOGS / "{scenario}" / "animation_{animation}" / "join.log",
    benchmark:
        BENCH / "{scenario}" / "animation_{animation}" / "join.tsv"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        code=CODE["animations"],
    script:
        "../scripts/animation_join.py"
