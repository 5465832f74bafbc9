#!/usr/bin/env bash
# Fuzzes MergeScope's parsers with libFuzzer under AddressSanitizer + UndefinedBehaviorSanitizer.
#   bash scripts/fuzz.sh [--seconds N] [--runs N] [--build-only | --no-build] [TARGET ...]
# Targets: safetensors pool_manifest recipe idx shard image session (default: every harness). Each starts
# from its seed corpus in tests/fuzz/corpus/TARGET (real files), works on a copy in
# build-fuzz/corpus/TARGET and stops after N seconds (default 30) or N executions. One line per
# target: executions, seconds, executions per second, corpus files. A crash, a sanitizer report, a
# leak or a parser that breaks its contract (tests/fuzz/fuzz_support.h) fails the script, and the
# input that did it is left in build-fuzz/crashes/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=30
runs=-1
build_step=yes
run_step=yes
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; seconds=0; shift 2 ;;
    --build-only) run_step=no; shift ;;
    --no-build) build_step=no; shift ;;
    -h|--help) sed -n 2,10p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then  # every harness tests/fuzz/fuzz_TARGET.cpp
  for f in "$here"/tests/fuzz/fuzz_*.cpp; do t="${f##*/fuzz_}"; targets+=("${t%.cpp}"); done
fi

build="${MERGESCOPE_FUZZ_BUILD:-$here/build-fuzz}"
if [ "$build_step" = yes ]; then
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$here/tests/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ >/dev/null
  fi
  ninja -C "$build" >/dev/null
fi
[ "$run_step" = yes ] || exit 0

mkdir -p "$build/crashes"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_QPA_PLATFORM=offscreen
export OPENCV_LOG_LEVEL=ERROR  # a decoder warning per rejected input would fill the log
status=0
printf '%-14s %12s %8s %10s %8s\n' target executions seconds "exec/s" corpus
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  cp -n "$here/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null || true
  log="$build/$t.log"
  start=$(date +%s.%N)
  if "$build/fuzz_$t" -max_total_time="$seconds" -runs="$runs" -rss_limit_mb=2048 \
       -timeout=10 -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" "$corpus" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED; status=1
  fi
  end=$(date +%s.%N)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')
  rate=$(awk -v e="${execs:-0}" -v s="$elapsed" 'BEGIN { printf "%.0f", (s > 0 ? e / s : 0) }')
  printf '%-14s %12s %8s %10s %8s %s\n' "$t" "${execs:-?}" "$elapsed" "$rate" "$(ls "$corpus" | wc -l)" "$result"
  if [ "$result" = FAILED ]; then grep -m 20 -E "ERROR|FUZZ CONTRACT|SUMMARY|Test unit written" "$log" >&2 || tail -20 "$log" >&2; fi
done
exit $status
