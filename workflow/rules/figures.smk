# Figures stage: matplotlib draws the data files; one rule per figure family.
# Outputs: figures/{scenario}/{name}.pdf (slides) and .png (report, README).
# group "scenario": on SLURM a scenario's data and figures travel in one job, with
# up to four other scenarios' (profiles/slurm/config.yaml); local runs ignore groups.
rule figure_gd_vs_weight_decay:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        descent=data_file("descent_decay"),
    output:
        **figure_outputs("gd_vs_weight_decay"),
    log:
        LOGS / "{scenario}" / "figure_gd_vs_weight_decay.log",
    benchmark:
        BENCH / "{scenario}" / "figure_gd_vs_weight_decay.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="gd_vs_weight_decay",
        lam=lambda w: lambda_of(w, "decay"),
    script:
        "../scripts/figure.py"


rule figure_pull_depends_on_lambda:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        descent=data_file("descent_pull"),
        ridge_path=rules.ridge_path.output[0],
    output:
        **figure_outputs("pull_depends_on_lambda"),
    log:
        LOGS / "{scenario}" / "figure_pull_depends_on_lambda.log",
    benchmark:
        BENCH / "{scenario}" / "figure_pull_depends_on_lambda.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="pull_depends_on_lambda",
        lambdas=lambda w: SCENARIOS[w.scenario].lambdas_for("pull"),
    script:
        "../scripts/figure.py"


rule figure_eigen_projection:
    input:
        rescale=rules.rescale.output[0],
        landscape=rules.landscape.output[0],
    output:
        **figure_outputs("eigen_projection"),
    log:
        LOGS / "{scenario}" / "figure_eigen_projection.log",
    benchmark:
        BENCH / "{scenario}" / "figure_eigen_projection.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="eigen_projection",
    script:
        "../scripts/figure.py"


rule figure_rescale_lambda_zero:
    input:
        rescale=rules.rescale.output[0],
        landscape=rules.landscape.output[0],
        ridge_path=rules.ridge_path.output[0],
    output:
        **figure_outputs("rescale_lambda_zero"),
    log:
        LOGS / "{scenario}" / "figure_rescale_lambda_zero.log",
    benchmark:
        BENCH / "{scenario}" / "figure_rescale_lambda_zero.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="rescale_lambda_zero",
    script:
        "../scripts/figure.py"


rule figure_rescale_lambda_positive:
    input:
        rescale=rules.rescale.output[0],
        landscape=rules.landscape.output[0],
    output:
        **figure_outputs("rescale_lambda_positive"),
    log:
        LOGS / "{scenario}" / "figure_rescale_lambda_positive.log",
    benchmark:
        BENCH / "{scenario}" / "figure_rescale_lambda_positive.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="rescale_lambda_positive",
    script:
        "../scripts/figure.py"


rule figure_goodfellow:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        tangency=data_file("tangency_rescale"),
        rescale=rules.rescale.output[0],
    output:
        **figure_outputs("goodfellow"),
    log:
        LOGS / "{scenario}" / "figure_goodfellow.log",
    benchmark:
        BENCH / "{scenario}" / "figure_goodfellow.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="goodfellow",
    script:
        "../scripts/figure.py"


rule figure_shrink_factors:
    input:
        ridge_path=rules.ridge_path.output[0],
        rescale=rules.rescale.output[0],
    output:
        **figure_outputs("shrink_factors"),
    log:
        LOGS / "{scenario}" / "figure_shrink_factors.log",
    benchmark:
        BENCH / "{scenario}" / "figure_shrink_factors.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="shrink_factors",
    script:
        "../scripts/figure.py"


rule figure_adam_vs_adamw:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        adaptive=rules.adaptive.output[0],
    output:
        **figure_outputs("adam_vs_adamw"),
    log:
        LOGS / "{scenario}" / "figure_adam_vs_adamw.log",
    benchmark:
        BENCH / "{scenario}" / "figure_adam_vs_adamw.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="adam_vs_adamw",
    script:
        "../scripts/figure.py"


rule figure_early_stopping:
    input:
        landscape=rules.landscape.output[0],
        ridge_path=rules.ridge_path.output[0],
        quadratic=rules.quadratic.output[0],
        early_stopping=rules.early_stopping.output[0],
    output:
        **figure_outputs("early_stopping"),
    log:
        LOGS / "{scenario}" / "figure_early_stopping.log",
    benchmark:
        BENCH / "{scenario}" / "figure_early_stopping.tsv"
    group:
        "scenario"
    conda:
        CONDA_ENV
    resources:
        **FIGURE_JOB,
    params:
        code=CODE["figures"],
        family="early_stopping",
    script:
        "../scripts/figure.py"
