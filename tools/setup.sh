#!/usr/bin/env bash
# Idempotent set-up: Debian packages, then .venv with the pinned Python packages.
# Fast (a few dpkg queries) when everything is already installed.
#
#     bash tools/setup.sh           # the default environment (make setup)
#     bash tools/setup.sh --slurm   # and the opt-in SLURM layer (make slurm-setup)
#
# The SLURM layer (requirements-slurm.lock: snakemake-executor-plugin-slurm and pandas) goes
# to .venv/slurm-plugin, outside .venv's site-packages, and is used only with
# PYTHONPATH=.venv/slurm-plugin: Snakemake imports pandas at every start when it can find
# it, which costs each no-op rebuild ~0.3 s.
set -euo pipefail
cd "$(dirname "$0")/.."

slurm=false
case "${1:-}" in
    "") ;;
    --slurm) slurm=true ;;
    *)
        echo "usage: bash tools/setup.sh [--slurm]" >&2
        exit 2
        ;;
esac
# pip must see .venv's site-packages only (a PYTHONPATH with the SLURM layer would make it
# take the layer's packages for installed ones, and uninstall them from there)
unset PYTHONPATH

mapfile -t packages < <(grep -v '^\s*\(#\|$\)' tools/apt-packages.txt)
missing=()
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node and npm (for reveal.js, below) come from Debian unless the machine already has
# them (e.g. from NodeSource, whose nodejs package would conflict with Debian's npm).
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "l2geom setup: missing system packages; run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
    echo "l2geom setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# reveal.js for the HTML deck, pinned by slides/html/package-lock.json
npm_stamp=slides/html/node_modules/.l2geom-installed
if [[ ! -f $npm_stamp || slides/html/package-lock.json -nt $npm_stamp ]]; then
    echo "l2geom setup: installing reveal.js and axe-core (npm ci in slides/html)"
    npm ci --prefix slides/html --ignore-scripts --no-audit --no-fund --loglevel=error
    touch "$npm_stamp"
fi

stamp=.venv/.l2geom-installed
if [[ ! -f $stamp || requirements.lock -nt $stamp || pyproject.toml -nt $stamp ]]; then
    echo "l2geom setup: creating .venv"
    [[ -x .venv/bin/python ]] || python3 -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -r requirements.lock
    .venv/bin/python -m pip install -q --no-deps -e .
    # a .venv set up before the SLURM layer was split off has these in site-packages
    mapfile -t stale < <(.venv/bin/python -I -c 'import importlib.metadata as m
for name in ("snakemake-executor-plugin-slurm", "pandas"):
    try:
        m.distribution(name)
        print(name)
    except m.PackageNotFoundError:
        pass')
    if ((${#stale[@]})); then
        echo "l2geom setup: removing ${stale[*]} from .venv (now in the SLURM layer, .venv/slurm-plugin)"
        .venv/bin/python -m pip uninstall -q -y "${stale[@]}"
    fi
    touch "$stamp"
fi

if $slurm; then
    layer=.venv/slurm-plugin
    layer_stamp=$layer/.l2geom-installed
    if [[ ! -f $layer_stamp || requirements-slurm.lock -nt $layer_stamp || $stamp -nt $layer_stamp ]]; then
        echo "l2geom setup: installing the SLURM layer in $layer"
        rm -rf "$layer"
        .venv/bin/python -m pip install -q --no-deps --target "$layer" -r requirements-slurm.lock
        touch "$layer_stamp"
    fi
fi
