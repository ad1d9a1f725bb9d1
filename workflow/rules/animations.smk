# Animations stage: Manim scenes drawn from the data files (no mathematics here). One rule
# per animation of the catalogue (l2geom.catalogue.ANIMATIONS), generated here. Besides
# the movie, poster and pause points, each writes its stage stills (a folder: the stages
# are declared in the scene class, which a rule file does not import) and a .tex snippet.
# Each render gets a fresh media folder under results/manim/{scenario}/ and is moved into
# figures/{scenario}/animations/ atomically; quality comes from the config key `quality`.


for item in catalogue.ANIMATIONS.values():

    rule:
        name:
            f"animation_{item.name}"
        input:
            **data_inputs(item.reads),
        output:
            mp4=report(
                animation_file(item.name, "mp4"),
                caption=caption("animations", item.name),
                category="{scenario}",
                subcategory="Animations",
            ),
            png=animation_file(item.name, "png"),
            json=animation_file(item.name, "json"),
            tex=animation_file(item.name, "tex"),
            stills=directory(animation_stills(item.name)),
        log:
            LOGS / "{scenario}" / f"animation_{item.name}.log",
        benchmark:
            BENCH / "{scenario}" / f"animation_{item.name}.tsv"
        priority: item.priority
        conda:
            CONDA_ENV
        resources:
            **RENDER_JOB,
        params:
            **job_params(item.params),
            scene=item.name,
            code=ANIMATION_CODE[item.name],
            quality=CONFIG["quality"],
            short=CONFIG["short_animations"],
            workdir=MANIM_WORK,
            scenario=lambda w: w.scenario,
        script:
            "../scripts/animation.py"
