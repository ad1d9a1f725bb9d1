# Compute stage: the only place where mathematics happens. One rule per data file of the
# catalogue (l2geom.catalogue.DATA_FILES), generated here; each job calls the spec's
# function (params.function) through workflow/scripts/compute_data.py.
# group "scenario": on SLURM a scenario's data and figures travel in one job, with
# up to four other scenarios' (profiles/slurm/config.yaml); local runs ignore groups.


for item in catalogue.DATA_FILES.values():

    rule:
        name:
            item.name
        input:
            **(
                data_inputs({"quad": "quadratic"})
                if item.reads_quadratic
                else {"csv": csv_input}
            ),
        output:
            data_file(item.name),
        log:
            LOGS / "{scenario}" / f"{item.name}.log",
        benchmark:
            BENCH / "{scenario}" / f"{item.name}.tsv"
        priority: data_priority
        group:
            "scenario"
        conda:
            CONDA_ENV
        resources:
            **SMALL_JOB,
        params:
            **job_params(item.params),
            code=CODE["compute"],
            function=item.compute,
        script:
            "../scripts/compute_data.py"
