# Two commands on a fresh machine: `make` (set-up, then the full build) and
# `make test` (set-up with the SLURM layer, then the whole test suite).
# On a SLURM cluster: `make slurm ARGS="..."` (docs/slurm.md).
VENV := .venv
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
# The opt-in SLURM layer (requirements-slurm.lock), on sys.path only for the SLURM route
SLURM_LAYER := $(CURDIR)/$(VENV)/slurm-plugin

.PHONY: all setup slurm-setup build test report lint docs reproducible bench slurm slurm-test clean
all: build

setup:
	@bash tools/setup.sh

# The build under a lock on this folder (src/l2geom/build.py): a second build here is
# refused, a killed one's stale Snakemake lock is removed. ARGS go to snakemake.
build: setup
	python -m l2geom.build $(ARGS)

# tests/test_slurm.py needs the SLURM layer
test: slurm-setup
	pytest

report: build
	snakemake --report results/report.html

# The field's linters: Snakemake's own lint and formatter, ruff (lint and format), mypy
# on the package, deptry (declared dependencies against imports); settings in pyproject.toml
PYTHON_SOURCES := src tests workflow/scripts tools benchmarks
lint: setup
	snakemake --lint
	snakefmt --check Snakefile workflow
	ruff check $(PYTHON_SOURCES)
	ruff format --check $(PYTHON_SOURCES)
	mypy
	deptry src

# docs/configuration.md from the config schema (a test fails when it is stale)
docs: setup
	python -m l2geom.config.reference > docs/configuration.md

reproducible: setup
	python tools/reproducible.py

slurm-setup:
	@bash tools/setup.sh --slurm

slurm: slurm-setup
	PYTHONPATH=$(SLURM_LAYER)$${PYTHONPATH:+:$$PYTHONPATH} $(VENV)/bin/python tools/slurm/snakemake_with_groups.py \
		--workflow-profile profiles/slurm $(ARGS)

slurm-test: slurm-setup
	pytest tests/test_slurm.py

bench: setup
	python benchmarks/bench.py

clean:
	rm -rf results figures slides/build slides/generated
