#!/usr/bin/env bash
# Runs the app under Xvfb on a pool and writes a PNG of the main window to docs/screenshots/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pool="${1:-$("$here/build/app/mergescope-cli" zoo path)}"
out="$here/docs/screenshots"
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1400x900x24" bash -c "
  '$here/build/app/mergescope' '$pool' & app=\$!
  sleep 5
  import -window root '$out/main-window.png'
  kill \$app"
echo "$out/main-window.png"
