# Figures stage: matplotlib draws the data files; one rule per figure family.
# Outputs: figures/{scenario}/{name}.pdf (slides) and .png (report, README).
FIGURES = Path("figures")
FAMILY_FIGURES = {
    "gd_vs_weight_decay": ["gd_vs_weight_decay"],
    "pull_depends_on_lambda": ["pull_depends_on_lambda"],
    "eigen_projection": ["eigen_projection"],
    "rescale_lambda_zero": ["rescale_lambda_zero"],
    "rescale_lambda_positive": ["rescale_lambda_positive"],
    "goodfellow": ["goodfellow_flat", "goodfellow_steep"],
    "shrink_factors": ["shrink_factors"],
}


def figure_file(name, ext):
    return str(FIGURES / "{scenario}" / f"{name}.{ext}")


def figure_outputs(family):
    """PDF (plain) and PNG (marked for the report) of every figure of ``family``."""
    out = {}
    for name in FAMILY_FIGURES[family]:
        out[f"{name}_pdf"] = figure_file(name, "pdf")
        out[f"{name}_png"] = report(
            figure_file(name, "png"),
            caption=f"../report/figures/{name}.rst",
            category="{scenario}",
            subcategory="Figures",
        )
    return out


def figure_targets():
    return [
        figure_file(name, ext).format(scenario=s)
        for s, scen in SCENARIOS.items()
        for family in scen.figures
        for name in FAMILY_FIGURES[family]
        for ext in ("pdf", "png")
    ]


rule figure_gd_vs_weight_decay:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        descent=rules.descent.output[0],
    output:
        **figure_outputs("gd_vs_weight_decay"),
    params:
        family="gd_vs_weight_decay",
        lam=lambda w: float(spec(w)["lambdas"]["decay"]),
    log:
        LOGS / "{scenario}" / "figure_gd_vs_weight_decay.log",
    benchmark:
        BENCH / "{scenario}" / "figure_gd_vs_weight_decay.tsv"
    script:
        "../scripts/figure.py"


rule figure_pull_depends_on_lambda:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        descent=rules.descent.output[0],
        ridge_path=rules.ridge_path.output[0],
    output:
        **figure_outputs("pull_depends_on_lambda"),
    params:
        family="pull_depends_on_lambda",
        lambdas=lambda w: sorted(float(x) for x in spec(w)["lambdas"]["pull"]),
    log:
        LOGS / "{scenario}" / "figure_pull_depends_on_lambda.log",
    benchmark:
        BENCH / "{scenario}" / "figure_pull_depends_on_lambda.tsv"
    script:
        "../scripts/figure.py"


rule figure_eigen_projection:
    input:
        rescale=rules.rescale.output[0],
        landscape=rules.landscape.output[0],
    output:
        **figure_outputs("eigen_projection"),
    params:
        family="eigen_projection",
    log:
        LOGS / "{scenario}" / "figure_eigen_projection.log",
    benchmark:
        BENCH / "{scenario}" / "figure_eigen_projection.tsv"
    script:
        "../scripts/figure.py"


rule figure_rescale_lambda_zero:
    input:
        rescale=rules.rescale.output[0],
        landscape=rules.landscape.output[0],
        ridge_path=rules.ridge_path.output[0],
    output:
        **figure_outputs("rescale_lambda_zero"),
    params:
        family="rescale_lambda_zero",
    log:
        LOGS / "{scenario}" / "figure_rescale_lambda_zero.log",
    benchmark:
        BENCH / "{scenario}" / "figure_rescale_lambda_zero.tsv"
    script:
        "../scripts/figure.py"


rule figure_rescale_lambda_positive:
    input:
        rescale=rules.rescale.output[0],
        landscape=rules.landscape.output[0],
    output:
        **figure_outputs("rescale_lambda_positive"),
    params:
        family="rescale_lambda_positive",
    log:
        LOGS / "{scenario}" / "figure_rescale_lambda_positive.log",
    benchmark:
        BENCH / "{scenario}" / "figure_rescale_lambda_positive.tsv"
    script:
        "../scripts/figure.py"


rule figure_goodfellow:
    input:
        quadratic=rules.quadratic.output[0],
        landscape=rules.landscape.output[0],
        tangency=rules.tangency.output[0],
        rescale=rules.rescale.output[0],
    output:
        **figure_outputs("goodfellow"),
    params:
        family="goodfellow",
    log:
        LOGS / "{scenario}" / "figure_goodfellow.log",
    benchmark:
        BENCH / "{scenario}" / "figure_goodfellow.tsv"
    script:
        "../scripts/figure.py"


rule figure_shrink_factors:
    input:
        ridge_path=rules.ridge_path.output[0],
        rescale=rules.rescale.output[0],
    output:
        **figure_outputs("shrink_factors"),
    params:
        family="shrink_factors",
    log:
        LOGS / "{scenario}" / "figure_shrink_factors.log",
    benchmark:
        BENCH / "{scenario}" / "figure_shrink_factors.tsv"
    script:
        "../scripts/figure.py"
