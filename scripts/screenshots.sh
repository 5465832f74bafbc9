#!/usr/bin/env bash
# Runs the app under Xvfb on a pool (default: the demo zoo) through a short demo session — task
# arithmetic, TIES, WEMoE with test-time adaptation, a routing trace, a λ sweep — and writes a PNG
# of every main view to docs/screenshots/ (or $1 … see usage). Takes about two minutes on the zoo.
#   bash scripts/screenshots.sh [POOL] [WEMOE_STEPS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pool="${1:-$("$here/build/app/mergescope-cli" zoo path)}"
steps="${2:-300}"
out="$here/docs/screenshots"
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$here/build/app/mergescope" "$pool" --screenshots "$out" --screenshot-wemoe-steps "$steps"
