# Compute stage: the only place where mathematics happens. One data file per artefact.


rule quadratic:
    input:
        csv=csv_input,
    output:
        data_file("quadratic"),
    params:
        source=lambda w: spec(w)["source"],
    log:
        LOGS / "{scenario}" / "quadratic.log",
    benchmark:
        BENCH / "{scenario}" / "quadratic.tsv"
    script:
        "../scripts/compute_data.py"


rule descent:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("descent"),
    params:
        step_size=lambda w: SCENARIOS[w.scenario].step_size,
        steps=lambda w: SCENARIOS[w.scenario].steps,
        start=lambda w: SCENARIOS[w.scenario].start.tolist(),
        lambdas=lambda w: SCENARIOS[w.scenario].descent_lambdas,
    log:
        LOGS / "{scenario}" / "descent.log",
    benchmark:
        BENCH / "{scenario}" / "descent.tsv"
    script:
        "../scripts/compute_data.py"


rule ridge_path:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("ridge_path"),
    params:
        num=lambda w: spec(w)["path_points"],
    log:
        LOGS / "{scenario}" / "ridge_path.log",
    benchmark:
        BENCH / "{scenario}" / "ridge_path.tsv"
    script:
        "../scripts/compute_data.py"


rule rescale:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("rescale"),
    params:
        lam=lambda w: float(spec(w)["lambdas"]["rescale"]),
    log:
        LOGS / "{scenario}" / "rescale.log",
    benchmark:
        BENCH / "{scenario}" / "rescale.tsv"
    script:
        "../scripts/compute_data.py"


rule tangency:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("tangency"),
    params:
        lambdas=lambda w: SCENARIOS[w.scenario].tangency_lambdas,
    log:
        LOGS / "{scenario}" / "tangency.log",
    benchmark:
        BENCH / "{scenario}" / "tangency.tsv"
    script:
        "../scripts/compute_data.py"


rule landscape:
    input:
        quadratic=rules.quadratic.output[0],
        descent=rules.descent.output[0],
        tangency=rules.tangency.output[0],
    output:
        data_file("landscape"),
    log:
        LOGS / "{scenario}" / "landscape.log",
    benchmark:
        BENCH / "{scenario}" / "landscape.tsv"
    script:
        "../scripts/compute_data.py"
