# Figures stage: matplotlib draws the data files. One rule per figure family of the
# catalogue (l2geom.catalogue.FIGURES), generated here; each job calls the family's
# drawing function (params.draw) through workflow/scripts/figure.py.
# Outputs: figures/{scenario}/{name}.pdf (slides) and .png (report, README).
# group "scenario": on SLURM a scenario's data and figures travel in one job, with
# up to four other scenarios' (profiles/slurm/config.yaml); local runs ignore groups.


for item in catalogue.FIGURES.values():

    rule:
        name:
            f"figure_{item.family}"
        input:
            **data_inputs(item.reads),
        output:
            **figure_outputs(item.family),
        log:
            LOGS / "{scenario}" / f"figure_{item.family}.log",
        benchmark:
            BENCH / "{scenario}" / f"figure_{item.family}.tsv"
        group:
            "scenario"
        conda:
            CONDA_ENV
        resources:
            **FIGURE_JOB,
        params:
            **job_params(item.params),
            code=CODE["figures"],
            family=item.family,
            draw=item.draw,
        script:
            "../scripts/figure.py"
