#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14, AddressSanitizer and UndefinedBehaviorSanitizer
# in build-fuzz/, seeds a corpus from the example and the test inputs, and runs each target for
# SECONDS (default 60). Installs clang-14 and its runtime if they are missing.
# Usage: tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
./scripts/setup.sh >/dev/null
missing=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# C++17: clang 14 cannot compile LLVM 14's JSON.h against libstdc++ 12 in C++20 mode.
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_STANDARD=17 -DBUDC_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_frontend fuzz_check fuzz_format fuzz_lexer_diff fuzz_scoring
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/crashes
cp examples/*/*.bud tests/syntax/*.bud tests/check/*.bud tests/fuzz/seeds/*.bud "$corpus"/ 2>/dev/null || true
for target in ${BUDC_FUZZ_TARGETS:-fuzz_frontend fuzz_check fuzz_format fuzz_lexer_diff fuzz_scoring}; do
  echo "== $target, ${seconds}s"
  # UBSan halts: undefined behaviour is a finding with its input in crashes/, not a log line.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    build-fuzz/bin/$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 \
    "$corpus" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Done|#[0-9]+ +DONE)|runtime error" || true
done
echo "crashes: $(ls build-fuzz/crashes | wc -l) (in build-fuzz/crashes)"
