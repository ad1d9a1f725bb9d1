# Compute stage: the only place where mathematics happens. One data file per artefact.


rule quadratic:
    input:
        csv=csv_input,
    output:
        data_file("quadratic"),
    log:
        LOGS / "{scenario}" / "quadratic.log",
    benchmark:
        BENCH / "{scenario}" / "quadratic.tsv"
    conda:
        CONDA_ENV
    params:
        source=lambda w: spec(w)["source"],
    script:
        "../scripts/compute_data.py"


rule descent:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("descent"),
    log:
        LOGS / "{scenario}" / "descent.log",
    benchmark:
        BENCH / "{scenario}" / "descent.tsv"
    conda:
        CONDA_ENV
    params:
        step_size=lambda w: SCENARIOS[w.scenario].step_size,
        steps=lambda w: SCENARIOS[w.scenario].steps,
        start=lambda w: SCENARIOS[w.scenario].start.tolist(),
        lambdas=lambda w: SCENARIOS[w.scenario].descent_lambdas,
    script:
        "../scripts/compute_data.py"


rule ridge_path:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("ridge_path"),
    log:
        LOGS / "{scenario}" / "ridge_path.log",
    benchmark:
        BENCH / "{scenario}" / "ridge_path.tsv"
    conda:
        CONDA_ENV
    params:
        num=lambda w: spec(w)["path_points"],
    script:
        "../scripts/compute_data.py"


rule rescale:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("rescale"),
    log:
        LOGS / "{scenario}" / "rescale.log",
    benchmark:
        BENCH / "{scenario}" / "rescale.tsv"
    conda:
        CONDA_ENV
    params:
        lam=lambda w: float(spec(w)["lambdas"]["rescale"]),
    script:
        "../scripts/compute_data.py"


rule tangency:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("tangency"),
    log:
        LOGS / "{scenario}" / "tangency.log",
    benchmark:
        BENCH / "{scenario}" / "tangency.tsv"
    conda:
        CONDA_ENV
    params:
        lambdas=lambda w: SCENARIOS[w.scenario].tangency_lambdas,
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
    conda:
        CONDA_ENV
    script:
        "../scripts/compute_data.py"
