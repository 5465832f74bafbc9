#!/usr/bin/env bash
# The README's second command: install what is missing, build, run the whole suite through CTest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
export MERGESCOPE_MNIST_DIR="$here/third_party/mnist"
ctest --test-dir "$here/build" --output-on-failure -j2 "$@"
