# Two commands on a fresh machine: `make` (set-up, then the full build) and
# `make test` (set-up, then the whole test suite).
VENV := .venv
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: all setup build test report lint reproducible bench slurm-test clean
all: build

setup:
	@bash tools/setup.sh

build: setup
	snakemake

test: setup
	pytest

report: build
	snakemake --report results/report.html

lint: setup
	snakemake --lint
	snakefmt --check workflow

reproducible: setup
	python tools/reproducible.py

slurm-test: setup
	pytest tests/test_slurm.py

bench: setup
	python benchmarks/bench.py

clean:
	rm -rf results figures slides/build slides/generated
