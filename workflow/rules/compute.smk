# Compute stage: the only place where mathematics happens. One data file per artefact.
# group "scenario": on SLURM a scenario's data and figures travel in one job, with
# up to four other scenarios' (profiles/slurm/config.yaml); local runs ignore groups.


rule quadratic:
    input:
        csv=csv_input,
    output:
        data_file("quadratic"),
    log:
        LOGS / "{scenario}" / "quadratic.log",
    benchmark:
        BENCH / "{scenario}" / "quadratic.tsv"
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="quadratic",
        code=CODE["compute"],
        source=lambda w: spec(w)["source"],
    script:
        "../scripts/compute_data.py"


rule descent:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("descent_{use}"),
    log:
        LOGS / "{scenario}" / "descent_{use}.log",
    benchmark:
        BENCH / "{scenario}" / "descent_{use}.tsv"
    wildcard_constraints:
        use="decay|pull",
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="descent",
        code=CODE["compute"],
        step_size=lambda w: SCENARIOS[w.scenario].step_size,
        steps=lambda w: SCENARIOS[w.scenario].steps,
        start=lambda w: SCENARIOS[w.scenario].start,
        lambdas=lambda w: SCENARIOS[w.scenario].lambdas_for(w.use),
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
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="ridge_path",
        code=CODE["compute"],
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
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="rescale",
        code=CODE["compute"],
        lam=lambda w: lambda_of(w, "rescale"),
    script:
        "../scripts/compute_data.py"


rule tangency:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("tangency_{use}"),
    log:
        LOGS / "{scenario}" / "tangency_{use}.log",
    benchmark:
        BENCH / "{scenario}" / "tangency_{use}.tsv"
    wildcard_constraints:
        use="decay|pull|rescale",
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="tangency",
        code=CODE["compute"],
        lambdas=lambda w: SCENARIOS[w.scenario].lambdas_for(w.use),
    script:
        "../scripts/compute_data.py"


rule landscape:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("landscape"),
    log:
        LOGS / "{scenario}" / "landscape.log",
    benchmark:
        BENCH / "{scenario}" / "landscape.tsv"
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="landscape",
        code=CODE["compute"],
        start=lambda w: SCENARIOS[w.scenario].start,
        step_size=lambda w: SCENARIOS[w.scenario].step_size,
        steps=lambda w: SCENARIOS[w.scenario].steps,
    script:
        "../scripts/compute_data.py"


rule adaptive:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("adaptive"),
    log:
        LOGS / "{scenario}" / "adaptive.log",
    benchmark:
        BENCH / "{scenario}" / "adaptive.tsv"
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="adaptive",
        code=CODE["compute"],
        start=lambda w: SCENARIOS[w.scenario].start,
        step_size=lambda w: SCENARIOS[w.scenario].step_size,
        steps=lambda w: SCENARIOS[w.scenario].steps,
        lam=lambda w: spec(w)["adam"]["lam"],
        learning_rate=lambda w: spec(w)["adam"]["learning_rate"],
        adam_steps=lambda w: spec(w)["adam"]["steps"],
        beta1=lambda w: spec(w)["adam"]["beta1"],
        beta2=lambda w: spec(w)["adam"]["beta2"],
        eps=lambda w: spec(w)["adam"]["eps"],
    script:
        "../scripts/compute_data.py"


rule early_stopping:
    input:
        quadratic=rules.quadratic.output[0],
    output:
        data_file("early_stopping"),
    log:
        LOGS / "{scenario}" / "early_stopping.log",
    benchmark:
        BENCH / "{scenario}" / "early_stopping.tsv"
    priority: data_priority
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **SMALL_JOB,
    params:
        contents="early_stopping",
        code=CODE["compute"],
        step_size=lambda w: SCENARIOS[w.scenario].step_size,
        taus=lambda w: spec(w)["early_stopping"]["taus"],
    script:
        "../scripts/compute_data.py"
