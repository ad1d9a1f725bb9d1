# l2geom: rebuilds the lecture "Geometric Analysis of L2-Regularization and Weight Decay".
# Plain `snakemake` from the project root uses profiles/default (all cores) and reads
# config/config.yaml; `--configfile my.yaml` reads a lecturer's own config instead.
from snakemake.utils import min_version

min_version("9.0")


include: "workflow/rules/common.smk"
include: "workflow/rules/compute.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/animations.smk"
include: "workflow/rules/slides.smk"


# the front page, written from the config (workflow/rules/common.smk)
report: REPORT_PAGE


rule all:
    default_target: True
    input:
        data_targets(),
        figure_targets(),
        animation_targets(),
        slide_targets(),
