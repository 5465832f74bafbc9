#!/usr/bin/env bash
# The README's first command: install what is missing, build, build the demo zoo if it is absent,
# and open the app on it. Uses a virtual X server when there is no display.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
cli="$here/build/app/mergescope-cli"
zoo="$("$cli" zoo path)"
if [ ! -f "$zoo/pool.json" ]; then
  echo "[run] building the demo zoo into $zoo (about 40 minutes)"
  "$cli" zoo build --mnist-dir "$here/third_party/mnist"
  "$cli" zoo report --quiet
fi
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$here/build/app/mergescope" "$zoo" "$@"
fi
echo "[run] no display: starting the app under Xvfb (a virtual screen). Set DISPLAY to use your own."
exec xvfb-run -a -s "-screen 0 1600x1000x24" "$here/build/app/mergescope" "$zoo" "$@"
