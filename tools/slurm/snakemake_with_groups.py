"""Snakemake whose SLURM jobs know the job grouping: `make slurm` runs this, not `snakemake`.

Snakemake starts a Snakemake of its own in every SLURM job it submits, and passes the
grouping options (`--groups`, `--group-components`) on only when the executor plugin's
`CommonSettings.pass_group_args` says so; snakemake-executor-plugin-slurm (2.8.0,
requirements-slurm.lock) leaves it False. A SLURM job carrying several scenarios
(`group-components` in profiles/slurm/config.yaml) then forms one group job per scenario
again and runs them one after another, each in an `srun` step with a Snakemake start of
its own: the tax the packing was meant to remove. With the setting True, the job forms
the same single group as the login node and runs it in one step. Arguments are
Snakemake's; the plugin must be importable (the SLURM layer on PYTHONPATH).
"""

import dataclasses
import sys

import snakemake_executor_plugin_slurm as slurm

# before Snakemake is imported: its plugin registry reads the settings once
slurm.common_settings = dataclasses.replace(slurm.common_settings, pass_group_args=True)

from snakemake.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
